/** Small fakes for the API client tests: a recording fetch, a token source and device hints. */
import { expect } from '@open-wc/testing';
import type { FinHubClientOptions } from '../../src/api/client.js';
import { FinHubApiError } from '../../src/api/errors.js';
import { IndividualClient } from '../../src/api/individual-client.js';
import { OrganizationClient } from '../../src/api/organization-client.js';
import type { DeviceHints, TokenSource } from '../../src/api/types.js';

export const TENANT = '97e7ff29-15f3-49ef-9681-3bbfcce4f6cd';

export class FakeTokens implements TokenSource {
  current = 'onb-token-1';
  getCalls = 0;
  refreshCalls = 0;
  adopted: { token: string; expiresIn: number | undefined }[] = [];
  tenantId: string | undefined = undefined;
  failGet: unknown = undefined;

  getToken(): Promise<string> {
    this.getCalls += 1;
    if (this.failGet !== undefined) return Promise.reject(this.failGet);
    return Promise.resolve(this.current);
  }

  refresh(): Promise<string> {
    this.refreshCalls += 1;
    this.current = `onb-token-refreshed-${this.refreshCalls}`;
    return Promise.resolve(this.current);
  }

  adopt(token: string, expiresIn?: number): void {
    this.adopted.push({ token, expiresIn });
    this.current = token;
  }
}

export const device: DeviceHints = {
  deviceId: 'device-4b1c',
  platform: 'web',
  osPlatform: 'Windows',
  forwardedFrom: 'web-app',
};

export type Responder = (request: Request, index: number) => Response | Promise<Response>;

/** A fetch that records a clone of every Request and answers from `responder`. */
export function recordingFetch(responder: Responder) {
  const requests: Request[] = [];
  const fetchFn = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    requests.push(request.clone());
    return Promise.resolve().then(() => responder(request, requests.length - 1));
  };
  return { fetch: fetchFn as typeof fetch, requests };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/** A fetch that only settles when its request is aborted (a server that never answers). */
export const hangingFetch = (request: Request): Promise<Response> =>
  new Promise((_resolve, reject) => {
    request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
  });

/**
 * A flow's client (the person's by default, which also has the endpoints both flows call and the
 * hierarchy) on a recording fetch and fake tokens.
 */
export function makeClient<C extends IndividualClient | OrganizationClient = IndividualClient>(
  responder: Responder,
  overrides: Partial<FinHubClientOptions> = {},
  Client: new (options: FinHubClientOptions) => C = IndividualClient as never,
) {
  const tokens = new FakeTokens();
  const recorder = recordingFetch(responder);
  const client = new Client({
    apiBase: '/onboarding/api',
    tenantId: TENANT,
    tokens,
    device,
    fetch: recorder.fetch,
    ...overrides,
  });
  return { client, tokens, requests: recorder.requests };
}

/** The company's client, as `makeClient` makes the person's. */
export const makeOrganizationClient = (
  responder: Responder,
  overrides: Partial<FinHubClientOptions> = {},
) => makeClient(responder, overrides, OrganizationClient);

export interface Sent {
  method: string;
  path: string;
  url: string;
  headers: Headers;
  body: unknown;
}

export async function sent(request: Request | undefined): Promise<Sent> {
  if (!request) throw new Error('no request was sent');
  const text = await request.clone().text();
  return {
    method: request.method,
    path: new URL(request.url).pathname,
    url: request.url,
    headers: request.headers,
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
  };
}

/** The FinHubApiError `promise` rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<FinHubApiError> {
  const outcome = await promise.then(
    () => 'resolved' as const,
    (error: unknown) => ({ error }),
  );
  if (outcome === 'resolved') throw new Error('expected the call to fail');
  expect(outcome.error).to.be.instanceOf(FinHubApiError);
  return outcome.error as FinHubApiError;
}
