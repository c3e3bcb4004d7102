/**
 * The documents a verification asks for, described (labels, formats, size caps) for the
 * verification and documents views. The catalogue (requirements.ts) loads with those views, not
 * with the first screen; until then nothing is described.
 */
import type { FlowKind } from '../../flow/types.js';
import type { DocumentRequirement } from './requirements.js';

let catalogue: typeof import('./requirements.js') | undefined;

export async function loadCatalogue(): Promise<void> {
  catalogue ??= await import('./requirements.js');
}

/** `codes` described for `kind`'s catalogue; undefined while no verification has started. */
export function describeDocuments(
  codes: readonly string[] | undefined,
  kind: FlowKind,
): DocumentRequirement[] | undefined {
  if (!codes) return undefined;
  return catalogue?.requirementsFor([...codes], kind) ?? [];
}
