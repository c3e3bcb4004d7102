// STUB: replaced by the sandbox implementation.
export interface SandboxCredentials {
  tenantId: string;
  tenantKey: string;
  tenantSecret: string;
  admin: { organizationId: string; userId: string; username: string; password: string };
}

export interface SandboxOptions extends Partial<SandboxCredentials> {
  /** How long after creation a verification is approved automatically, ms. Default 3000. */
  verificationDelayMs?: number;
  now?: () => number;
}

export interface Sandbox {
  readonly credentials: SandboxCredentials;
  /** FinHub v2.1 itself: answers `/api/v2.1/*`. */
  fetch(request: Request): Promise<Response>;
  /** Dev and test controls under `/__sandbox/*`: inbox, faults, verification outcome, request journal. */
  control(request: Request): Promise<Response>;
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const credentials: SandboxCredentials = {
    tenantId: options.tenantId ?? '97e7ff29-15f3-49ef-9681-3bbfcce4f6cd',
    tenantKey: options.tenantKey ?? 'sandbox-tenant-key-0000000000',
    tenantSecret: options.tenantSecret ?? 'sandbox-tenant-secret-000000',
    admin: options.admin ?? {
      organizationId: '00000000-0000-4000-8000-000000000001',
      userId: '00000000-0000-4000-8000-000000000002',
      username: 'admin@sandbox.finhub.test',
      password: 'sandbox-admin-password',
    },
  };
  return {
    credentials,
    fetch: async () => new Response('sandbox not implemented', { status: 501 }),
    control: async () => new Response('sandbox not implemented', { status: 501 }),
  };
}
