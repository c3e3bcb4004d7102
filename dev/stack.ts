/**
 * The local stack behind `npm start` and the browser tests: the relay mounted at `/onboarding`,
 * talking to the in-memory sandbox (default) or, when FinHub credentials are in the environment,
 * to the real FinHub sandbox. Sandbox controls (dev inbox, fault injection) live at `/__sandbox`,
 * and the sandbox's FinHub API itself at `/__finhub/api/v2.1/*` (dev only), so
 * `finhub-onboarding doctor` can check it as it would a partner's tenant.
 * The sandbox speaks one documented variant (`FINHUB_SANDBOX_VARIANT`, docs/finhub-contract.md#variants);
 * the tests mount one more stack per variant under `/v/<variant>` (createVariantStacks).
 */
import { FINHUB_ENV } from '../src/doctor/env.js';
import { createOnboardingHandler } from '../src/server/index.js';
import type {
  ConnectionInfo,
  OnboardingHandler,
  OnboardingHandlerOptions,
} from '../src/server/types.js';
import { VARIANTS, createSandbox, variantNamed, type Sandbox } from '../sandbox/index.js';

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
  /** Another relay in front of the same FinHub (sandbox), e.g. on a second origin. */
  createRelay(extra: Partial<OnboardingHandlerOptions>): OnboardingHandler;
  describe(): string;
  /** The doctor command for this stack, with the environment it needs, served from `origin`. */
  doctorCommand(origin: string): string;
}

type Env = Record<string, string | undefined>;

export interface DevStackOptions {
  env?: Env;
  verificationDelayMs?: number;
  walletProvisioningDelayMs?: number;
  /** The relay's per-address token limit; the test runner lifts it (every test is 127.0.0.1). */
  tokenRateLimit?: OnboardingHandlerOptions['tokenRateLimit'];
  /** The relay's per-address hand-off exchange limit; the test runner lifts it too. */
  handoffExchangeRateLimit?: OnboardingHandlerOptions['handoffExchangeRateLimit'];
  /** The phone hand-off page put in a new hand-off's `url` (`handoffUrl`); a path moves with `basePath`. */
  handoffUrl?: string;
  /**
   * The sandbox variant (sandbox/variants.ts); default `env.FINHUB_SANDBOX_VARIANT`, else
   * `default`. An unknown name throws, naming the known ones.
   */
  variant?: string;
  /** Mounts the stack below this path (e.g. `/v/runner`): relay and controls move with it. */
  basePath?: string;
}

export function createDevStack(options: DevStackOptions = {}): DevStack {
  const env = options.env ?? {};
  const base = options.basePath ? `/${options.basePath.replace(/^\/+|\/+$/g, '')}` : '';
  const relayPrefix = `${base}${RELAY_PREFIX}`;
  const controlPrefix = `${base}${SANDBOX_CONTROL_PREFIX}`;
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
      variant: variantNamed(options.variant ?? env.FINHUB_SANDBOX_VARIANT ?? 'default'),
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
  if (options.handoffExchangeRateLimit !== undefined) {
    relayOptions.handoffExchangeRateLimit = options.handoffExchangeRateLimit;
  }
  const { handoffUrl } = options;
  if (handoffUrl !== undefined) {
    relayOptions.handoffUrl = handoffUrl.startsWith('/') ? `${base}${handoffUrl}` : handoffUrl;
  }
  relayOptions.prefix = relayPrefix;
  const relay = createOnboardingHandler(relayOptions);

  const owns = (pathname: string) =>
    pathname === relayPrefix ||
    pathname.startsWith(`${relayPrefix}/`) ||
    (sandbox !== undefined && pathname.startsWith(`${controlPrefix}/`)) ||
    (sandbox !== undefined && pathname.startsWith(`${base}${SANDBOX_API_PREFIX}/api/`));

  return {
    sandbox,
    createRelay: (extra) => createOnboardingHandler({ ...relayOptions, ...extra }),
    owns,
    async handle(request, connection) {
      const url = new URL(request.url);
      if (url.pathname === relayPrefix || url.pathname.startsWith(`${relayPrefix}/`)) {
        return relay(request, connection);
      }
      if (sandbox && url.pathname.startsWith(`${controlPrefix}/`)) {
        if (!base) return sandbox.control(request);
        // The controls answer `/__sandbox/*`: the same request without the base path.
        url.pathname = url.pathname.slice(base.length);
        const body = request.method === 'GET' ? undefined : await request.text();
        return sandbox.control(
          new Request(url, { method: request.method, headers: request.headers, body }),
        );
      }
      if (sandbox && url.pathname.startsWith(`${base}${SANDBOX_API_PREFIX}/api/`)) {
        url.pathname = url.pathname.slice(`${base}${SANDBOX_API_PREFIX}`.length);
        return sandbox.fetch(new Request(url, request));
      }
      return undefined;
    },
    doctorCommand(origin) {
      if (!sandbox) return 'npx finhub-onboarding doctor   (with the FINHUB_* variables above)';
      const { tenantId, tenantKey, tenantSecret, admin } = sandbox.credentials;
      // The in-memory sandbox's own made-up credentials: nothing here is a real secret.
      const vars = {
        FINHUB_BASE_URL: `${origin}${base}${SANDBOX_API_PREFIX}`,
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
        : `relay → in-memory FinHub sandbox, variant "${sandbox?.variant.name}" (no credentials needed)`,
  };
}

/**
 * One in-memory stack per sandbox variant, under `/v/<variant>` (relay at
 * `/v/<variant>/onboarding`, controls at `/v/<variant>/__sandbox`), for the variant tests.
 */
export function createVariantStacks(
  options: Omit<DevStackOptions, 'variant' | 'basePath' | 'env'> = {},
): DevStack[] {
  return VARIANTS.map((variant) =>
    createDevStack({ ...options, env: {}, variant: variant.name, basePath: `/v/${variant.name}` }),
  );
}
