/**
 * The flow controller's work that only the organization flow needs (§7): saving the people step
 * (employees, directors, shareholders), the directors FinHub holds, where a resumed organization
 * lands, and the wallet poll after activation. Loaded with step-handlers.ts when an organization
 * flow leaves categorization (DESIGN §5); the first render does not carry it.
 */
import { msg } from '@lit/localize';
import { wait, type ActivationCheck, type ActivationOutcome, type StepContext } from './backend.js';
import { toFailure } from './failure.js';
import type { PersonnelSentCounts } from './flow-controller.js';
import type { FlowKernel } from './flow-kernel.js';
import { personnelPending } from './resume.js';
// Types only: the personnel schemas (zod) load with the personnel step.
import { personnelRequests } from '../steps/personnel/personnel-requests.js';
import type {
  PersonnelRequest,
  PersonnelSection,
  PersonnelValues,
} from '../steps/personnel/personnel.schema.js';
import { honourRetryAfter, isActive, outcomeUnknown } from './step-handlers.js';

/** The people step's sections in the order FinHub needs them (§7.2 before §7.3 before §7.4). */
const PERSONNEL_SECTIONS: readonly PersonnelSection[] = ['employees', 'directors', 'shareholders'];

/**
 * What a refused row of the people step says (§7.2–§7.4: 400 with field errors, 409 for a person
 * already on file); '' when the failure is not about the row (network, 5xx: the banner says it).
 */
function personnelRowMessage(error: unknown): string {
  const failure = toFailure(error);
  switch (failure.code) {
    case 'duplicate_email':
    case 'conflict':
      return msg('FinHub already has someone with this email address for this company.');
    case 'validation_failed':
    case 'bad_request':
    case 'unprocessable':
      return failure.fieldErrors[0]?.message ?? failure.message;
    default:
      return '';
  }
}

/**
 * Saves the people step's new rows (§7.2–§7.4); see `FlowController.savePersonnel`. After a
 * failure `onSent` hears how many rows of each section FinHub now holds before the failing row's
 * error is set; a retry sends only what is left.
 */
export function savePersonnel(
  k: FlowKernel,
  values: PersonnelValues,
  onSent?: (counts: PersonnelSentCounts) => void,
): void {
  if (k.c.busy || k.c.flow !== 'organization' || k.c.current !== 'personnel') return;
  let remaining = values;
  const attempt = () =>
    k.perform('personnel', 'person', attempt, async (context) => {
      k.c.personnelRowErrors = [];
      const sent: PersonnelSentCounts = { employees: 0, directors: 0, shareholders: 0 };
      const requests = personnelRequests(remaining);
      let failing: PersonnelRequest | undefined;
      try {
        for (const item of requests) {
          failing = item;
          await savePerson(k, item, context, k.s.personnelUnsure);
          k.s.personnelUnsure = false;
          sent[item.section] += 1;
        }
      } catch (error) {
        // Cancelled too: the relay may have carried it out.
        k.s.personnelUnsure = outcomeUnknown(error) || context.signal.aborted;
        const rest: PersonnelValues = { employees: [], directors: [], shareholders: [] };
        for (const section of PERSONNEL_SECTIONS) {
          (rest[section] as unknown[]) = remaining[section].slice(sent[section]); // same section
        }
        remaining = rest;
        if (PERSONNEL_SECTIONS.some((section) => sent[section] > 0)) onSent?.(sent);
        if (sent.directors > 0) loadDirectors(k, true);
        const rowMessage = failing && !context.signal.aborted ? personnelRowMessage(error) : '';
        if (failing && rowMessage) {
          // The failing row is the first of its section still unsent.
          k.c.personnelRowErrors = [{ section: failing.section, index: 0, message: rowMessage }];
        }
        throw error;
      }
      k.advance('person');
    });
  attempt();
}

/**
 * After the row's earlier attempt lost its answer (§9: no idempotency key), FinHub refusing it as
 * a duplicate says that attempt saved it: a 409 for an employee's or director's email (§7.2,
 * §7.3), the over-100 % ownership refusal for a shareholder (§7.4: the element only sends shares
 * that total 100 %, so a repeat is the only way over).
 */
function heldAlready(item: PersonnelRequest, error: unknown): boolean {
  const failure = toFailure(error);
  if (item.section !== 'shareholders') {
    return failure.code === 'conflict' || failure.code === 'duplicate_email';
  }
  return (
    (failure.code === 'bad_request' || failure.code === 'validation_failed') &&
    failure.fieldErrors.some((f) => f.field === 'ownershipPercentage')
  );
}

async function savePerson(
  k: FlowKernel,
  item: PersonnelRequest,
  context: StepContext,
  unsure: boolean,
): Promise<void> {
  const backend = k.backend();
  const saved = k.c.savedPersonnel;
  /** The row's request; a refusal that says it is held already counts as saved (no ids then). */
  const send = async <T extends object>(request: () => Promise<T>): Promise<Partial<T>> => {
    try {
      return await request();
    } catch (error) {
      if (unsure && heldAlready(item, error)) return {};
      throw error;
    }
  };
  if (item.section === 'employees') {
    const { person, position, roles } = item.request;
    const outcome = await send(() => backend.addEmployee(item.request, context));
    // §7.1 says the default admin may be created later: when registration named no user,
    // the employee with the admin's email is that user (the one who signs in, §3.3).
    const email = k.c.machine.data.email?.toLowerCase();
    if (!k.c.ids.userId && outcome.userId && person.email.toLowerCase() === email) {
      k.merge({ ids: { userId: outcome.userId } });
    }
    k.c.savedPersonnel = {
      ...saved,
      employees: [
        ...saved.employees,
        {
          ...(outcome.employeeId ? { employeeId: outcome.employeeId } : {}),
          ...(outcome.userId ? { userId: outcome.userId } : {}),
          firstName: person.firstName,
          lastName: person.lastName,
          email: person.email,
          ...(position ? { position } : {}),
          roles: [...roles],
        },
      ],
    };
  } else if (item.section === 'directors') {
    const request = item.request;
    const outcome = await send(() => backend.addDirector(request, context));
    k.c.savedPersonnel = {
      ...saved,
      directors: [
        ...saved.directors,
        {
          ...(outcome.directorId ? { directorId: outcome.directorId } : {}),
          firstName: request.firstName,
          lastName: request.lastName,
          email: request.email,
          role: request.role,
          ...(request.appointmentDate ? { appointedDate: request.appointmentDate } : {}),
        },
      ],
    };
  } else {
    const outcome = await send(() => backend.addShareholder(item.request, context));
    k.c.savedPersonnel = {
      ...saved,
      shareholders: [...saved.shareholders, { ...item.request, ...outcome }],
    };
  }
}

/**
 * The directors FinHub holds (§7.3), for the people step's saved list. Best effort: without it
 * the step shows what this visit saved. `again` reloads after a partial save.
 */
export function loadDirectors(k: FlowKernel, again = false): void {
  if (k.s.directorsLoading || (!again && k.s.directorsLoaded)) return;
  k.s.directorsLoading = true;
  const context = k.context();
  k.backend()
    .listDirectors(context)
    .then(
      (directors) => {
        if (context.signal.aborted) return;
        k.s.directorsLoaded = true;
        k.c.savedPersonnel = { ...k.c.savedPersonnel, directors };
      },
      () => undefined,
    )
    .finally(() => {
      k.s.directorsLoading = false;
      k.host.requestUpdate();
    });
}

/**
 * A resumed organization's sign-in: fills the saved list with the directors FinHub holds and,
 * when its people were never saved, lands on the people step (true) instead of the readiness
 * check's landing.
 */
export async function landOnPersonnel(
  k: FlowKernel,
  check: ActivationCheck,
  context: StepContext,
): Promise<boolean> {
  // §7.3: the one personnel list FinHub documents; it also fills the saved list.
  const directors = await k
    .backend()
    .listDirectors(context)
    .catch(() => undefined);
  if (directors) {
    k.s.directorsLoaded = true;
    k.c.savedPersonnel = { ...k.c.savedPersonnel, directors };
  }
  const resumeStep = k.c.machine.data.resumeStep;
  if (personnelPending(check, resumeStep, directors?.length ?? 0)) {
    k.c.locating = false;
    k.jump('session', [], 'personnel', 'person', true);
    return true;
  }
  return false;
}

/**
 * Wallet provisioning takes seconds, not the minutes a KYC review does: 0.5 s, 0.8 s, 1.3 s, …
 * up to 15 s, each ± 20 %, so the company sees its account soon after it is ready.
 */
function walletPollDelay(attempt: number): number {
  const base = Math.min(15_000, 500 * 1.6 ** attempt);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/**
 * After an organization's activation: polls its wallet (§7.8 [O] names `wallet-status`) with the
 * same backoff until it is `ACTIVE`, then finishes with the IBAN. Stops when the element is
 * removed; `enter` starts it again when the element comes back.
 */
export function pollWallet(k: FlowKernel): void {
  if (k.s.walletPolling || k.c.finished) return;
  k.s.walletPolling = true;
  const token = ++k.s.walletToken;
  const context = k.context();
  const delay = k.options.pollDelay ?? walletPollDelay;
  const finish = (outcome: ActivationOutcome) => {
    const result = { ...k.c.result, ...outcome };
    k.c.result = result;
    k.s.lastStatus = result.status ?? 'ACTIVE';
    k.advance('automatic');
  };
  const run = async () => {
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) await wait(delay(attempt - 1), context.signal);
      let outcome: ActivationOutcome;
      try {
        outcome = await k.backend().checkWallet(context);
      } catch (error) {
        if (context.signal.aborted || token !== k.s.walletToken) return;
        const failure = toFailure(error);
        // No wallet poll on this tenant: the activation itself succeeded, so finish with it.
        if (failure.code === 'not_found') return finish({});
        if (failure.retryable && attempt < 6) {
          await honourRetryAfter(failure.retryAfter, context.signal);
          continue;
        }
        k.fail('activation', error, () => pollWallet(k));
        return;
      }
      if (token !== k.s.walletToken) return;
      if (isActive(outcome.status) || outcome.iban) {
        k.options.announce?.(msg('The company account is active.'));
        return finish({ ...outcome, status: outcome.status ?? 'ACTIVE' });
      }
    }
  };
  void run()
    .catch(() => undefined) // only the abort of `wait` reaches here
    .finally(() => {
      if (token === k.s.walletToken) k.s.walletPolling = false;
      k.host.requestUpdate();
    });
}
