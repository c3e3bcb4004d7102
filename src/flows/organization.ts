/**
 * The organization (B2B) flow (docs/finhub-contract.md#organization-flow): its steps in FinHub's order and its calls.
 * docs/architecture.md#flow
 */
import { msg } from '@lit/localize';
import type { OrganizationBackend } from '../flow/backend.js';
import { defineFlow } from '../flow/definitions.js';
// In FinHub's order (the bundle keeps each step's modules together).
import { categorization } from '../steps/categorization/categorization.step.js';
import { organizationRegistration } from '../steps/registration/organization-registration.step.js';
import { personnel } from '../steps/personnel/personnel.step.js';
import { session } from '../steps/session/session.step.js';
import { verification } from '../steps/verification/verification.step.js';
import { documents } from '../steps/documents/documents.step.js';
import { consents } from '../steps/consents/consents.step.js';
import { activation } from '../steps/activation/activation.step.js';

export const organization = defineFlow<OrganizationBackend>({
  kind: 'organization',
  title: () => msg('Open a business account'),
  steps: [
    categorization,
    organizationRegistration,
    personnel,
    session,
    verification,
    documents,
    consents,
    activation,
  ],
  // The organization's id (docs/finhub-contract.md#organization-registration); its admin
  // signs in as its org user (docs/finhub-contract.md#organization-user-session).
  ownerId: (ids) => ids.organizationId,
  api: () => import('./organization-api.js'),
  // Activated companies answer `ACTIVATING` until their wallet is ready
  // (docs/finhub-contract.md#organization-activation).
  provisionsWallet: true,
});
