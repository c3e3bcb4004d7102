/**
 * The categories handed along with a new onboarding token (docs/architecture.md#categories-with-the-token):
 * the relay reads the tenant's categorization hierarchy with its admin session and analyses it for
 * both flows, with the element's own code (src/flows/category-options.ts, no host overrides: only
 * the element knows those), so the element's first step needs no hierarchy request. Only what the
 * element would read through the relay anyway goes out: category names, codes, ids and, for one
 * smart categorization cannot fill, which feature key is missing. One read serves every new
 * onboarding for `CATEGORIES_CACHE_MS`; a failed or slow read leaves the field out and the element
 * reads the hierarchy itself.
 */
import { readHierarchy, type CategorizationHierarchy } from '../api/hierarchy.js';
import { SHARED_ENDPOINTS, classifyEnvelope } from '../api/response-shapes.js';
import { categoryOptions } from '../flows/category-options.js';
import { sendWithCredentials, type AdminSession } from './admin-session.js';
import { callUpstream, type UpstreamFetch } from './forward.js';
import type { Log } from './log.js';
import type { TokenCategories } from './types.js';

/** How long one read of the hierarchy serves every new onboarding. */
export const CATEGORIES_CACHE_MS = 60_000;
/** How long a token answer waits for a read; a slower one still fills the cache for the next. */
export const CATEGORIES_WAIT_MS = 2_000;

/** The hierarchy's documented paths, in the element's order (client-base.ts). */
const PATHS = [
  [
    SHARED_ENDPOINTS.hierarchy,
    (tenant: string) =>
      `/customer/individual/categorization/hierarchy/${encodeURIComponent(tenant)}`,
  ],
  [SHARED_ENDPOINTS.hierarchyShared, () => '/customer/categorization/hierarchy'],
] as const;

export function createTokenCategories(options: {
  finhubBaseUrl: string;
  tenantId: string;
  adminSession: AdminSession;
  upstream: UpstreamFetch;
  timeoutMs: number;
  now: () => number;
  log: Log;
}): (clientIp: string | undefined) => Promise<TokenCategories | undefined> {
  const { tenantId, adminSession, upstream, timeoutMs, now, log } = options;
  /** The path this tenant served last (the older one where it lacks the documented one). */
  let served = 0;

  /** One GET of the hierarchy with the admin session, read exactly as the element reads it. */
  async function fetchHierarchy(clientIp: string | undefined): Promise<CategorizationHierarchy> {
    for (let index = served; ; index++) {
      const [endpoint, path] = PATHS[index]!;
      // FinHub's headers (docs/finhub-contract.md#headers); the device is the relay's own read.
      const headers = new Headers({
        Accept: 'application/json',
        'X-Tenant-ID': tenantId,
        deviceId: 'finhub-onboarding-relay',
        platform: 'web',
        'X-Forwarded-From': 'web-app',
      });
      // FinHub wants the person's address: the one whose token asked for this read.
      if (clientIp) headers.set('X-Forwarded-For', clientIp);
      const url = `${options.finhubBaseUrl}/api/v2.1${path(tenantId)}`;
      const { result } = await sendWithCredentials({
        send: (token) => {
          headers.set('Authorization', `Bearer ${token}`);
          return callUpstream(upstream, url, { method: 'GET', headers }, timeoutMs);
        },
        adminSession,
        customerToken: undefined,
        signIn: false,
      });
      if (result.kind !== 'response') throw new Error(`hierarchy: ${result.kind}`);
      const missing = result.status === 404 || result.status === 405;
      if (missing && index + 1 < PATHS.length) continue;
      if (result.status < 200 || result.status >= 300) {
        throw new Error(`hierarchy: HTTP ${result.status}`);
      }
      const envelope = classifyEnvelope(JSON.parse(new TextDecoder().decode(result.body)));
      const hierarchy = readHierarchy(envelope.data, endpoint, envelope.prefix);
      served = index;
      return hierarchy;
    }
  }

  let cached: { at: number; read: Promise<TokenCategories | undefined> } | undefined;
  const read = async (clientIp: string | undefined): Promise<TokenCategories | undefined> => {
    const hierarchy = await fetchHierarchy(clientIp);
    return {
      individual: categoryOptions(hierarchy, 'individual'),
      organization: categoryOptions(hierarchy, 'organization'),
    };
  };
  const start = (clientIp: string | undefined) => {
    const entry = {
      at: now(),
      read: read(clientIp).catch((error: unknown) => {
        if (cached === entry) cached = undefined; // the next token asks again
        const code = (error as { code?: unknown } | null)?.code;
        log('warn', 'categories.unavailable', {
          error: error instanceof Error ? error.name : typeof error,
          code: typeof code === 'string' ? code : undefined,
        });
        return undefined;
      }),
    };
    return entry;
  };

  return async (clientIp) => {
    if (!cached || now() - cached.at >= CATEGORIES_CACHE_MS) cached = start(clientIp);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), CATEGORIES_WAIT_MS);
    });
    try {
      return await Promise.race([cached.read, late]);
    } finally {
      clearTimeout(timer);
    }
  };
}
