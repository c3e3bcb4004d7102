/** Response shapes shared by several routes. */
import { documentTypesFor, requirementFor } from '../documents.js';
import type { CustomerKind } from '../hierarchy-data.js';
import { isoTime } from '../http.js';
import type { ConsentRecord, SandboxStore, VerificationRecord, WalletRecord } from '../store.js';

/** Document types a client may upload for each requirement (aliases left out). */
const ALIASES = new Set([
  'ID_CARD',
  'GOVERNMENT_ID',
  'DIRECTOR_IDS',
  'BANK_REFERENCE_LETTER',
  'BENEFICIAL_OWNERS_DECLARATION',
  'BENEFICIAL_OWNER_DECLARATION',
]);

export function acceptedDocumentTypes(
  kind: CustomerKind,
  requirements: string[],
): Record<string, string[]> {
  const types = documentTypesFor(kind).filter((t) => !ALIASES.has(t));
  return Object.fromEntries(
    requirements.map((req) => [req, types.filter((t) => requirementFor(kind, t) === req)]),
  );
}

export function verificationView(
  store: SandboxStore,
  v: VerificationRecord,
): Record<string, unknown> {
  const status = store.verificationStatus(v);
  return {
    verificationId: v.id,
    customerId: v.customerId,
    ...(v.customerKind === 'organization' ? { organizationId: v.customerId } : {}),
    type: v.type,
    verificationType: v.verificationType,
    requestedLevel: v.requestedLevel,
    status: store.spell(status),
    verificationLevel: v.outcome?.status === 'APPROVED' ? (v.outcome.level ?? null) : null,
    requiredDocuments: v.requiredDocuments,
    missingDocuments: store.missingDocuments(v),
    acceptedDocumentTypes: acceptedDocumentTypes(v.customerKind, v.requiredDocuments),
    documents: v.documents.map((d) => ({
      documentId: d.documentId,
      documentType: `DT_${d.documentType}`,
      fileName: d.fileName,
      mimeType: d.mimeType,
      fileSize: d.size,
      status: status === 'APPROVED' ? 'VERIFIED' : 'UPLOADED',
      uploadedAt: isoTime(d.uploadedAt),
    })),
    ...(v.outcome?.reason ? { reason: v.outcome.reason } : {}),
    decidedAt: v.outcome ? isoTime(v.outcome.at) : null,
    createdAt: isoTime(v.createdAt),
  };
}

export function walletView(wallet: WalletRecord): Record<string, unknown> {
  return {
    walletId: wallet.walletId,
    id: wallet.walletId,
    iban: wallet.iban,
    currency: wallet.currency,
    status: wallet.status,
    balance: '0',
    reservedBalance: '0',
    asset: {
      assetType: 'CURRENCY',
      currency: wallet.currency,
      current: '0.00 EUR',
      available: '0.00 EUR',
      blocked: '0.00 EUR',
    },
    createdAt: isoTime(wallet.createdAt),
  };
}

export function consentView(consent: ConsentRecord): Record<string, unknown> {
  return {
    id: consent.id,
    consentType: consent.consentType,
    isRequired: true,
    isGranted: true,
    version: consent.version,
    status: consent.status,
    grantedAt: isoTime(consent.grantedAt),
    expiresAt: isoTime(consent.expiresAt),
    ipAddress: consent.ipAddress,
  };
}
