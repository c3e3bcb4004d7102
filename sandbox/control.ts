/**
 * Dev and test controls under `/__sandbox/*` (plain JSON, not FinHub's envelope):
 *   GET    /__sandbox/inbox?to=<email>              → {messages}, newest first
 *   GET    /__sandbox/accounts?email=<email>        → {flow, customerId | organizationId, userId}
 *          (the demo page's "sign in": a partner's backend would look its own user up)
 *   DELETE /__sandbox/inbox                         → {removed}
 *   GET    /__sandbox/faults                        → {faults}
 *   POST   /__sandbox/faults  {FaultRule}           → {id}
 *   DELETE /__sandbox/faults[?deviceId=]            → {removed}
 *   GET    /__sandbox/requests[?deviceId=]          → {requests}, oldest first
 *   DELETE /__sandbox/requests[?deviceId=]          → {removed}
 *   GET    /__sandbox/verifications/{id}            → the verification
 *   POST   /__sandbox/verifications/{id}/approve    → {verificationId, status}
 *   POST   /__sandbox/verifications/{id}/reject {reason} → {verificationId, status, reason}
 *   POST   /__sandbox/organizations/{id}/wallet     → {organizationId, status}: an activated
 *          company's wallet is ready now (tests decide when, instead of waiting for the delay)
 */
import type { Faults } from './faults.js';
import { isObject, json } from './http.js';
import type { Journal } from './journal.js';
import type { SandboxStore } from './store.js';
import { verificationView } from './routes/views.js';

export const CONTROL_PREFIX = '/__sandbox';

const fail = (status: number, error: string) => json(status, { error });

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text) return {};
  return JSON.parse(text);
}

export function createControl(
  store: SandboxStore,
  faults: Faults,
  journal: Journal,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    if (!url.pathname.startsWith(`${CONTROL_PREFIX}/`))
      return fail(404, 'Not a sandbox control path');
    const path = url.pathname.slice(CONTROL_PREFIX.length).replace(/\/$/, '');
    const query = (name: string) => url.searchParams.get(name) ?? undefined;

    let body: unknown = {};
    if (method === 'POST') {
      try {
        body = await readJson(request);
      } catch {
        return fail(400, 'Malformed JSON body');
      }
    }

    if (path === '/inbox') {
      if (method === 'GET') return json(200, { messages: store.inbox(query('to')) });
      if (method === 'DELETE') return json(200, { removed: store.clearInbox() });
    }
    if (path === '/accounts' && method === 'GET') {
      const user = store.userByEmail(query('email') ?? '');
      if (!user?.passwordHash) return fail(404, 'No account with that email');
      const owner =
        user.ownerKind === 'organization'
          ? { flow: 'organization', organizationId: user.ownerId }
          : { flow: 'individual', customerId: user.ownerId };
      return json(200, { ...owner, userId: user.id });
    }
    if (path === '/faults') {
      if (method === 'GET') return json(200, { faults: faults.list() });
      if (method === 'POST') {
        try {
          // Validated inside Faults.add (parseFaultRule); the cast only names the expected shape.
          return json(200, { id: faults.add(body as Parameters<Faults['add']>[0]) });
        } catch (error) {
          return fail(400, error instanceof Error ? error.message : String(error));
        }
      }
      if (method === 'DELETE') return json(200, { removed: faults.clear(query('deviceId')) });
    }
    if (path === '/requests') {
      if (method === 'GET') return json(200, { requests: journal.list(query('deviceId')) });
      if (method === 'DELETE') return json(200, { removed: journal.clear(query('deviceId')) });
    }
    const v = /^\/verifications\/([^/]+)(?:\/(approve|reject))?$/.exec(path);
    if (v) {
      const verification = store.verifications.get(decodeURIComponent(v[1] ?? ''));
      if (!verification) return fail(404, 'Verification not found');
      if (!v[2] && method === 'GET') return json(200, verificationView(store, verification));
      if (v[2] && method === 'POST') {
        const reason = isObject(body) && typeof body.reason === 'string' ? body.reason : undefined;
        const status = v[2] === 'approve' ? 'APPROVED' : 'REJECTED';
        store.decide(verification, status, 'SANDBOX_CONTROL', reason);
        return json(200, {
          verificationId: verification.id,
          status,
          ...(reason ? { reason } : {}),
        });
      }
    }
    const wallet = /^\/organizations\/([^/]+)\/wallet$/.exec(path);
    if (wallet && method === 'POST') {
      const org = store.organizations.get(decodeURIComponent(wallet[1] ?? ''));
      if (!org) return fail(404, 'Organization not found');
      if (org.status === 'ACTIVATING') org.walletReadyAt = store.now();
      return json(200, { organizationId: org.id, status: store.organizationStatus(org) });
    }
    return fail(404, `No sandbox control ${method} ${url.pathname}`);
  };
}
