/**
 * Lifecycle: an element removed mid-request cancels it and sends nothing more (activation polling
 * stops), picks up again when it is put back, two instances on a page do not disturb each other,
 * and 500 mount/unmount cycles leave no listener, timer or request behind (counted by wrapping
 * the page's addEventListener/removeEventListener, timers and fetch).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { TestClock } from '../doubles/clock.js';
import { createLocalBackend } from '../doubles/local-backend.js';
import type { FinHubOnboarding } from '../../src/index.js';
import { buttonNamed, byLabel, enter, root } from '../components/helpers.js';
import {
  bannerText,
  container,
  fault,
  heading,
  inside,
  mount,
  resumeAtActivation,
  step,
  uniqueEmail,
  tokenWithoutCategories,
} from '../flow-individual/helpers.js';
import {
  entries,
  errorsOf,
  failNext,
  hits,
  isToken,
  passCategorization,
  sent,
  ticked,
  toConsents,
  tokenRequests,
} from './helpers.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('lifecycle', () => {
  it('removed mid-request: the request is cancelled, nothing more is sent; put back, it goes on', async () => {
    const clock = new TestClock();
    const { el, events, deviceId } = await mount({ clock });
    const consents = await toConsents(el, uniqueEmail('rm'));
    await fault({ path: 'consents/terms', method: 'POST', deviceId, delayMs: 1500 });
    buttonNamed(root(consents), 'Accept and continue').click();
    await waitUntil(() => sent().some((s) => s.url.endsWith('/consents/terms')), 'not sent');
    const terms = sent().find((s) => s.url.endsWith('/consents/terms'))!;
    const parent = el.parentElement!;
    el.remove();
    await waitUntil(() => terms.signal.aborted, 'the request was not cancelled');
    const count = sent().length;
    // Whatever the element would do later it waits for on its clock: nothing is waiting.
    clock.advance(10 * 60_000);
    await tick();
    expect(clock.sleeping, 'nothing waits to run').to.equal(0);
    expect(sent().length, 'requests after removal').to.equal(count);
    expect(errorsOf(events), 'a cancel is not an error').to.deep.equal([]);

    parent.append(el);
    await el.updateComplete;
    expect(heading(el)).to.equal('Agreements');
    expect(ticked(consents)).to.deep.equal([true, true, true]);
    buttonNamed(root(consents), 'Accept and continue').click();
    await step(el, 'finhub-step-activation');
    // The cancelled one may have reached FinHub before it was cancelled: never sent twice.
    const termsCarriedOut = (await hits(deviceId, '/consents/terms')).filter(
      (h) => h.status === 200,
    );
    expect(termsCarriedOut.length, 'terms carried out').to.equal(1);
  });

  it('removed while its token request is pending: the request is cancelled, put back it asks again', async () => {
    // The token endpoint holds its answer until the request is cancelled.
    failNext(isToken, async (request, next) => {
      await new Promise((resolve) => request.signal.addEventListener('abort', resolve));
      return next();
    });
    const { el, events } = await mount();
    await waitUntil(() => tokenRequests().length === 1, 'no token request');
    const pending = tokenRequests()[0]!;
    const parent = el.parentElement!;
    el.remove();
    // Kept a moment for a quick re-mount (React StrictMode), then cancelled: not left to its 15 s.
    await waitUntil(() => pending.signal.aborted, 'the token request was left running', {
      timeout: 2000,
    });
    expect(errorsOf(events), 'a cancel is not an error').to.deep.equal([]);

    parent.append(el);
    const categorization = await step(el, 'finhub-step-categorization');
    await inside(categorization, 'input[type="radio"]', 'categories');
    expect(tokenRequests(), 'a new token request').to.have.length(2);
    expect(tokenRequests()[1]!.signal.aborted).to.equal(false);
  });

  it('activation polling stops when the element is removed and resumes when it is put back', async function () {
    this.timeout(40000);
    const clock = new TestClock();
    const { el, deviceId, activation } = await resumeAtActivation({ approve: false, clock });
    const checks = async () => (await hits(deviceId, '/activation/check', 'GET')).length;
    // Each check, then a wait on the element's clock; the test moves the clock on.
    for (let poll = 0; poll < 2; poll++) {
      await clock.asleep();
      clock.advance(20_000);
    }
    await waitUntil(async () => (await checks()) >= 3, 'not polling', { timeout: 8000 });
    expect(root(activation).textContent).to.match(/review|check|verif/i);

    await clock.asleep(); // between two checks: none in flight
    const parent = el.parentElement!;
    el.remove();
    await waitUntil(() => clock.sleeping === 0, 'the wait for the next check was not cancelled');
    const atRemoval = await checks();
    clock.advance(10 * 60_000); // the backoff would have polled many times by now
    await tick();
    expect(await checks(), 'checks after removal').to.equal(atRemoval);
    expect(clock.sleeping, 'nothing waits to check again').to.equal(0);

    parent.append(el);
    await waitUntil(async () => (await checks()) > atRemoval, 'polling did not resume', {
      timeout: 5000,
    });
  });

  it('activation polling waits out a 429 with Retry-After before it asks again', async function () {
    this.timeout(40000);
    const clock = new TestClock();
    const { el, deviceId } = await resumeAtActivation({ approve: false, clock });
    const checks = () => hits(deviceId, '/activation/check', 'GET');
    await clock.asleep(); // polled, waiting for the next check
    // The next poll meets a 429 asking for 4 s; the backoff alone would ask again within ~2.4 s.
    await fault({ path: 'activation/check', method: 'GET', deviceId, retryAfter: 4 });
    clock.advance(2500);
    await waitUntil(
      async () => (await checks()).some((c) => c.status === 429),
      'no poll met the 429',
      { timeout: 8000 },
    );
    await clock.asleep();
    const limitedAt = clock.now();
    const after429 = async () => {
      const seen = await checks();
      return seen.length - 1 - seen.findIndex((c) => c.status === 429);
    };
    clock.advance(3000, { early: 1500 }); // a timer firing early, 3 s after the 429
    await clock.asleep();
    expect(await after429(), 'asked again before the Retry-After').to.equal(0);
    clock.advance(1000); // the Retry-After is over: the backoff's own wait follows
    await clock.asleep();
    clock.advance(20_000);
    await waitUntil(async () => (await after429()) >= 1, 'no poll after the 429', {
      timeout: 8000,
    });
    expect(clock.now() - limitedAt, 'ms between the 429 and the next poll').to.be.at.least(4000);
    expect(bannerText(el), 'a 429 while waiting is not worth a banner').to.equal('');
    el.remove();
  });

  it('two instances on one page are independent', async () => {
    // A reads the hierarchy itself (its token brings no categories), which fails.
    const a = await mount({ fetchToken: tokenWithoutCategories });
    const b = await mount();
    await fault({ path: 'hierarchy', deviceId: a.deviceId, status: 500 });
    await waitUntil(() => bannerText(a.el) !== '', 'no banner on A', { timeout: 8000 });
    await passCategorization(b.el);
    const registration = await step(b.el, 'finhub-step-individual-registration');
    enter(byLabel(root(registration), 'First name'), 'Beata');
    expect(root(a.el).querySelector('finhub-step-individual-registration')).to.equal(null);
    expect(bannerText(b.el)).to.equal('');
    expect(errorsOf(a.events).map((e) => e.code)).to.deep.equal(['server_error']);
    expect(errorsOf(b.events)).to.deep.equal([]);
    expect(b.events.some((e) => e.type === 'finhub-step-change')).to.be.true;
    expect(a.events.some((e) => e.type === 'finhub-step-change')).to.be.false;
    // A recovers on its own Try again; B's form keeps what was typed.
    buttonNamed(root(a.el), 'Try again').click();
    await inside(await step(a.el, 'finhub-step-categorization'), 'input[type="radio"]');
    expect((byLabel(root(registration), 'First name') as HTMLInputElement).value).to.equal('Beata');
    // B's token brought its categories, each with what registration sends: B never read it.
    const bHierarchy = (await entries(b.deviceId)).filter((e) => e.path.includes('/hierarchy/'));
    expect(bHierarchy.map((e) => e.status)).to.deep.equal([]);
  });

  it('500 mount/unmount cycles leave no listeners, timers or requests behind', async function () {
    this.timeout(120000);
    // One real element (relay + sandbox), loaded once before counting starts, then moved in and
    // out. The test's own waits use the page's original timers, so only the element's count.
    const { el } = await mount();
    await inside(await step(el, 'finhub-step-categorization'), 'input[type="radio"]');
    el.remove();
    const listeners = new Set<string>();
    const timers = new Set<number>();
    const intervals = new Set<number>();
    let pendingFetches = 0;
    const ids = new WeakMap<object, number>();
    let next = 0;
    const idOf = (fn: unknown) => {
      if (typeof fn !== 'object' && typeof fn !== 'function') return String(fn);
      if (!ids.has(fn as object)) ids.set(fn as object, ++next);
      return String(ids.get(fn as object));
    };
    const restores: (() => void)[] = [];
    for (const [name, target] of [
      ['window', window],
      ['document', document],
    ] as const) {
      const add = target.addEventListener;
      const remove = target.removeEventListener;
      const key = (type: string, fn: unknown, options: unknown) => {
        const capture =
          typeof options === 'boolean'
            ? options
            : Boolean((options as { capture?: boolean })?.capture);
        return `${name}:${type}:${idOf(fn)}:${capture}`;
      };
      target.addEventListener = function (
        this: EventTarget,
        type: string,
        fn: never,
        options?: never,
      ) {
        if (fn) listeners.add(key(type, fn, options));
        return add.call(this, type, fn, options);
      } as typeof add;
      target.removeEventListener = function (
        this: EventTarget,
        type: string,
        fn: never,
        options?: never,
      ) {
        listeners.delete(key(type, fn, options));
        return remove.call(this, type, fn, options);
      } as typeof remove;
      restores.push(() => {
        target.addEventListener = add;
        target.removeEventListener = remove;
      });
    }
    const {
      setTimeout: st,
      clearTimeout: ct,
      setInterval: si,
      clearInterval: ci,
      fetch: f,
    } = window;
    window.setTimeout = ((fn: TimerHandler, ms?: number, ...args: unknown[]) => {
      const id: number = st(
        (...inner: unknown[]) => {
          timers.delete(id);
          if (typeof fn === 'function') (fn as (...a: unknown[]) => void)(...inner);
        },
        ms,
        ...args,
      );
      timers.add(id);
      return id;
    }) as typeof setTimeout;
    window.clearTimeout = ((id?: number) => {
      if (id !== undefined) timers.delete(id);
      ct(id);
    }) as typeof clearTimeout;
    window.setInterval = ((fn: TimerHandler, ms?: number, ...args: unknown[]) => {
      const id: number = si(fn, ms, ...args);
      intervals.add(id);
      return id;
    }) as typeof setInterval;
    window.clearInterval = ((id?: number) => {
      if (id !== undefined) intervals.delete(id);
      ci(id);
    }) as typeof clearInterval;
    window.fetch = ((...args: Parameters<typeof fetch>) => {
      pendingFetches++;
      const result = f(...args);
      void result.then(
        () => pendingFetches--,
        () => pendingFetches--,
      );
      return result;
    }) as typeof fetch;
    restores.push(() => {
      Object.assign(window, {
        setTimeout: st,
        clearTimeout: ct,
        setInterval: si,
        clearInterval: ci,
        fetch: f,
      });
    });

    try {
      const host = container();
      const rawSleep = (ms: number) => new Promise((resolve) => st(resolve, ms));
      const settle = async () => {
        for (let i = 0; i < 200 && pendingFetches > 0; i++) await rawSleep(50);
        expect(pendingFetches, 'requests still pending').to.equal(0);
        await rawSleep(300); // past the 250 ms grace before an orphaned shared request is cancelled
      };
      await settle();
      const baseline = {
        listeners: listeners.size,
        timers: timers.size,
        intervals: intervals.size,
      };

      for (let i = 0; i < 250; i++) {
        host.append(el);
        await tick();
        el.remove();
        await tick();
      }
      // Fresh elements each time (local backend: no network), some removed before they start.
      for (let i = 0; i < 250; i++) {
        const fresh = document.createElement('finhub-onboarding') as FinHubOnboarding;
        fresh.backend = createLocalBackend();
        host.append(fresh);
        if (i % 2) await (fresh as FinHubOnboarding).updateComplete;
        fresh.remove();
        await tick();
      }
      await settle();
      expect(
        { listeners: listeners.size, timers: timers.size, intervals: intervals.size },
        [...listeners].join(', '),
      ).to.deep.equal(baseline);
      expect(pendingFetches).to.equal(0);
      // What was left running is nothing: no request went out while detached.
      const before = sent().length;
      await rawSleep(1000);
      expect(sent().length).to.equal(before);
    } finally {
      for (const restore of restores) restore();
    }
  });

  it('a removed element is let go: its hierarchy request is cancelled and the element collected', async function () {
    this.timeout(20000);
    // web-test-runner.config.mjs launches Chromium with --js-flags=--expose-gc.
    const gc = (globalThis as { gc?: () => void }).gc;
    expect(typeof gc, 'gc() exposed').to.equal('function');
    // Step views and the API chunk loaded first: a first load in flight holds its element a while.
    const warm = await mount();
    await inside(await step(warm.el, 'finhub-step-categorization'), 'input[type="radio"]');
    warm.el.remove();
    const deviceId = crypto.randomUUID();
    // The hierarchy answers after 8 s: left running, the request would hold the element that long.
    await fault({ path: 'hierarchy', deviceId, delayMs: 8000 });
    const isHierarchy = (s: { url: string }) => s.url.includes('/categorization/hierarchy/');
    const before = sent().length;

    // Only a WeakRef to the element leaves this function.
    const mountAndRemove = async () => {
      const el = document.createElement('finhub-onboarding');
      // A token without categories: the element reads the hierarchy itself, the request held here.
      el.fetchToken = tokenWithoutCategories;
      el.setAttribute('api-base', '/onboarding/api');
      el.setAttribute('device-id', deviceId);
      container().append(el);
      await el.updateComplete;
      await waitUntil(() => sent().slice(before).some(isHierarchy), 'no hierarchy request', {
        timeout: 5000,
      });
      el.remove();
      return new WeakRef(el);
    };
    const ref = await mountAndRemove();
    const request = sent().slice(before).find(isHierarchy)!;
    await waitUntil(() => request.signal.aborted, 'the hierarchy request was not cancelled', {
      timeout: 3000,
    });

    // Up to 4 s (the answer would come at 8 s): a detached element can stay alive a little while
    // (e.g. its progress bar's animation until the page renders again, slow in a hidden page).
    // Each check is a task of its own: deref() keeps its target alive to the end of its task.
    await waitUntil(
      () => {
        gc!();
        return ref.deref() === undefined;
      },
      'the removed element was not garbage-collected',
      { interval: 100, timeout: 4000 },
    );
  });
});
