/**
 * The element's settings as the driver reads them: which onboarding they ask for, and whether
 * they name an earlier one to resume (docs/architecture.md#flow).
 */
import type { FlowDefinition, FlowSettings } from './definitions.js';
import type { ResumeState } from './types.js';

/** The resume object names an onboarding of this flow: its owner and its user. */
export const hasResumeIds = (flow: FlowDefinition, resume: ResumeState | undefined) =>
  Boolean(
    resume &&
    flow.ownerId(resume.ids) &&
    resume.ids.userId &&
    [undefined, flow.kind].includes(resume.flow),
  );

/** What, when it changes, starts the flow over (or takes a duplicate email to the sign-in). */
export function settingsKey(settings: FlowSettings): string {
  const resume = hasResumeIds(settings.flow, settings.resume) ? settings.resume : undefined;
  return JSON.stringify([
    settings.flow.kind,
    settings.presetCategory ?? '',
    resume?.ids.customerId ?? '',
    resume?.ids.organizationId ?? '',
    resume?.ids.userId ?? '',
    resume?.ids.verificationId ?? '',
    resume?.step ?? '',
    settings.handoffLink ?? '',
  ]);
}

/** Which onboarding the settings ask for: another flow or preset category starts over. */
export const onboardingOf = (settings: FlowSettings): string =>
  `${settings.flow.kind}\u0000${settings.presetCategory ?? ''}\u0000${settings.handoffLink ?? ''}`;
