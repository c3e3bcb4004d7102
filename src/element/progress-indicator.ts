/**
 * The shell's compact progress indicator (docs/architecture.md#element): "Step 2 of 5 · Your
 * details" over a thin bar, and the full list of steps behind a disclosure. It counts only the
 * steps the person acts on: a step whose definition says `counted: false` (it only informs) or
 * that runs by itself (`automatic`) is left out of the count and the list.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Step } from '../flow/definitions.js';
import type { StepId } from '../flow/types.js';

/** The bar's steps (a `<progress>`: no inline style, which a strict CSP would refuse). */
const PRECISION = 1000;

export interface ProgressState {
  readonly steps: readonly Step[];
  readonly current: StepId;
  readonly completed: ReadonlySet<StepId>;
  readonly finished: boolean;
  isAutomatic(step: StepId): boolean;
}

/** The steps the person acts on, in order. */
export const countedSteps = (state: ProgressState): Step[] =>
  state.steps.filter((step) => step.counted !== false && !state.isAutomatic(step.id));

export function progressIndicator(state: ProgressState): TemplateResult {
  const counted = countedSteps(state);
  const total = counted.length;
  const currentStep = state.steps.find((step) => step.id === state.current);
  const index = counted.findIndex((step) => step.id === state.current);
  const done = counted.filter((step) => state.completed.has(step.id)).length;
  // On a counted step: its place. Elsewhere (an information or automatic step): what is done.
  const fraction = state.finished ? 1 : (index >= 0 ? index + 1 : done) / Math.max(total, 1);
  const summary = state.finished
    ? msg('All steps done')
    : index >= 0
      ? `${msg(str`Step ${index + 1} of ${total}`)} · ${currentStep?.title() ?? ''}`
      : (currentStep?.title() ?? '');
  return html`<nav class="progress" aria-label=${msg('Onboarding progress')}>
    <p part="progress-summary" class="progress-summary">${summary}</p>
    <progress
      part="progress-bar"
      class="progress-bar"
      aria-hidden="true"
      max=${PRECISION}
      .value=${Math.round(fraction * PRECISION)}
    ></progress>
    <details class="progress-steps">
      <summary part="progress-toggle">${msg('All steps')}</summary>
      <ol part="stepper" class="stepper">
        ${counted.map((step, position) => {
          const current = !state.finished && step.id === state.current;
          const complete = !current && state.completed.has(step.id);
          const status = current ? 'current' : complete ? 'complete' : 'upcoming';
          return html`<li
            part=${current ? 'step step-current' : complete ? 'step step-complete' : 'step'}
            class=${`step ${status}`}
            aria-current=${current ? 'step' : nothing}
          >
            <span class="marker" aria-hidden="true">${complete ? '✓' : position + 1}</span>
            <span class="label">${step.title()}</span>
            ${complete ? html`<span class="visually-hidden">${msg('(done)')}</span>` : nothing}
          </li>`;
        })}
      </ol>
    </details>
  </nav>`;
}
