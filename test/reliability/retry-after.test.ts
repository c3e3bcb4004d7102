/**
 * Retry-After is never cut short (issue 14, item 4), in either flow: after FinHub answers 429
 * with `Retry-After`, nothing goes to it again before that many seconds have passed since the
 * answer arrived, whichever way the person retries, even when a timer fires early. The element
 * waits on a clock the test drives (test/doubles/clock.ts), so nothing here waits on the wall
 * clock.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';
import { buttonNamed, root } from '../components/helpers.js';
import { TestClock } from '../doubles/clock.js';
import { fault, mount, step, uniqueEmail } from '../flow-individual/helpers.js';
import {
  addValidPeople,
  mountOrganization,
  registerCompany,
} from '../flow-organization/helpers.js';
import { hits, retryButton, sent, toConsents, waitForBanner } from './helpers.js';

/** Each test walks a whole flow to its step first: longer than the default on a busy machine. */
const WALK = 60_000;

/** The element is waiting on the clock (a Retry-After, before it sends anything again). */
const waiting = (clock: TestClock) =>
  waitUntil(() => clock.sleeping > 0, 'the element did not wait for the Retry-After', {
    timeout: 8000,
  });

/**
 * Requests to `suffix` the page has sent so far, counted at the call, so nothing has to land
 * first. (An animation frame was used to let them land: a page in the background, as one of the
 * runner's two concurrent pages is, gets none, and the walk stalled.)
 */
const sentTo = (suffix: string) =>
  sent().filter((s) => s.method === 'POST' && s.url.endsWith(suffix));

describe('Retry-After is never cut short', () => {
  it('individual: a consent refused with 429 goes again only once the time has passed since the answer arrived', async function () {
    this.timeout(WALK);
    const clock = new TestClock();
    const { el, deviceId } = await mount({ clock });
    const consents = await toConsents(el, uniqueEmail('ra-ind'));
    // The answer takes a while: FinHub's "3 seconds" starts when it arrives, not when it was sent.
    await fault({ path: 'consents/terms', method: 'POST', deviceId, retryAfter: 3, delayMs: 300 });
    buttonNamed(root(consents), 'Accept and continue').click();
    clock.advance(2000); // while the request is in flight
    expect(await waitForBanner(el)).to.contain('Please wait 3 seconds');
    const answered = clock.now(); // the 429 has arrived
    expect((await hits(deviceId, '/consents/terms')).map((h) => h.status)).to.deep.equal([429]);

    retryButton(el)!.click(); // pressed at once
    await waiting(clock);
    expect(sentTo('/consents/terms'), 'sent before its time').to.have.length(1);

    // 1.5 s after the answer (3.5 s after the request), the timer fires 2 s early: still too soon.
    clock.advance(1500, { early: 2000 });
    await waiting(clock);
    expect(clock.now() - answered).to.be.below(3000);
    expect(sentTo('/consents/terms'), 'sent before its time').to.have.length(1);

    clock.advance(1500); // 3 s after the answer
    await step(el, 'finhub-step-activation');
    expect((await hits(deviceId, '/consents/terms')).map((h) => h.status)).to.deep.equal([
      429, 200,
    ]);
    el.remove();
  });

  it('organization: a person refused with 429 is sent again only after the time FinHub asked for, by Try again or by Continue', async function () {
    this.timeout(WALK);
    const clock = new TestClock();
    const { el, deviceId } = await mountOrganization({ clock });
    const { email } = await registerCompany(el);
    const people = await step<LitElement>(el, 'finhub-step-personnel');
    await addValidPeople(people, email);
    await fault({ path: '/employee', method: 'POST', deviceId, retryAfter: 2 });
    buttonNamed(root(people), 'Continue').click();
    expect(await waitForBanner(el)).to.contain('Please wait 2 seconds');
    const answered = clock.now();

    // Continue again rather than Try again: it waits too.
    buttonNamed(root(people), 'Continue').click();
    await waiting(clock);
    clock.advance(1000, { early: 1500 }); // a timer firing early, 1 s after the answer
    await waiting(clock);
    expect(clock.now() - answered).to.be.below(2000);
    expect(sentTo('/employee'), 'sent before its time').to.have.length(1);

    clock.advance(1000); // 2 s after the answer
    await step(el, 'finhub-step-verification');
    expect((await hits(deviceId, '/employee')).map((h) => h.status)).to.deep.equal([429, 200]);
    el.remove();
  });
});
