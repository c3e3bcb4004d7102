/**
 * The phone's side of the hand-off (docs/handoff.md#flow): the element on the partner's hand-off
 * page, opened with `#handoff=<code>`, runs only the documents step (the code exchanged, the
 * documents the computer asked for uploaded, the hand-off completed), then says "go back to your
 * computer". One flow object per `flow` attribute, so the host's events name its flow; what the
 * phone asks for comes from the hand-off itself.
 */
import { msg } from '@lit/localize';
import type { PhoneBackend } from '../flow/backend.js';
import { defineFlow, type FlowDefinition } from '../flow/definitions.js';
import type { FlowKind } from '../flow/types.js';
import { phoneDocuments } from '../steps/documents/phone-documents.step.js';

const phoneFlow = (kind: FlowKind) =>
  defineFlow<PhoneBackend>({
    kind,
    title: () => msg('Continue on your phone'),
    steps: [phoneDocuments],
    ownerId: (ids) => ids.customerId ?? ids.organizationId,
    api: () => import('./phone-api.js'),
  });

export const PHONE_FLOWS: Readonly<Record<FlowKind, FlowDefinition>> = {
  individual: phoneFlow('individual'),
  organization: phoneFlow('organization'),
};
