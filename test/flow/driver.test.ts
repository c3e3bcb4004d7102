import { expect } from '@open-wc/testing';
import type { ReactiveController } from 'lit';
import { FinHubApiError } from '../../src/api/errors.js';
import type { AnyBackend } from '../../src/flow/backend.js';
import type { FlowReport, FlowSettings } from '../../src/flow/definitions.js';
import { FlowDriver } from '../../src/flow/driver.js';
import type { StepId } from '../../src/flow/types.js';
import { FLOWS } from '../../src/flows/index.js';
import type { IndividualRegistrationValues } from '../../src/steps/registration/individual-registration.schema.js';
import { createLocalBackend } from '../doubles/local-backend.js';
import { validIndividualForm } from './schemas/form-values.js';

/** A stand-in for the element: collects controllers, counts updates, records the flow's reports. */
class FakeHost extends EventTarget {
  controllers: ReactiveController[] = [];
  updates = 0;
  reports: FlowReport[] = [];
  readonly updateComplete = Promise.resolve(true);

  addController(controller: ReactiveController) {
    this.controllers.push(controller);
  }

  removeController() {}

  requestUpdate() {
    this.updates++;
  }

  connect() {
    for (const c of this.controllers) c.hostConnected?.();
  }

  disconnect() {
    for (const c of this.controllers) c.hostDisconnected?.();
  }

  /** The reports of `type`, without their `type` (what the element's events carry). */
  of<T extends FlowReport['type']>(type: T) {
    return this.reports
      .filter((report): report is Extract<FlowReport, { type: T }> => report.type === type)
      .map(({ type: _type, ...rest }) => rest);
  }
}

// A validated form (the phone normalized), as the registration step sends it.
const values: IndividualRegistrationValues = {
  ...validIndividualForm(),
  phone: '+37060012345',
  gender: 'FEMALE',
};

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Ticks until `predicate` holds: at least 50 ticks, and up to 8 s, since the steps' work loads
 * with a dynamic import (a request to the test server, slow on a busy machine).
 */
async function settle(predicate: () => boolean, what: string) {
  const until = Date.now() + 8000;
  for (let i = 0; i < 50 || Date.now() < until; i++) {
    if (predicate()) return;
    await tick();
  }
  throw new Error(`timed out waiting for ${what}`);
}

function setup(
  backend: Partial<AnyBackend> = {},
  settings: Omit<FlowSettings, 'flow'> & { flow?: 'individual' | 'organization' } = {},
) {
  const host = new FakeHost();
  const driver = new FlowDriver(host, {
    settings: () => ({ ...settings, flow: FLOWS[settings.flow ?? 'individual'] }),
    backend: () => ({ ...createLocalBackend(), ...backend }),
    report: (report) => host.reports.push(report),
    failureText: (failure) => failure.code,
  });
  /** The slice of step `id`, as the element renders it. */
  const slice = <S>(id: StepId) => driver.slice<S & object>(driver.step(id));
  const categories = () => driver.machine.data.categories;
  /** Submits on the current step and waits until the flow has moved past it. */
  const submitOn = async (id: StepId, value: unknown, moved = true) => {
    expect(driver.machine.current).to.equal(id);
    driver.submit(value);
    if (moved) await settle(() => driver.machine.current !== id || driver.finished, `${id} done`);
  };
  return { host, driver, slice, categories, submitOn };
}

describe('FlowDriver', () => {
  it('starts once on connect and loads the categories', async () => {
    let loads = 0;
    const { host, driver, categories } = setup({
      loadCategories: async () => {
        loads++;
        return [{ key: 'A', name: 'A' }];
      },
    });
    expect(driver.started).to.be.false;
    host.connect();
    host.connect(); // mounted twice (StrictMode-like)
    driver.start();
    await settle(() => categories() !== undefined, 'categories');
    expect(loads).to.equal(1);
    expect(categories()).to.deep.equal([{ key: 'A', name: 'A' }]);
  });

  it('registers, signs in with the same credentials, and never puts the password in reports', async () => {
    const sessions: unknown[] = [];
    const { host, driver, categories, submitOn } = setup({
      registerIndividual: async () => ({ ids: { customerId: 'c-1', userId: 'u-1' } }),
      openSession: async (credentials) => {
        sessions.push(credentials);
        return {};
      },
    });
    host.connect();
    await settle(() => categories() !== undefined, 'categories');
    await submitOn('categorization', 'INDIVIDUAL_STANDARD');
    expect(driver.machine.current).to.equal('registration');
    driver.submit(values);
    expect(driver.busy).to.be.true;
    await settle(
      () =>
        driver.machine.current === 'verification' && driver.machine.data.verification !== undefined,
      'verification started',
    );
    await settle(() => !driver.busy, 'verification settled');
    expect(driver.busy).to.be.false;
    expect(sessions).to.deep.equal([{ username: 'ona@example.com', password: 'Correct-Horse-9' }]);
    expect(driver.ids).to.deep.equal({
      customerId: 'c-1',
      userId: 'u-1',
      verificationId: 'local-verification',
    });
    expect(host.of('step-change').map(({ from, to }) => ({ from, to }))).to.deep.equal([
      { from: 'categorization', to: 'registration' },
      { from: 'registration', to: 'session' },
      { from: 'session', to: 'verification' },
    ]);
    expect(host.of('step-complete').map((d) => d.step)).to.deep.equal([
      'categorization',
      'registration',
      'session',
    ]);
    expect(JSON.stringify(host.reports)).to.not.contain('Correct-Horse-9');
    expect(JSON.stringify(driver.machine.data)).to.not.contain('Correct-Horse-9');
    // Focus follows the person, including through the automatic session step.
    expect(host.of('step-change').map((t) => t.moveFocus)).to.deep.equal([true, true, true]);
  });

  it('ignores a second submit while the first is in flight', async () => {
    let calls = 0;
    const { host, driver, categories, submitOn } = setup({
      registerIndividual: async () => {
        calls++;
        await tick();
        return {};
      },
    });
    host.connect();
    await settle(() => categories() !== undefined, 'categories');
    await submitOn('categorization', 'INDIVIDUAL_STANDARD');
    driver.submit(values);
    driver.submit(values);
    await settle(() => driver.machine.current === 'verification', 'verification');
    expect(calls).to.equal(1);
  });

  it('turns errors into form state, banner state and error reports', async () => {
    const failures = [
      new FinHubApiError({
        code: 'validation_failed',
        message: 'Request validation failed',
        fieldErrors: [{ field: 'email', message: 'bad' }],
      }),
      new FinHubApiError({ code: 'duplicate_email', message: 'exists' }),
      new FinHubApiError({ code: 'timeout', message: 'slow' }),
      new TypeError('boom'),
    ];
    const { host, driver, categories, submitOn, slice } = setup({
      registerIndividual: async () => {
        throw failures.shift();
      },
    });
    type Registration = { errors: unknown[]; duplicateEmail: boolean };
    const registration = () => slice<Registration>('registration');
    host.connect();
    await settle(() => categories() !== undefined, 'categories');
    await submitOn('categorization', 'INDIVIDUAL_STANDARD');

    driver.submit(values);
    await settle(() => !driver.busy, 'first attempt');
    expect(registration().errors).to.deep.equal([{ field: 'email', message: 'bad' }]);
    expect(driver.error).to.equal(undefined);

    driver.submit(values);
    await settle(() => !driver.busy, 'second attempt');
    expect(registration().errors).to.deep.equal([]);
    expect(registration().duplicateEmail).to.be.true;
    expect(driver.error).to.equal(undefined);

    driver.submit(values);
    await settle(() => !driver.busy, 'third attempt');
    expect(registration().duplicateEmail).to.be.false;
    expect(driver.error).to.include({ code: 'timeout', retryable: true, recoverable: true });

    driver.retry();
    await settle(() => !driver.busy, 'retry');
    expect(driver.error).to.include({ code: 'server_error', retryable: true });

    expect(host.of('error').map((d) => [d.code, d.recoverable])).to.deep.equal([
      ['validation_failed', true],
      ['duplicate_email', true],
      ['timeout', true],
      ['server_error', true],
    ]);
    expect(driver.machine.current).to.equal('registration');
  });

  it('lets a preset category complete categorization without moving focus', async () => {
    const { host, driver } = setup({}, { presetCategory: 'INDIVIDUAL_PREMIUM' });
    host.connect();
    await settle(() => driver.machine.current === 'registration', 'registration');
    expect(driver.machine.data.categoryKey).to.equal('INDIVIDUAL_PREMIUM');
    expect(host.of('step-change')).to.deep.equal([
      { from: 'categorization', to: 'registration', moveFocus: false },
    ]);
    expect(driver.machine.canGoBack).to.be.false;
  });

  it('cancels work on real removal but not on a move, and resumes the session on reconnect', async () => {
    const signals: AbortSignal[] = [];
    const { host, driver, categories, submitOn } = setup({
      openSession: (_credentials, context) => {
        signals.push(context.signal);
        return new Promise((_resolve, reject) =>
          context.signal.addEventListener('abort', () =>
            reject(new FinHubApiError({ code: 'aborted', message: 'cancelled' })),
          ),
        );
      },
    });
    host.connect();
    await settle(() => categories() !== undefined, 'categories');
    await submitOn('categorization', 'INDIVIDUAL_STANDARD');
    driver.submit(values);
    await settle(() => signals.length === 1, 'session started');
    host.disconnect();
    host.connect(); // a move
    await tick();
    expect(signals[0]!.aborted).to.be.false;
    host.disconnect(); // removal
    await tick();
    expect(signals[0]!.aborted).to.be.true;
    expect(host.of('error')).to.deep.equal([]); // cancelling is not an error
    host.connect();
    await settle(() => signals.length === 2, 'session restarted');
    expect(signals[1]!.aborted).to.be.false;
    expect(driver.machine.current).to.equal('session');
  });

  it('reset() cancels, forgets and starts over from the first step', async () => {
    let signal: AbortSignal | undefined;
    const { host, driver, categories, submitOn, slice } = setup({
      registerIndividual: (_values, context) => {
        signal = context.signal;
        return new Promise(() => {});
      },
    });
    host.connect();
    await settle(() => categories() !== undefined, 'categories');
    await submitOn('categorization', 'INDIVIDUAL_STANDARD');
    driver.keepDraft({ firstName: 'Ona' });
    expect(slice<{ draft: object }>('registration').draft).to.deep.equal({ firstName: 'Ona' });
    driver.submit(values);
    await settle(() => signal !== undefined, 'registration sent');
    driver.reset();
    expect(signal!.aborted).to.be.true;
    expect(driver.busy).to.be.false;
    expect(driver.machine.current).to.equal('categorization');
    expect(slice<{ draft: object }>('registration').draft).to.deep.equal({});
    expect(driver.machine.completed.size).to.equal(0);
    expect(host.of('step-change').at(-1)).to.deep.include({
      from: 'registration',
      to: 'categorization',
    });
    await settle(() => categories() !== undefined, 'categories again');
  });

  it('completes the organization flow: people, KYB, wallet provisioning, then ACTIVE', async () => {
    const { host, driver, categories, submitOn, slice } = setup({}, { flow: 'organization' });
    host.connect();
    await settle(() => categories() !== undefined, 'categories');
    await submitOn('categorization', 'SMALL_BUSINESS');
    driver.submit({
      legalName: 'Acme UAB',
      tradingName: '',
      registrationNumber: '123456789',
      taxId: 'LT123456789',
      incorporationDate: '2015-03-20',
      legalForm: 'LIMITED_LIABILITY_COMPANY',
      industry: 'TECHNOLOGY',
      businessDescription: 'Software',
      website: '',
      companyEmail: 'info@acme.example',
      companyPhone: '+37060012345',
      street: 'Gedimino pr. 1',
      city: 'Vilnius',
      postalCode: '01103',
      country: 'LT',
      email: 'admin@acme.example',
      password: 'Correct-Horse-9',
      matchingPassword: 'Correct-Horse-9',
    });
    await settle(() => driver.machine.current === 'personnel' && !driver.busy, 'personnel');
    driver.submit({
      employees: [
        {
          person: { firstName: 'Ona', lastName: 'Admin', email: 'admin@acme.example' },
          position: 'CEO',
          roles: ['ADMIN_USER'],
        },
      ],
      directors: [{ firstName: 'Rita', lastName: 'D', email: 'rita@acme.example', role: 'CEO' }],
      shareholders: [
        { type: 'CORPORATE', companyName: 'Holdco', ownershipPercentage: 100, isPEP: false },
      ],
    });
    // personnel → session (automatic, with the admin's credentials) → KYB
    await settle(() => driver.machine.data.verification !== undefined && !driver.busy, 'KYB');
    expect(driver.machine.data.verification!.requiredDocuments).to.deep.equal([
      'CERTIFICATE_OF_INCORPORATION',
    ]);
    type Saved = { saved: { directors: { email?: string }[] } };
    expect(slice<Saved>('personnel').saved.directors.map((d) => d.email)).to.deep.equal([
      'rita@acme.example',
    ]);
    await submitOn('verification', null);
    await submitOn('documents', {
      documents: [
        {
          requirement: 'CERTIFICATE_OF_INCORPORATION',
          documentType: 'CERTIFICATE_OF_INCORPORATION',
          documentId: 'd-1',
          fileName: 'c.pdf',
        },
      ],
    });
    await submitOn('consents', { terms: true, privacy: true, 'data-processing': true });
    const phase = () => slice<{ phase: string }>('activation').phase;
    await settle(() => phase() === 'ready', 'activation allowed');
    driver.submit('LOCAL-CODE');
    await settle(() => driver.finished, 'finish');
    expect(driver.account).to.include({ status: 'ACTIVE', iban: 'LT000000000000000000' });
    expect(
      host.of('complete').map(({ ids, status }) => ({ flow: driver.flow.kind, ids, status })),
    ).to.deep.equal([
      {
        flow: 'organization',
        ids: {
          organizationId: 'local-organization',
          userId: 'local-admin',
          verificationId: 'local-verification',
        },
        status: 'ACTIVE',
      },
    ]);
    expect(host.of('step-complete').map((d) => d.step)).to.deep.equal([
      'categorization',
      'registration',
      'personnel',
      'session',
      'verification',
      'documents',
      'consents',
      'activation',
    ]);
  });

  it('reports completion with the final status after the last step', async () => {
    const { host, driver, categories, submitOn, slice } = setup({
      activate: async () => ({ status: 'ACTIVATED', iban: 'LT601010012345678901' }),
    });
    host.connect();
    await settle(() => categories() !== undefined, 'categories');
    await submitOn('categorization', 'INDIVIDUAL_STANDARD');
    driver.submit(values);
    await settle(
      () => driver.machine.data.verification !== undefined && !driver.busy,
      'verification',
    );
    await submitOn('verification', null);
    expect(driver.machine.current).to.equal('documents');
    await submitOn('documents', {
      documents: [
        {
          requirement: 'GOVERNMENT_ID',
          documentType: 'PASSPORT',
          documentId: 'd-1',
          fileName: 'p.pdf',
        },
      ],
    });
    await submitOn('consents', { terms: true, privacy: true, 'data-processing': true });
    const phase = () => slice<{ phase: string }>('activation').phase;
    await settle(() => phase() === 'ready', 'activation allowed');
    driver.submit('ANY');
    await settle(() => driver.finished, 'finish');
    expect(
      host.of('complete').map(({ ids, status }) => ({ flow: driver.flow.kind, ids, status })),
    ).to.deep.equal([
      { flow: 'individual', ids: { verificationId: 'local-verification' }, status: 'ACTIVATED' },
    ]);
    expect(driver.account?.iban).to.equal('LT601010012345678901');
    expect(host.of('step-complete').map((d) => d.step)).to.deep.equal([
      'categorization',
      'registration',
      'session',
      'verification',
      'documents',
      'consents',
      'activation',
    ]);
  });
});
