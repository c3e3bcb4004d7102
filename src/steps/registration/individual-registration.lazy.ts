/**
 * What loads when the step is reached, one chunk: its element, its work, and how the element
 * renders it (docs/architecture.md#how-a-step-is-built).
 */
import { html } from 'lit';
import { countryOptions } from '../../localization/countries.js';
import type { RenderContext } from '../../flow/definitions.js';
import type { IndividualRegistrationDraft } from './individual-registration.schema.js';
import { startValues, type RegistrationSlice } from './registration.js';

export { FinHubIndividualRegistrationStep as view } from './individual-registration-view.js';
export { individualWork as work } from './registration.work.js';

export const render = (c: RenderContext<RegistrationSlice<IndividualRegistrationDraft>>) =>
  html`<finhub-step-individual-registration
    exportparts=${c.parts}
    .prefill=${startValues(c.settings.prefill, c.slice.draft)}
    .serverErrors=${c.slice.errors}
    ?duplicate-email=${c.slice.duplicateEmail}
    ?registered-earlier=${c.slice.registeredEarlier}
    ?busy=${c.busy}
    ?can-go-back=${c.canGoBack}
    locale=${c.locale}
  ></finhub-step-individual-registration>`;

/** The country lists sorted for the locale while the person is on the step before. */
export const prepare = (locale: string) => void countryOptions(locale);
