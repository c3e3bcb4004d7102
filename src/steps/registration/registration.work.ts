/**
 * Registration's work, for either flow
 * (docs/finhub-contract.md#individual-registration, #organization-registration): never retried by
 * itself (docs/finhub-contract.md#retries-and-idempotency), and a 409 after an attempt whose answer
 * was lost says that attempt registered.
 */
import { msg } from '@lit/localize';
import type {
  IndividualBackend,
  OrganizationBackend,
  StepOutcome,
  CallContext,
} from '../../flow/backend.js';
import type { CategorizationDetails } from '../../api/categorization.js';
import type { FailurePlacement, StepContext, StepWork } from '../../flow/definitions.js';
import type { RegistrationSlice } from './registration.js';
import type {
  IndividualRegistrationDraft,
  IndividualRegistrationValues,
} from './individual-registration.schema.js';
import type {
  OrganizationRegistrationDraft,
  OrganizationRegistrationValues,
} from './organization-registration.schema.js';

type Credentials = { email: string; password: string };

function registrationWork<
  D extends object,
  V extends Credentials,
  B extends IndividualBackend | OrganizationBackend,
>(
  send: (backend: B, values: V, context: CallContext) => Promise<StepOutcome>,
): StepWork<RegistrationSlice<D>, V, B> {
  return {
    async submit(values, context) {
      context.update({
        slice: { errors: [], duplicateEmail: false },
        // Where the sign-in starts if the email turns out to be registered already.
        data: { email: values.email },
      });
      let outcome: StepOutcome;
      try {
        outcome = await send(context.backend, values, context);
      } catch (error) {
        // Cancelled (the element left the page) after the registration may have gone out: the
        // relay carries it out regardless, so a later 409 means this attempt registered
        // (docs/finhub-contract.md#retries-and-idempotency).
        if (context.signal.aborted) context.update({ slice: { uncertain: true } });
        throw error;
      }
      return {
        // Held in memory only until the session step has signed in
        // (docs/finhub-contract.md#customer-session, #organization-user-session).
        credentials: { username: values.email, password: values.password },
        ...(outcome.ids ? { ids: outcome.ids } : {}),
        ...(outcome.status ? { status: outcome.status } : {}),
        next: true,
      };
    },

    failed(failure, context) {
      const { code } = failure;
      if (failure.categorization) return withdrawCategory(failure.categorization, context);
      if (code === 'duplicate_email') {
        // After an attempt whose outcome was unknown, the 409 says that attempt did register.
        const { registeredEarlier, uncertain } = context.slice;
        context.update({
          slice: { duplicateEmail: true, registeredEarlier: registeredEarlier || uncertain },
        });
        return { onForm: true, recoverable: true };
      }
      if (code === 'validation_failed' && failure.fieldErrors.length > 0) {
        context.update({ slice: { errors: failure.fieldErrors } });
        return { onForm: true };
      }
      if (failure.retryable && code !== 'rate_limited' && code !== 'token_unavailable') {
        // docs/finhub-contract.md#retries-and-idempotency: no idempotency key, so a repeat could
        // register twice. The person is told and decides; a repeat that meets a 409 then offers the
        // sign-in instead. (A 429, or no token at all, means FinHub never acted on it: those are
        // not in doubt.)
        context.update({ slice: { uncertain: true } });
        return {
          text: () =>
            msg(
              'We could not confirm that your account was created. Try again: if it was, we will ask you to sign in instead.',
            ),
        };
      }
      return undefined;
    },
  };
}

/**
 * An account type that cannot be opened (FinHub refused it at registration, or smart
 * categorization cannot fill it; docs/finhub-contract.md#categorization-at-registration): sending
 * it again would fail the same way. It is no longer offered; the person goes back to choose
 * another (what they typed is kept) or, with none left, sees the host's contact route. The host
 * hears which feature and key, and the override that would help.
 */
function withdrawCategory(
  refused: CategorizationDetails,
  context: StepContext<unknown>,
): FailurePlacement {
  const category = context.data.categoryKey;
  const categories = context.data.categories?.map((option) =>
    option.key === category ? { ...option, unavailable: refused, isDefault: false } : option,
  );
  context.update({
    data: { categories, categoryKey: undefined, presetCategory: undefined },
  });
  return {
    back: true,
    recoverable: categories?.some((option) => !option.unavailable) ?? false,
    detail: { ...(category ? { category } : {}), ...refused },
  };
}

export const individualWork = registrationWork<
  IndividualRegistrationDraft,
  IndividualRegistrationValues,
  IndividualBackend
>((backend, values, context) => backend.registerIndividual(values, context));

/**
 * The company and its admin user (docs/finhub-contract.md#organization-registration); the admin
 * signs in with these credentials (docs/finhub-contract.md#organization-user-session).
 */
export const organizationWork = registrationWork<
  OrganizationRegistrationDraft,
  OrganizationRegistrationValues,
  OrganizationBackend
>((backend, values, context) => backend.registerOrganization(values, context));
