/**
 * The local stack behind `npm start` and the browser tests: the relay mounted at `/onboarding`,
 * talking to the in-memory sandbox (default) or, when FinHub credentials are in the environment,
 * to the real FinHub sandbox. Sandbox controls (dev inbox, fault injection) live at `/__sandbox`.
 */
import { createOnboardingHandler } from '../src/server/index.js';
import type { ConnectionInfo, OnboardingHandlerOptions } from '../src/server/types.js';
import { createSandbox, type Sandbox } from '../sandbox/index.js';

export const RELAY_PREFIX = '/onboarding';
export const SANDBOX_CONTROL_PREFIX = '/__sandbox';

export interface DevStack {
  /** Answers a request for the relay or the sandbox controls; `undefined` when the path is neither. */
  handle(request: Request, connection?: ConnectionInfo): Promise<Response | undefined>;
  /** Paths this stack answers. */
  owns(pathname: string): boolean;
  /** The in-memory sandbox, or undefined when the relay targets the real FinHub. */
  sandbox: Sandbox | undefined;
  describe(): string;
}

type Env = Record<string, string | undefined>;

const FINHUB_ENV = [
  'FINHUB_BASE_URL',
  'FINHUB_TENANT_ID',
  'FINHUB_TENANT_KEY',
  'FINHUB_TENANT_SECRET',
  'FINHUB_ADMIN_ORGANIZATION_ID',
  'FINHUB_ADMIN_USER_ID',
  'FINHUB_ADMIN_USERNAME',
  'FINHUB_ADMIN_PASSWORD',
] as const;

export function createDevStack(
  options: {
    env?: Env;
    /** How long the sandbox takes to approve a verification, ms (tests decide through its controls). */
    verificationDelayMs?: number;
    /** How long an activated company's wallet takes to be ready, ms (the same). */
    walletProvisioningDelayMs?: number;
    /** The relay's per-address token limit; the test runner lifts it (every test is 127.0.0.1). */
    tokenRateLimit?: OnboardingHandlerOptions['tokenRateLimit'];
  } = {},
): DevStack {
  const env = options.env ?? {};
  const useRealFinHub = FINHUB_ENV.every((name) => env[name]);
  // A fixed dev secret is fine for the in-memory demo; real credentials require a real secret.
  const signingSecret =
    env.ONBOARDING_SIGNING_SECRET ??
    (useRealFinHub ? undefined : 'dev-only-signing-secret-not-for-production-use');
  if (!signingSecret) {
    throw new Error(
      'Set ONBOARDING_SIGNING_SECRET (32+ random characters) to use real FinHub credentials.',
    );
  }

  let sandbox: Sandbox | undefined;
  let relayOptions: OnboardingHandlerOptions;
  if (useRealFinHub) {
    relayOptions = {
      finhubBaseUrl: env.FINHUB_BASE_URL!,
      tenantId: env.FINHUB_TENANT_ID!,
      tenantKey: env.FINHUB_TENANT_KEY!,
      tenantSecret: env.FINHUB_TENANT_SECRET!,
      admin: {
        organizationId: env.FINHUB_ADMIN_ORGANIZATION_ID!,
        userId: env.FINHUB_ADMIN_USER_ID!,
        username: env.FINHUB_ADMIN_USERNAME!,
        password: env.FINHUB_ADMIN_PASSWORD!,
      },
      signingSecret,
    };
  } else {
    sandbox = createSandbox({
      verificationDelayMs: options.verificationDelayMs,
      walletProvisioningDelayMs: options.walletProvisioningDelayMs,
    });
    const { tenantId, tenantKey, tenantSecret, admin } = sandbox.credentials;
    const upstream = sandbox;
    relayOptions = {
      finhubBaseUrl: 'http://finhub.sandbox.invalid',
      tenantId,
      tenantKey,
      tenantSecret,
      admin,
      signingSecret,
      fetch: (request) => upstream.fetch(request),
    };
  }
  if (options.tokenRateLimit !== undefined) relayOptions.tokenRateLimit = options.tokenRateLimit;
  const relay = createOnboardingHandler(relayOptions);

  const owns = (pathname: string) =>
    pathname === RELAY_PREFIX ||
    pathname.startsWith(`${RELAY_PREFIX}/`) ||
    (sandbox !== undefined && pathname.startsWith(`${SANDBOX_CONTROL_PREFIX}/`));

  return {
    sandbox,
    owns,
    async handle(request, connection) {
      const { pathname } = new URL(request.url);
      if (pathname === RELAY_PREFIX || pathname.startsWith(`${RELAY_PREFIX}/`)) {
        return relay(request, connection);
      }
      if (sandbox && pathname.startsWith(`${SANDBOX_CONTROL_PREFIX}/`)) {
        return sandbox.control(request);
      }
      return undefined;
    },
    describe: () =>
      useRealFinHub
        ? `relay → FinHub at ${relayOptions.finhubBaseUrl} (tenant ${relayOptions.tenantId})`
        : 'relay → in-memory FinHub sandbox (no credentials needed)',
  };
}
