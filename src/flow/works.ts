/**
 * Each step's work, loaded once per page with its lazy module and shared by every element; the
 * loaded ones are at hand without waiting (a run then starts in the same task).
 */
import type { Step, StepWork } from './definitions.js';

export type AnyWork = StepWork<object, unknown>;

const works = new Map<Step, Promise<AnyWork>>();
export const loaded = new Map<Step, AnyWork>();
export function workOf(step: Step): Promise<AnyWork> {
  let loading = works.get(step);
  if (!loading) {
    loading = step.load().then(
      ({ work }) => {
        loaded.set(step, work as AnyWork); // the step's own work, typed by its definition
        return work as AnyWork;
      },
      (error: unknown) => {
        works.delete(step); // tried again next time
        throw error;
      },
    );
    works.set(step, loading);
  }
  return loading;
}
