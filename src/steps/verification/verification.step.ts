/**
 * Identity check (docs/finhub-contract.md#individual-verification), or the company's KYB
 * (docs/finhub-contract.md#kyb-verification): starts the
 * verification and shows the documents it needs, so the person can get them ready.
 */
import { msg } from '@lit/localize';
import { defineStep } from '../../flow/definitions.js';

export const verification = defineStep<object, null>({
  id: 'verification',
  // Locked (the default): it creates a verification record
  // (docs/finhub-contract.md#create-verification) and documents are submitted for review
  // (docs/finhub-contract.md#document-upload), so going back would create duplicates. Information
  // only: it lists the documents the next step asks for.
  counted: false,
  title: () => msg('Identity check'),
  tag: 'finhub-step-verification',
  load: () => import('./verification.lazy.js'),
  slice: () => ({}),
  entry: (data) => !data.verification && 'busy',
});
