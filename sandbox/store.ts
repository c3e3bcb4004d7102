/**
 * The sandbox's in-memory state and the rules that change it over time. Time-driven changes
 * (KYC auto-approval, org wallet provisioning) are computed lazily from `now()` whenever a record
 * is read, so no timer outlives a request and a fake clock drives them in tests.
 */
import { activationCode, lithuanianIban, shortId, uuid, type IdKind } from './ids.js';
import type { CustomerKind, SandboxCategory, SandboxHierarchy } from './hierarchy-data.js';
import { isoTime } from './http.js';
import { JwtSigner, type JwtClaims } from './jwt.js';
import type { SandboxVariant } from './variants.js';

export interface SandboxCredentials {
  tenantId: string;
  tenantKey: string;
  tenantSecret: string;
  admin: { organizationId: string; userId: string; username: string; password: string };
}

export interface StoreConfig {
  credentials: SandboxCredentials;
  verificationDelayMs: number;
  walletProvisioningDelayMs: number;
  now: () => number;
  /** The reading of the docs this sandbox speaks (sandbox/variants.ts). */
  variant: SandboxVariant;
  /** See `SandboxOptions.hierarchy`. */
  hierarchy?: ((tenantId: string) => unknown) | undefined;
}

export const TOKEN_LIFETIME_SECONDS = 3600; // docs/finhub-contract.md#customer-session: exp − iat = 3600 s
export const MAX_LOGIN_ATTEMPTS = 5; // docs/finhub-contract.md#customer-session, #errors: lockout after 5 failed attempts
export const LOCKOUT_MS = 30 * 60 * 1000; // docs/finhub-contract.md#customer-session: "lockoutDuration": "30 minutes"

export type ConsentType = 'TERMS_AND_CONDITIONS' | 'PRIVACY_POLICY' | 'DATA_PROCESSING';
/** Path segment → stored name (docs/finhub-contract.md#consents). */
export const CONSENT_PATHS: Record<string, ConsentType> = {
  terms: 'TERMS_AND_CONDITIONS',
  privacy: 'PRIVACY_POLICY',
  'data-processing': 'DATA_PROCESSING',
};
export const CONSENT_TYPES: ConsentType[] = [
  'TERMS_AND_CONDITIONS',
  'PRIVACY_POLICY',
  'DATA_PROCESSING',
];

export interface UserRecord {
  id: string;
  email: string;
  username: string;
  /** SHA-256 of salt + password; absent for users created without a password (directors…). */
  passwordHash?: string;
  ownerKind: CustomerKind;
  ownerId: string;
  roles: string[];
  status: 'PENDING_ACTIVATION' | 'ACTIVE';
  failedAttempts: number;
  lockedAt?: number;
  lockedUntil?: number;
  createdAt: number;
}

export interface ConsentRecord {
  id: string;
  consentType: ConsentType;
  status: 'ACCEPTED';
  version: string;
  grantedAt: number;
  expiresAt: number;
  ipAddress: string;
  userAgent: string | null;
}

export interface WalletRecord {
  walletId: string;
  iban: string;
  currency: 'EUR';
  status: 'ACTIVE';
  createdAt: number;
}

interface CustomerBase {
  id: string;
  userId: string;
  email: string;
  category: SandboxCategory;
  categorization: unknown;
  customerStatus: 'CS_REGISTRATION_COMPLETED' | 'ACTIVE';
  activationCode: string;
  consents: Partial<Record<ConsentType, ConsentRecord>>;
  wallet?: WalletRecord;
  activatedAt?: number;
  createdAt: number;
  updatedAt: number;
}

export interface PersonRecord {
  id: string;
  firstName: string;
  lastName: string;
  fullName: string;
  email: string;
  phone: string;
  dateOfBirth: string;
  gender: string;
  nationality: string;
  placeOfBirth?: string;
  addresses: unknown[];
}

export interface IndividualRecord extends CustomerBase {
  person: PersonRecord;
}

export interface EmployeeRecord {
  employeeId: string;
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
  position?: string;
  roles: string[];
  status: 'ACTIVE';
  createdAt: number;
}

export interface DirectorRecord {
  directorId: string;
  firstName: string;
  lastName: string;
  email: string;
  role: string;
  appointedDate: string;
  status: 'ACTIVE';
}

export interface ShareholderRecord {
  shareholderId: string;
  type: 'INDIVIDUAL' | 'CORPORATE';
  name: string;
  /** Hundredths of a percent, so 33.33 + 66.67 adds up exactly. */
  basisPoints: number;
  isBeneficialOwner: boolean;
  isPEP: boolean;
  status: 'PENDING_VERIFICATION';
  createdAt: number;
}

export interface OrganizationRecord extends CustomerBase {
  legalName: string;
  organization: Record<string, unknown>;
  /**
   * docs/finhub-contract.md#statuses: PENDING_ACTIVATION → ACTIVATING (async wallet,
   * docs/finhub-contract.md#wallet-status) → ACTIVE.
   */
  status: 'PENDING_ACTIVATION' | 'ACTIVATING' | 'ACTIVE';
  walletReadyAt?: number;
  employees: EmployeeRecord[];
  directors: DirectorRecord[];
  shareholders: ShareholderRecord[];
}

export type VerificationStatus = 'INITIATED' | 'PENDING' | 'IN_PROGRESS' | 'APPROVED' | 'REJECTED';

export interface DocumentRecord {
  documentId: string;
  /**
   * The client's own id for it (docs/finhub-contract.md#document-upload `docId`, a UUID v4), when
   * it sent one.
   */
  docId?: string;
  documentType: string;
  /** The requirement it satisfies (e.g. GOVERNMENT_ID for a PASSPORT), if any. */
  satisfies: string | null;
  fileName: string;
  mimeType: string;
  size: number;
  uploadedAt: number;
}

export interface VerificationRecord {
  id: string;
  customerId: string;
  customerKind: CustomerKind;
  type: string;
  verificationType: 'KYC' | 'KYB';
  requestedLevel: string;
  initialStatus: 'INITIATED' | 'PENDING';
  requiredDocuments: string[];
  documents: DocumentRecord[];
  /** When the last missing required document arrived; auto-approval is due `verificationDelayMs` later. */
  documentsCompleteAt?: number;
  outcome?: {
    status: 'APPROVED' | 'REJECTED';
    at: number;
    reason?: string;
    by: string;
    level?: string;
  };
  createdAt: number;
}

export interface SessionRecord {
  id: string;
  userId: string;
  revoked: boolean;
  expiresAt: number;
}

export interface InboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  code?: string;
  sentAt: string;
}

const INBOX_LIMIT = 500;

export class SandboxStore {
  readonly users = new Map<string, UserRecord>();
  readonly individuals = new Map<string, IndividualRecord>();
  readonly organizations = new Map<string, OrganizationRecord>();
  readonly verifications = new Map<string, VerificationRecord>();
  readonly sessions = new Map<string, SessionRecord>();
  private readonly messages: InboxMessage[] = [];
  readonly signer: JwtSigner;
  /** Per-sandbox salt for password digests. */
  readonly salt = uuid();

  constructor(
    readonly config: StoreConfig,
    secret: Uint8Array<ArrayBuffer>,
  ) {
    this.signer = new JwtSigner(secret);
  }

  get credentials(): SandboxCredentials {
    return this.config.credentials;
  }

  get variant(): SandboxVariant {
    return this.config.variant;
  }

  get hierarchy(): SandboxHierarchy {
    return this.config.variant.hierarchy;
  }

  /** A new record id in the variant's style: a UUID, or a short id (`ver_12345` style). */
  newId(kind: IdKind): string {
    return this.config.variant.ids === 'short' ? shortId(kind) : uuid();
  }

  /** A verification status as the variant spells it (docs/finhub-contract.md#statuses). */
  spell(status: VerificationStatus | 'NOT_STARTED'): string {
    return status === 'NOT_STARTED'
      ? status
      : (this.config.variant.verificationStatuses[status] ?? status);
  }

  now(): number {
    return this.config.now();
  }

  /**
   * Emails are unique per tenant across every user (docs/finhub-contract.md#individual-registration
   * "Must be unique within the tenant").
   */
  userByEmail(email: string): UserRecord | undefined {
    const wanted = email.toLowerCase();
    for (const user of this.users.values()) if (user.email === wanted) return user;
    return undefined;
  }

  // ---- dev inbox -------------------------------------------------------------------------

  /**
   * "Emails" the activation code (docs/finhub-contract.md#individual-activation prerequisites:
   * "activation code received via email").
   */
  sendActivationCode(to: string, name: string): string {
    const code = activationCode();
    this.deliver({
      to,
      subject: 'Your FinHub activation code',
      text:
        `Hello ${name},\n\nyour account has been registered. Use the activation code ${code} ` +
        'to activate it once your verification is approved and the consents are accepted.\n\nFinHub Sandbox',
      code,
    });
    return code;
  }

  deliver(message: Omit<InboxMessage, 'id' | 'sentAt'>): void {
    this.messages.unshift({ id: uuid(), sentAt: isoTime(this.now()), ...message });
    if (this.messages.length > INBOX_LIMIT) this.messages.length = INBOX_LIMIT;
  }

  /** Newest first; only those sent to `email` (case-insensitive) when given. */
  inbox(email?: string): InboxMessage[] {
    const wanted = email?.toLowerCase();
    return this.messages
      .filter((m) => wanted === undefined || m.to.toLowerCase() === wanted)
      .map((m) => ({ ...m }));
  }

  clearInbox(): number {
    const count = this.messages.length;
    this.messages.length = 0;
    return count;
  }

  // ---- verifications ---------------------------------------------------------------------

  /**
   * Current status; settles a due auto-approval first (docs/finhub-contract.md#approval [L]: most
   * KYC is auto-approved).
   */
  verificationStatus(v: VerificationRecord): VerificationStatus {
    if (v.outcome) return v.outcome.status;
    if (v.documentsCompleteAt !== undefined) {
      const due = v.documentsCompleteAt + this.config.verificationDelayMs;
      if (this.now() >= due) {
        v.outcome = { status: 'APPROVED', at: due, by: 'AUTO', level: this.levelFor(v) };
        return 'APPROVED';
      }
      return 'IN_PROGRESS';
    }
    return v.initialStatus;
  }

  /**
   * docs/finhub-contract.md#individual-activation: TENANT_VERIFIED, or POWER_TENANT_VERIFIED for
   * high-risk categories.
   */
  levelFor(v: VerificationRecord): string {
    const customer = this.individuals.get(v.customerId) ?? this.organizations.get(v.customerId);
    return customer?.category.approvalLevel === 'POWER_TENANT'
      ? 'POWER_TENANT_VERIFIED'
      : 'TENANT_VERIFIED';
  }

  missingDocuments(v: VerificationRecord): string[] {
    return v.requiredDocuments.filter((req) => !v.documents.some((d) => d.satisfies === req));
  }

  /**
   * Approve or reject at once (admin approval docs/finhub-contract.md#approval, or the sandbox
   * control).
   */
  decide(
    v: VerificationRecord,
    status: 'APPROVED' | 'REJECTED',
    by: string,
    reason?: string,
  ): void {
    v.outcome = {
      status,
      at: this.now(),
      by,
      ...(reason ? { reason } : {}),
      ...(status === 'APPROVED' ? { level: this.levelFor(v) } : {}),
    };
  }

  verificationsOf(customerId: string): VerificationRecord[] {
    return [...this.verifications.values()].filter((v) => v.customerId === customerId);
  }

  /**
   * What readiness reports: APPROVED when any verification of the customer is approved, otherwise
   * the newest one's status (`NOT_STARTED` when there is none).
   */
  customerVerification(customerId: string): {
    status: VerificationStatus | 'NOT_STARTED';
    approved?: VerificationRecord;
    latest?: VerificationRecord;
  } {
    const all = this.verificationsOf(customerId);
    const approved = all.find((v) => this.verificationStatus(v) === 'APPROVED');
    const latest = all.at(-1);
    if (approved) return { status: 'APPROVED', approved, latest };
    return { status: latest ? this.verificationStatus(latest) : 'NOT_STARTED', latest };
  }

  missingConsents(customer: CustomerBase): ConsentType[] {
    return CONSENT_TYPES.filter((type) => !customer.consents[type]);
  }

  // ---- organizations ---------------------------------------------------------------------

  /**
   * Settles wallet provisioning when due (docs/finhub-contract.md#wallet-status: ACTIVATING, then
   * ACTIVE with a wallet).
   */
  organizationStatus(org: OrganizationRecord): OrganizationRecord['status'] {
    if (
      org.status === 'ACTIVATING' &&
      org.walletReadyAt !== undefined &&
      this.now() >= org.walletReadyAt
    ) {
      org.status = 'ACTIVE';
      org.customerStatus = 'ACTIVE';
      org.wallet = this.newWallet(org.walletReadyAt);
      org.updatedAt = org.walletReadyAt;
    }
    return org.status;
  }

  newWallet(at = this.now()): WalletRecord {
    return {
      walletId: this.newId('wallet'),
      iban: lithuanianIban(),
      currency: 'EUR',
      status: 'ACTIVE',
      createdAt: at,
    };
  }

  /**
   * Users who may act for the organization (X-User-ID,
   * docs/finhub-contract.md#organization-activation): its registrant and employees.
   */
  organizationUserIds(org: OrganizationRecord): string[] {
    return [org.userId, ...org.employees.map((e) => e.userId)];
  }

  // ---- sessions --------------------------------------------------------------------------

  /**
   * Creates a session and its HS256 token with the docs/finhub-contract.md#customer-session claims.
   */
  async openSession(
    user: { id: string; roles: string[]; email?: string },
    userType: JwtClaims['userType'],
    scope: { customerId?: string; organizationId?: string } = {},
  ): Promise<{ token: string; session: SessionRecord; claims: JwtClaims; refreshToken: string }> {
    const nowMs = this.now();
    const iat = Math.floor(nowMs / 1000);
    const session: SessionRecord = {
      id: this.newId('session'),
      userId: user.id,
      revoked: false,
      expiresAt: (iat + TOKEN_LIFETIME_SECONDS) * 1000,
    };
    this.sessions.set(session.id, session);
    const claims: JwtClaims = {
      iss: 'bff',
      aud: 'bff-clients',
      sub: user.id,
      iat,
      exp: iat + TOKEN_LIFETIME_SECONDS,
      jti: uuid(),
      tenantId: this.credentials.tenantId,
      userId: user.id,
      userType,
      roles: user.roles,
      sessionId: session.id,
      ...scope,
    };
    const token = await this.signer.sign(claims);
    // docs/finhub-contract.md#admin-session example shape: `<uuid>-<userId>-<8 chars>`.
    const refreshToken = `${uuid()}-${user.id}-${uuid().slice(0, 8)}`;
    return { token, session, claims, refreshToken };
  }
}
