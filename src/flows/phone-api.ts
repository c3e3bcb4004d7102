/**
 * The phone's calls on the partner's hand-off page (docs/handoff.md#the-phones-token): the code
 * exchanged at the relay for a token that only this module holds (never in the flow's data, a
 * slice or an event), then the documents uploaded with it through the flow's own upload call
 * (a person's or a company's, as the hand-off says), then the hand-off completed.
 */
import {
  createApiSession as createSession,
  type ApiSession,
  type ApiSessionOptions,
} from '../api/api-session.js';
import { createHandoffClient, handoffTokenSource, type HandoffSession } from '../api/handoff.js';
import type { TokenSource } from '../api/types.js';
import { FlowError, type FlowBackend, type PhoneBackend } from '../flow/backend.js';
import { call } from './api-common.js';
import { calls as individualCalls } from './individual-api.js';
import { calls as organizationCalls } from './organization-api.js';

export { unconfiguredCalls } from './api-first.js';

/** The exchanged hand-off of each session (its token stays here). */
const exchanged = new WeakMap<ApiSession, { session?: HandoffSession; tokens?: TokenSource }>();

const noHandoff = () =>
  new FlowError('not_configured', 'The hand-off code has not been exchanged yet.');

/** A session on the relay's API base whose token is the one the code is exchanged for. */
export function createApiSession(options: ApiSessionOptions): ApiSession | undefined {
  const held: { session?: HandoffSession; tokens?: TokenSource } = {};
  const tokens: TokenSource = {
    get tenantId() {
      return held.session?.tenantId;
    },
    getToken: (signal) => held.tokens?.getToken(signal) ?? Promise.reject(noHandoff()),
    refresh: (signal) => held.tokens?.refresh(signal) ?? Promise.reject(noHandoff()),
    adopt: () => undefined, // the relay re-issues no token to a phone
  };
  // The exchanged token is the only one (a `token-url` on the hand-off page is not used).
  const session = createSession({ ...options, tokens });
  if (session) exchanged.set(session, held);
  return session;
}

/** What the phone may not do: everything but its documents. */
const refused = async (): Promise<never> => {
  throw new FlowError('not_configured', 'A phone hand-off only uploads documents.');
};

export function calls(api: ApiSession): PhoneBackend {
  const held = exchanged.get(api) ?? {};
  const handoff = createHandoffClient({ apiBase: api.apiBase });
  const person = individualCalls(api);
  const company = organizationCalls(api);
  // The hand-off says whose documents these are (docs/handoff.md#endpoints).
  const owner = (): FlowBackend => (held.session?.flow === 'organization' ? company : person);
  const token = () => {
    if (!held.session) throw noHandoff();
    return held.session.accessToken;
  };
  return {
    async exchangeHandoff(code, context) {
      const session = await handoff.exchange(code, call(context));
      held.session = session;
      held.tokens = handoffTokenSource(session);
      // Everything but the token, which stays here.
      const { tenantId, flow, verificationId, customerId, organizationId, documents } = session;
      const { expiresAt, expiresIn } = session;
      return {
        tenantId,
        flow,
        verificationId,
        documents,
        expiresAt,
        expiresIn,
        ...(customerId ? { customerId } : {}),
        ...(organizationId ? { organizationId } : {}),
      };
    },
    uploadDocument: (upload, options, context) => owner().uploadDocument(upload, options, context),
    findDocument: async (document, context) => owner().findDocument?.(document, context),
    completeHandoff: async (context) => handoff.complete(token(), call(context)),
    loadCategories: refused,
    openSession: refused,
    startVerification: refused,
    acceptConsent: refused,
    checkActivation: refused,
    activate: refused,
  };
}
