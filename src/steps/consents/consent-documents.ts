/**
 * The documents behind the three individual consents (docs/finhub-contract.md#consents): where the
 * person reads them and which version they accept. FinHub has no API for them
 * (docs/finhub-contract.md#consents), so the host names them with the element's `consents`
 * property; anything left out falls back to the defaults below.
 */
import type { ConsentKind } from '../../flow/types.js';

export interface ConsentDocument {
  /** Where the document can be read (opens in a new tab). */
  url: string;
  /** The version sent with the acceptance (`version`, docs/finhub-contract.md#consents). */
  version: string;
}

export interface ConsentDocuments {
  terms: ConsentDocument;
  privacy: ConsentDocument;
  dataProcessing: ConsentDocument;
}

/**
 * What a host may give: any document, any field, and whether the person sees each document's
 * version (`showVersions`, default false: a version number means little to a customer; FinHub
 * records it either way).
 */
export type ConsentDocumentsInput = Partial<
  Record<keyof ConsentDocuments, Partial<ConsentDocument>>
> & { showVersions?: boolean };

export const DEFAULT_CONSENT_VERSION = '1.0';

/** Paths on the host's own site, the usual home of a partner's legal pages. */
export const DEFAULT_CONSENT_DOCUMENTS: Readonly<ConsentDocuments> = {
  terms: { url: '/terms', version: DEFAULT_CONSENT_VERSION },
  privacy: { url: '/privacy', version: DEFAULT_CONSENT_VERSION },
  dataProcessing: { url: '/data-processing', version: DEFAULT_CONSENT_VERSION },
};

export const consentKey = (kind: ConsentKind): keyof ConsentDocuments =>
  kind === 'data-processing' ? 'dataProcessing' : kind;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** The host's documents over the defaults; blank or non-string fields keep the default. */
export function resolveConsentDocuments(input?: ConsentDocumentsInput | null): ConsentDocuments {
  const pick = (key: keyof ConsentDocuments): ConsentDocument => ({
    url: text(input?.[key]?.url) ?? DEFAULT_CONSENT_DOCUMENTS[key].url,
    version: text(input?.[key]?.version) ?? DEFAULT_CONSENT_DOCUMENTS[key].version,
  });
  return { terms: pick('terms'), privacy: pick('privacy'), dataProcessing: pick('dataProcessing') };
}
