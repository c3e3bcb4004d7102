/**
 * Checks a chosen file before anything is encoded or sent (docs/finhub-contract.md#document-upload:
 * PDF, JPEG or PNG, decoded size caps). The real type comes from the first bytes, not from the name
 * or the type the browser reports, and a file whose name or type says otherwise is refused: FinHub
 * stores the `mimeType` we send beside the bytes, and a reviewer opening a "PDF" that is a photo
 * loses time.
 */
import { msg, str } from '@lit/localize';
import { activeLocale } from '../../localization/localization.js';

export type DocumentMimeType = 'application/pdf' | 'image/jpeg' | 'image/png';

export const DOCUMENT_MIME_TYPES: readonly DocumentMimeType[] = [
  'application/pdf',
  'image/jpeg',
  'image/png',
];

/**
 * docs/finhub-contract.md#document-upload sizes are in binary megabytes (the sandbox enforces 10 ×
 * 1024 × 1024).
 */
export const MB = 1024 * 1024;

/** Bytes needed to tell the three types apart (PNG's signature is the longest). */
export const SNIFF_BYTES = 8;

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean =>
  bytes.length >= magic.length && magic.every((byte, index) => bytes[index] === byte);

/** The type the bytes say, or undefined when they are none of the three. */
export function sniffMimeType(head: Uint8Array): DocumentMimeType | undefined {
  if (startsWith(head, PDF)) return 'application/pdf';
  if (startsWith(head, PNG)) return 'image/png';
  if (startsWith(head, JPEG)) return 'image/jpeg';
  return undefined;
}

/** Short, unlocalized format names (they are the same in every language). */
export function formatName(type: DocumentMimeType): string {
  switch (type) {
    case 'application/pdf':
      return 'PDF';
    case 'image/jpeg':
      return 'JPEG';
    case 'image/png':
      return 'PNG';
  }
}

/** "PDF, JPEG, or PNG" in the active language. */
export function formatList(types: readonly DocumentMimeType[], locale = activeLocale()): string {
  const names = types.map(formatName);
  return new Intl.ListFormat(locale, { type: 'disjunction' }).format(names);
}

/**
 * Human size in the active language: "512 bytes", "340 kB", "2.5 MB", "10 MB". `ceil` rounds up,
 * so a file just over a cap never reads as equal to it.
 */
export function formatBytes(
  bytes: number,
  options: { round?: 'nearest' | 'ceil'; locale?: string } = {},
): string {
  const locale = options.locale ?? activeLocale();
  const round = (value: number) =>
    options.round === 'ceil' ? Math.ceil(value * 10) / 10 : Math.round(value * 10) / 10;
  const [value, unit] =
    bytes < 1024
      ? [bytes, 'byte']
      : bytes < MB
        ? [round(bytes / 1024), 'kilobyte']
        : [round(bytes / MB), 'megabyte'];
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: unit === 'byte' ? 'long' : 'short', // "8 bytes", not "8 byte"
    maximumFractionDigits: 1,
  }).format(value);
}

// -- what the file claims ----------------------------------------------------------------------

type Claim = DocumentMimeType | { other: string } | undefined;

const TYPE_ALIASES: Record<string, DocumentMimeType> = {
  'application/pdf': 'application/pdf',
  'application/x-pdf': 'application/pdf',
  'image/jpeg': 'image/jpeg',
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/png': 'image/png',
  'image/x-png': 'image/png',
};

const EXTENSIONS: Record<string, DocumentMimeType> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jpe: 'image/jpeg',
  jfif: 'image/jpeg',
  png: 'image/png',
};

/** Types that say nothing about the content (some systems send these for every file). */
const NO_CLAIM = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

function claimFromType(type: string): Claim {
  const normalized = type.split(';')[0]!.trim().toLowerCase();
  if (NO_CLAIM.has(normalized)) return undefined;
  return TYPE_ALIASES[normalized] ?? { other: normalized.split('/').pop()!.toUpperCase() };
}

function claimFromName(name: string): Claim {
  const match = /\.([a-z0-9]{1,8})$/i.exec(name.trim());
  if (!match) return undefined;
  const extension = match[1]!.toLowerCase();
  return EXTENSIONS[extension] ?? { other: extension.toUpperCase() };
}

const claimName = (claim: Exclude<Claim, undefined>): string =>
  typeof claim === 'string' ? formatName(claim) : claim.other;

// -- the check ---------------------------------------------------------------------------------

export interface FileRule {
  maxBytes: number;
  accept: readonly DocumentMimeType[];
}

export type FileProblem = 'empty' | 'too_large' | 'unreadable' | 'mismatch' | 'not_accepted';

export type FileCheckResult =
  { ok: true; mimeType: DocumentMimeType } | { ok: false; problem: FileProblem; message: string };

/** Reads only the first bytes of a file (never the whole of it). */
export async function readHead(file: Blob, length = SNIFF_BYTES): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, length).arrayBuffer());
}

const refuse = (problem: FileProblem, message: string): FileCheckResult => ({
  ok: false,
  problem,
  message,
});

/**
 * Empty, over the cap, unreadable, claiming another type, or a type this document does not take:
 * each refused with a message that says what to do. Size checks come first (no read needed).
 */
export async function checkFile(file: File, rule: FileRule): Promise<FileCheckResult> {
  if (file.size === 0) {
    return refuse('empty', msg('This file is empty. Choose another file.'));
  }
  if (file.size > rule.maxBytes) {
    const size = formatBytes(file.size, { round: 'ceil' });
    const limit = formatBytes(rule.maxBytes);
    return refuse(
      'too_large',
      msg(str`This file is ${size}, over the ${limit} limit. Choose a smaller file.`),
    );
  }

  let head: Uint8Array;
  try {
    head = await readHead(file);
  } catch {
    return refuse('unreadable', msg('We could not read this file. Choose it again.'));
  }

  const real = sniffMimeType(head);
  const claims = [claimFromType(file.type), claimFromName(file.name)].filter(
    (claim): claim is Exclude<Claim, undefined> => claim !== undefined,
  );
  const formats = formatList(rule.accept);

  if (!real) {
    const claimed = claims.find((claim) => typeof claim === 'string');
    if (claimed) {
      const name = formatName(claimed);
      return refuse(
        'unreadable',
        claimed === 'application/pdf'
          ? msg(str`This file says it is a ${name} but it is not a PDF we can read.`)
          : msg(str`This file says it is a ${name} but it is not an image we can read.`),
      );
    }
    return refuse(
      'unreadable',
      msg(str`We can't read this type of file. Choose a ${formats} file.`),
    );
  }

  const contradicting = claims.find((claim) => claim !== real);
  if (contradicting) {
    const claimed = claimName(contradicting);
    const actual = formatName(real);
    return refuse(
      'mismatch',
      msg(
        str`This file says it is a ${claimed} but it is really a ${actual}. Save it again in the right format or choose another file.`,
      ),
    );
  }

  if (!rule.accept.includes(real)) {
    const actual = formatName(real);
    return refuse(
      'not_accepted',
      msg(str`This document must be a ${formats} file. This file is a ${actual}.`),
    );
  }
  return { ok: true, mimeType: real };
}
