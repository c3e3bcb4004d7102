import { expect } from '@open-wc/testing';
import { rejection } from './client-fakes.js';
import {
  DEFAULT_TOKEN_LIFETIME_SECONDS,
  createTokenProvider,
  type TokenResponse,
} from '../../src/api/token-provider.js';

interface Call {
  url: string;
  init: RequestInit;
}

/** A fetch double that records calls and answers from a queue of responders. */
function fakeFetch(...responders: Array<(call: Call) => Response | Promise<Response>>) {
  const calls: Call[] = [];
  const fn = (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const call = { url: String(input), init };
    calls.push(call);
    const responder = responders[Math.min(calls.length - 1, responders.length - 1)]!;
    return Promise.resolve().then(() => responder(call));
  };
  return { calls, fetch: fn as typeof fetch };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

/** Resolves once `signal` has aborted. */
const waitForAbort = (signal: AbortSignal) =>
  signal.aborted
    ? Promise.resolve()
    : new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));

/** Resolves after the microtask queue settles. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('createTokenProvider', () => {
  it('requires exactly one of tokenUrl or fetchToken', () => {
    expect(() => createTokenProvider({})).to.throw(TypeError, /exactly one/);
    expect(() =>
      createTokenProvider({
        tokenUrl: '/t',
        fetchToken: () => Promise.resolve({ accessToken: 'a', expiresIn: 60 }),
      }),
    ).to.throw(TypeError, /exactly one/);
  });

  it('POSTs {} as JSON to tokenUrl with same-origin credentials and returns the token', async () => {
    const f = fakeFetch(() => json({ accessToken: 'tok-1', expiresIn: 900, tenantId: 'tenant-a' }));
    const provider = createTokenProvider({ tokenUrl: '/onboarding/token', fetch: f.fetch });
    expect(provider.tenantId).to.equal(undefined);

    expect(await provider.getToken()).to.equal('tok-1');

    expect(f.calls).to.have.length(1);
    const { url, init } = f.calls[0]!;
    expect(url).to.equal('/onboarding/token');
    expect(init.method).to.equal('POST');
    const headers = new Headers(init.headers);
    expect(headers.get('Accept')).to.equal('application/json');
    expect(headers.get('Content-Type')).to.equal('application/json');
    expect(init.credentials).to.equal('same-origin');
    expect(JSON.parse(String(init.body))).to.deep.equal({});
    expect(init.signal).to.be.instanceOf(AbortSignal);
    expect(provider.tenantId).to.equal('tenant-a');
  });

  it('uses a host fetchToken function and passes it an AbortSignal', async () => {
    const signals: AbortSignal[] = [];
    const provider = createTokenProvider({
      fetchToken: (signal) => {
        signals.push(signal);
        return Promise.resolve({ accessToken: 'host-token', expiresIn: 300, tenantId: 't-host' });
      },
    });
    expect(await provider.getToken()).to.equal('host-token');
    expect(signals).to.have.length(1);
    expect(signals[0]).to.be.instanceOf(AbortSignal);
    expect(provider.tenantId).to.equal('t-host');
  });

  it('caches the token until 80% of its lifetime, then fetches a new one', async () => {
    let clock = 1_000_000;
    let n = 0;
    const f = fakeFetch(() => json({ accessToken: `tok-${++n}`, expiresIn: 100 }));
    const provider = createTokenProvider({ tokenUrl: '/t', fetch: f.fetch, now: () => clock });

    expect(await provider.getToken()).to.equal('tok-1');
    clock += 79_999;
    expect(await provider.getToken()).to.equal('tok-1');
    expect(f.calls).to.have.length(1);

    clock += 1; // 80 s of 100 s
    expect(await provider.getToken()).to.equal('tok-2');
    expect(f.calls).to.have.length(2);
  });

  it('honours a custom refreshAt fraction', async () => {
    let clock = 0;
    let n = 0;
    const provider = createTokenProvider({
      fetchToken: () => Promise.resolve({ accessToken: `tok-${++n}`, expiresIn: 100 }),
      refreshAt: 0.5,
      now: () => clock,
    });
    await provider.getToken();
    clock = 49_999;
    expect(await provider.getToken()).to.equal('tok-1');
    clock = 50_000;
    expect(await provider.getToken()).to.equal('tok-2');
  });

  it('derives the lifetime from expiresAt (ISO or epoch ms)', async () => {
    let clock = Date.parse('2030-01-01T00:00:00Z');
    let n = 0;
    const answers: TokenResponse[] = [
      { accessToken: 'iso', expiresAt: '2030-01-01T00:10:00Z' },
      { accessToken: 'epoch', expiresAt: Date.parse('2030-01-01T00:20:00Z') },
    ];
    const provider = createTokenProvider({
      fetchToken: () => Promise.resolve(answers[n++]!),
      now: () => clock,
    });
    expect(await provider.getToken()).to.equal('iso');
    clock += 7 * 60_000; // < 80% of 10 min
    expect(await provider.getToken()).to.equal('iso');
    clock += 60_000; // 8 min: refresh
    expect(await provider.getToken()).to.equal('epoch');
    expect(n).to.equal(2);
  });

  it('assumes a 60 s lifetime when the response states no expiry', async () => {
    let clock = 0;
    let n = 0;
    const provider = createTokenProvider({
      fetchToken: () => Promise.resolve({ accessToken: `tok-${++n}` }),
      now: () => clock,
    });
    await provider.getToken();
    clock = DEFAULT_TOKEN_LIFETIME_SECONDS * 1000 * 0.8 - 1;
    expect(await provider.getToken()).to.equal('tok-1');
    clock += 1;
    expect(await provider.getToken()).to.equal('tok-2');
  });

  it('shares one request between concurrent getToken callers', async () => {
    const gate = deferred<Response>();
    const f = fakeFetch(() => gate.promise);
    const provider = createTokenProvider({ tokenUrl: '/t', fetch: f.fetch });

    const pending = Array.from({ length: 5 }, () => provider.getToken());
    await tick();
    expect(f.calls).to.have.length(1);
    gate.resolve(json({ accessToken: 'shared', expiresIn: 60 }));
    expect(await Promise.all(pending)).to.deep.equal(Array(5).fill('shared'));
    expect(f.calls).to.have.length(1);
  });

  it('refresh() forces a new token and concurrent refreshes share one request', async () => {
    let n = 0;
    const f = fakeFetch(() => json({ accessToken: `tok-${++n}`, expiresIn: 3600 }));
    const provider = createTokenProvider({ tokenUrl: '/t', fetch: f.fetch });
    expect(await provider.getToken()).to.equal('tok-1');

    const [a, b, c] = await Promise.all([
      provider.refresh(),
      provider.refresh(),
      provider.getToken(),
    ]);
    expect([a, b, c]).to.deep.equal(['tok-2', 'tok-2', 'tok-2']);
    expect(f.calls).to.have.length(2);
    expect(await provider.getToken()).to.equal('tok-2');
  });

  it('adopt() replaces the cached token with its own lifetime', async () => {
    let clock = 0;
    const f = fakeFetch(() => json({ accessToken: 'fetched', expiresIn: 3600, tenantId: 'ten' }));
    const provider = createTokenProvider({ tokenUrl: '/t', fetch: f.fetch, now: () => clock });
    await provider.getToken();

    provider.adopt('bound-token', 100);
    expect(await provider.getToken()).to.equal('bound-token');
    expect(provider.tenantId).to.equal('ten');
    clock += 80_000;
    expect(await provider.getToken()).to.equal('fetched');
    expect(f.calls).to.have.length(2);
    expect(() => provider.adopt('')).to.throw(TypeError);
  });

  it('presents the held token when renewing, so the relay can renew a bound onboarding', async () => {
    let clock = 0;
    const f = fakeFetch(
      () => json({ accessToken: 'first', expiresIn: 100 }),
      () => json({ accessToken: 'renewed', expiresIn: 100 }),
    );
    const provider = createTokenProvider({ tokenUrl: '/t', fetch: f.fetch, now: () => clock });
    await provider.getToken();
    expect(new Headers(f.calls[0]!.init.headers).has('Authorization')).to.equal(false);
    provider.adopt('bound-token', 100);
    clock += 81_000;
    expect(await provider.getToken()).to.equal('renewed');
    expect(new Headers(f.calls[1]!.init.headers).get('Authorization')).to.equal(
      'Bearer bound-token',
    );

    const seen: Array<string | undefined> = [];
    const viaFn = createTokenProvider({
      fetchToken: async (_signal, { currentToken }) => {
        seen.push(currentToken);
        return { accessToken: `t${seen.length}`, expiresIn: 100 };
      },
    });
    await viaFn.getToken();
    await viaFn.refresh();
    expect(seen).to.deep.equal([undefined, 't1']);
  });

  it('adopt() during an in-flight request wins over the fetched token', async () => {
    const gate = deferred<Response>();
    const f = fakeFetch(() => gate.promise);
    const provider = createTokenProvider({ tokenUrl: '/t', fetch: f.fetch });
    const waiting = provider.getToken();
    await tick();
    provider.adopt('bound', 600);
    gate.resolve(json({ accessToken: 'unbound', expiresIn: 600 }));
    expect(await waiting).to.equal('bound');
    expect(await provider.getToken()).to.equal('bound');
  });

  describe('a request the script-tag loader already sent (src/api/token-request.ts)', () => {
    const startedAt = (url: string, response: Promise<Response>) => ({
      url,
      response,
      controller: new AbortController(),
    });

    it('is the first request, once: the provider sends nothing of its own for it', async () => {
      const f = fakeFetch(() => json({ accessToken: 'second', expiresIn: 60 }));
      const started = startedAt(
        '/t',
        Promise.resolve(json({ accessToken: 'first', expiresIn: 60 })),
      );
      const provider = createTokenProvider({ tokenUrl: '/t', fetch: f.fetch, started });
      expect(await provider.getToken()).to.equal('first');
      expect(f.calls).to.have.length(0);
      expect(await provider.refresh()).to.equal('second');
      expect(f.calls).to.have.length(1);
      expect(started.controller.signal.aborted).to.equal(false);
    });

    it('is not used, and is cancelled, when it went to another URL', async () => {
      const f = fakeFetch(() => json({ accessToken: 'own', expiresIn: 60 }));
      const started = startedAt(
        '/elsewhere',
        Promise.resolve(json({ accessToken: 'theirs', expiresIn: 60 })),
      );
      const provider = createTokenProvider({ tokenUrl: '/t', fetch: f.fetch, started });
      expect(await provider.getToken()).to.equal('own');
      expect(f.calls.map((call) => call.url)).to.deep.equal(['/t']);
      expect(started.controller.signal.aborted).to.equal(true);
    });

    it('is cancelled when its caller gives up, and its failure maps as the provider’s own', async () => {
      const answer = deferred<Response>();
      const started = startedAt('/t', answer.promise);
      const provider = createTokenProvider({ tokenUrl: '/t', orphanGraceMs: 0, started });
      const caller = new AbortController();
      const pending = rejection(provider.getToken(caller.signal));
      caller.abort();
      expect((await pending).code).to.equal('aborted');
      await waitForAbort(started.controller.signal);

      const failing = startedAt('/t', Promise.resolve(json({}, 503)));
      const again = createTokenProvider({ tokenUrl: '/t', started: failing });
      const error = await rejection(again.getToken());
      expect(error.code).to.equal('token_unavailable');
      expect(error.status).to.equal(503);
    });
  });

  describe('failures become token_unavailable', () => {
    // The message is for the host's developer (the person reads the catalogue's wording for
    // token_unavailable): it names what went wrong, never the token.
    const cases: Array<[string, () => Response | Promise<Response>, string]> = [
      [
        'a network error',
        () => Promise.reject(new TypeError('Failed to fetch')),
        'token request failed (network error or timeout)',
      ],
      ['HTTP 500', () => json({ code: 500, message: 'boom' }, 500), 'token endpoint answered 500'],
      [
        'malformed JSON',
        () => new Response('<html>oops', { status: 200 }),
        'token endpoint did not return JSON',
      ],
      [
        'a response without accessToken',
        () => json({ token: 'x', expiresIn: 60 }),
        'token response invalid at: accessToken',
      ],
      [
        'an unreadable expiresAt',
        () => json({ accessToken: 'secret-abc', expiresAt: 'soon' }),
        'token response: expiresAt is not a date',
      ],
      [
        'a negative expiresIn',
        () => json({ accessToken: 'secret-abc', expiresIn: -5 }),
        'token response invalid at: expiresIn',
      ],
    ];
    for (const [label, responder, message] of cases) {
      it(`on ${label}`, async () => {
        const f = fakeFetch(responder);
        const provider = createTokenProvider({ tokenUrl: '/t', fetch: f.fetch });
        const error = await rejection(provider.getToken());
        expect(error.code).to.equal('token_unavailable');
        expect(error.message).to.equal(message);
        expect(error.message).not.to.contain('secret-abc');
        expect(error.retryable).to.equal(true);
      });
    }

    it('keeps the status of a 5xx', async () => {
      const f = fakeFetch(() => json({}, 502));
      const error = await rejection(
        createTokenProvider({ tokenUrl: '/t', fetch: f.fetch }).getToken(),
      );
      expect(error.status).to.equal(502);
      expect(error.message).to.equal('token endpoint answered 502');
    });

    it('tells the developer a 4xx is a refusal, not a glitch', async () => {
      const f = fakeFetch(() => json({}, 403));
      const error = await rejection(
        createTokenProvider({ tokenUrl: '/t', fetch: f.fetch }).getToken(),
      );
      expect(error.status).to.equal(403);
      expect(error.message).to.equal(
        'token endpoint answered 403 (refused: check the endpoint and the session)',
      );
    });

    it('sets retryAfter from a 429 Retry-After header', async () => {
      const f = fakeFetch(() => json({}, 429, { 'Retry-After': '12' }));
      const error = await rejection(
        createTokenProvider({ tokenUrl: '/t', fetch: f.fetch }).getToken(),
      );
      expect(error.status).to.equal(429);
      expect(error.retryAfter).to.equal(12);
    });

    it('when fetchToken throws', async () => {
      const provider = createTokenProvider({
        fetchToken: () => Promise.reject(new Error('host says no')),
      });
      const error = await rejection(provider.getToken());
      expect(error.code).to.equal('token_unavailable');
      expect(error.cause).to.be.instanceOf(Error);
    });

    it('when the request exceeds timeoutMs (even if fetchToken ignores its signal)', async () => {
      let seen: AbortSignal | undefined;
      const provider = createTokenProvider({
        fetchToken: (signal) => {
          seen = signal;
          return new Promise<TokenResponse>(() => undefined);
        },
        timeoutMs: 30,
      });
      const error = await rejection(provider.getToken());
      expect(error.code).to.equal('token_unavailable');
      expect(seen?.aborted).to.equal(true);
    });

    it('a failed request is not cached: the next call tries again', async () => {
      const f = fakeFetch(
        () => json({}, 500),
        () => json({ accessToken: 'second', expiresIn: 60 }),
      );
      const provider = createTokenProvider({ tokenUrl: '/t', fetch: f.fetch });
      await rejection(provider.getToken());
      expect(await provider.getToken()).to.equal('second');
      expect(f.calls).to.have.length(2);
    });
  });

  it('getToken() keeps a stale but unexpired token when the proactive refresh fails; refresh() does not', async () => {
    let clock = 0;
    const f = fakeFetch(
      () => json({ accessToken: 'first', expiresIn: 100 }),
      () => json({}, 503),
    );
    const provider = createTokenProvider({ tokenUrl: '/t', fetch: f.fetch, now: () => clock });
    await provider.getToken();
    clock = 90_000;
    expect(await provider.getToken()).to.equal('first');
    expect(f.calls).to.have.length(2);
    expect((await rejection(provider.refresh())).code).to.equal('token_unavailable');
    clock = 100_000;
    expect((await rejection(provider.getToken())).code).to.equal('token_unavailable');
  });

  describe('abort', () => {
    it('rejects an already aborted caller without a request', async () => {
      const f = fakeFetch(() => json({ accessToken: 'x', expiresIn: 60 }));
      const provider = createTokenProvider({ tokenUrl: '/t', fetch: f.fetch });
      const error = await rejection(provider.getToken(AbortSignal.abort()));
      expect(error.code).to.equal('aborted');
      expect(f.calls).to.have.length(0);
    });

    it('rejects only the aborting caller; the shared request finishes and is cached', async () => {
      const gate = deferred<Response>();
      const f = fakeFetch(() => gate.promise);
      const provider = createTokenProvider({ tokenUrl: '/t', fetch: f.fetch });
      const controller = new AbortController();
      const aborting = provider.getToken(controller.signal);
      const other = provider.getToken();
      await tick();
      controller.abort();
      expect((await rejection(aborting)).code).to.equal('aborted');
      expect(f.calls[0]!.init.signal!.aborted).to.equal(false);

      gate.resolve(json({ accessToken: 'kept', expiresIn: 60 }));
      expect(await other).to.equal('kept');
      expect(await provider.getToken()).to.equal('kept');
      expect(f.calls).to.have.length(1);
    });

    it('a re-mounted caller reuses the request its aborted predecessor started', async () => {
      const gate = deferred<Response>();
      const f = fakeFetch(() => gate.promise);
      const provider = createTokenProvider({ tokenUrl: '/t', fetch: f.fetch });
      const first = new AbortController();
      const p1 = provider.getToken(first.signal);
      await tick();
      first.abort();
      await rejection(p1);
      const p2 = provider.refresh(new AbortController().signal);
      gate.resolve(json({ accessToken: 'once', expiresIn: 60 }));
      expect(await p2).to.equal('once');
      expect(f.calls).to.have.length(1);
    });

    it('cancels the request once no caller has waited for it for orphanGraceMs', async () => {
      const f = fakeFetch(() => new Promise<Response>(() => undefined)); // never answers
      const provider = createTokenProvider({ tokenUrl: '/t', fetch: f.fetch, orphanGraceMs: 40 });
      const first = new AbortController();
      const p1 = provider.getToken(first.signal);
      await tick();
      first.abort();
      await rejection(p1);
      const signal = f.calls[0]!.init.signal!;
      expect(signal.aborted, 'still running inside the grace period').to.equal(false);
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect(signal.aborted, 'cancelled after it').to.equal(true);

      // The next caller starts a new request instead of joining the cancelled one.
      const f2 = provider.getToken();
      await tick();
      expect(f.calls).to.have.length(2);
      expect(f.calls[1]!.init.signal!.aborted).to.equal(false);
      void f2.catch(() => undefined);
    });

    it('a caller joining inside the grace period keeps the request alive', async () => {
      const gate = deferred<Response>();
      const f = fakeFetch(() => gate.promise);
      const provider = createTokenProvider({ tokenUrl: '/t', fetch: f.fetch, orphanGraceMs: 40 });
      const first = new AbortController();
      const p1 = provider.getToken(first.signal);
      await tick();
      first.abort();
      await rejection(p1);
      const p2 = provider.getToken();
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect(f.calls[0]!.init.signal!.aborted).to.equal(false);
      gate.resolve(json({ accessToken: 'joined', expiresIn: 60 }));
      expect(await p2).to.equal('joined');
      expect(f.calls).to.have.length(1);
    });

    it('a fetchToken() that ignores its signal still leaves no caller waiting after the cancel', async () => {
      let calls = 0;
      const provider = createTokenProvider({
        fetchToken: () => {
          calls += 1;
          return calls === 1
            ? new Promise<TokenResponse>(() => undefined)
            : Promise.resolve({ accessToken: 'second', expiresIn: 60 });
        },
        orphanGraceMs: 20,
      });
      const first = new AbortController();
      const p1 = provider.getToken(first.signal);
      first.abort();
      await rejection(p1);
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(await provider.getToken()).to.equal('second');
      expect(calls).to.equal(2);
    });
  });

  it('keeps the last reported tenantId when a later response omits it', async () => {
    let n = 0;
    const answers: TokenResponse[] = [
      { accessToken: 'a', expiresIn: 60, tenantId: 'tenant-1' },
      { accessToken: 'b', expiresIn: 60 },
      { accessToken: 'c', expiresIn: 60, tenantId: 'tenant-2' },
    ];
    const provider = createTokenProvider({ fetchToken: () => Promise.resolve(answers[n++]!) });
    await provider.getToken();
    expect(provider.tenantId).to.equal('tenant-1');
    await provider.refresh();
    expect(provider.tenantId).to.equal('tenant-1');
    await provider.refresh();
    expect(provider.tenantId).to.equal('tenant-2');
  });
});
