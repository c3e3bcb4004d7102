/** Identifiers the sandbox hands out: UUIDs, activation codes, IBANs, password digests. */

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: easy to copy from an email

export const uuid = (): string => crypto.randomUUID();

export type IdKind =
  | 'customer'
  | 'user'
  | 'person'
  | 'organization'
  | 'verification'
  | 'document'
  | 'consent'
  | 'employee'
  | 'director'
  | 'shareholder'
  | 'session'
  | 'wallet';

const PREFIXES: Record<IdKind, string> = {
  customer: 'cus_',
  user: '', // docs/finhub-contract.md#user-id's example user id is bare: `6r1k1hw6npq`
  person: 'per_',
  organization: 'org_',
  verification: 'ver_',
  document: 'doc_',
  consent: 'cons_',
  employee: 'emp_',
  director: 'dir_',
  shareholder: 'sh_',
  session: 'ses_',
  wallet: 'wal_',
};

const BASE36 = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A short id as in the older examples (`6r1k1hw6npq`, `ver_…`): 11 base-36 characters, ~56 bits. */
export function shortId(kind: IdKind): string {
  const chars = Array.from(crypto.getRandomValues(new Uint8Array(11)), (b) => BASE36[b % 36]);
  return `${PREFIXES[kind]}${chars.join('')}`;
}
/** Any UUID (the `docId` a client generates, docs/finhub-contract.md#document-upload). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function randomIndexes(count: number, modulo: number): number[] {
  // 256 is a multiple of 32 and of 2, so `% modulo` stays uniform for the alphabets used here.
  return Array.from(crypto.getRandomValues(new Uint8Array(count)), (byte) => byte % modulo);
}

/**
 * `ACT-XXXXXX`: 32^6 ≈ 1.07e9 possibilities from the CSPRNG
 * (docs/finhub-contract.md#individual-activation: the code "emailed" to the customer).
 */
export function activationCode(): string {
  return `ACT-${randomIndexes(6, CODE_ALPHABET.length)
    .map((i) => CODE_ALPHABET[i])
    .join('')}`;
}

function randomDigits(count: number): string {
  // Rejection sampling keeps digits uniform (256 is not a multiple of 10).
  const digits: number[] = [];
  while (digits.length < count) {
    for (const byte of crypto.getRandomValues(new Uint8Array(count))) {
      if (byte < 250 && digits.length < count) digits.push(byte % 10);
    }
  }
  return digits.join('');
}

/**
 * A Lithuanian IBAN with valid ISO 13616 check digits
 * (docs/finhub-contract.md#individual-activation examples are `LT…`).
 */
export function lithuanianIban(): string {
  const bban = `32500${randomDigits(11)}`;
  // Move country code + "00" to the end, letters to numbers (L=21, T=29), then mod 97.
  const numeric = `${bban}212900`;
  let remainder = 0;
  for (const ch of numeric) remainder = (remainder * 10 + Number(ch)) % 97;
  const check = String(98 - remainder).padStart(2, '0');
  return `LT${check}${bban}`;
}

export function ibanIsValid(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

export async function passwordDigest(salt: string, password: string): Promise<string> {
  const bytes = new TextEncoder().encode(`${salt}:${password}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
