/** A person's registration (docs/finhub-contract.md#individual-registration): their details, address and password. */
import { msg } from '@lit/localize';
import type { IndividualBackend } from '../../flow/backend.js';
import { defineStep } from '../../flow/definitions.js';
import type {
  IndividualRegistrationDraft,
  IndividualRegistrationValues,
} from './individual-registration.schema.js';
import { registrationSlice, type RegistrationSlice } from './registration.js';
import { withMessages } from '../../localization/localization.js';
import { individualMessages } from '../../localization/parts/individual.js';

export const individualRegistration = defineStep<
  RegistrationSlice<IndividualRegistrationDraft>,
  IndividualRegistrationValues,
  IndividualBackend
>({
  id: 'registration',
  // Registration creates the customer (docs/finhub-contract.md#individual-registration); retrying
  // it is unsafe (docs/finhub-contract.md#retries-and-idempotency), so once done it is locked (the
  // default) and nothing before it can be revisited. Before submitting, the person may change the
  // category.
  canGoBack: true,
  title: () => msg('Your details'),
  tag: 'finhub-step-individual-registration',
  load: () => withMessages(import('./individual-registration.lazy.js'), individualMessages),
  slice: registrationSlice,
});
