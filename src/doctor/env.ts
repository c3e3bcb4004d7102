/**
 * The doctor's configuration: the same environment variables the relay is set up from (README
 * "The relay on your server"), so a partner runs it on the server, in the relay's environment.
 */

/** Every variable the relay's FinHub connection needs (and the demo reads, dev/stack.ts). */
export const FINHUB_ENV = [
  'FINHUB_BASE_URL',
  'FINHUB_TENANT_ID',
  'FINHUB_TENANT_KEY',
  'FINHUB_TENANT_SECRET',
  'FINHUB_ADMIN_ORGANIZATION_ID',
  'FINHUB_ADMIN_USER_ID',
  'FINHUB_ADMIN_USERNAME',
  'FINHUB_ADMIN_PASSWORD',
] as const;

export interface DoctorConfig {
  /** FinHub's base URL without a trailing slash; the API is under `{baseUrl}/api/v2.1`. */
  baseUrl: string;
  tenantId: string;
  tenantKey: string;
  tenantSecret: string;
  admin: { organizationId: string; userId: string; username: string; password: string };
}

export type Env = Record<string, string | undefined>;

/** The configuration, or the names of the variables that are missing (or not a URL). */
export function configFromEnv(env: Env): { config: DoctorConfig } | { missing: string[] } {
  const missing: string[] = FINHUB_ENV.filter((name) => !env[name]?.trim());
  const base = env.FINHUB_BASE_URL?.trim() ?? '';
  if (base && !/^https?:\/\/[^/]/i.test(base)) missing.push('FINHUB_BASE_URL (an http(s) URL)');
  if (missing.length > 0) return { missing };
  const value = (name: (typeof FINHUB_ENV)[number]) => env[name]!.trim();
  return {
    config: {
      baseUrl: base.replace(/\/+$/, ''),
      tenantId: value('FINHUB_TENANT_ID'),
      tenantKey: value('FINHUB_TENANT_KEY'),
      // Passwords and secrets are used as given: a space may be part of them.
      tenantSecret: env.FINHUB_TENANT_SECRET!,
      admin: {
        organizationId: value('FINHUB_ADMIN_ORGANIZATION_ID'),
        userId: value('FINHUB_ADMIN_USER_ID'),
        username: value('FINHUB_ADMIN_USERNAME'),
        password: env.FINHUB_ADMIN_PASSWORD!,
      },
    },
  };
}

/** Values that must never be printed: tenant key and secret, admin name and password. */
export const secretsOf = (config: DoctorConfig): string[] =>
  [config.tenantKey, config.tenantSecret, config.admin.username, config.admin.password].filter(
    (value) => value.length >= 4,
  );

/** Replaces every secret (and anything token-like) in `text`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join('[redacted]');
  }
  // A JWT that slipped into a message (FinHub's tokens are JWTs, docs/finhub-contract.md#admin-session).
  return out.replace(/eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*/g, '[redacted token]');
}
