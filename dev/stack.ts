/**
 * The local stack behind `npm start` and the browser tests: the relay mounted at `/onboarding`,
 * talking to the in-memory sandbox (default) or, when FinHub credentials are in the environment,
 * to the real FinHub sandbox. Sandbox controls (dev inbox, fault injection) live at `/__sandbox`,
 * and the sandbox's FinHub API itself at `/__finhub/api/v2.1/*` (dev only), so
 * `finhub-onboarding doctor` can check it as it would a partner's tenant.
 */
import { FINHUB_ENV } from '../src/doctor/env.js';
import { createOnboardingHandler } from '../src/server/index.js';
import type { ConnectionInfo, OnboardingHandlerOptions } from '../src/server/types.js';
import { createSandbox, type Sandbox } from '../sandbox/index.js';

export const RELAY_PREFIX = '/onboarding';
export const SANDBOX_CONTROL_PREFIX = '/__sandbox';
export const SANDBOX_API_PREFIX = '/__finhub';

export interface DevStack {
  /** Answers a request for the relay or the sandbox controls; `undefined` when the path is neither. */
  handle(request: Request, connection?: ConnectionInfo): Promise<Response | undefined>;
  /** Paths this stack answers. */
  owns(pathname: string): boolean;
  /** The in-memory sandbox, or undefined when the relay targets the real FinHub. */
  sandbox: Sandbox | undefined;
  describe(): string;
  /** The doctor command for this stack, with the environment it needs, served from `origin`. */
  doctorCommand(origin: string): string;
}

type Env = Record<string, string | undefined>;

export function createDevStack(
  options: {
    env?: Env;
    verificationDelayMs?: number;
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
    sandbox = createSandbox({ verificationDelayMs: options.verificationDelayMs });
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
    (sandbox !== undefined && pathname.startsWith(`${SANDBOX_CONTROL_PREFIX}/`)) ||
    (sandbox !== undefined && pathname.startsWith(`${SANDBOX_API_PREFIX}/api/`));

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
      if (sandbox && pathname.startsWith(`${SANDBOX_API_PREFIX}/api/`)) {
        const url = new URL(request.url);
        url.pathname = pathname.slice(SANDBOX_API_PREFIX.length);
        return sandbox.fetch(new Request(url, request));
      }
      return undefined;
    },
    doctorCommand(origin) {
      if (!sandbox) return 'npx finhub-onboarding doctor   (with the FINHUB_* variables above)';
      const { tenantId, tenantKey, tenantSecret, admin } = sandbox.credentials;
      // The in-memory sandbox's own made-up credentials: nothing here is a real secret.
      const vars = {
        FINHUB_BASE_URL: `${origin}${SANDBOX_API_PREFIX}`,
        FINHUB_TENANT_ID: tenantId,
        FINHUB_TENANT_KEY: tenantKey,
        FINHUB_TENANT_SECRET: tenantSecret,
        FINHUB_ADMIN_ORGANIZATION_ID: admin.organizationId,
        FINHUB_ADMIN_USER_ID: admin.userId,
        FINHUB_ADMIN_USERNAME: admin.username,
        FINHUB_ADMIN_PASSWORD: admin.password,
      };
      const env = Object.entries(vars).map(([name, value]) => `${name}='${value}'`);
      return `${env.join(' ')} npx finhub-onboarding doctor`;
    },
    describe: () =>
      useRealFinHub
        ? `relay → FinHub at ${relayOptions.finhubBaseUrl} (tenant ${relayOptions.tenantId})`
        : 'relay → in-memory FinHub sandbox (no credentials needed)',
  };
}
