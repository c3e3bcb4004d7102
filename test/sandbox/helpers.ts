/** Shared helpers for the sandbox tests: call the sandbox in-page, build valid bodies and files. */
import type { Sandbox } from '../../sandbox/index.js';
import { CATEGORIES } from '../../sandbox/index.js';

export const API = 'http://finhub.sandbox.test/api/v2.1';

export interface CallOptions {
  body?: unknown;
  /** Raw body text (bad JSON tests). */
  raw?: string;
  token?: string;
  headers?: Record<string, string>;
  /** Required headers to leave out. */
  omit?: string[];
  signal?: AbortSignal;
}

export interface Reply {
  status: number;
  headers: Headers;
  // Response bodies are checked field by field in the tests.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test-side JSON access
  json: any;
}

export class Client {
  constructor(
    readonly sandbox: Sandbox,
    readonly deviceId = `device-${crypto.randomUUID()}`,
  ) {}

  baseHeaders(): Record<string, string> {
    return {
      'X-Tenant-ID': this.sandbox.credentials.tenantId,
      'X-Forwarded-For': '203.0.113.7',
      'X-Forwarded-From': 'web-app',
      platform: 'web',
      deviceId: this.deviceId,
    };
  }

  request(method: string, path: string, options: CallOptions = {}): Request {
    const headers: Record<string, string> = { ...this.baseHeaders() };
    const body =
      options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    Object.assign(headers, options.headers);
    for (const name of options.omit ?? []) delete headers[name];
    return new Request(`${API}${path}`, { method, headers, body, signal: options.signal });
  }

  async call(method: string, path: string, options: CallOptions = {}): Promise<Reply> {
    const response = await this.sandbox.fetch(this.request(method, path, options));
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      json: text ? JSON.parse(text) : null,
    };
  }

  async adminLogin(overrides: Record<string, string> = {}): Promise<Reply> {
    const { admin, tenantKey, tenantSecret } = this.sandbox.credentials;
    return this.call(
      'POST',
      `/admin/organization/${admin.organizationId}/users/${admin.userId}/sessions`,
      {
        body: {
          username: admin.username,
          password: admin.password,
          tenantKey,
          tenantSecret,
          ...overrides,
        },
      },
    );
  }

  async adminToken(): Promise<string> {
    const reply = await this.adminLogin();
    return reply.json.data.token as string;
  }
}

export const PASSWORD = 'SecurePass123!';

export const category = (code: string) => {
  const found = CATEGORIES.find((c) => c.categoryId === code);
  if (!found) throw new Error(`no category ${code}`);
  return found;
};

export const uniqueEmail = (prefix = 'customer') =>
  `${prefix}.${crypto.randomUUID().slice(0, 8)}@example.com`;

/**
 * A categorization object (docs/finhub-contract.md#categorization-at-registration) for `code` with
 * the given values per feature.
 */
export function categorization(code: string, values: Record<string, Record<string, string>>) {
  const cat = category(code);
  return {
    id: cat.databaseId,
    name: cat.categoryName,
    isActive: true,
    categoryFeatureRelations: Object.entries(values).map(([featureCode, params]) => ({
      feature: {
        id:
          cat.availableFeatures.find((f) => f.featureCode === featureCode)?.databaseId ??
          featureCode,
        code: featureCode,
      },
      enabled: true,
      parametrization: Object.entries(params).map(([name, value]) => ({ name, value })),
    })),
  };
}

export const VALID_AML = {
  riskLevel: 'HIGH',
  riskScore: '85',
  pep: 'false',
  sanctionsCheck: 'ENHANCED',
  monitoring: 'DAILY',
  edd: 'true',
};
export const VALID_LIMITS = { monthlyLimit: '20000', dailyLimit: '5000' };

/**
 * docs/finhub-contract.md#registration-body body: top-level fields plus a populated
 * `individualCustomer`.
 */
export function individualBody(
  sandbox: Sandbox,
  overrides: Record<string, unknown> = {},
  categoryCode = 'LOW_RISK_INDIVIDUAL',
) {
  const email = (overrides.email as string | undefined) ?? uniqueEmail();
  const cat = category(categoryCode);
  return {
    firstName: 'Marcus',
    lastName: 'Jensen',
    email,
    phone: '+37062767557',
    password: PASSWORD,
    matchingPassword: PASSWORD,
    dateOfBirth: '1990-05-15',
    gender: 'MALE',
    nationality: 'LT',
    placeOfBirth: 'Vilnius',
    pincode: '12345',
    roleIds: ['ACCOUNT_OWNER', 'USER'],
    customerCategory: { id: cat.databaseId, name: cat.categoryName },
    individualCustomer: {
      tenantId: sandbox.credentials.tenantId,
      customerName: 'Marcus Jensen',
      person: {
        firstName: 'Marcus',
        lastName: 'Jensen',
        email,
        dateOfBirth: '1990-05-15',
        gender: 'MALE',
        nationality: 'LT',
        addresses: [
          {
            type: 'HOME',
            street: '1 Gedimino pr.',
            city: 'Vilnius',
            postalCode: '01103',
            country: 'LT',
            isPrimary: true,
          },
        ],
        contacts: [{ type: 'EMAIL', value: email, isPrimary: true }],
      },
      user: {
        username: email,
        email,
        password: PASSWORD,
        status: 'PENDING_ACTIVATION',
        roles: ['ACCOUNT_OWNER', 'USER'],
      },
    },
    ...overrides,
  };
}

export interface RegisteredIndividual {
  customerId: string;
  userId: string;
  email: string;
}

export async function registerIndividual(
  client: Client,
  admin: string,
  categoryCode = 'LOW_RISK_INDIVIDUAL',
  extra: Record<string, unknown> = {},
): Promise<RegisteredIndividual> {
  const body = individualBody(client.sandbox, {}, categoryCode);
  if (categoryCode === 'HIGH_RISK_INDIVIDUAL') {
    body.individualCustomer = {
      ...body.individualCustomer,
      categorization: categorization(categoryCode, {
        ENHANCED_AML_MONITORING: VALID_AML,
        TRANSACTION_LIMITS: VALID_LIMITS,
      }),
    } as typeof body.individualCustomer;
  }
  const reply = await client.call('POST', '/customer/individual/registration', {
    body: { ...body, ...extra },
    token: admin,
  });
  if (reply.status !== 200) throw new Error(`registration failed: ${JSON.stringify(reply.json)}`);
  return { customerId: reply.json.data.id, userId: reply.json.data.user.id, email: body.email };
}

export function loginBody(client: Client, username: string, password = PASSWORD) {
  const { tenantKey, tenantSecret, tenantId } = client.sandbox.credentials;
  return {
    username,
    password,
    tenantKey,
    tenantSecret,
    credentialType: 'PASSWORD',
    value: username,
    tenantId,
  };
}

export async function customerToken(
  client: Client,
  admin: string,
  who: RegisteredIndividual,
): Promise<string> {
  const reply = await client.call(
    'POST',
    `/customer/individual/${who.customerId}/users/${who.userId}/sessions`,
    {
      token: admin,
      body: loginBody(client, who.email),
    },
  );
  if (reply.status !== 200) throw new Error(`login failed: ${JSON.stringify(reply.json)}`);
  return reply.json.data.token as string;
}

// ---- files -------------------------------------------------------------------------------

const MAGIC = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00],
} as const;

export const MB = 1024 * 1024;

/**
 * Base64 of a file that starts with the real magic bytes of `mime` and decodes to at least
 * `bytes` bytes (9 magic bytes + zero bytes; the zero tail is 'A' in base64).
 */
export function fileBase64(mime: keyof typeof MAGIC, bytes = 1024): string {
  const head = btoa(String.fromCharCode(...MAGIC[mime])); // 9 bytes → 12 chars, no padding
  const tailBytes = Math.max(0, bytes - 9);
  return head + 'A'.repeat(Math.ceil(tailBytes / 3) * 4);
}

export function documentBody(
  documentType: string,
  mime: keyof typeof MAGIC = 'application/pdf',
  bytes = 2048,
) {
  const ext = mime === 'application/pdf' ? 'pdf' : mime === 'image/png' ? 'png' : 'jpg';
  return {
    documentType,
    mimeType: mime,
    fileName: `${documentType.toLowerCase()}.${ext}`,
    fileContent: fileBase64(mime, bytes),
  };
}

/** A clock tests can move. */
export function fakeClock(start = Date.parse('2026-03-31T10:00:00Z')) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}
