/**
 * What both flows' later calls share (src/flows/*-calls.ts): the ids a call needs, registration
 * with the chosen category, and the client's answers in the flow's vocabulary.
 */
import type { ApiSession } from '../api/api-session.js';
import type { CategorizationSelection } from '../api/categorization.js';
import { hasOverrides } from '../api/overrides.js';
import type { ActivationCheckResult, ActivationResult, CallOptions } from '../api/client.js';
import { isFinHubApiError } from '../api/errors.js';
import {
  FlowError,
  type ActivationCheck,
  type ActivationOutcome,
  type CallContext,
} from '../flow/backend.js';
import { consentKindOf } from '../flow/resume.js';
import type { ConsentKind, FlowData } from '../flow/types.js';

export const call = (context: CallContext): CallOptions => ({ signal: context.signal });

export const need = (value: string | undefined, what: string): string => {
  if (value) return value;
  // The flow only calls a step when the ids it needs exist; this guards a misuse of the seam.
  throw new FlowError('not_found', `missing ${what}`);
};

/**
 * Sends a registration with the chosen category and the smart categorization for it
 * (docs/finhub-contract.md#smart-categorization,
 * docs/finhub-contract.md#categorization-at-registration): the selection the token's categories
 * carry when the host sets no overrides (docs/architecture.md#categories-with-the-token), else
 * built from the hierarchy with the host's overrides as they are now (the analysis loads then).
 * FinHub refusing the categorization (docs/finhub-contract.md#individual-registration
 * `categorization_invalid`) is explained from the hierarchy: the same category would fail the same
 * way, so the error names the feature and key, for the flow to stop offering it and the host to
 * learn which override would help.
 */
export async function registerWithCategory<T>(
  api: ApiSession,
  context: CallContext,
  send: (category: CategorizationSelection) => Promise<T>,
): Promise<T> {
  const key = need(context.data.categoryKey, 'category');
  const overrides = api.categorizationOverrides();
  const category =
    (!hasOverrides(overrides) && handedSelection(context.data.categories, key)) ||
    (await import('../api/categorization.js')).buildCategorization(
      await api.hierarchy(context.signal),
      key,
      { overrides },
    );
  try {
    return await send(category);
  } catch (error) {
    if (isFinHubApiError(error) && error.code === 'categorization_invalid') {
      const [{ explainRejection }, loaded] = await Promise.all([
        import('../api/categorization.js'),
        api.hierarchy(context.signal),
      ]);
      throw explainRejection(loaded, key, error);
    }
    throw error;
  }
}

/**
 * The chosen category's selection as the token's categories carried it, when it has the shape
 * registration sends (a host's own token endpoint may send anything); undefined otherwise.
 */
function handedSelection(
  categories: FlowData['categories'],
  key: string,
): CategorizationSelection | undefined {
  const option = categories?.find((c) => c.key === key || c.aliases?.includes(key));
  const selection = option?.selection;
  const { id, name } = selection?.customerCategory ?? {};
  return typeof id === 'string' &&
    typeof name === 'string' &&
    typeof selection?.categorization === 'object' &&
    selection.categorization !== null
    ? selection
    : undefined;
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
 * docs/finhub-contract.md#individual-verification: a customer-scoped verification route this tenant
 * lacks, or one that failed; the same for the organization's `/verify`, which the runner backs with
 * `POST /verifications` (docs/finhub-contract.md#kyb-verification).
 */
export const shouldFallBack = (error: unknown): boolean =>
  isFinHubApiError(error) &&
  error.code !== 'aborted' &&
  (error.status === 404 || error.status === 405 || (error.status ?? 0) >= 500);
