/**
 * What both flows' calls on the API client share (src/flows/*-api.ts): the categories, the ids a
 * call needs, and the client's answers in the flow's vocabulary.
 */
import type { ApiSession } from '../api/api-session.js';
import {
  analyzeHierarchy,
  buildCategorization,
  categorizationDetails,
  explainRejection,
  pickDefault,
} from '../api/categorization.js';
import type { ActivationCheckResult, ActivationResult, CallOptions } from '../api/client.js';
import { isFinHubApiError } from '../api/errors.js';
import {
  FlowError,
  type ActivationCheck,
  type ActivationOutcome,
  type CallContext,
  type HandoffBackend,
} from '../flow/backend.js';
import type { HandoffClient } from '../api/handoff.js';
import { consentKindOf } from '../flow/resume.js';
import type { CategoryOption, ConsentKind, FlowKind } from '../flow/types.js';

export const call = (context: CallContext): CallOptions => ({ signal: context.signal });

export const need = (value: string | undefined, what: string): string => {
  if (value) return value;
  // The flow only calls a step when the ids it needs exist; this guards a misuse of the seam.
  throw new FlowError('not_found', `missing ${what}`);
};

/**
 * The tenant's categories for `kind`, its smart default marked (finhub-api.md §4.1, §1.3). Every
 * category is checked before the person fills in anything: one smart categorization cannot fill
 * is marked `unavailable`, never offered (docs/finhub-contract.md#smart-categorization).
 */
export async function categoriesFor(
  api: ApiSession,
  kind: FlowKind,
  context: CallContext,
): Promise<CategoryOption[]> {
  const loaded = await api.hierarchy(context.signal);
  const analyses = analyzeHierarchy(loaded, kind, api.categorizationOverrides());
  const preferred = pickDefault(analyses.filter((a) => a.satisfiable))?.key;
  return analyses.map((analysis) => ({
    key: analysis.key,
    name: analysis.name,
    ...(analysis.description ? { description: analysis.description } : {}),
    ...(analysis.key === preferred ? { isDefault: true } : {}),
    aliases: [analysis.code, analysis.id],
    ...(analysis.satisfiable
      ? {}
      : { unavailable: categorizationDetails(analysis.problems, analysis.overridesNeeded) }),
  }));
}

/**
 * Sends a registration with the chosen category and the smart categorization for it (§4.2,
 * §4.3). FinHub refusing the categorization (§5.1 `categorization_invalid`) is explained: the
 * same category would fail the same way, so the error names the feature and key, for the flow to
 * stop offering it and the host to learn which override would help.
 */
export async function registerWithCategory<T>(
  api: ApiSession,
  context: CallContext,
  send: (category: ReturnType<typeof buildCategorization>) => Promise<T>,
): Promise<T> {
  const loaded = await api.hierarchy(context.signal);
  const key = need(context.data.categoryKey, 'category');
  const category = buildCategorization(loaded, key, { overrides: api.categorizationOverrides() });
  try {
    return await send(category);
  } catch (error) {
    if (isFinHubApiError(error) && error.code === 'categorization_invalid') {
      throw explainRejection(loaded, key, error);
    }
    throw error;
  }
}

export function toActivationCheck(
  check: ActivationCheckResult & { status?: string },
): ActivationCheck {
  return {
    allowed: check.allowed,
    ...(check.consentOk !== undefined ? { consentOk: check.consentOk } : {}),
    ...(check.verificationOk !== undefined ? { verificationOk: check.verificationOk } : {}),
    ...(check.verificationStatus ? { verificationStatus: check.verificationStatus } : {}),
    ...(check.status ? { status: check.status } : {}),
    missingConsents: check.missingConsents
      .map(consentKindOf)
      .filter((kind): kind is ConsentKind => kind !== undefined),
  };
}

export function toActivationOutcome(result: ActivationResult): ActivationOutcome {
  return {
    ...(result.status ? { status: result.status } : {}),
    ...(result.iban ? { iban: result.iban } : {}),
    ...(result.wallet ? { wallet: result.wallet } : {}),
  };
}

/**
 * §5.3c / §12.8: a customer-scoped verification route this tenant lacks, or one that failed; the
 * same for the organization's `/verify`, which the runner backs with `POST /verifications` (§7.6).
 */
export const shouldFallBack = (error: unknown): boolean =>
  isFinHubApiError(error) &&
  error.code !== 'aborted' &&
  (error.status === 404 || error.status === 405 || (error.status ?? 0) >= 500);

/** Without a token source and an API base nothing can work: every call says so. */
export function unconfiguredCalls<B extends object>(): B {
  return new Proxy({} as B, {
    get(_target, name) {
      if (typeof name !== 'string' || name === 'then') return undefined; // not a thenable
      return async (): Promise<never> => {
        throw new FlowError(
          'not_configured',
          'Set token-url (or the fetchToken property) and api-base on <finhub-onboarding>.',
        );
      };
    },
  });
}

/**
 * The computer's hand-off calls (docs/handoff.md#what-the-element-calls) with the element's token
 * source (one refresh after a 401). The hand-off client loads on the first call, in a chunk of its
 * own: most people never press "Use my phone".
 */
export function handoffCalls(api: ApiSession): HandoffBackend {
  let loading: Promise<HandoffClient> | undefined;
  const client = () => {
    loading ??= import('../api/handoff.js').then(
      (module) => module.createHandoffClient({ apiBase: api.apiBase }),
      (error: unknown) => {
        loading = undefined; // tried again on the next call
        throw error;
      },
    );
    return loading;
  };
  return {
    create: async (body, context) => (await client()).create(api.tokens, body, call(context)),
    status: async (context) => (await client()).status(api.tokens, call(context)),
    cancel: async (context) => (await client()).cancel(api.tokens, call(context)),
  };
}
