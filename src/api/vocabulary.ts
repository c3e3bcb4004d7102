/**
 * Words the API, the flow and the steps share, one type each (docs/architecture.md#api-client).
 * A module of its own, free of the request builders, so the first screen carries only these.
 */

export const GENDERS = ['MALE', 'FEMALE', 'OTHER'] as const;
export type Gender = (typeof GENDERS)[number];

/**
 * The three individual consents, as their path segments (docs/finhub-contract.md#consents), in
 * sending order.
 */
export const CONSENT_KINDS = ['terms', 'privacy', 'data-processing'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];
