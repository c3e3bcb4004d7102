/**
 * In-memory FinHub BaaS v2.1 for the demo (`npm start`) and the browser tests. It behaves as
 * docs/finhub-contract.md describes: real validation, statuses that move, FinHub's
 * `{code, message, data}` errors, HS256 session tokens, KYC approved a short while after the last
 * required document, and activation codes delivered to a dev inbox. Web APIs only, so it runs in
 * Node behind the dev server and directly inside browser tests.
 *
 * Time-based changes are lazy: they are settled from `now()` whenever a record is read, so no
 * timer outlives a request (only an injected `delayMs` fault waits, and it honours abort).
 */
import { createControl } from './control.js';
import { createDispatcher } from './dispatch.js';
import { Faults, type FaultRule, type FaultSummary } from './faults.js';
import { Journal, type JournalEntry } from './journal.js';
import { routes } from './routes/index.js';
import { SandboxStore, type InboxMessage, type SandboxCredentials } from './store.js';
import { DEFAULT_VARIANT, variantNamed, type SandboxVariant } from './variants.js';

export type { FaultRule, FaultSummary } from './faults.js';
export type { JournalEntry, TokenKind } from './journal.js';
export type { InboxMessage, SandboxCredentials } from './store.js';
export { REQUIRED_HEADERS } from './dispatch.js';
export { CATEGORIES, FEATURES } from './hierarchy-data.js';
export { VARIANTS, DEFAULT_VARIANT, variantNamed } from './variants.js';
export type { SandboxVariant, VariantExpectations, AnswerRule, EnvelopeStyle } from './variants.js';

export interface SandboxOptions extends Partial<SandboxCredentials> {
  /**
   * Which reading of the docs to speak: a name from VARIANTS (`default`, `runner`, `narrative`,
   * `guide`, `legacy-feature`, `unsatisfiable`) or a variant object. Default `default`.
   */
  variant?: string | SandboxVariant;
  /**
   * How long after the last required document arrives a verification is approved automatically,
   * ms. Default 3000.
   */
  verificationDelayMs?: number;
  /** How long an activated organization stays ACTIVATING before its wallet is ACTIVE, ms. Default 1500. */
  walletProvisioningDelayMs?: number;
  /** Clock for token expiry, lockouts and the delays above. Default `Date.now`. */
  now?: () => number;
  /** How many requests the journal keeps. Default 500. */
  journalLimit?: number;
  /**
   * The hierarchy endpoint's `data` instead of the sandbox's own (a stand-in until named variants
   * exist). Registration still checks against the sandbox's own categories and features.
   */
  hierarchy?: (tenantId: string) => unknown;
}

export interface Sandbox {
  readonly credentials: SandboxCredentials;
  /** The reading of the docs this sandbox speaks. */
  readonly variant: SandboxVariant;
  /** FinHub v2.1 itself: answers `/api/v2.1/*`. */
  fetch(request: Request): Promise<Response>;
  /** Dev and test controls under `/__sandbox/*`: inbox, faults, verification outcome, request journal. */
  control(request: Request): Promise<Response>;
  /** Dev inbox, newest first; only messages to `email` when given. */
  inbox(email?: string): InboxMessage[];
  /** Adds a fault rule; returns its id. Throws on an invalid rule. */
  injectFault(rule: FaultRule): string;
  /** Removes every fault rule, or those scoped to `deviceId`. Returns how many went. */
  clearFaults(deviceId?: string): number;
  faults(): FaultSummary[];
  /** Approves or rejects a verification at once. Throws when the id is unknown. */
  setVerificationOutcome(
    verificationId: string,
    outcome: 'APPROVED' | 'REJECTED',
    reason?: string,
  ): void;
  /** Requests FinHub received (oldest first), only `deviceId`'s when given. */
  requests(deviceId?: string): JournalEntry[];
  /**
   * A fresh admin session token (docs/finhub-contract.md#admin-session), for calling the sandbox
   * directly as the partner backend.
   */
  issueAdminToken(): Promise<string>;
}

function randomSecret(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(32));
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const variant =
    typeof options.variant === 'string'
      ? variantNamed(options.variant)
      : (options.variant ?? DEFAULT_VARIANT);
  const credentials: SandboxCredentials = {
    tenantId: options.tenantId ?? variant.tenantId,
    tenantKey: options.tenantKey ?? 'sandbox-tenant-key-0000000000',
    tenantSecret: options.tenantSecret ?? 'sandbox-tenant-secret-000000',
    admin: options.admin ?? {
      organizationId: '00000000-0000-4000-8000-000000000001',
      userId: '00000000-0000-4000-8000-000000000002',
      username: 'admin@sandbox.finhub.test',
      password: 'sandbox-admin-password',
    },
  };
  const store = new SandboxStore(
    {
      credentials,
      verificationDelayMs: options.verificationDelayMs ?? 3000,
      walletProvisioningDelayMs:
        variant.walletProvisioningDelayMs ?? options.walletProvisioningDelayMs ?? 1500,
      now: options.now ?? (() => Date.now()),
      variant,
      hierarchy: options.hierarchy,
    },
    randomSecret(),
  );
  const faults = new Faults();
  const journal = new Journal(options.journalLimit ?? 500, {
    tenantSecret: credentials.tenantSecret,
  });
  const dispatch = createDispatcher(store, faults, journal, routes);
  const control = createControl(store, faults, journal);

  return {
    credentials,
    variant,
    fetch: dispatch,
    control,
    inbox: (email) => store.inbox(email),
    injectFault: (rule) => faults.add(rule),
    clearFaults: (deviceId) => faults.clear(deviceId),
    faults: () => faults.list(),
    setVerificationOutcome(verificationId, outcome, reason) {
      const v = store.verifications.get(verificationId);
      if (!v) throw new Error(`Unknown verification ${verificationId}`);
      store.decide(v, outcome, 'SANDBOX_CONTROL', reason);
    },
    requests: (deviceId) => journal.list(deviceId),
    async issueAdminToken() {
      const { admin } = credentials;
      const { token } = await store.openSession({ id: admin.userId, roles: ['ADMIN'] }, 'ADMIN', {
        organizationId: admin.organizationId,
      });
      return token;
    },
  };
}
