import { expect } from '@open-wc/testing';
import { createMemoryStore } from '../../src/server/index.js';
import type { RelayStore } from '../../src/server/types.js';
import {
  RELAY,
  START,
  api,
  buildRequest,
  createTestRelay,
  json,
  mint,
  registerIndividual,
} from './helpers.js';

const sessionPath = (cid: string, uid: string) =>
  `/customer/individual/${cid}/users/${uid}/sessions`;

describe('relay: sign-in attempts per onboarding', () => {
  it('keeps the count through renewals past the first token’s expiry: 429, Retry-After, FinHub not called', async () => {
    const { relay, finhub, clock } = createTestRelay({ maxSignInAttempts: 2 });
    finhub.on('POST', /customer\/.*\/sessions$/, () =>
      json(
        { code: 401, message: 'Authentication failed', data: { errorType: 'AUTHENTICATION' } },
        401,
      ),
    );
    const { token, customerId, userId } = await registerIndividual(relay);
    const attempt = (t: string) =>
      api(relay, 'POST', sessionPath(customerId, userId), {
        token: t,
        body: { username: 'marcus@example.com', password: 'guess' },
      });
    expect((await attempt(token)).status).to.equal(401);
    expect((await attempt(token)).status).to.equal(401);
    // Renew twice, until well past the first token's 900 s.
    clock.advance(800_000);
    let renewed = (await mint(relay, { token })).accessToken;
    clock.advance(800_000);
    renewed = (await mint(relay, { token: renewed })).accessToken;
    const limited = await attempt(renewed);
    expect(limited.status).to.equal(429);
    expect((await limited.json()).data.error).to.equal('too_many_sign_in_attempts');
    // Retry-After: what is left of the onboarding's 24 h (maxOnboardingSeconds).
    expect(limited.headers.get('Retry-After')).to.equal(String(86_400 - 1_600));
    expect(finhub.apiCalls().filter((c) => c.path.endsWith('/sessions'))).to.have.length(2);
  });

  it('counts attempts sent in parallel before any answer (no burst slips past the limit)', async () => {
    const { relay, finhub } = createTestRelay({ maxSignInAttempts: 3 });
    const { token, customerId, userId } = await registerIndividual(relay);
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        api(relay, 'POST', sessionPath(customerId, userId), {
          token,
          body: { username: 'marcus@example.com', password: 'guess' },
        }),
      ),
    );
    expect(responses.filter((r) => r.status === 429)).to.have.length(5);
    expect(finhub.apiCalls().filter((c) => c.path.endsWith('/sessions'))).to.have.length(3);
  });

  it('uses the store, so the count is shared by every instance using it', async () => {
    const keys: string[] = [];
    const memory = createMemoryStore();
    const store: RelayStore = {
      ...memory,
      increment: (key, ttl) => {
        keys.push(`${key} ${ttl}`);
        return memory.increment(key, ttl);
      },
    };
    const { relay } = createTestRelay({ store });
    const { token, customerId, userId } = await registerIndividual(relay);
    await api(relay, 'POST', sessionPath(customerId, userId), { token, body: {} });
    expect(keys).to.have.length(1);
    expect(keys[0]).to.match(/^signin:[\w-]{8,} 86400$/);
  });
});

describe('relay: onboarding token requests per client address', () => {
  const from = (remoteAddress: string) => ({ remoteAddress });
  const post = (relay: ReturnType<typeof createTestRelay>['relay'], address?: string) =>
    relay(buildRequest('POST', `${RELAY}/token`), address ? from(address) : undefined);

  it('allows 30 a minute per address by default, then 429 with the seconds left in the window', async () => {
    const { relay, clock } = createTestRelay();
    clock.set(START + 15_000); // 15 s into a minute window
    for (let i = 0; i < 30; i++) expect((await post(relay, '203.0.113.7')).status).to.equal(200);
    const limited = await post(relay, '203.0.113.7');
    expect(limited.status).to.equal(429);
    expect(limited.headers.get('Retry-After')).to.equal('45');
    expect(await limited.json()).to.deep.equal({
      code: 429,
      message: 'Too many onboarding token requests.',
      data: { error: 'too_many_token_requests' },
    });
    // Another address is not affected, and the next window starts afresh.
    expect((await post(relay, '198.51.100.1')).status).to.equal(200);
    clock.advance(45_000);
    expect((await post(relay, '203.0.113.7')).status).to.equal(200);
  });

  it('counts renewals too, and uses the clientIp hook when given', async () => {
    const { relay } = createTestRelay({
      tokenRateLimit: { max: 2, windowSeconds: 60 },
      clientIp: (request) => request.headers.get('X-Test-Proxy-Client') ?? undefined,
    });
    const viaProxy = (token?: string) =>
      relay(
        buildRequest('POST', `${RELAY}/token`, {
          token,
          headers: { 'X-Test-Proxy-Client': '192.0.2.10' },
        }),
        from('10.0.0.1'), // the proxy itself
      );
    const first = (await (await viaProxy()).json()).accessToken as string;
    const registered = await api(relay, 'POST', '/customer/individual/registration', {
      token: first,
      body: { email: 'a@b.c' },
    });
    const bound = registered.headers.get('X-Onboarding-Token')!;
    const renewal = await viaProxy(bound);
    expect(renewal.status).to.equal(200);
    const renewed = (await renewal.json()).accessToken as string;
    expect(
      JSON.parse(atob(renewed.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/'))),
    ).to.include({ cid: 'cust-1' });
    const limited = await viaProxy(bound);
    expect(limited.status).to.equal(429);
    expect(limited.headers.has('X-Onboarding-Token')).to.equal(false);
    // The proxy's own address is a different client.
    expect((await post(relay, '10.0.0.1')).status).to.equal(200);
  });

  it('treats one IPv6 /64 as one client', async () => {
    const { relay } = createTestRelay({ tokenRateLimit: { max: 2, windowSeconds: 60 } });
    expect((await post(relay, '2001:db8:0:1::1')).status).to.equal(200);
    expect((await post(relay, '2001:0db8:0000:0001:ffff:0:0:2')).status).to.equal(200);
    expect((await post(relay, '2001:db8:0:1:abcd::1')).status).to.equal(429);
    expect((await post(relay, '2001:db8:0:2::1')).status).to.equal(200);
  });

  it('does not limit requests whose address is unknown, and can be turned off', async () => {
    const limited = createTestRelay({ tokenRateLimit: { max: 1, windowSeconds: 60 } });
    for (let i = 0; i < 3; i++) expect((await post(limited.relay)).status).to.equal(200);
    const off = createTestRelay({ tokenRateLimit: false });
    for (let i = 0; i < 40; i++)
      expect((await post(off.relay, '203.0.113.7')).status).to.equal(200);
  });

  it('refuses invalid limits at construction', () => {
    expect(() => createTestRelay({ tokenRateLimit: { max: 0 } })).to.throw(/tokenRateLimit.max/);
    expect(() => createTestRelay({ tokenRateLimit: { windowSeconds: -1 } })).to.throw(
      /tokenRateLimit.windowSeconds/,
    );
  });
});
