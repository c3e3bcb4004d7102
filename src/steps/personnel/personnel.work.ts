/**
 * The people step's work (docs/finhub-contract.md#employees, #directors, #shareholders): saving its
 * new rows in the order FinHub needs them, the directors FinHub holds, and whether a resumed
 * company still has to name its people.
 */
import { msg } from '@lit/localize';
import { errorText } from '../../localization/error-messages.js';
import type { OrganizationBackend } from '../../flow/backend.js';
import type { StepContext, StepWork } from '../../flow/definitions.js';
import { outcomeUnknown, toFailure } from '../../flow/failure.js';
import { personnelPending } from '../../flow/resume.js';
import { personnelRequests } from './personnel-requests.js';
import type { PersonnelSentCounts, PersonnelSlice } from './personnel.step.js';
// Types only: the personnel schemas (zod) load with the step's view.
import type {
  PersonnelRequest,
  PersonnelSection,
  PersonnelValues,
  SavedPersonnel,
} from './personnel.schema.js';

type Context = StepContext<PersonnelSlice, OrganizationBackend>;

/**
 * The people step's sections in the order FinHub needs them (docs/finhub-contract.md#employees
 * before docs/finhub-contract.md#directors before docs/finhub-contract.md#shareholders).
 */
const SECTIONS: readonly PersonnelSection[] = ['employees', 'directors', 'shareholders'];

const none = (): PersonnelSentCounts => ({ employees: 0, directors: 0, shareholders: 0 });

export const work: StepWork<PersonnelSlice, PersonnelValues, OrganizationBackend> = {
  /**
   * What FinHub already holds (a resumed onboarding), shown as saved
   * (docs/finhub-contract.md#directors list).
   */
  async enter(context) {
    if (!context.slice.directorsLoaded) await loadDirectors(context);
  },

  /**
   * Saves the new rows (docs/finhub-contract.md#employees, #directors, #shareholders) in the order
   * FinHub needs: employees (the `ADMIN_USER` one first), directors, shareholders. The view checked
   * its rules first, so nothing is sent for a list that breaks them. After a failure the slice says
   * how many rows of each section went through (the view drops them; they show as saved) and which
   * row FinHub refused; a retry of the same save sends only what is left.
   */
  async submit(values, context) {
    const progress = context.slice.progress;
    const before = progress?.values === values ? progress.sent : none();
    const remaining = rest(values, before);
    const sent = none();
    context.update({ slice: { rowErrors: [] } });
    let failing: PersonnelRequest | undefined;
    try {
      for (const item of personnelRequests(remaining)) {
        failing = item;
        await savePerson(context, item, context.slice.unsure);
        context.update({ slice: { unsure: false } });
        sent[item.section] += 1;
      }
    } catch (error) {
      const aborted = context.signal.aborted;
      const total = none();
      for (const section of SECTIONS) total[section] = before[section] + sent[section];
      const rowMessage = failing && !aborted ? personnelRowMessage(error) : '';
      const field = toFailure(error).fieldErrors[0]?.field;
      context.update({
        slice: {
          // Cancelled too: the relay may have carried it out.
          unsure: outcomeUnknown(error) || aborted,
          progress: { values, sent: total },
          ...(SECTIONS.some((section) => sent[section] > 0) ? { sent: { counts: sent } } : {}),
          // The failing row is the first of its section still unsent.
          rowErrors:
            failing && rowMessage
              ? [
                  {
                    section: failing.section,
                    index: 0,
                    message: rowMessage,
                    ...(field ? { field } : {}),
                  },
                ]
              : [],
        },
      });
      if (sent.directors > 0) void loadDirectors(context);
      throw error;
    }
    return { slice: { progress: undefined }, next: true };
  },

  failed(_failure, context) {
    // Shown on the row FinHub refused (the view focuses it); the host still hears about it.
    const row = context.slice.rowErrors[0];
    return row ? { onForm: true, text: () => row.message, recoverable: true } : undefined;
  },

  /**
   * A resumed company's sign-in: fills the saved list with the directors FinHub holds and, when
   * its people were never saved, asks to be done again (instead of the readiness check's landing).
   */
  async signedIn(check, context) {
    // docs/finhub-contract.md#directors: the one personnel list FinHub documents; it also fills the
    // saved list.
    const count = await loadDirectors(context);
    return personnelPending(check, context.data.resumeStep, count ?? 0);
  },
};

/** The rows of `values` after the first `sent` of each section. */
function rest(values: PersonnelValues, sent: PersonnelSentCounts): PersonnelValues {
  return {
    employees: values.employees.slice(sent.employees),
    directors: values.directors.slice(sent.directors),
    shareholders: values.shareholders.slice(sent.shareholders),
  };
}

/**
 * The directors FinHub holds (docs/finhub-contract.md#directors), for the saved list. Best effort:
 * without it the step shows what this visit saved. Resolves with how many there are, or undefined
 * when they could not be read.
 */
async function loadDirectors(context: Context): Promise<number | undefined> {
  try {
    const directors = await context.backend.listDirectors(context);
    context.update({
      slice: { directorsLoaded: true, saved: { ...context.slice.saved, directors } },
    });
    return directors.length;
  } catch {
    return undefined;
  }
}

/**
 * What a refused row says (docs/finhub-contract.md#employees, #directors, #shareholders: 400 with
 * field errors, 409 for a person already on file); '' when the failure is not about the row
 * (network, 5xx: the banner says it).
 */
function personnelRowMessage(error: unknown): string {
  const failure = toFailure(error);
  switch (failure.code) {
    case 'duplicate_email':
    case 'conflict':
      return msg('Someone with this email address is already listed for this company.');
    case 'validation_failed':
    case 'bad_request':
    case 'unprocessable':
      return failure.fieldErrors[0]?.message ?? errorText(failure);
    default:
      return '';
  }
}

/**
 * After the row's earlier attempt lost its answer (docs/finhub-contract.md#retries-and-idempotency:
 * no idempotency key), FinHub refusing it as a duplicate says that attempt saved it: a 409 for an
 * employee's or director's email (docs/finhub-contract.md#employees,
 * docs/finhub-contract.md#directors), the over-100 % ownership refusal for a shareholder
 * (docs/finhub-contract.md#shareholders: the element only sends shares that total 100 %, so a
 * repeat is the only way over).
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

async function savePerson(context: Context, item: PersonnelRequest, unsure: boolean) {
  const { backend } = context;
  /** The row's request; a refusal that says it is held already counts as saved (no ids then). */
  const send = async <T extends object>(request: () => Promise<T>): Promise<Partial<T>> => {
    try {
      return await request();
    } catch (error) {
      if (unsure && heldAlready(item, error)) return {};
      throw error;
    }
  };
  /** Adds the saved row to what the step shows (read after the request: directors may have loaded). */
  const add = <K extends PersonnelSection>(section: K, row: SavedPersonnel[K][number]) => {
    const saved = context.slice.saved;
    context.update({ slice: { saved: { ...saved, [section]: [...saved[section], row] } } });
  };
  if (item.section === 'employees') {
    const { person, position, roles } = item.request;
    const outcome = await send(() => backend.addEmployee(item.request, context));
    // docs/finhub-contract.md#organization-registration says the default admin may be created
    // later: when registration named no user, the employee with the admin's email is that user (the
    // one who signs in, docs/finhub-contract.md#organization-user-session).
    const email = context.data.email?.toLowerCase();
    if (!context.data.ids.userId && outcome.userId && person.email.toLowerCase() === email) {
      context.update({ ids: { userId: outcome.userId } });
    }
    add('employees', {
      ...(outcome.employeeId ? { employeeId: outcome.employeeId } : {}),
      ...(outcome.userId ? { userId: outcome.userId } : {}),
      firstName: person.firstName,
      lastName: person.lastName,
      email: person.email,
      ...(position ? { position } : {}),
      roles: [...roles],
    });
  } else if (item.section === 'directors') {
    const request = item.request;
    const outcome = await send(() => backend.addDirector(request, context));
    add('directors', {
      ...(outcome.directorId ? { directorId: outcome.directorId } : {}),
      firstName: request.firstName,
      lastName: request.lastName,
      email: request.email,
      role: request.role,
      ...(request.appointmentDate ? { appointedDate: request.appointmentDate } : {}),
    });
  } else {
    const outcome = await send(() => backend.addShareholder(item.request, context));
    add('shareholders', { ...item.request, ...outcome });
  }
}
