import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import { createLocalBackend } from '../doubles/local-backend.js';
import type { FinHubOnboarding } from '../../src/index.js';
import type {
  FinHubCompleteEvent,
  FinHubErrorEvent,
  FinHubStepChangeEvent,
  FinHubStepCompleteEvent,
} from '../../src/index.js';
import type { FinHubCategorizationStep } from '../../src/steps/categorization/categorization-view.js';
import type { FinHubIndividualRegistrationStep } from '../../src/steps/registration/individual-registration-view.js';
import {
  apiError,
  buttonNamed,
  byLabel,
  deferred,
  enter,
  fillRegistration,
  recordingBackend,
  root,
  showField,
  stepOf,
  uploadEveryDocument,
} from './helpers.js';

const CATEGORIZATION = 'finhub-step-categorization';
const REGISTRATION = 'finhub-step-individual-registration';
const ORGANIZATION_REGISTRATION = 'finhub-step-organization-registration';

const heading = (el: FinHubOnboarding) => root(el).querySelector<HTMLElement>('#step-heading')!;
const statusText = (el: FinHubOnboarding) =>
  root(el).querySelector('[role="status"]')!.textContent!.trim();
const alertText = (el: FinHubOnboarding) =>
  root(el).querySelector('[role="alert"]')!.textContent!.trim();

async function categorization(el: FinHubOnboarding) {
  const step = await stepOf<FinHubCategorizationStep>(el, CATEGORIZATION);
  await waitUntil(() => root(step).querySelector('input[type="radio"]'), 'no categories');
  return step;
}

async function continueFromCategorization(el: FinHubOnboarding) {
  const step = await categorization(el);
  buttonNamed(root(step), 'Continue').click();
  return stepOf<FinHubIndividualRegistrationStep>(el, REGISTRATION);
}

describe('<finhub-onboarding> shell', () => {
  it('renders the steps the person acts on, with aria-current on the current step and states beyond colour', async () => {
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding .backend=${createLocalBackend()}></finhub-onboarding>`,
    );
    const items = [...root(el).querySelectorAll('ol[part="stepper"] > li')];
    expect(items.map((li) => li.querySelector('.label')!.textContent)).to.deep.equal([
      'Account type',
      'Your details',
      'Documents',
      'Agreements',
      'Activation',
    ]);
    expect(items[0]!.getAttribute('aria-current')).to.equal('step');
    expect(items.filter((li) => li.hasAttribute('aria-current'))).to.have.length(1);
    expect(heading(el).textContent!.trim()).to.equal('Account type');
    expect(heading(el).getAttribute('tabindex')).to.equal('-1');
    expect(root(el).querySelector('[part="progress-summary"]')!.textContent).to.equal(
      'Step 1 of 5 · Account type',
    );

    await continueFromCategorization(el);
    await el.updateComplete;
    const after = [...root(el).querySelectorAll('ol[part="stepper"] > li')];
    expect(after[1]!.getAttribute('aria-current')).to.equal('step');
    expect(after[0]!.hasAttribute('aria-current')).to.be.false;
    // Completed: a check mark and hidden text, not only a colour.
    expect(after[0]!.querySelector('.marker')!.textContent).to.equal('✓');
    expect(after[0]!.textContent).to.contain('(done)');
    expect(after[0]!.getAttribute('part')).to.equal('step step-complete');
    expect(after[1]!.getAttribute('part')).to.equal('step step-current');
  });

  it('shows the organization steps for flow="organization"', async () => {
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding
        .backend=${createLocalBackend()}
        flow="organization"
      ></finhub-onboarding>`,
    );
    const labels = [...root(el).querySelectorAll('ol[part="stepper"] .label')].map(
      (node) => node.textContent,
    );
    expect(labels).to.deep.equal([
      'Account type',
      'Company details',
      'People',
      'Documents',
      'Agreements',
      'Activation',
    ]);
    expect(root(el).querySelector('[part="header"]')!.textContent).to.contain(
      'Open a business account',
    );
  });

  it('fires finhub-ready once, with the flow and first step', async () => {
    const seen: Event[] = [];
    const listener = (event: Event) => seen.push(event);
    document.addEventListener('finhub-ready', listener);
    try {
      const el = await fixture<FinHubOnboarding>(
        html`<finhub-onboarding .backend=${createLocalBackend()}></finhub-onboarding>`,
      );
      await continueFromCategorization(el);
      el.remove();
      document.body.append(el);
      await el.updateComplete;
      expect(seen).to.have.length(1);
      const ready = seen[0] as CustomEvent<{ flow: string; step: string }>;
      expect(ready.detail).to.deep.equal({ flow: 'individual', step: 'categorization' });
      expect(ready.bubbles && ready.composed).to.be.true;
      el.remove();
    } finally {
      document.removeEventListener('finhub-ready', listener);
    }
  });

  it('fires finhub-step-change once per transition with {from, to}', async () => {
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding .backend=${createLocalBackend()}></finhub-onboarding>`,
    );
    const changes: FinHubStepChangeEvent['detail'][] = [];
    el.addEventListener('finhub-step-change', (event) => changes.push(event.detail));
    const registration = await continueFromCategorization(el);
    expect(changes).to.deep.equal([{ from: 'categorization', to: 'registration' }]);
    buttonNamed(root(registration), 'Back').click();
    await categorization(el);
    expect(changes).to.deep.equal([
      { from: 'categorization', to: 'registration' },
      { from: 'registration', to: 'categorization' },
    ]);
  });

  it('does not move focus on first mount, and focuses the new heading after advancing', async () => {
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding .backend=${createLocalBackend()}></finhub-onboarding>`,
    );
    await categorization(el);
    expect(root(el).activeElement).to.equal(null);
    expect(document.activeElement).to.not.equal(el);
    await continueFromCategorization(el);
    await el.updateComplete;
    expect(root(el).activeElement).to.equal(heading(el));
    expect(heading(el).textContent!.trim()).to.equal('Your details');
  });

  it('passes the chosen category to the flow (default preselected, choice respected)', async () => {
    const { backend, calls } = recordingBackend();
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding .backend=${backend}></finhub-onboarding>`,
    );
    const step = await categorization(el);
    const radios = [...root(step).querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios.map((r) => r.checked)).to.deep.equal([true, false]);
    const premium = [...root(step).querySelectorAll('label')].find(
      (l) => l.textContent === 'Individual Premium',
    )!;
    premium.click();
    buttonNamed(root(step), 'Continue').click();
    const registration = await stepOf<FinHubIndividualRegistrationStep>(el, REGISTRATION);
    await fillRegistration(root(registration));
    buttonNamed(root(registration), 'Create account').click();
    await waitUntil(() => calls.some((c) => c.method === 'registerIndividual'));
    const call = calls.find((c) => c.method === 'registerIndividual')!;
    const context = call.args[1] as { data: { categoryKey: string } };
    expect(context.data.categoryKey).to.equal('INDIVIDUAL_PREMIUM');
  });

  it('asks for a category when none is preselected and Continue is pressed', async () => {
    const { backend } = recordingBackend({
      loadCategories: async () => [
        { key: 'A', name: 'Plan A' },
        { key: 'B', name: 'Plan B', description: 'Second plan' },
      ],
    });
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding .backend=${backend}></finhub-onboarding>`,
    );
    const step = await categorization(el);
    const fieldset = root(step).querySelector('fieldset')!;
    expect(root(step).querySelector('legend')!.textContent).to.contain(
      'Choose the account that suits you',
    );
    buttonNamed(root(step), 'Continue').click();
    await step.updateComplete;
    const errorId = fieldset.getAttribute('aria-describedby')!;
    expect(root(step).getElementById(errorId)!.textContent!.trim()).to.equal(
      'Choose an account type to continue',
    );
    expect(root(step).activeElement).to.equal(root(step).querySelector('input[type="radio"]'));
    await el.updateComplete;
    expect(statusText(el)).to.equal('Choose an account type to continue');
    await expect(el).to.be.accessible();
    expect(root(el).querySelector(REGISTRATION)).to.equal(null);
  });

  it('skips the choice when the host preset a category it offers', async () => {
    const { backend, calls } = recordingBackend();
    const changes: FinHubStepChangeEvent['detail'][] = [];
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding
        category="individual_premium"
        .backend=${backend}
        @finhub-step-change=${(e: FinHubStepChangeEvent) => changes.push(e.detail)}
      ></finhub-onboarding>`,
    );
    const registration = await stepOf<FinHubIndividualRegistrationStep>(el, REGISTRATION);
    expect(root(el).querySelector(CATEGORIZATION)).to.equal(null);
    expect(changes).to.deep.equal([{ from: 'categorization', to: 'registration' }]);
    // Nothing the person did: focus stays where it was.
    expect(root(el).activeElement).to.equal(null);
    // Before registration is submitted, going back would only re-run the preset: no Back button.
    expect(
      [...root(registration).querySelectorAll('button')].map((b) => b.textContent!.trim()),
    ).to.not.include('Back');
    await fillRegistration(root(registration));
    buttonNamed(root(registration), 'Create account').click();
    await waitUntil(() => calls.some((c) => c.method === 'registerIndividual'));
    const context = calls.find((c) => c.method === 'registerIndividual')!.args[1] as {
      data: { categoryKey: string };
    };
    expect(context.data.categoryKey).to.equal('INDIVIDUAL_PREMIUM');
  });

  it('falls back to asking when the preset category is not offered', async () => {
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding
        .backend=${createLocalBackend()}
        category="NO_SUCH_CATEGORY"
      ></finhub-onboarding>`,
    );
    const step = await categorization(el);
    expect(root(step).querySelectorAll('input[type="radio"]')).to.have.length(2);
  });

  it('runs the session step by itself with progress, then moves on', async () => {
    const session = deferred<{ ids: { customerId: string } }>();
    const { backend, calls } = recordingBackend({
      registerIndividual: async () => ({ ids: { customerId: 'c-1', userId: 'u-1' } }),
      openSession: () => session.promise,
    });
    const completes: FinHubStepCompleteEvent['detail'][] = [];
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding
        .backend=${backend}
        @finhub-step-complete=${(e: FinHubStepCompleteEvent) => completes.push(e.detail)}
      ></finhub-onboarding>`,
    );
    const registration = await continueFromCategorization(el);
    await fillRegistration(root(registration));
    buttonNamed(root(registration), 'Create account').click();
    const progress = await stepOf(el, 'finhub-step-progress');
    expect(heading(el).textContent!.trim()).to.equal('Sign in');
    expect(root(progress).textContent).to.contain('Signing you in…');
    expect(root(progress).querySelector('progress[part="progress"]')).to.exist;
    await expect(el).to.be.accessible();
    const credentials = calls.find((c) => c.method === 'openSession')!.args[0];
    expect(credentials).to.deep.equal({ username: 'ona@example.com', password: 'Correct-Horse-9' });
    session.resolve({ ids: { customerId: 'c-1' } });
    await stepOf(el, 'finhub-step-verification');
    await el.updateComplete;
    expect(heading(el).textContent!.trim()).to.equal('Identity check');
    expect(root(el).activeElement).to.equal(heading(el));
    expect(completes.map((c) => c.step)).to.deep.equal([
      'categorization',
      'registration',
      'session',
    ]);
    expect(completes[1]!.ids).to.deep.equal({ customerId: 'c-1', userId: 'u-1' });
    expect(JSON.stringify(completes)).to.not.contain('Correct-Horse-9');
  });

  it('walks to the end and fires finhub-complete', async () => {
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding .backend=${createLocalBackend()}></finhub-onboarding>`,
    );
    const registration = await continueFromCategorization(el);
    await fillRegistration(root(registration));
    buttonNamed(root(registration), 'Create account').click();
    const verification = await stepOf(el, 'finhub-step-verification');
    await waitUntil(() => root(verification).querySelector('li'), 'no documents listed');
    expect(root(verification).textContent).to.contain('Passport or national ID');
    buttonNamed(root(verification), 'Continue').click();
    const documents = await stepOf(el, 'finhub-step-documents');
    await uploadEveryDocument(documents);
    buttonNamed(root(documents), 'Continue').click();
    const consents = await stepOf(el, 'finhub-step-consents');
    for (const box of root(consents).querySelectorAll<HTMLInputElement>('input[type=checkbox]')) {
      box.click();
    }
    buttonNamed(root(consents), 'Accept and continue').click();
    const activation = await stepOf(el, 'finhub-step-activation');
    await waitUntil(() => root(activation).querySelector('#code'), 'no code field');
    enter(byLabel(root(activation), 'Activation code'), 'LOCAL-CODE');
    const done = oneEvent(el, 'finhub-complete') as Promise<FinHubCompleteEvent>;
    buttonNamed(root(activation), 'Activate account').click();
    const event = await done;
    expect(event.detail).to.deep.equal({
      flow: 'individual',
      ids: { verificationId: 'local-verification' },
      status: 'ACTIVE',
    });
    await el.updateComplete;
    expect(heading(el).textContent!.trim()).to.equal('You are all set');
    expect(root(el).querySelector('[aria-current]')).to.equal(null);
    expect(root(el).querySelectorAll('li.complete')).to.have.length(5);
    expect(root(el).activeElement).to.equal(heading(el));
  });

  it('shows an error banner with a retry action, announces it, and retries', async () => {
    let attempts = 0;
    const { backend } = recordingBackend({
      registerIndividual: async () => {
        attempts++;
        if (attempts === 1)
          throw apiError({ code: 'server_error', message: 'HTTP 503', status: 503 });
        return {};
      },
    });
    const errors: FinHubErrorEvent['detail'][] = [];
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding
        .backend=${backend}
        @finhub-error=${(e: FinHubErrorEvent) => errors.push(e.detail)}
      ></finhub-onboarding>`,
    );
    const registration = await continueFromCategorization(el);
    await fillRegistration(root(registration));
    buttonNamed(root(registration), 'Create account').click();
    await waitUntil(() => root(el).querySelector('[part="error"]'), 'no banner');
    // The outcome of a failed registration is unknown
    // (docs/finhub-contract.md#retries-and-idempotency): the person is told before retrying.
    const uncertain =
      'We could not confirm that your account was created. Try again: if it was, we will ask you to sign in instead.';
    const banner = root(el).querySelector('[part="error"]')!;
    expect(banner.textContent).to.contain(uncertain);
    expect(alertText(el)).to.equal(uncertain);
    expect(errors).to.deep.equal([
      { step: 'registration', code: 'server_error', message: uncertain, recoverable: true },
    ]);
    // What the person typed is still there.
    await registration.updateComplete;
    expect((root(registration).getElementById('password') as HTMLInputElement).value).to.equal(
      'Correct-Horse-9',
    );
    await expect(el).to.be.accessible();
    expect((await showField(root(registration), 'First name')).value).to.equal('Ona');
    buttonNamed(root(el), 'Try again').click();
    await stepOf(el, 'finhub-step-verification');
    expect(attempts).to.equal(2);
    expect(root(el).querySelector('[part="error"]')).to.equal(null);
  });

  it('offers no retry for errors a retry cannot fix', async () => {
    const { backend } = recordingBackend({
      registerIndividual: async () => {
        throw apiError({ code: 'forbidden', message: 'Tenant access denied', status: 403 });
      },
    });
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding .backend=${backend}></finhub-onboarding>`,
    );
    const registration = await continueFromCategorization(el);
    await fillRegistration(root(registration));
    const error = oneEvent(el, 'finhub-error') as Promise<FinHubErrorEvent>;
    buttonNamed(root(registration), 'Create account').click();
    expect((await error).detail.recoverable).to.be.false;
    await el.updateComplete;
    const banner = root(el).querySelector('[part="error"]')!;
    expect(banner.textContent).to.contain('This action is not allowed');
    expect(banner.querySelector('button')).to.equal(null);
  });

  it('reports a category load failure with a retry that loads again', async () => {
    let attempts = 0;
    const { backend } = recordingBackend({
      loadCategories: async () => {
        attempts++;
        if (attempts === 1) throw apiError({ code: 'network_error', message: 'offline' });
        return [{ key: 'ONLY', name: 'Only plan', isDefault: true }];
      },
    });
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding .backend=${backend}></finhub-onboarding>`,
    );
    await waitUntil(() => root(el).querySelector('[part="error"]'), 'no banner');
    expect(root(el).querySelector('[part="error"]')!.textContent).to.contain('offline');
    await el.updateComplete;
    expect(root(el).querySelector(CATEGORIZATION)).to.equal(null);
    await expect(el).to.be.accessible();
    buttonNamed(root(el), 'Try again').click();
    const step = await stepOf<FinHubCategorizationStep>(el, CATEGORIZATION);
    await waitUntil(() => root(step).querySelector('input[type="radio"]'));
    expect(attempts).to.equal(2);
    expect(root(el).querySelector('[part="error"]')).to.equal(null);
  });

  it('reset() returns to the first step and forgets the draft', async () => {
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding .backend=${createLocalBackend()}></finhub-onboarding>`,
    );
    const registration = await continueFromCategorization(el);
    await fillRegistration(root(registration));
    for (const input of root(registration).querySelectorAll('input, select')) {
      input.dispatchEvent(new FocusEvent('blur'));
    }
    const change = oneEvent(el, 'finhub-step-change') as Promise<FinHubStepChangeEvent>;
    el.reset();
    expect((await change).detail).to.deep.equal({ from: 'registration', to: 'categorization' });
    const again = await continueFromCategorization(el);
    expect((root(again).getElementById('firstName') as HTMLInputElement).value).to.equal('');
  });

  it('keeps working when moved in the DOM while a request is in flight', async () => {
    const gate = deferred<object>();
    let signal: AbortSignal | undefined;
    const { backend } = recordingBackend({
      registerIndividual: (_values, context) => {
        signal = context.signal;
        return gate.promise;
      },
    });
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding .backend=${backend}></finhub-onboarding>`,
    );
    const registration = await continueFromCategorization(el);
    await fillRegistration(root(registration));
    buttonNamed(root(registration), 'Create account').click();
    const other = document.createElement('div');
    document.body.append(other);
    other.append(el); // a move: disconnect + connect in one task
    await Promise.resolve();
    expect(signal!.aborted).to.be.false;
    el.remove(); // a real removal cancels
    await Promise.resolve();
    expect(signal!.aborted).to.be.true;
    other.remove();
  });

  it('switches theme with the theme attribute', async () => {
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding .backend=${createLocalBackend()} theme="light"></finhub-onboarding>`,
    );
    const container = root(el).querySelector('[part="container"]')!;
    expect(getComputedStyle(container).backgroundColor).to.equal('rgb(255, 255, 255)');
    expect(getComputedStyle(container).color).to.equal('rgb(31, 41, 55)');
    el.theme = 'dark';
    await el.updateComplete;
    expect(el.getAttribute('theme')).to.equal('dark');
    expect(getComputedStyle(container).backgroundColor).to.equal('rgb(17, 24, 39)');
    expect(getComputedStyle(container).color).to.equal('rgb(249, 250, 251)');
    await expect(el).to.be.accessible();
  });

  it('lets the host override tokens and inherits the host font by default', async () => {
    // The host element is the fixture (a plain <div> fixture would wait for an animation frame,
    // which a busy headless browser can hold back past the test's timeout).
    const host = document.createElement('div');
    host.style.fontFamily = 'Georgia, serif';
    document.body.append(host); // fixture cleanup removes it
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding
        .backend=${createLocalBackend()}
        style="--finhub-color-primary: rgb(10, 20, 30)"
      ></finhub-onboarding>`,
      { parentNode: host },
    );
    const current = root(el).querySelector('[aria-current="step"] .marker')!;
    expect(getComputedStyle(current).backgroundColor).to.equal('rgb(10, 20, 30)');
    expect(getComputedStyle(root(el).querySelector('[part="container"]')!).fontFamily).to.equal(
      'Georgia, serif',
    );
  });

  it('switches messages with the locale attribute', async () => {
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding .backend=${createLocalBackend()} locale="lt"></finhub-onboarding>`,
    );
    try {
      await el.updateComplete;
      expect(heading(el).textContent!.trim()).to.equal('Sąskaitos tipas');
      expect(root(el).textContent).to.contain('1 žingsnis iš 5');
      expect(root(el).querySelector('[part="container"]')!.getAttribute('lang')).to.equal('lt');
      const step = await categorization(el);
      expect(buttonNamed(root(step), 'Tęsti')).to.exist;
      el.locale = 'en-GB';
      await el.updateComplete;
      expect(heading(el).textContent!.trim()).to.equal('Account type');
      expect(root(el).querySelector('[part="container"]')!.getAttribute('lang')).to.equal('en');
    } finally {
      el.locale = 'en';
      await el.updateComplete;
    }
  });

  it('is accessible on the first step', async () => {
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding .backend=${createLocalBackend()}></finhub-onboarding>`,
    );
    await categorization(el);
    await expect(el).to.be.accessible();
  });

  it('is accessible on the organization registration step', async () => {
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding
        flow="organization"
        .backend=${createLocalBackend()}
      ></finhub-onboarding>`,
    );
    const step = await categorization(el);
    buttonNamed(root(step), 'Continue').click();
    await stepOf(el, ORGANIZATION_REGISTRATION);
    await expect(el).to.be.accessible();
  });
});
