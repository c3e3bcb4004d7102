/** The flows by kind: how the element's `flow` attribute (and a hand-off link) finds its flow object. */
import type { FlowDefinition } from '../flow/definitions.js';
import type { FlowKind } from '../flow/types.js';
import { individual } from './individual.js';
import { organization } from './organization.js';
import { PHONE_FLOWS } from './phone.js';

export const FLOWS: Readonly<Record<FlowKind, FlowDefinition>> = { individual, organization };

/** The flow for `kind`; on the partner's hand-off page (opened with a code), the phone's side. */
export const flowFor = (kind: FlowKind, phone: boolean): FlowDefinition =>
  (phone ? PHONE_FLOWS : FLOWS)[kind];
