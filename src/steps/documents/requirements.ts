/**
 * Document requirements: FinHub's `requiredDocuments` codes
 * (docs/finhub-contract.md#individual-verification, #create-verification, #kyb-verification) turned
 * into what the documents step shows and checks. Labels are read through msg() when
 * `requirementsFor` runs, so call it again after the locale changes.
 */
import { msg } from '@lit/localize';
import { DOCUMENT_MIME_TYPES, MB, type DocumentMimeType } from './file-checks.js';
import type { DocumentUpload } from '../../flow/backend.js';
import type { FlowKind } from '../../flow/types.js';

export interface DocumentRequirement {
  /**
   * The requirement's FinHub code (e.g. `GOVERNMENT_ID`, `PROOF_OF_ADDRESS`), and the
   * `documentType` sent when there are no `options`. Also the key of the step's `uploaded` map and
   * the `requirement` in its submit event.
   */
  type: string;
  /** Localized, e.g. "Passport or national ID". */
  label: string;
  /** Localized hint. */
  description?: string;
  /** Decoded size cap, bytes. */
  maxBytes: number;
  accept: DocumentMimeType[];
  /**
   * Alternative documentTypes the person may choose for this requirement, e.g. PASSPORT |
   * NATIONAL_ID | DRIVERS_LICENSE for GOVERNMENT_ID; the first is preselected.
   */
  options?: Array<{ type: string; label: string }>;
}

// One docs/finhub-contract.md#document-upload upload body, minus the ids the uploader adds
// (verificationId, customerId, …).
export type { DocumentUpload };

export type DocumentUploader = (
  upload: DocumentUpload,
  options: { signal: AbortSignal; onProgress?: (fraction: number) => void },
) => Promise<{ documentId: string }>;

interface Entry {
  label: () => string;
  description?: () => string;
  /**
   * B2B cap (docs/finhub-contract.md#document-upload B2B guide); individuals always get
   * INDIVIDUAL_MAX_BYTES.
   */
  maxBytes?: number;
  accept?: DocumentMimeType[];
  options?: () => Array<{ type: string; label: string }>;
}

/** docs/finhub-contract.md#document-upload, older individual documents page. */
export const INDIVIDUAL_MAX_BYTES = 10 * MB;
/** docs/finhub-contract.md#document-upload B2B guide: "others 5 MB". */
export const ORGANIZATION_DEFAULT_MAX_BYTES = 5 * MB;
/** Not in FinHub's lists: shown with a label made from the code. */
export const UNKNOWN_MAX_BYTES = 10 * MB;

const IMAGES: DocumentMimeType[] = ['image/jpeg', 'image/png'];

/**
 * docs/finhub-contract.md#individual-verification lists ID_CARD,
 * docs/finhub-contract.md#document-upload NATIONAL_ID; the sandbox accepts these three for
 * GOVERNMENT_ID.
 */
const governmentIdOptions = () => [
  { type: 'PASSPORT', label: msg('Passport') },
  { type: 'NATIONAL_ID', label: msg('National ID card') },
  { type: 'DRIVERS_LICENSE', label: msg('Driving licence') },
];

/** Codes from docs/finhub-contract.md#individual-verification, #document-upload (B2C lists). */
const INDIVIDUAL: Record<string, Entry> = {
  GOVERNMENT_ID: {
    label: () => msg('Passport or national ID'),
    description: () =>
      msg(
        'A photo or scan of the page with your photo, name and date of birth, with all four corners showing. A driving licence also works.',
      ),
    options: governmentIdOptions,
  },
  PASSPORT: {
    label: () => msg('Passport'),
    description: () => msg('The page with your photo, with all four corners showing.'),
  },
  NATIONAL_ID: {
    label: () => msg('National ID card'),
    description: () => msg('The side with your photo, with all four corners showing.'),
  },
  ID_CARD: {
    label: () => msg('National ID card'),
    description: () => msg('The side with your photo, with all four corners showing.'),
  },
  DRIVERS_LICENSE: {
    label: () => msg('Driving licence'),
    description: () => msg('The side with your photo, with all four corners showing.'),
  },
  PROOF_OF_ADDRESS: {
    label: () => msg('Proof of address'),
    description: () =>
      msg(
        'A utility bill, bank statement or letter from a public authority from the last 3 months, showing your name and home address.',
      ),
  },
  SOURCE_OF_FUNDS: {
    label: () => msg('Source of funds'),
    description: () =>
      msg(
        'For example a recent payslip, tax return or sale contract showing where your money comes from.',
      ),
  },
  SELFIE: {
    label: () => msg('Selfie'),
    description: () =>
      msg('A clear photo of your face, looking at the camera, without sunglasses or a hat.'),
    accept: IMAGES,
  },
  BANK_STATEMENT: {
    label: () => msg('Bank statement'),
    description: () => msg('A statement from the last 3 months showing your name and address.'),
  },
  INCOME_PROOF: {
    label: () => msg('Proof of income'),
    description: () => msg('For example a recent payslip or tax return.'),
  },
  PEP_DECLARATION: {
    label: () => msg('Politically exposed person (PEP) declaration'),
    description: () => msg('The signed declaration about public roles you or your family hold.'),
  },
  BENEFICIAL_OWNERSHIP: {
    label: () => msg('Beneficial ownership declaration'),
    description: () => msg('A signed declaration of who ultimately owns the funds.'),
  },
};

/**
 * docs/finhub-contract.md#document-upload B2B list with the guide's caps, plus the alternative
 * spellings the org pages use.
 */
const ORGANIZATION: Record<string, Entry> = {
  CERTIFICATE_OF_INCORPORATION: {
    label: () => msg('Certificate of incorporation'),
    description: () => msg('The certificate issued when the company was registered.'),
    maxBytes: 5 * MB,
  },
  ARTICLES_OF_ASSOCIATION: {
    label: () => msg('Articles of association'),
    description: () => msg('The current articles of association (company statutes).'),
    maxBytes: 10 * MB,
  },
  SHAREHOLDER_REGISTER: {
    label: () => msg('Shareholder register'),
    description: () => msg('The current register of shareholders and their holdings.'),
  },
  DIRECTOR_ID: {
    label: () => msg("Director's ID"),
    description: () => msg('A passport or national ID card of a director.'),
  },
  DIRECTOR_IDS: {
    label: () => msg("Directors' IDs"),
    description: () => msg('A passport or national ID card of each director, in one file.'),
  },
  PROOF_OF_ADDRESS: {
    label: () => msg('Proof of business address'),
    description: () =>
      msg("A utility bill or bank letter from the last 3 months showing the company's address."),
  },
  PROOF_OF_REGISTERED_ADDRESS: {
    label: () => msg('Proof of registered address'),
    description: () =>
      msg("An official document from the last 3 months showing the company's registered address."),
  },
  BANK_STATEMENT: {
    label: () => msg('Company bank statement'),
    description: () => msg('Statements for the last 3 months.'),
  },
  BANK_REFERENCE_LETTER: {
    label: () => msg('Bank reference letter'),
    description: () => msg("A letter from the company's bank confirming the account."),
  },
  BENEFICIAL_OWNERSHIP: {
    label: () => msg('Beneficial ownership declaration'),
    description: () => msg('Everyone who owns 25% or more of the company, directly or indirectly.'),
  },
  BENEFICIAL_OWNERS_DECLARATION: {
    label: () => msg('Beneficial ownership declaration'),
    description: () => msg('Everyone who owns 25% or more of the company, directly or indirectly.'),
  },
  BENEFICIAL_OWNER_DECLARATION: {
    label: () => msg('Beneficial ownership declaration'),
    description: () => msg('Everyone who owns 25% or more of the company, directly or indirectly.'),
  },
  FINANCIAL_STATEMENTS: {
    label: () => msg('Financial statements'),
    description: () =>
      msg('The latest annual accounts (needed when yearly revenue is over €1 million).'),
    maxBytes: 20 * MB,
  },
  BUSINESS_LICENSE: {
    label: () => msg('Business licence'),
    description: () => msg('The licence for your regulated activity.'),
  },
};

/**
 * Used when FinHub sends no list (docs/finhub-contract.md#individual-verification: the entry points
 * disagree on what they return).
 */
export const DEFAULT_REQUIREMENTS: Record<FlowKind, readonly string[]> = {
  individual: ['GOVERNMENT_ID', 'PROOF_OF_ADDRESS'],
  organization: ['CERTIFICATE_OF_INCORPORATION', 'ARTICLES_OF_ASSOCIATION', 'PROOF_OF_ADDRESS'],
};

/** `PEP_DECLARATION` → "Pep declaration": readable, if not translated. */
export function labelFromCode(code: string): string {
  const words = code
    .trim()
    .replace(/^DT_/, '')
    .replace(/[_\s-]+/g, ' ')
    .toLowerCase()
    .trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : code;
}

function fromEntry(code: string, entry: Entry, kind: FlowKind): DocumentRequirement {
  const requirement: DocumentRequirement = {
    type: code,
    label: entry.label(),
    maxBytes:
      kind === 'individual'
        ? INDIVIDUAL_MAX_BYTES
        : (entry.maxBytes ?? ORGANIZATION_DEFAULT_MAX_BYTES),
    accept: [...(entry.accept ?? DOCUMENT_MIME_TYPES)],
  };
  const description = entry.description?.();
  if (description) requirement.description = description;
  const options = entry.options?.();
  if (options) requirement.options = options;
  return requirement;
}

/**
 * One requirement per distinct code, in FinHub's order. Unknown codes are kept with a label made
 * from the code (a document FinHub asks for must never silently disappear); a code from the other
 * kind's list keeps its label but takes this kind's cap. An empty list gets DEFAULT_REQUIREMENTS.
 */
export function requirementsFor(
  requiredDocuments: string[],
  kind: FlowKind,
): DocumentRequirement[] {
  const codes = requiredDocuments
    .map((code) => (typeof code === 'string' ? code.trim() : ''))
    .filter((code, index, all) => code !== '' && all.indexOf(code) === index);
  const list = codes.length > 0 ? codes : DEFAULT_REQUIREMENTS[kind];
  const own = kind === 'individual' ? INDIVIDUAL : ORGANIZATION;
  const other = kind === 'individual' ? ORGANIZATION : INDIVIDUAL;
  return list.map((code) => {
    const key = code.toUpperCase();
    if (Object.hasOwn(own, key)) return fromEntry(code, own[key]!, kind);
    if (Object.hasOwn(other, key)) {
      const borrowed = fromEntry(code, other[key]!, kind);
      return kind === 'individual' ? borrowed : { ...borrowed, maxBytes: UNKNOWN_MAX_BYTES };
    }
    return {
      type: code,
      label: labelFromCode(code),
      maxBytes: UNKNOWN_MAX_BYTES,
      accept: [...DOCUMENT_MIME_TYPES],
    };
  });
}
