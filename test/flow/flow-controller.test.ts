import { expect } from '@open-wc/testing';
import type { ReactiveController } from 'lit';
import { FinHubApiError } from '../../src/api/errors.js';
import type { FlowBackend } from '../../src/flow/backend.js';
import { createLocalBackend } from '../doubles/local-backend.js';
import {
  FlowController,
  type FlowSettings,
  type TransitionInfo,
} from '../../src/flow/flow-controller.js';
import type { IndividualRegistrationValues } from '../../src/steps/registration/individual-registration.schema.js';

/** A stand-in for the element: collects controllers, counts updates, records events. */
class FakeHost extends EventTarget {
  controllers: ReactiveController[] = [];
  updates = 0;
  events: CustomEvent[] = [];
  readonly updateComplete = Promise.resolve(true);

  constructor() {
    super();
    for (const type of [
      'finhub-step-change',
      'finhub-step-complete',
      'finhub-complete',
      'finhub-error',
      'finhub-sign-in-request',
    ]) {
      this.addEventListener(type, (event) => this.events.push(event as CustomEvent));
    }
  }

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

  of(type: string) {
    return this.events.filter((event) => event.type === type).map((event) => event.detail);
  }
}

const values: IndividualRegistrationValues = {
  firstName: 'Ona',
  lastName: 'Jonaitė',
  email: 'ona@example.com',
  phone: '+37060012345',
  dateOfBirth: '1990-05-15',
  gender: 'FEMALE',
  nationality: 'LT',
  placeOfBirth: 'Vilnius',
  street: 'Gedimino pr. 1',
  city: 'Vilnius',
  postalCode: '01103',
  country: 'LT',
  password: 'Correct-Horse-9',
  matchingPassword: 'Correct-Horse-9',
};

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Ticks until `predicate` holds: at least 50 ticks, and up to 3 s, since the steps after
 * categorization load their handlers with a dynamic import (a request to the test server).
 */
async function settle(predicate: () => boolean, what: string) {
  const until = Date.now() + 3000;
  for (let i = 0; i < 50 || Date.now() < until; i++) {
    if (predicate()) return;
    await tick();
  }
  throw new Error(`timed out waiting for ${what}`);
}

function setup(
  backend: Partial<FlowBackend> = {},
  settings: FlowSettings = { flow: 'individual' },
) {
  const host = new FakeHost();
  const transitions: TransitionInfo[] = [];
  const controller = new FlowController(host, {
    settings: () => settings,
    backend: () => ({ ...createLocalBackend(), ...backend }),
    onTransition: (info) => transitions.push(info),
  });
  return { host, controller, transitions };
}

describe('FlowController', () => {
  it('starts once on connect and loads the categories', async () => {
    let loads = 0;
    const { host, controller } = setup({
      loadCategories: async () => {
        loads++;
        return [{ key: 'A', name: 'A' }];
      },
    });
    expect(controller.started).to.be.false;
    host.connect();
    host.connect(); // mounted twice (StrictMode-like)
    controller.start();
    await settle(() => controller.categories !== undefined, 'categories');
    expect(loads).to.equal(1);
    expect(controller.categories).to.deep.equal([{ key: 'A', name: 'A' }]);
  });

  it('registers, signs in with the same credentials, and never puts the password in events', async () => {
    const sessions: unknown[] = [];
    const { host, controller, transitions } = setup({
      registerIndividual: async () => ({ ids: { customerId: 'c-1', userId: 'u-1' } }),
      openSession: async (credentials) => {
        sessions.push(credentials);
        return {};
      },
    });
    host.connect();
    await settle(() => controller.categories !== undefined, 'categories');
    controller.chooseCategory('INDIVIDUAL_STANDARD');
    expect(controller.current).to.equal('registration');
    controller.submitIndividualRegistration(values);
    expect(controller.busy).to.be.true;
    await settle(
      () => controller.current === 'verification' && controller.verification !== undefined,
      'verification started',
    );
    expect(controller.busy).to.be.false;
    expect(sessions).to.deep.equal([{ username: 'ona@example.com', password: 'Correct-Horse-9' }]);
    expect(controller.ids).to.deep.equal({
      customerId: 'c-1',
      userId: 'u-1',
      verificationId: 'local-verification',
    });
    expect(host.of('finhub-step-change')).to.deep.equal([
      { from: 'categorization', to: 'registration' },
      { from: 'registration', to: 'session' },
      { from: 'session', to: 'verification' },
    ]);
    expect(host.of('finhub-step-complete').map((d) => d.step)).to.deep.equal([
      'categorization',
      'registration',
      'session',
    ]);
    expect(JSON.stringify(host.events.map((e) => e.detail))).to.not.contain('Correct-Horse-9');
    expect(JSON.stringify(controller.machine.data)).to.not.contain('Correct-Horse-9');
    // Focus follows the person, including through the automatic session step.
    expect(transitions.map((t) => t.moveFocus)).to.deep.equal([true, true, true]);
  });

  it('ignores a second submit while the first is in flight', async () => {
    let calls = 0;
    const { host, controller } = setup({
      registerIndividual: async () => {
        calls++;
        await tick();
        return {};
      },
    });
    host.connect();
    await settle(() => controller.categories !== undefined, 'categories');
    controller.chooseCategory('INDIVIDUAL_STANDARD');
    controller.submitIndividualRegistration(values);
    controller.submitIndividualRegistration(values);
    await settle(() => controller.current === 'verification', 'verification');
    expect(calls).to.equal(1);
  });

  it('turns errors into form state, banner state and finhub-error events', async () => {
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
    const { host, controller } = setup({
      registerIndividual: async () => {
        throw failures.shift();
      },
    });
    host.connect();
    await settle(() => controller.categories !== undefined, 'categories');
    controller.chooseCategory('INDIVIDUAL_STANDARD');

    controller.submitIndividualRegistration(values);
    await settle(() => !controller.busy, 'first attempt');
    expect(controller.registrationErrors).to.deep.equal([{ field: 'email', message: 'bad' }]);
    expect(controller.error).to.equal(undefined);

    controller.submitIndividualRegistration(values);
    await settle(() => !controller.busy, 'second attempt');
    expect(controller.registrationErrors).to.deep.equal([]);
    expect(controller.duplicateEmail).to.be.true;
    expect(controller.error).to.equal(undefined);

    controller.submitIndividualRegistration(values);
    await settle(() => !controller.busy, 'third attempt');
    expect(controller.duplicateEmail).to.be.false;
    expect(controller.error).to.include({ code: 'timeout', retryable: true, recoverable: true });

    controller.retry();
    await settle(() => !controller.busy, 'retry');
    expect(controller.error).to.include({ code: 'server_error', retryable: true });

    expect(host.of('finhub-error').map((d) => [d.code, d.recoverable])).to.deep.equal([
      ['validation_failed', true],
      ['duplicate_email', true],
      ['timeout', true],
      ['server_error', true],
    ]);
    expect(controller.current).to.equal('registration');
  });

  it('lets a preset category complete categorization without moving focus', async () => {
    const { host, controller, transitions } = setup(
      {},
      { flow: 'individual', presetCategory: 'INDIVIDUAL_PREMIUM' },
    );
    host.connect();
    await settle(() => controller.current === 'registration', 'registration');
    expect(controller.machine.data.categoryKey).to.equal('INDIVIDUAL_PREMIUM');
    expect(transitions).to.deep.equal([
      { from: 'categorization', to: 'registration', moveFocus: false },
    ]);
    expect(controller.machine.canGoBack).to.be.false;
  });

  it('cancels work on real removal but not on a move, and resumes the session on reconnect', async () => {
    const signals: AbortSignal[] = [];
    const { host, controller } = setup({
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
    await settle(() => controller.categories !== undefined, 'categories');
    controller.chooseCategory('INDIVIDUAL_STANDARD');
    controller.submitIndividualRegistration(values);
    await settle(() => signals.length === 1, 'session started');
    host.disconnect();
    host.connect(); // a move
    await tick();
    expect(signals[0]!.aborted).to.be.false;
    host.disconnect(); // removal
    await tick();
    expect(signals[0]!.aborted).to.be.true;
    expect(host.of('finhub-error')).to.deep.equal([]); // cancelling is not an error
    host.connect();
    await settle(() => signals.length === 2, 'session restarted');
    expect(signals[1]!.aborted).to.be.false;
    expect(controller.current).to.equal('session');
  });

  it('reset() cancels, forgets and starts over from the first step', async () => {
    let signal: AbortSignal | undefined;
    const { host, controller } = setup({
      registerIndividual: (_values, context) => {
        signal = context.signal;
        return new Promise(() => {});
      },
    });
    host.connect();
    await settle(() => controller.categories !== undefined, 'categories');
    controller.chooseCategory('INDIVIDUAL_STANDARD');
    controller.saveRegistrationDraft({ firstName: 'Ona' });
    controller.submitIndividualRegistration(values);
    controller.reset();
    expect(signal!.aborted).to.be.true;
    expect(controller.busy).to.be.false;
    expect(controller.current).to.equal('categorization');
    expect(controller.registrationDraft).to.deep.equal({});
    expect(controller.machine.completed.size).to.equal(0);
    expect(host.of('finhub-step-change').at(-1)).to.deep.equal({
      from: 'registration',
      to: 'categorization',
    });
    await settle(() => controller.categories !== undefined, 'categories again');
  });

  it('completes the organization flow: people, KYB, wallet provisioning, then ACTIVE', async () => {
    const { host, controller } = setup({}, { flow: 'organization' });
    host.connect();
    await settle(() => controller.categories !== undefined, 'categories');
    controller.chooseCategory('SMALL_BUSINESS');
    controller.submitOrganizationRegistration({
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
    await settle(() => controller.current === 'personnel' && !controller.busy, 'personnel');
    controller.savePersonnel({
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
    await settle(() => controller.verification !== undefined && !controller.busy, 'KYB');
    expect(controller.verification!.requiredDocuments).to.deep.equal([
      'CERTIFICATE_OF_INCORPORATION',
    ]);
    expect(controller.savedPersonnel.directors.map((d) => d.email)).to.deep.equal([
      'rita@acme.example',
    ]);
    controller.continueVerification();
    controller.completeDocuments([
      {
        requirement: 'CERTIFICATE_OF_INCORPORATION',
        documentType: 'CERTIFICATE_OF_INCORPORATION',
        documentId: 'd-1',
        fileName: 'c.pdf',
      },
    ]);
    controller.acceptConsents({ terms: '1.0', privacy: '1.0', 'data-processing': '1.0' });
    await settle(() => controller.activationPhase === 'ready', 'activation allowed');
    controller.activate('LOCAL-CODE');
    await settle(() => controller.finished, 'finish');
    expect(controller.result).to.include({ status: 'ACTIVE', iban: 'LT000000000000000000' });
    expect(host.of('finhub-complete')).to.deep.equal([
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
    expect(host.of('finhub-step-complete').map((d) => d.step)).to.deep.equal([
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

  it('fires finhub-complete with the final status after the last step', async () => {
    const { host, controller } = setup({
      activate: async () => ({ status: 'ACTIVATED', iban: 'LT601010012345678901' }),
    });
    host.connect();
    await settle(() => controller.categories !== undefined, 'categories');
    controller.chooseCategory('INDIVIDUAL_STANDARD');
    controller.submitIndividualRegistration(values);
    await settle(() => controller.verification !== undefined && !controller.busy, 'verification');
    controller.continueVerification();
    expect(controller.current).to.equal('documents');
    controller.completeDocuments([
      {
        requirement: 'GOVERNMENT_ID',
        documentType: 'PASSPORT',
        documentId: 'd-1',
        fileName: 'p.pdf',
      },
    ]);
    controller.acceptConsents({ terms: '1.0', privacy: '1.0', 'data-processing': '1.0' });
    await settle(() => controller.activationPhase === 'ready', 'activation allowed');
    controller.activate('ANY');
    await settle(() => controller.finished, 'finish');
    expect(host.of('finhub-complete')).to.deep.equal([
      { flow: 'individual', ids: { verificationId: 'local-verification' }, status: 'ACTIVATED' },
    ]);
    expect(controller.result?.iban).to.equal('LT601010012345678901');
    expect(host.of('finhub-step-complete').map((d) => d.step)).to.deep.equal([
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
