/**
 * The local stack behind `npm start` and the browser tests: the relay mounted at `/onboarding`,
 * talking to the in-memory sandbox (default) or, when FinHub credentials are in the environment,
 * to the real FinHub sandbox. Sandbox controls (dev inbox, fault injection) live at `/__sandbox`.
 * The sandbox speaks one documented variant (`FINHUB_SANDBOX_VARIANT`, docs/finhub-contract.md#variants);
 * the tests mount one more stack per variant under `/v/<variant>` (createVariantStacks).
 */
import { createOnboardingHandler } from '../src/server/index.js';
import type { ConnectionInfo, OnboardingHandlerOptions } from '../src/server/types.js';
import { VARIANTS, createSandbox, variantNamed, type Sandbox } from '../sandbox/index.js';

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

export interface DevStackOptions {
  env?: Env;
  verificationDelayMs?: number;
  walletProvisioningDelayMs?: number;
  /** The relay's per-address token limit; the test runner lifts it (every test is 127.0.0.1). */
  tokenRateLimit?: OnboardingHandlerOptions['tokenRateLimit'];
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
  relayOptions.prefix = relayPrefix;
  const relay = createOnboardingHandler(relayOptions);

  const owns = (pathname: string) =>
    pathname === relayPrefix ||
    pathname.startsWith(`${relayPrefix}/`) ||
    (sandbox !== undefined && pathname.startsWith(`${controlPrefix}/`));

  return {
    sandbox,
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
      return undefined;
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
