/**
 * The seam between the flow and FinHub. `FlowController` calls a `FlowBackend` for everything that
 * will talk to the relay; the follow-up wiring supplies one built on the API client. Until then
 * `createLocalBackend()` drives the steps locally so the shell and the steps can be used and tested.
 */
import { FinHubApiError } from '../api/errors.js';
import type { FlowData } from './flows.js';
import type { IndividualRegistrationValues } from './schemas/individual-registration.js';
import type { CategoryOption, FlowIds, StepId } from './types.js';

export interface StepContext {
  data: Readonly<FlowData>;
  /** Aborted when the element is removed or reset: pass it to every request. */
  signal: AbortSignal;
}

export interface StepOutcome {
  /** Ids learned in this step (merged into the flow's ids). */
  ids?: FlowIds;
  /** Status FinHub reported, e.g. the activation status (finhub-api.md §10). */
  status?: string;
}

/** What the session step signs in with: the credentials the person just registered with. */
export interface SessionCredentials {
  username: string;
  password: string;
}

export interface FlowBackend {
  /** Categories for this flow (finhub-api.md §4.1; organizations filter by name, §1.3). */
  loadCategories(context: StepContext): Promise<CategoryOption[]>;
  /** Registers the person (finhub-api.md §5.1, errata E1). Category: `context.data.categoryKey`. */
  registerIndividual(
    values: IndividualRegistrationValues,
    context: StepContext,
  ): Promise<StepOutcome>;
  /** Opens the customer session (§3.2) without asking the person again. */
  openSession(credentials: SessionCredentials, context: StepContext): Promise<StepOutcome>;
  /** Completes a step whose screen is not built yet (placeholder until issues 4 and 5). */
  completeStep(step: StepId, context: StepContext): Promise<StepOutcome>;
}

export interface LocalBackendOptions {
  categories?: Partial<Record<FlowData['flow'], CategoryOption[]>>;
  /** Pretend latency, ms (default 0). */
  delayMs?: number;
}

const LOCAL_CATEGORIES: Record<FlowData['flow'], CategoryOption[]> = {
  individual: [
    {
      key: 'INDIVIDUAL_STANDARD',
      name: 'Individual Standard',
      description: 'Everyday payments and savings.',
      isDefault: true,
    },
    {
      key: 'INDIVIDUAL_PREMIUM',
      name: 'Individual Premium',
      description: 'Higher limits and international payments.',
    },
  ],
  organization: [
    {
      key: 'SMALL_BUSINESS',
      name: 'Small Business',
      description: 'For companies with up to 50 employees.',
      isDefault: true,
    },
    {
      key: 'MEDIUM_RISK_BUSINESS',
      name: 'Business',
      description: 'For larger companies and regulated activities.',
    },
  ],
};

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = () =>
      new FinHubApiError({ code: 'aborted', message: 'The request was cancelled.' });
    if (signal.aborted) return reject(aborted());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(aborted());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** A stand-in backend that answers locally (no network): categories, then every step succeeds. */
export function createLocalBackend(options: LocalBackendOptions = {}): FlowBackend {
  const delay = options.delayMs ?? 0;
  return {
    async loadCategories({ data, signal }) {
      await wait(delay, signal);
      return (options.categories?.[data.flow] ?? LOCAL_CATEGORIES[data.flow]).map((c) => ({
        ...c,
      }));
    },
    async registerIndividual(_values, { signal }) {
      await wait(delay, signal);
      return {};
    },
    async openSession(_credentials, { signal }) {
      await wait(delay, signal);
      return {};
    },
    async completeStep(step, { signal }) {
      await wait(delay, signal);
      return step === 'activation' ? { status: 'ACTIVE' } : {};
    },
  };
}
