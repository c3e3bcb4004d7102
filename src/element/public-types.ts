/** The types a host names when it configures `<finhub-onboarding>` (re-exported by the element). */
import type { CategorizationOverrides } from '../api/categorization.js';
import type { TokenProviderOptions } from '../api/token-provider.js';
import type { FinHubStepCompleteDetail } from '../events/finhub-step-complete.js';
import type { CategoryLabels } from '../steps/categorization/category-labels.js';
import type { ConsentDocumentsInput } from '../steps/consents/consent-documents.js';
import type { IndividualRegistrationDraft } from '../steps/registration/individual-registration.schema.js';
import type { OrganizationRegistrationDraft } from '../steps/registration/organization-registration.schema.js';

export type FinHubTheme = 'light' | 'dark' | 'auto';

/**
 * What a host can give instead of `token-url`: a function that gets an onboarding token from its
 * own backend (`{ accessToken, expiresIn }`), the same contract as the API client's token provider.
 */
export type FinHubFetchToken = NonNullable<TokenProviderOptions['fetchToken']>;

/**
 * Details the host already knows, shown prefilled: the person's (individual flow) or the
 * company's and its admin's (organization flow). Passwords are never prefilled.
 */
export type FinHubPrefill = IndividualRegistrationDraft & OrganizationRegistrationDraft;

/**
 * Where a returning person picks up: the last `finhub-step-complete` detail as the host saved it
 * (`{step, flow, ids}`), or just `{ids: {customerId, userId}}`.
 */
export type FinHubResume = Partial<Omit<FinHubStepCompleteDetail, 'ids'>> & {
  ids: FinHubStepCompleteDetail['ids'];
};

/** Consent documents: `{terms, privacy, dataProcessing}`, each `{url, version}` (all optional). */
export type FinHubConsents = ConsentDocumentsInput;

/**
 * Values smart categorization sends for a tenant's feature keys: `{FEATURE_CODE: {key: value}}`
 * (docs/finhub-contract.md#smart-categorization). Codes and keys match in any spelling.
 */
export type FinHubCategorizationOverrides = CategorizationOverrides;

/**
 * How account categories read, per locale: `{[locale or 'default']: {[category code, key or id]:
 * {name, description}}}`. The exact locale (`lt-LT`) wins over its language (`lt`), then
 * `default`; anything left out keeps a friendly default.
 */
export type FinHubCategoryLabels = CategoryLabels;
