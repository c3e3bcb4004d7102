/**
 * People (docs/finhub-contract.md#organization-flow): the company's employees, directors and
 * shareholders (docs/finhub-contract.md#employees, #directors,
 * docs/finhub-contract.md#shareholders). Organization flow only.
 */
import { msg } from '@lit/localize';
import type { OrganizationBackend } from '../../flow/backend.js';
import { defineStep } from '../../flow/definitions.js';
// Types only: the personnel schemas (zod) load with the step's view.
import type {
  PersonnelRowError,
  PersonnelSection,
  PersonnelValues,
  SavedPersonnel,
} from './personnel.schema.js';
import { withMessages } from '../../localization/localization.js';
import { organizationMessages } from '../../localization/parts/organization.js';

/** How many new rows of each section FinHub now holds after a failed save. */
export type PersonnelSentCounts = Record<PersonnelSection, number>;

export interface PersonnelSlice {
  /** Employees, directors and shareholders FinHub holds for the organization. */
  saved: SavedPersonnel;
  /** FinHub refused a new row (index into that section's unsent rows). */
  rowErrors: PersonnelRowError[];
  /** After a failed save: how many rows of each section went through (the view drops them). */
  sent?: { counts: PersonnelSentCounts };
  /** What a retry of the same save still has to send. */
  progress?: { values: PersonnelValues; sent: PersonnelSentCounts };
  /** The first unsent row may be saved without our knowing (its answer was lost). */
  unsure: boolean;
  /** The directors FinHub holds were read (docs/finhub-contract.md#directors). */
  directorsLoaded: boolean;
}

export const personnel = defineStep<PersonnelSlice, PersonnelValues, OrganizationBackend>({
  id: 'personnel',
  title: () => msg('People'),
  tag: 'finhub-step-personnel',
  load: () => withMessages(import('./personnel.lazy.js'), organizationMessages),
  slice: () => ({
    saved: { employees: [], directors: [], shareholders: [] },
    rowErrors: [],
    unsure: false,
    directorsLoaded: false,
  }),
  // What FinHub already holds (a resumed onboarding), shown as saved
  // (docs/finhub-contract.md#directors list).
  entry: (_data, slice) => !slice.directorsLoaded && 'quiet',
  onSignIn: true,
});
