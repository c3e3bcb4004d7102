/**
 * What loads when the step is reached, one chunk: its element, its work, and how the element
 * renders it (docs/architecture.md#how-a-step-is-built).
 */
import { html } from 'lit';
import { countryOptions } from '../../localization/countries.js';
import { whenIdle } from '../../flow/idle.js';
import type { RenderContext } from '../../flow/definitions.js';
import {
  validateIndividualRegistration,
  type IndividualRegistrationDraft,
} from './individual-registration.schema.js';
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

/**
 * While the person is on the step before: the country lists sorted for the locale, then (in an
 * idle callback of its own) the form's schema built and run once, so neither arriving nor the
 * first field left builds them.
 */
export const prepare = (locale: string) => {
  countryOptions(locale);
  whenIdle(() => void validateIndividualRegistration({}, { locale }));
};
