/**
 * Faults on the way to FinHub, through the relay and the sandbox: the token endpoint down or slow,
 * FinHub answering 500/503/429 (with Retry-After), connections dropped, a request that never
 * answers, a token refused mid-flow. Each time the person reads what happened and can try again,
 * what they typed is still there, nothing is created twice (counted in the sandbox journal), and
 * `finhub-error` says what it was and whether it can be recovered from.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { buttonNamed, byLabel, deferred, errorOf, root } from '../components/helpers.js';
import { TestClock } from '../doubles/clock.js';
import {
  PASSWORD,
  bannerText,
  fault,
  heading,
  inside,
  mount,
  step,
  uniqueEmail,
} from '../flow-individual/helpers.js';
import {
  done,
  errorsOf,
  expectNoBanner,
  failNext,
  fillRegistrationStep,
  hits,
  isToken,
  jsonResponse,
  passCategorization,
  registrationValues,
  retryButton,
  sent,
  ticked,
  toConsents,
  toDocuments,
  tokenRequests,
  waitForBanner,
} from './helpers.js';

type Json = Record<string, unknown>;

describe('faults: the token endpoint', () => {
  it('down (503, then a network error): a message and Try again; the categories load once it is back', async () => {
    failNext(isToken, async () => jsonResponse(503, { error: 'down' }));
    const { el, events, deviceId } = await mount();
    expect(await waitForBanner(el)).to.contain('We could not start a secure session.');
    expect(errorsOf(events)).to.deep.equal([
      {
        step: 'categorization',
        code: 'token_unavailable',
        message: 'We could not start a secure session. Please try again.',
        recoverable: true,
      },
    ]);
    await expect(el).to.be.accessible();
    expect(await hits(deviceId, '', 'GET')).to.have.length(0); // nothing reached FinHub

    failNext(isToken, () => Promise.reject(new TypeError('Failed to fetch')));
    retryButton(el)!.click();
    await waitUntil(() => errorsOf(events).length === 2, 'no second error', { timeout: 5000 });
    expect(errorsOf(events)[1]).to.include({ code: 'token_unavailable', recoverable: true });
    await el.updateComplete;
    expect(retryButton(el), 'a retry action').to.exist;

    retryButton(el)!.click();
    const categorization = await step(el, 'finhub-step-categorization');
    await inside(categorization, 'input[type="radio"]', 'categories');
    expectNoBanner(el);
    expect(tokenRequests()).to.have.length(3);
  });

  it('slow (answers when the test says): the person waits on a progress indicator, one token request', async () => {
    const slow = deferred<void>();
    failNext(isToken, async (_request, next) => {
      await slow.promise;
      return next();
    });
    const { el, events } = await mount();
    await waitUntil(() => tokenRequests().length === 1, 'no token request');
    const categorization = await step(el, 'finhub-step-categorization');
    expect(root(categorization).textContent).to.contain('Loading account types…');
    expect(root(categorization).querySelector('progress'), 'a progress indicator').to.exist;
    expectNoBanner(el);
    slow.resolve();
    await inside(categorization, 'input[type="radio"]', 'categories');
    expect(tokenRequests()).to.have.length(1);
    expect(errorsOf(events)).to.deep.equal([]);
  });

  it('slow past its 15 s limit: token_unavailable with Try again, then it works', async () => {
    failNext(isToken, async (request, next) => {
      // Holds the answer until the element gives up (its signal aborts the request).
      await new Promise((resolve) => request.signal.addEventListener('abort', resolve));
      return next();
    });
    // The limit runs on the element's clock: the test moves time instead of waiting 15 s.
    const clock = new TestClock();
    const { el, events } = await mount({ clock });
    await waitUntil(() => tokenRequests().length === 1, 'no token request');
    const { signal } = tokenRequests()[0]!;
    clock.advance(14_900);
    expect(signal.aborted, 'gave up on the token before 15 s').to.equal(false);
    clock.advance(100);
    expect(signal.aborted, 'still waiting for the token after 15 s').to.equal(true);
    await waitForBanner(el);
    expect(errorsOf(events).map((e) => [e.code, e.recoverable])).to.deep.equal([
      ['token_unavailable', true],
    ]);
    retryButton(el)!.click();
    const categorization = await step(el, 'finhub-step-categorization');
    await inside(categorization, 'input[type="radio"]', 'categories');
  });

  it('down while the person registers: nothing is sent, what they typed stays, Try again registers once', async () => {
    const { el, events, deviceId } = await mount();
    await passCategorization(el);
    const registration = await fillRegistrationStep(el, uniqueEmail('tok'));
    const typed = await registrationValues(registration);
    // The relay refuses the token (as if it expired) and the token endpoint is down.
    failNext(
      (request, path) => path.endsWith('/registration') && request.method === 'POST',
      async (request) => {
        const headers = new Headers(request.headers);
        headers.set('Authorization', 'Bearer expired.onboarding.token');
        return fetch(new Request(request, { headers }));
      },
    );
    failNext(isToken, async () => jsonResponse(502, {}));
    buttonNamed(root(registration), 'Create account').click();
    const banner = await waitForBanner(el);
    expect(banner).to.contain('We could not start a secure session.');
    expect(await registrationValues(registration)).to.deep.equal(typed);
    expect(errorsOf(events).map((e) => [e.step, e.code, e.recoverable])).to.deep.equal([
      ['registration', 'token_unavailable', true],
    ]);
    expect(await hits(deviceId, '/registration')).to.have.length(0);

    retryButton(el)!.click();
    await step(el, 'finhub-step-verification');
    expect(await hits(deviceId, '/registration')).to.have.length(1);
  });
});

describe('faults: FinHub errors', () => {
  it('500 on the second consent: banner, boxes stay ticked, Try again sends only what is missing', async () => {
    const { el, events, deviceId } = await mount();
    const consents = await toConsents(el, uniqueEmail('c500'));
    await fault({ path: 'consents/privacy', method: 'POST', deviceId, status: 500 });
    buttonNamed(root(consents), 'Accept and continue').click();
    expect(await waitForBanner(el)).to.contain('Something went wrong on our side.');
    expect(heading(el)).to.equal('Agreements');
    expect(ticked(consents)).to.deep.equal([true, true, true]);
    expect(errorsOf(events).map((e) => [e.step, e.code, e.recoverable])).to.deep.equal([
      ['consents', 'server_error', true],
    ]);
    await expect(el).to.be.accessible();

    retryButton(el)!.click();
    await step(el, 'finhub-step-activation');
    expect(await hits(deviceId, '/consents/terms')).to.have.length(1);
    expect(await hits(deviceId, '/consents/privacy')).to.have.length(2); // the 500, then the retry
    expect(await done(deviceId, '/consents/privacy')).to.have.length(1);
    expect(await hits(deviceId, '/consents/data-processing')).to.have.length(1);
  });

  it('503 on a document upload: the card says so with Retry, the retry uploads it once', async () => {
    const { el, events, deviceId } = await mount();
    const documents = await toDocuments(el, uniqueEmail('d503'));
    await fault({ path: '/documents', method: 'POST', deviceId, status: 503 });
    const { chooseFile, pdfFile } = await import('../components/helpers.js');
    chooseFile(root(documents), 0, pdfFile('passport-scan.pdf'));
    await waitUntil(
      () => root(documents).querySelector('section[part="document"].failed, .failed'),
      'the upload did not fail',
      { timeout: 8000 },
    ).catch(() => undefined);
    // The card words it as the banner would (the error catalogue's text for the code).
    await waitUntil(
      () => /Something went wrong on our side/.test(root(documents).textContent ?? ''),
      'no upload error on the card',
      { timeout: 8000 },
    );
    const card = root(documents).querySelector('section[part="document"]')!;
    expect(card.textContent).to.contain('passport-scan.pdf');
    expect(errorsOf(events).map((e) => [e.step, e.code, e.recoverable])).to.deep.equal([
      ['documents', 'server_error', true],
    ]);
    const retry = [...card.querySelectorAll('button')].find((b) =>
      b.textContent!.trim().startsWith('Retry'),
    );
    expect(retry, 'a Retry action on the card').to.exist;
    retry!.click();
    await waitUntil(() => card.classList.contains('done'), 'retry did not upload', {
      timeout: 8000,
    });
    expect(await hits(deviceId, '/documents')).to.have.length(2);
    expect(await done(deviceId, '/documents')).to.have.length(1);
  });

  it('429 with Retry-After on a document upload: the card’s Retry waits for it, then uploads once', async function () {
    this.timeout(30000);
    const clock = new TestClock();
    const { el, deviceId } = await mount({ clock });
    const documents = await toDocuments(el, uniqueEmail('d429'));
    await fault({ path: '/documents', method: 'POST', deviceId, retryAfter: 3 });
    const { chooseFile, pdfFile } = await import('../components/helpers.js');
    chooseFile(root(documents), 0, pdfFile('passport-scan.pdf'));
    const card = root(documents).querySelector('section[part="document"]')!;
    const retry = () =>
      [...card.querySelectorAll('button')].find((b) => b.textContent!.trim().startsWith('Retry'));
    await waitUntil(() => retry(), 'no Retry on the card after the 429', { timeout: 8000 });
    expect(card.textContent).to.contain('3 seconds');
    const limitedAt = clock.now();
    retry()!.click(); // pressed at once
    await clock.asleep('the Retry did not wait');
    expect(await hits(deviceId, '/documents'), 'sent before its time').to.have.length(1);
    clock.advance(3000);
    await waitUntil(() => card.classList.contains('done'), 'retry did not upload', {
      timeout: 10000,
    });
    const attempts = await hits(deviceId, '/documents');
    expect(attempts.map((a) => a.status)).to.deep.equal([429, 200]);
    expect(clock.now() - limitedAt, 'ms between the 429 and the retry').to.be.at.least(3000);
  });

  it('429 with Retry-After on registration: says how long, and Try again waits for it', async function () {
    this.timeout(30000);
    const clock = new TestClock();
    const { el, events, deviceId } = await mount({ clock });
    await passCategorization(el);
    const registration = await fillRegistrationStep(el, uniqueEmail('r429'));
    const typed = await registrationValues(registration);
    await fault({ path: '/registration', method: 'POST', deviceId, retryAfter: 3 });
    buttonNamed(root(registration), 'Create account').click();
    const banner = await waitForBanner(el);
    expect(banner).to.contain('Too many requests. Please wait 3 seconds and try again.');
    expect(await registrationValues(registration)).to.deep.equal(typed);
    expect(errorsOf(events).map((e) => [e.step, e.code, e.recoverable])).to.deep.equal([
      ['registration', 'rate_limited', true],
    ]);
    const limitedAt = clock.now();
    // Pressed at once: the request waits for the time FinHub asked for.
    retryButton(el)!.click();
    await clock.asleep('Try again did not wait');
    expect(await hits(deviceId, '/registration'), 'sent before its time').to.have.length(1);
    clock.advance(3000);
    await step(el, 'finhub-step-verification');
    const attempts = await hits(deviceId, '/registration');
    expect(attempts.map((a) => a.status)).to.deep.equal([429, 200]);
    expect(clock.now() - limitedAt, 'ms between the 429 and the retry').to.be.at.least(3000);
  });
});

describe('faults: dropped connections and lost answers', () => {
  it('FinHub drops the connection while a consent is sent: the relay says 502, Try again sends it once', async () => {
    const { el, events, deviceId } = await mount();
    const consents = await toConsents(el, uniqueEmail('drop'));
    await fault({ path: 'consents/terms', method: 'POST', deviceId, drop: true });
    buttonNamed(root(consents), 'Accept and continue').click();
    expect(await waitForBanner(el)).to.contain('Something went wrong on our side.');
    expect(ticked(consents)).to.deep.equal([true, true, true]);
    expect(errorsOf(events).map((e) => [e.code, e.recoverable])).to.deep.equal([
      ['server_error', true],
    ]);
    retryButton(el)!.click();
    await step(el, 'finhub-step-activation');
    for (const kind of ['terms', 'privacy', 'data-processing']) {
      expect(await done(deviceId, `/consents/${kind}`), kind).to.have.length(1);
    }
  });

  it('the answer to a registration is lost on the way back: never resent blindly; the retry’s 409 leads to sign-in and resume', async () => {
    const clock = new TestClock();
    const { el, events, deviceId } = await mount({ clock });
    await passCategorization(el);
    const email = uniqueEmail('lost');
    const registration = await fillRegistrationStep(el, email);
    const typed = await registrationValues(registration);
    let ids: { customerId: string; userId: string } | undefined;
    failNext(
      (request, path) => request.method === 'POST' && path.endsWith('/registration'),
      async (_request, next) => {
        const response = await next(); // FinHub created the customer…
        const body = (await response.json()) as { data: { id: string; user?: { id: string } } };
        const data = body.data as Json;
        ids = {
          customerId: String(data.id ?? data.customerId),
          userId: String((data.user as Json | undefined)?.id ?? data.userId),
        };
        throw new TypeError('Failed to fetch'); // …and the connection dropped on the way back
      },
    );
    buttonNamed(root(registration), 'Create account').click();
    const banner = await waitForBanner(el);
    expect(banner).to.contain('We could not confirm that your account was created.');
    expect(await registrationValues(registration)).to.deep.equal(typed);
    expect(errorsOf(events).map((e) => [e.step, e.code, e.recoverable])).to.deep.equal([
      ['registration', 'network_error', true],
    ]);
    // Nothing is scheduled to send it again: no run in flight, nothing waiting on the clock.
    await el.updateComplete;
    expect(clock.sleeping, 'nothing waits to resend it').to.equal(0);
    expect(await hits(deviceId, '/registration'), 'not resent by itself').to.have.length(1);

    retryButton(el)!.click();
    const field = byLabel(root(registration), 'Email');
    await waitUntil(() => errorOf(field) !== '', 'no 409 on the email field', { timeout: 8000 });
    expect(errorOf(field)).to.equal(
      'Your account was most likely created by your earlier attempt. Sign in to continue.',
    );
    expect(await registrationValues(registration)).to.deep.equal(typed);
    const attempts = await hits(deviceId, '/registration');
    expect(attempts.map((a) => a.status)).to.deep.equal([200, 409]); // one customer
    expect(errorsOf(events).map((e) => e.code)).to.deep.equal(['network_error', 'duplicate_email']);

    // "Sign in instead": the host (which knows the ids from its side) hands them over.
    el.addEventListener('finhub-sign-in-request', () => {
      el.setAttribute('customer-id', ids!.customerId);
      el.setAttribute('user-id', ids!.userId);
    });
    buttonNamed(root(registration), 'Sign in instead').click();
    const signIn = await step(el, 'finhub-step-sign-in');
    expect((byLabel(root(signIn), 'Email') as HTMLInputElement).value).to.equal(email);
    const { enter } = await import('../components/helpers.js');
    enter(byLabel(root(signIn), 'Password'), PASSWORD);
    buttonNamed(root(signIn), 'Sign in').click();
    await step(el, 'finhub-step-verification');
    expect(await hits(deviceId, '/registration'), 'no third registration').to.have.length(2);
  });

  it('the answer to a consent is lost: the retry asks FinHub what it holds and sends no consent twice', async () => {
    const { el, events, deviceId } = await mount();
    const consents = await toConsents(el, uniqueEmail('lostc'));
    failNext(
      (request, path) => request.method === 'POST' && path.endsWith('/consents/privacy'),
      async (_request, next) => {
        await next(); // FinHub recorded it…
        throw new TypeError('Failed to fetch'); // …the answer never came back
      },
    );
    buttonNamed(root(consents), 'Accept and continue').click();
    expect(await waitForBanner(el)).to.contain('You appear to be offline.');
    expect(ticked(consents)).to.deep.equal([true, true, true]);
    expect(errorsOf(events).map((e) => [e.code, e.recoverable])).to.deep.equal([
      ['network_error', true],
    ]);
    retryButton(el)!.click();
    await step(el, 'finhub-step-activation');
    for (const kind of ['terms', 'privacy', 'data-processing']) {
      expect(await hits(deviceId, `/consents/${kind}`), kind).to.have.length(1);
    }
  });

  it('a consent request that never answers: timeout after 30 s, Try again, no duplicate consent', async function () {
    this.timeout(60_000); // walks the flow to its consents first
    // The limit runs on the element's clock: the test moves time instead of waiting 30 s.
    const clock = new TestClock();
    const { el, events, deviceId } = await mount({ clock });
    const consents = await toConsents(el, uniqueEmail('slow'));
    await fault({ path: 'consents/terms', method: 'POST', deviceId, delayMs: 45000 });
    buttonNamed(root(consents), 'Accept and continue').click();
    const consent = () => sent().find((s) => s.url.endsWith('/consents/terms'));
    await waitUntil(consent, 'the consent was not sent');
    const { signal } = consent()!;
    clock.advance(29_900);
    expect(signal.aborted, 'gave up on the consent before 30 s').to.equal(false);
    clock.advance(100);
    expect(signal.aborted, 'still waiting for the consent after 30 s').to.equal(true);
    const banner = await waitForBanner(el);
    expect(banner).to.contain('This is taking too long. Please try again.');
    expect(ticked(consents)).to.deep.equal([true, true, true]);
    expect(errorsOf(events).map((e) => [e.step, e.code, e.recoverable])).to.deep.equal([
      ['consents', 'timeout', true],
    ]);
    retryButton(el)!.click();
    await step(el, 'finhub-step-activation');
    for (const kind of ['terms', 'privacy', 'data-processing']) {
      expect(await done(deviceId, `/consents/${kind}`), kind).to.have.length(1);
    }
  });
});

describe('faults: a token refused mid-flow (401)', () => {
  it('the relay refuses an expired token: renewed once, the request retried once, nobody notices', async () => {
    const { el, events, deviceId } = await mount();
    const consents = await toConsents(el, uniqueEmail('401'));
    const before = tokenRequests().length;
    const refused = failNext(
      (request, path) => request.method === 'POST' && path.endsWith('/consents/terms'),
      async (request) => {
        const headers = new Headers(request.headers);
        headers.set('Authorization', 'Bearer expired.onboarding.token');
        return fetch(new Request(request, { headers }));
      },
    );
    buttonNamed(root(consents), 'Accept and continue').click();
    await step(el, 'finhub-step-activation');
    expect(refused.count()).to.equal(1);
    const renewals = tokenRequests().slice(before);
    expect(renewals, 'one token renewal').to.have.length(1);
    // The renewal presents the bound token, so the onboarding keeps its customer.
    expect(renewals[0]!.authorization).to.match(/^Bearer ey/);
    expect(await hits(deviceId, '/consents/terms')).to.have.length(1);
    expect(errorsOf(events)).to.deep.equal([]);
    expectNoBanner(el);
  });

  it('FinHub keeps saying 401: one renewal, one retry, then a truthful unrecoverable error', async () => {
    const { el, events, deviceId } = await mount();
    const consents = await toConsents(el, uniqueEmail('401x'));
    const before = tokenRequests().length;
    await fault({ path: 'consents/terms', method: 'POST', deviceId, status: 401, times: 10 });
    buttonNamed(root(consents), 'Accept and continue').click();
    await waitForBanner(el);
    expect(tokenRequests().slice(before)).to.have.length(1);
    // The relay retries once with a fresh admin session, and so does the element: 4 at most.
    expect((await hits(deviceId, '/consents/terms')).length).to.be.within(2, 4);
    expect(await done(deviceId, '/consents/terms')).to.have.length(0);
    expect(errorsOf(events).map((e) => [e.code, e.recoverable])).to.deep.equal([
      ['unauthorized', false],
    ]);
    expect(bannerText(el)).to.not.equal('');
    expect(ticked(consents)).to.deep.equal([true, true, true]);
  });
});
