/**
 * Document upload rules (docs/finhub-contract.md#document-upload): base64 JSON body, PDF/JPEG/PNG
 * only, the declared mimeType must match the bytes, size caps per customer kind and document type,
 * and the mapping from uploaded `documentType` to the requirement it satisfies.
 */
import type { CustomerKind } from './hierarchy-data.js';

export const MIME_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type MimeType = (typeof MIME_TYPES)[number];

export const MB = 1024 * 1024;

/**
 * Upload type → the requirement it satisfies (`null`: accepted, satisfies none). GOVERNMENT_ID
 * is met by PASSPORT, NATIONAL_ID (alias ID_CARD, docs/finhub-contract.md#individual-verification)
 * or DRIVERS_LICENSE (docs/finhub-contract.md#document-upload B2C list).
 */
const INDIVIDUAL: Record<string, string | null> = {
  PASSPORT: 'GOVERNMENT_ID',
  NATIONAL_ID: 'GOVERNMENT_ID',
  ID_CARD: 'GOVERNMENT_ID',
  DRIVERS_LICENSE: 'GOVERNMENT_ID',
  GOVERNMENT_ID: 'GOVERNMENT_ID',
  PROOF_OF_ADDRESS: 'PROOF_OF_ADDRESS',
  UTILITY_BILL: 'PROOF_OF_ADDRESS',
  SOURCE_OF_FUNDS: 'SOURCE_OF_FUNDS',
  BANK_STATEMENT: 'SOURCE_OF_FUNDS',
  INCOME_PROOF: 'SOURCE_OF_FUNDS',
  PEP_DECLARATION: 'PEP_DECLARATION',
  BENEFICIAL_OWNERSHIP: 'BENEFICIAL_OWNERSHIP',
  SELFIE: null,
};

/**
 * docs/finhub-contract.md#document-upload B2B list plus the alternative spellings the org pages
 * use.
 */
const ORGANIZATION: Record<string, string | null> = {
  CERTIFICATE_OF_INCORPORATION: 'CERTIFICATE_OF_INCORPORATION',
  ARTICLES_OF_ASSOCIATION: 'ARTICLES_OF_ASSOCIATION',
  PROOF_OF_ADDRESS: 'PROOF_OF_ADDRESS',
  PROOF_OF_REGISTERED_ADDRESS: 'PROOF_OF_ADDRESS',
  SHAREHOLDER_REGISTER: 'SHAREHOLDER_REGISTER',
  DIRECTOR_ID: 'DIRECTOR_ID',
  DIRECTOR_IDS: 'DIRECTOR_ID',
  BANK_STATEMENT: 'BANK_STATEMENT',
  BANK_REFERENCE_LETTER: 'BANK_STATEMENT',
  BENEFICIAL_OWNERSHIP: 'BENEFICIAL_OWNERSHIP',
  BENEFICIAL_OWNERS_DECLARATION: 'BENEFICIAL_OWNERSHIP',
  BENEFICIAL_OWNER_DECLARATION: 'BENEFICIAL_OWNERSHIP',
  FINANCIAL_STATEMENTS: 'FINANCIAL_STATEMENTS',
  BUSINESS_LICENSE: 'BUSINESS_LICENSE',
};

export const documentTypesFor = (kind: CustomerKind): string[] =>
  Object.keys(kind === 'individual' ? INDIVIDUAL : ORGANIZATION);

/** The requirement an upload satisfies; `undefined` when the type is unknown for this kind. */
export function requirementFor(
  kind: CustomerKind,
  documentType: string,
): string | null | undefined {
  const table = kind === 'individual' ? INDIVIDUAL : ORGANIZATION;
  return Object.hasOwn(table, documentType) ? table[documentType] : undefined;
}

/**
 * Decoded-size cap. Individuals: 10 MB (older documents page). B2B guide: incorporation 5 MB,
 * articles 10 MB, financial statements 20 MB, everything else 5 MB.
 */
export function maxBytesFor(kind: CustomerKind, documentType: string): number {
  if (kind === 'individual') return 10 * MB;
  if (documentType === 'ARTICLES_OF_ASSOCIATION') return 10 * MB;
  if (documentType === 'FINANCIAL_STATEMENTS') return 20 * MB;
  return 5 * MB;
}

export type Base64Inspection =
  { ok: true; size: number; head: Uint8Array } | { ok: false; message: string };

/**
 * Validates standard base64 (whitespace tolerated, padding required) without decoding the whole
 * payload: the decoded size is arithmetic, and only the first bytes are decoded for sniffing.
 */
export function inspectBase64(content: string): Base64Inspection {
  const compact = content.replace(/\s+/g, '');
  if (!compact) return { ok: false, message: 'File is empty' };
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
    return { ok: false, message: 'Must be valid base64-encoded file content' };
  }
  const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  const size = (compact.length / 4) * 3 - padding;
  if (size === 0) return { ok: false, message: 'File is empty' };
  let binary: string;
  try {
    binary = atob(compact.slice(0, 12));
  } catch {
    return { ok: false, message: 'Must be valid base64-encoded file content' };
  }
  return { ok: true, size, head: Uint8Array.from(binary, (c) => c.charCodeAt(0)) };
}

const startsWith = (bytes: Uint8Array, magic: number[]): boolean =>
  magic.every((b, i) => bytes[i] === b);

/** Magic numbers: `%PDF`, JPEG SOI `FF D8 FF`, PNG `89 50 4E 47`. */
export function sniffMime(head: Uint8Array): MimeType | undefined {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return 'application/pdf';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47])) return 'image/png';
  return undefined;
}
