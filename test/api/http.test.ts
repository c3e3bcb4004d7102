/**
 * Transport behaviour through the flows' API clients: timeout, abort, network failure, unreadable bodies,
 * the single 401 refresh-and-retry, re-issued token adoption and tenant id resolution.
 */
import { expect } from '@open-wc/testing';
import { FinHubApiError } from '../../src/api/errors.js';
import { REISSUED_TOKEN_EXPIRES_HEADER, REISSUED_TOKEN_HEADER } from '../../src/api/types.js';
import {
  TENANT,
  hangingFetch,
  json,
  makeClient,
  makeOrganizationClient,
  sent,
  rejection,
} from './client-fakes.js';

const CUSTOMER = 'cust-1';
const consent = { version: '1.0' };
const ok = () => json({ code: 200, data: { status: 'ACCEPTED' }, message: 'Success' });

describe('HttpTransport (via the API clients)', () => {
  describe('timeout and abort', () => {
    it('maps its own timeout to `timeout` (client default)', async () => {
      const { client } = makeClient(hangingFetch, { timeoutMs: 40 });
      const started = performance.now();
      const error = await rejection(client.acceptIndividualConsent(CUSTOMER, 'terms', consent));
      expect(error.code).to.equal('timeout');
      expect(error.retryable).to.equal(true);
      expect(error.endpoint).to.equal(
        'POST /v2.1/customer/individual/{customerId}/consents/{consentType}',
      );
      expect(performance.now() - started).to.be.below(5000);
    });

    it('lets a per-call timeout override the client default', async () => {
      const { client } = makeClient(hangingFetch, { timeoutMs: 60_000 });
      const error = await rejection(
        client.acceptIndividualConsent(CUSTOMER, 'terms', consent, { timeoutMs: 30 }),
      );
      expect(error.code).to.equal('timeout');
    });

    it('times out even when a custom fetch ignores the signal', async () => {
      const { client } = makeOrganizationClient(() => new Promise<Response>(() => undefined), {
        timeoutMs: 30,
      });
      expect((await rejection(client.listDirectors('org-1'))).code).to.equal('timeout');
    });

    it('maps the caller aborting mid-flight to `aborted` and aborts the request', async () => {
      const controller = new AbortController();
      const { client, requests } = makeClient((request) => {
        setTimeout(() => controller.abort(), 10);
        return hangingFetch(request);
      });
      const error = await rejection(
        client.acceptIndividualConsent(CUSTOMER, 'terms', consent, { signal: controller.signal }),
      );
      expect(error.code).to.equal('aborted');
      expect(error.retryable).to.equal(false);
      expect(requests[0]!.signal.aborted).to.equal(true);
    });

    it('sends nothing when the signal is already aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      const { client, requests, tokens } = makeClient(ok);
      const error = await rejection(
        client.acceptIndividualConsent(CUSTOMER, 'terms', consent, { signal: controller.signal }),
      );
      expect(error.code).to.equal('aborted');
      expect(requests).to.have.length(0);
      expect(tokens.getCalls).to.equal(0);
    });
  });

  describe('failures', () => {
    it('maps a rejected fetch to network_error', async () => {
      const { client } = makeClient(() => Promise.reject(new TypeError('Failed to fetch')));
      const error = await rejection(client.acceptIndividualConsent(CUSTOMER, 'terms', consent));
      expect(error.code).to.equal('network_error');
      expect(error.message).to.equal('network error');
      expect(error.cause).to.be.instanceOf(TypeError);
    });

    it('maps a non-JSON 2xx body to invalid_response', async () => {
      const { client } = makeClient(
        () =>
          new Response('<html>Welcome</html>', {
            status: 200,
            headers: { 'Content-Type': 'text/html' },
          }),
      );
      const error = await rejection(client.acceptIndividualConsent(CUSTOMER, 'terms', consent));
      expect(error.code).to.equal('invalid_response');
      expect(error.status).to.equal(200);
    });

    it('maps a non-JSON 502 page by status', async () => {
      const { client } = makeOrganizationClient(
        () => new Response('<html>Bad gateway</html>', { status: 502 }),
      );
      const error = await rejection(client.listDirectors('org-1'));
      expect(error.code).to.equal('server_error');
      expect(error.status).to.equal(502);
      expect(error.retryable).to.equal(true);
    });

    it('accepts an empty 2xx body where no data is needed (consent)', async () => {
      const { client } = makeClient(() => new Response(null, { status: 204 }));
      const result = await client.acceptIndividualConsent(CUSTOMER, 'terms', consent);
      expect(result.status).to.equal(undefined);
    });

    it('rejects an empty 2xx body where an id is needed (verification)', async () => {
      const { client } = makeClient(() => new Response('', { status: 200 }));
      const error = await rejection(
        client.createVerification({
          customerId: 'c',
          type: 'IDENTITY_VERIFICATION',
          requestedByUserId: 'u',
        }),
      );
      expect(error.code).to.equal('invalid_response');
    });

    it('treats a 2xx whose envelope reports code 409 as that error', async () => {
      const { client } = makeClient(() =>
        json({ code: 409, message: 'Email already exists', data: { field: 'email' } }, 200),
      );
      const error = await rejection(client.acceptIndividualConsent(CUSTOMER, 'terms', consent));
      expect(error.code).to.equal('duplicate_email');
    });

    it('maps a failing token source to token_unavailable without calling the API', async () => {
      const { client, tokens, requests } = makeClient(ok);
      tokens.failGet = new Error('token endpoint 500');
      const error = await rejection(client.acceptIndividualConsent(CUSTOMER, 'terms', consent));
      expect(error.code).to.equal('token_unavailable');
      expect(requests).to.have.length(0);
    });

    it('passes on a FinHubApiError thrown by the token source unchanged', async () => {
      const { client, tokens } = makeClient(ok);
      const original = new FinHubApiError({
        code: 'rate_limited',
        message: 'slow down',
        retryAfter: 5,
      });
      tokens.failGet = original;
      expect(await rejection(client.acceptIndividualConsent(CUSTOMER, 'terms', consent))).to.equal(
        original,
      );
    });
  });

  describe('401 handling', () => {
    it('refreshes the token once and retries the same request once', async () => {
      const { client, tokens, requests } = makeClient((_request, index) =>
        index === 0 ? json({ code: 401, message: 'Token expired' }, 401) : ok(),
      );
      const result = await client.acceptIndividualConsent(CUSTOMER, 'privacy', consent);
      expect(result.status).to.equal('ACCEPTED');
      expect(tokens.refreshCalls).to.equal(1);
      expect(requests).to.have.length(2);
      const [first, second] = [await sent(requests[0]), await sent(requests[1])];
      expect(first.headers.get('Authorization')).to.equal('Bearer onb-token-1');
      expect(second.headers.get('Authorization')).to.equal('Bearer onb-token-refreshed-1');
      expect(second.path).to.equal(first.path);
      expect(second.body).to.deep.equal({ accepted: true, version: '1.0' });
    });

    it('throws unauthorized on a second 401 without a third attempt', async () => {
      const { client, tokens, requests } = makeOrganizationClient(() =>
        json({ code: 401, message: 'Unauthorized' }, 401),
      );
      const error = await rejection(client.listDirectors('org-1'));
      expect(error.code).to.equal('unauthorized');
      expect(error.status).to.equal(401);
      expect(error.message).to.equal('token refused (expired or not valid)');
      expect(tokens.refreshCalls).to.equal(1);
      expect(requests).to.have.length(2);
    });

    it('does not refresh-and-retry a 401 from org-user session creation', async () => {
      const { client, tokens, requests } = makeOrganizationClient(() =>
        json(
          { code: 401, message: 'Authentication failed', data: { errorType: 'AUTHENTICATION' } },
          401,
        ),
      );
      const error = await rejection(
        client.createOrganizationUserSession('org-1', 'user-1', {
          username: 'a@b.c',
          password: 'nope',
        }),
      );
      expect(error.code).to.equal('unauthorized');
      expect(error.message).to.equal('wrong email or password');
      expect(tokens.refreshCalls).to.equal(0);
      expect(requests).to.have.length(1);
    });

    it('does refresh-and-retry a sign-in the relay refused for an expired onboarding token', async () => {
      const { client, tokens, requests } = makeClient((_request, index) =>
        index === 0
          ? json(
              {
                code: 401,
                message: 'The onboarding token has expired.',
                data: { error: 'onboarding_token_expired' },
              },
              401,
            )
          : json({ code: 200, data: { sessionId: 'sess-2', userId: 'user-1' } }),
      );
      const result = await client.createCustomerSession('cust-1', 'user-1', {
        username: 'a@b.c',
        password: 'right',
      });
      expect(result.sessionId).to.equal('sess-2');
      expect(tokens.refreshCalls).to.equal(1);
      expect(requests).to.have.length(2);
      expect(requests[1]!.headers.get('Authorization')).to.equal('Bearer onb-token-refreshed-1');
    });

    it('never retries other failures (a 500 on registration is sent once)', async () => {
      const { client, requests } = makeOrganizationClient(() =>
        json({ code: 500, message: 'boom' }, 500),
      );
      const error = await rejection(
        client.registerOrganization({
          email: 'a@b.c',
          password: 'p',
          customerCategory: { id: 'c', name: 'n' },
          organization: {
            legalName: 'L',
            registrationNumber: 'R',
            legalForm: 'LIMITED_LIABILITY_COMPANY',
            address: { street: 's', city: 'c', postalCode: 'p', country: 'LT' },
          },
        }),
      );
      expect(error.code).to.equal('server_error');
      expect(requests).to.have.length(1);
    });
  });

  describe('re-issued onboarding token', () => {
    it('adopts X-Onboarding-Token with its lifetime before returning', async () => {
      const { client, tokens, requests } = makeClient((_request, index) =>
        index === 0
          ? json({ code: 200, data: { status: 'ACCEPTED' } }, 200, {
              [REISSUED_TOKEN_HEADER]: 'bound-token-2',
              [REISSUED_TOKEN_EXPIRES_HEADER]: '900',
            })
          : ok(),
      );
      await client.acceptIndividualConsent(CUSTOMER, 'terms', consent);
      expect(tokens.adopted).to.deep.equal([{ token: 'bound-token-2', expiresIn: 900 }]);
      await client.acceptIndividualConsent(CUSTOMER, 'privacy', consent);
      expect((await sent(requests[1])).headers.get('Authorization')).to.equal(
        'Bearer bound-token-2',
      );
    });

    it('adopts a token carried by an error response too, without a lifetime when absent', async () => {
      const { client, tokens } = makeClient(() =>
        json({ code: 422, message: 'Not ready' }, 422, {
          [REISSUED_TOKEN_HEADER]: 'bound-token-3',
        }),
      );
      const error = await rejection(client.acceptIndividualConsent(CUSTOMER, 'terms', consent));
      expect(error.code).to.equal('unprocessable');
      expect(tokens.adopted).to.deep.equal([{ token: 'bound-token-3', expiresIn: undefined }]);
    });

    it('adopts nothing when the header is absent', async () => {
      const { client, tokens } = makeClient(ok);
      await client.acceptIndividualConsent(CUSTOMER, 'terms', consent);
      expect(tokens.adopted).to.have.length(0);
    });
  });

  describe('tenant id', () => {
    it('reads a tenant id function on every call', async () => {
      let tenant = 'tenant-a';
      const { client, requests } = makeClient(ok, { tenantId: () => tenant });
      await client.acceptIndividualConsent(CUSTOMER, 'terms', consent);
      tenant = 'tenant-b';
      await client.acceptIndividualConsent(CUSTOMER, 'terms', consent);
      expect(requests.map((r) => r.headers.get('X-Tenant-ID'))).to.deep.equal([
        'tenant-a',
        'tenant-b',
      ]);
    });

    it('falls back to the tenant the token source reported', async () => {
      const { client, tokens, requests } = makeClient(
        () => json({ code: 200, data: { sessionId: 's', userId: 'u' } }),
        { tenantId: '' },
      );
      tokens.tenantId = TENANT;
      await client.createCustomerSession('c', 'u', { username: 'a@b.c', password: 'p' });
      const req = await sent(requests[0]);
      expect(req.headers.get('X-Tenant-ID')).to.equal(TENANT);
      expect((req.body as { tenantId: string }).tenantId).to.equal(TENANT);
    });

    it('sends nothing and explains when no tenant id is known', async () => {
      const { client, requests } = makeClient(ok, { tenantId: () => undefined });
      const error = await rejection(client.acceptIndividualConsent(CUSTOMER, 'terms', consent));
      expect(error.code).to.equal('bad_request');
      expect(error.message).to.contain('no tenant id');
      expect(requests).to.have.length(0);
    });
  });
});
