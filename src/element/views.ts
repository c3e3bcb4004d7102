/** The element's views: each step's lazy module, loaded once (docs/architecture.md#loading-on-demand). */
import type { FlowBackend } from '../flow/backend.js';
import type { StepModule, StepView } from '../flow/definitions.js';
import { defineOnce } from './define-once.js';
import { whenIdle } from '../flow/idle.js';

/** A loaded view: a step's lazy module (with its `render`), or the progress view. */
export type Loaded = Awaited<ReturnType<StepView['load']>> &
  Partial<Pick<StepModule<object, never, FlowBackend>, 'render' | 'renderDone' | 'prepare'>>;

export { whenIdle };

/**
 * Loads a step's lazy module and registers its element once; a failed load can be tried again.
 * With `prepareFor` (a prefetch while the person is on the step before), the module's `prepare`
 * runs for that locale when the page is next idle.
 */
const views = new Map<string, Promise<Loaded>>();
export function loadView(view: StepView, prepareFor?: string): Promise<Loaded> {
  let pending = views.get(view.tag);
  if (!pending) {
    pending = view.load().then((module) => {
      defineOnce(view.tag, module.view);
      return module;
    });
    pending.catch(() => views.delete(view.tag));
    views.set(view.tag, pending);
  }
  if (prepareFor !== undefined) {
    void pending.then((module) => module.prepare && whenIdle(() => module.prepare!(prepareFor)));
  }
  return pending;
}
