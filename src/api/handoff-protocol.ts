/**
 * The phone hand-off's wire format, shared by the relay (`src/server/handoff.ts`) and the client
 * (`src/api/handoff.ts`): paths, bodies, answers and refusal codes, and how the code travels in
 * the partner's hand-off link. No imports, so both sides take it without pulling the other in.
 * The protocol: docs/handoff.md#endpoints; its protections: SECURITY.md.
 */

/** Under the element's `api-base` (the relay's `{prefix}/api`): `{api-base}/handoff`. */
export const HANDOFF_PATH = '/handoff';

/** The fragment parameter of the hand-off link: `https://partner.example/phone#handoff=<code>`. */
export const HANDOFF_LINK_PARAM = 'handoff';

/** A hand-off code: 24 random bytes (192 bits), base64url, no padding. */
export const HANDOFF_CODE_PATTERN = /^[A-Za-z0-9_-]{32}$/;

/** A document the phone is asked for: a requirement code (e.g. `GOVERNMENT_ID`) and its label. */
export interface HandoffDocument {
  type: string;
  /** As the computer showed it; the phone may show its own, localized. */
  label?: string;
}

/** `POST {api-base}/handoff` body (the computer's bound onboarding token). */
export interface HandoffCreateBody {
  verificationId: string;
  /** The requirements still missing, 1 to 10, each type once. */
  documents: HandoffDocument[];
}

/** Answer of `POST {api-base}/handoff`. */
export interface HandoffCreated {
  /** Single use; never logged, never stored in readable form. */
  code: string;
  /** When the code stops being accepted (ISO-8601 UTC). */
  expiresAt: string;
  expiresIn: number;
  /** The partner's hand-off page with `#handoff=<code>`, when the relay has `handoffUrl`. */
  url?: string;
}

/** Answer of `POST {api-base}/handoff/exchange` (no token; body `{code}`). */
export interface HandoffSession {
  /** An onboarding token limited to this hand-off (see SECURITY.md); it is not renewable. */
  accessToken: string;
  expiresIn: number;
  expiresAt: string;
  tenantId: string;
  flow: 'individual' | 'organization';
  verificationId: string;
  /** Flow `individual`: the customer id (uploads name it, docs/finhub-contract.md#document-upload). */
  customerId?: string;
  /** Flow `organization`: the organization id. */
  organizationId?: string;
  documents: HandoffDocument[];
}

/**
 * - `waiting`: created, the code not exchanged yet;
 * - `opened`: the phone exchanged the code and holds its token;
 * - `complete`: the phone said it has finished;
 * - `cancelled`: the computer cancelled it, or started a newer one;
 * - `expired`: the code (or the phone's token) ran out first.
 */
export type HandoffState = 'waiting' | 'opened' | 'complete' | 'cancelled' | 'expired';

export interface HandoffReceived {
  documentType: string;
  fileName: string;
}

/** Answer of `GET {api-base}/handoff`, `POST …/complete` and `DELETE …/handoff`. */
export interface HandoffStatus {
  state: HandoffState;
  /** Documents the phone's token uploaded and FinHub accepted, oldest first (never the bytes). */
  received: HandoffReceived[];
  /** How many documents the hand-off asked for. */
  total: number;
  /** The code's expiry while `waiting`, the phone token's while `opened`. */
  expiresAt?: string;
  /** Seconds the relay suggests before the next poll; absent once the state is final. */
  pollAfter?: number;
}

/** `data.error` of the relay's hand-off refusals (besides its general ones). */
export type HandoffRefusalCode =
  | 'handoff_unknown'
  | 'handoff_expired'
  | 'handoff_used'
  | 'handoff_cancelled'
  | 'handoff_complete'
  | 'handoff_scope'
  | 'too_many_handoffs'
  | 'too_many_handoff_exchanges';

/**
 * The hand-off link: `page` with `handoff=<code>` in its fragment. The fragment never reaches a
 * server (no access log, no `Referer`); an existing fragment is kept and the code appended.
 */
export function handoffLink(page: string | URL, code: string, base?: string | URL): string {
  const url = new URL(page, base);
  const hash = url.hash.replace(/^#/, '');
  url.hash = `${hash}${hash ? '&' : ''}${HANDOFF_LINK_PARAM}=${code}`;
  return url.href;
}

/** The code in a hand-off link's fragment, or undefined (the query string is never read). */
export function readHandoffCode(link: string | URL): string | undefined {
  let hash: string;
  try {
    hash = new URL(link).hash;
  } catch {
    return undefined;
  }
  const match = new RegExp(`(?:^#|&)${HANDOFF_LINK_PARAM}=([^&]*)`).exec(hash)?.[1];
  return match !== undefined && HANDOFF_CODE_PATTERN.test(match) ? match : undefined;
}
