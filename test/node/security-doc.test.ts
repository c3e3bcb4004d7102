/**
 * SECURITY.md must match the code: every option it names is a relay option, every relay error
 * code is documented (and only real ones), and each documented default is what the relay does.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  RELAY,
  api,
  buildRequest,
  createTestRelay,
  mint,
  registerIndividual,
} from '../server/helpers.js';
import { atDocumentsStep, handoff, startHandoff } from '../server/handoff-helpers.js';

const root = new URL('../../', import.meta.url);
/** SECURITY.md with its line breaks folded, so wrapped phrases still match. */
const doc = readFileSync(new URL('SECURITY.md', root), 'utf8').replace(/\n\s*/g, ' ');
const typesSource = readFileSync(new URL('src/server/types.ts', root), 'utf8');
const envelopeSource = readFileSync(new URL('src/server/envelope.ts', root), 'utf8');
const optionsSource = readFileSync(new URL('src/server/options.ts', root), 'utf8');

/** Property names of `interface OnboardingHandlerOptions { … }` in types.ts. */
const optionNames = (() => {
  const body = /interface OnboardingHandlerOptions \{([\s\S]*?)\n\}/.exec(typesSource)?.[1] ?? '';
  return new Set([...body.matchAll(/^ {2}(\w+)\??:/gm)].map((m) => m[1]));
})();

/** The `RelayErrorCode` union in envelope.ts. */
const errorCodes = (() => {
  const union = /export type RelayErrorCode =([\s\S]*?);/.exec(envelopeSource)?.[1] ?? '';
  return new Set([...union.matchAll(/'(\w+)'/g)].map((m) => m[1]));
})();

/** The number the doc gives as an option's default: "`name` (86 400)" → 86400. */
function documentedNumber(option: string): number {
  const match = new RegExp(`\`${option}\` \\(([\\d ]+)[^)]*\\)`).exec(doc);
  assert.ok(match, `SECURITY.md gives no default for ${option}`);
  return Number(match[1]!.replace(/ /g, ''));
}

describe('SECURITY.md matches the relay', () => {
  it('names only real options', () => {
    assert.ok(optionNames.size > 10, 'could not read OnboardingHandlerOptions');
    const named = [...doc.matchAll(/Option: ((?:[^.]|\.\d)+)\./g)].flatMap((m) =>
      [...m[1]!.matchAll(/`(\w+)` \(/g)].map((n) => n[1]!),
    );
    assert.ok(named.length >= 10, `too few options found in SECURITY.md: ${named.join(', ')}`);
    for (const name of named) assert.ok(optionNames.has(name), `${name} is not a relay option`);
  });

  it('documents every relay error code, and no other', () => {
    assert.ok(errorCodes.size > 10, 'could not read RelayErrorCode');
    for (const code of errorCodes) assert.ok(doc.includes(`\`${code}\``), `${code} undocumented`);
    const mentioned = [
      ...doc.matchAll(/`((?:onboarding_token|too_many|upstream|binding|tenant)_\w+)`/g),
    ].map((m) => m[1]!);
    for (const code of mentioned) assert.ok(errorCodes.has(code), `${code} is not a relay code`);
  });

  it('tokenTtlSeconds and maxOnboardingSeconds defaults', async () => {
    const { relay } = createTestRelay();
    assert.equal((await mint(relay)).expiresIn, documentedNumber('tokenTtlSeconds'));
    const capped = createTestRelay({ tokenTtlSeconds: 10_000_000 });
    assert.equal((await mint(capped.relay)).expiresIn, documentedNumber('maxOnboardingSeconds'));
  });

  it('maxSignInAttempts default', async () => {
    const { relay } = createTestRelay();
    const { token, customerId, userId } = await registerIndividual(relay);
    const allowed = documentedNumber('maxSignInAttempts');
    const statuses: number[] = [];
    for (let i = 0; i <= allowed; i++) {
      const response = await api(
        relay,
        'POST',
        `/customer/individual/${customerId}/users/${userId}/sessions`,
        { token, body: { username: 'm', password: 'p' } },
      );
      statuses.push(response.status);
    }
    assert.deepEqual(statuses, [...Array<number>(allowed).fill(200), 429]);
  });

  it('tokenRateLimit default', async () => {
    const match = /`tokenRateLimit` \(`\{ max: (\d+), windowSeconds: (\d+) \}`/.exec(doc);
    assert.ok(match, 'SECURITY.md gives no tokenRateLimit default');
    const [max, windowSeconds] = [Number(match[1]), Number(match[2])];
    const { relay } = createTestRelay();
    const post = () =>
      relay(buildRequest('POST', `${RELAY}/token`), { remoteAddress: '203.0.113.7' });
    for (let i = 0; i < max; i++) assert.equal((await post()).status, 200);
    const limited = await post();
    assert.equal(limited.status, 429);
    const retryAfter = Number(limited.headers.get('Retry-After'));
    assert.ok(retryAfter >= 1 && retryAfter <= windowSeconds, `Retry-After ${retryAfter}`);
  });

  it('handoffTtlSeconds and handoffExchangeRateLimit defaults', async () => {
    const match = /`handoffExchangeRateLimit` \(`\{ max: (\d+), windowSeconds: (\d+) \}`/.exec(doc);
    assert.ok(match, 'SECURITY.md gives no handoffExchangeRateLimit default');
    const [max, windowSeconds] = [Number(match[1]), Number(match[2])];
    const { relay, clock } = createTestRelay();
    const { token, verificationId } = await atDocumentsStep(relay);
    const created = await startHandoff(relay, token, verificationId);
    assert.equal(created.expiresIn, documentedNumber('handoffTtlSeconds'));
    const guess = () => handoff(relay, 'POST', '/exchange', { body: { code: 'A'.repeat(32) } });
    for (let i = 0; i < max; i++) assert.equal((await guess()).status, 404);
    assert.equal((await guess()).status, 429);
    clock.advance(windowSeconds * 1000);
    assert.equal((await guess()).status, 404);
  });

  it('maxBodyBytes default', async () => {
    const limit = /`maxBodyBytes` \(28 MiB = ([\d ]+) bytes/.exec(doc);
    assert.ok(limit, 'SECURITY.md gives no maxBodyBytes default in bytes');
    const bytes = Number(limit[1]!.replace(/ /g, ''));
    assert.equal(bytes, 28 * 1024 * 1024);
    const { relay } = createTestRelay();
    const registered = await registerIndividual(relay);
    const created = await api(
      relay,
      'POST',
      `/customer/individual/${registered.customerId}/verification`,
      { token: registered.token, body: {} },
    );
    const token = created.headers.get('X-Onboarding-Token')!;
    const { verificationId } = ((await created.json()) as { data: { verificationId: string } })
      .data;
    // The document upload is the one route that takes a large body.
    const send = (contentLength: number) =>
      api(relay, 'POST', `/verifications/${verificationId}/documents`, {
        token,
        body: {},
        serverHeaders: { 'Content-Length': String(contentLength) },
      });
    assert.equal((await send(bytes)).status, 200);
    assert.equal((await send(bytes + 1)).status, 413);
  });

  it('time and memory limits are the defaults the relay uses', () => {
    const constant = (name: string) => {
      const match = new RegExp(`const ${name} = ([\\d_* ]+);`).exec(optionsSource);
      assert.ok(match, `options.ts has no ${name}`);
      return match[1]!
        .split('*')
        .map((factor) => Number(factor.replace(/[_ ]/g, '')))
        .reduce((a, b) => a * b, 1);
    };
    assert.equal(constant('DEFAULT_TIMEOUT_MS'), documentedNumber('upstreamTimeoutMs'));
    assert.equal(constant('DEFAULT_STORE_TIMEOUT_MS'), documentedNumber('storeTimeoutMs'));
    assert.equal(constant('DEFAULT_BODY_TIMEOUT_MS'), documentedNumber('bodyTimeoutMs'));
    assert.equal(constant('DEFAULT_MAX_BUFFERED_BYTES'), documentedNumber('maxBufferedBytes'));
    assert.ok(doc.includes("`userRoles` (`['ADMIN_USER', 'COMPLIANCE_OFFICER']`)"));
    assert.ok(optionsSource.includes("DEFAULT_USER_ROLES = ['ADMIN_USER', 'COMPLIANCE_OFFICER']"));
  });

  it('prefix and allowedOrigins defaults', async () => {
    assert.ok(doc.includes('`prefix` (`/onboarding`)'));
    assert.ok(doc.includes('`allowedOrigins` (`[]`: same-origin only)'));
    const { relay } = createTestRelay();
    const minted = await relay(
      buildRequest('POST', 'http://relay.test/onboarding/token', {
        serverHeaders: { Origin: 'https://elsewhere.test' },
      }),
    );
    assert.equal(minted.status, 403);
    const sameOrigin = await relay(
      buildRequest('POST', 'http://relay.test/onboarding/token', {
        serverHeaders: { Origin: 'http://relay.test' },
      }),
    );
    assert.equal(sameOrigin.status, 200);
  });
});
