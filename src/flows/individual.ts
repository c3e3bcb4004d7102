/**
 * The individual (B2C) flow (docs/finhub-contract.md#individual-flow): its steps in FinHub's order and its calls.
 * docs/architecture.md#flow
 */
import { msg } from '@lit/localize';
import type { IndividualBackend } from '../flow/backend.js';
import { defineFlow } from '../flow/definitions.js';
// In FinHub's order (the bundle keeps each step's modules together).
import { categorization } from '../steps/categorization/categorization.step.js';
import { individualRegistration } from '../steps/registration/individual-registration.step.js';
import { session } from '../steps/session/session.step.js';
import { verification } from '../steps/verification/verification.step.js';
import { documents } from '../steps/documents/documents.step.js';
import { consents } from '../steps/consents/consents.step.js';
import { activation } from '../steps/activation/activation.step.js';

export const individual = defineFlow<IndividualBackend>({
  kind: 'individual',
  title: () => msg('Open your account'),
  steps: [
    categorization,
    individualRegistration,
    session,
    verification,
    documents,
    consents,
    activation,
  ],
  ownerId: (ids) => ids.customerId,
  api: () => import('./individual-api.js'),
});
