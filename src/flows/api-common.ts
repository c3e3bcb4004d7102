/**
 * What both flows' calls on the API client share (src/flows/*-api.ts): the categories, the ids a
 * call needs, and the client's answers in the flow's vocabulary.
 */
import type { ApiSession } from '../api/api-session.js';
import { buildCategorization, listCategories, pickDefaultCategory } from '../api/categorization.js';
import type { ActivationCheckResult, ActivationResult, CallOptions } from '../api/client.js';
import { isFinHubApiError } from '../api/errors.js';
import {
  FlowError,
  type ActivationCheck,
  type ActivationOutcome,
  type CallContext,
} from '../flow/backend.js';
import { consentKindOf } from '../flow/resume.js';
import type { CategoryOption, ConsentKind, FlowKind } from '../flow/types.js';

export const call = (context: CallContext): CallOptions => ({ signal: context.signal });

export const need = (value: string | undefined, what: string): string => {
  if (value) return value;
  // The flow only calls a step when the ids it needs exist; this guards a misuse of the seam.
  throw new FlowError('not_found', `missing ${what}`);
};

/** The tenant's categories for `kind`, its smart default marked (finhub-api.md §4.1, §1.3). */
export async function categoriesFor(
  api: ApiSession,
  kind: FlowKind,
  context: CallContext,
): Promise<CategoryOption[]> {
  const loaded = await api.hierarchy(context.signal);
  const preferred = pickDefaultCategory(loaded, kind)?.key;
  return listCategories(loaded, kind).map((option) => ({
    key: option.key,
    name: option.name,
    ...(option.description ? { description: option.description } : {}),
    ...(option.key === preferred ? { isDefault: true } : {}),
    aliases: [option.code, option.id],
  }));
}

/** The chosen category and the smart categorization registration sends with it (§4.2, §4.3). */
export async function categorizationFor(api: ApiSession, context: CallContext) {
  const loaded = await api.hierarchy(context.signal);
  return buildCategorization(loaded, need(context.data.categoryKey, 'category'));
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
