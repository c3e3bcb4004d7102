/**
 * A company's registration (finhub-api.md §7.1): its details, registered address, and the admin
 * user's email and password.
 */
import { html } from 'lit';
import { msg } from '@lit/localize';
import type { OrganizationBackend } from '../../flow/backend.js';
import { defineStep } from '../../flow/definitions.js';
import type {
  OrganizationRegistrationDraft,
  OrganizationRegistrationValues,
} from './organization-registration.schema.js';
import { registrationSlice, startValues, type RegistrationSlice } from './registration.js';

export const organizationRegistration = defineStep<
  RegistrationSlice<OrganizationRegistrationDraft>,
  OrganizationRegistrationValues,
  OrganizationBackend
>({
  id: 'registration',
  canGoBack: true,
  locked: true,
  title: () => msg('Company details'),
  tag: 'finhub-step-organization-registration',
  load: () => import('./organization-registration.lazy.js'),
  slice: registrationSlice,
  render: (c) =>
    html`<finhub-step-organization-registration
      exportparts=${c.parts}
      .prefill=${startValues(c.settings.prefill, c.slice.draft)}
      .serverErrors=${c.slice.errors}
      ?duplicate-email=${c.slice.duplicateEmail}
      ?busy=${c.busy}
      ?can-go-back=${c.canGoBack}
      locale=${c.locale}
    ></finhub-step-organization-registration>`,
});
