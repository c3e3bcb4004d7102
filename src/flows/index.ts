/** The two flows by kind: how the element's `flow` attribute finds its flow object. */
import type { FlowDefinition } from '../flow/definitions.js';
import type { FlowKind } from '../flow/types.js';
import { individual } from './individual.js';
import { organization } from './organization.js';

export const FLOWS: Readonly<Record<FlowKind, FlowDefinition>> = { individual, organization };
