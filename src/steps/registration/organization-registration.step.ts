/**
 * A company's registration (docs/finhub-contract.md#organization-registration): its details, registered address, and the admin
 * user's email and password.
 */
import { msg } from '@lit/localize';
import type { OrganizationBackend } from '../../flow/backend.js';
import { defineStep } from '../../flow/definitions.js';
import type {
  OrganizationRegistrationDraft,
  OrganizationRegistrationValues,
} from './organization-registration.schema.js';
import { registrationSlice, type RegistrationSlice } from './registration.js';
import { withMessages } from '../../localization/localization.js';
import { organizationMessages } from '../../localization/parts/organization.js';

export const organizationRegistration = defineStep<
  RegistrationSlice<OrganizationRegistrationDraft>,
  OrganizationRegistrationValues,
  OrganizationBackend
>({
  id: 'registration',
  canGoBack: true,
  title: () => msg('Company details'),
  tag: 'finhub-step-organization-registration',
  load: () => withMessages(import('./organization-registration.lazy.js'), organizationMessages),
  slice: registrationSlice,
});
