/**
 * The relay's token answer with the tenant's categories (docs/architecture.md#categories-with-the-token),
 * against the real sandbox: the same list the element computes from the hierarchy itself, nothing
 * secret, one hierarchy read a minute for every new onboarding, and a token without them when the
 * read fails or the option is off.
 */
import { expect } from '@open-wc/testing';
import { createApiSession } from '../../src/api/api-session.js';
import { readCategories } from '../../src/flows/category-options.js';
import type { OnboardingHandlerOptions } from '../../src/server/types.js';
import { createSandbox } from '../../sandbox/index.js';
import { relayOnSandbox } from './helpers.js';

const RELAY_DEVICE = 'finhub-onboarding-relay';

function setup(extra: Partial<OnboardingHandlerOptions> = {}) {
  const sandbox = createSandbox({});
  let now = Date.now();
  const logs: { level: string; event: string }[] = [];
  const relay = relayOnSandbox(sandbox, {
    now: () => now,
    logger: (entry) => logs.push(entry),
    ...extra,
  });
  const call = (input: RequestInfo | URL, init?: RequestInit) =>
    relay(new Request(input, init), { remoteAddress: '203.0.113.9' });
  const mint = async (headers: Record<string, string> = {}) => {
    const response = await call('http://relay.test/onboarding/token', {
      method: 'POST',
      body: '{}',
      headers,
    });
    expect(response.status).to.equal(200);
    return (await response.json()) as Record<string, unknown> & { accessToken: string };
  };
  const relayReads = () =>
    sandbox.requests(RELAY_DEVICE).filter((r) => r.path.includes('/categorization/hierarchy'));
  return {
    sandbox,
    call,
    mint,
    relayReads,
    logs,
    advance: (ms: number) => (now += ms),
    credentials: sandbox.credentials,
  };
}

describe('relay: categories with a new onboarding token', () => {
  it('carries each flow’s categories exactly as the element reads them from the hierarchy', async () => {
    const { call, mint } = setup();
    const answer = await mint();
    const categories = answer.categories as Record<string, unknown[]>;
    expect(Object.keys(categories).sort()).to.deep.equal(['individual', 'organization']);

    const api = createApiSession({
      fetchToken: async () => ({
        accessToken: answer.accessToken,
        expiresIn: 600,
        tenantId: answer.tenantId as string,
      }),
      apiBase: 'http://relay.test/onboarding/api',
      fetch: call as typeof fetch,
    })!;
    const signal = new AbortController().signal;
    for (const kind of ['individual', 'organization'] as const) {
      expect(categories[kind]).to.deep.equal(await readCategories(api, kind, { signal }));
    }
    expect(categories.individual!.map((c) => (c as { key: string }).key)).to.deep.equal([
      'LOW_RISK_INDIVIDUAL',
      'STANDARD_INDIVIDUAL',
      'HIGH_RISK_INDIVIDUAL',
    ]);
  });

  it('holds nothing secret', async () => {
    const { mint, credentials } = setup();
    const text = JSON.stringify(await mint());
    for (const secret of [
      credentials.tenantKey,
      credentials.tenantSecret,
      credentials.admin.password,
      credentials.admin.username,
    ]) {
      expect(text).not.to.contain(secret);
    }
  });

  it('reads the hierarchy once a minute for every new onboarding, naming the person’s address', async () => {
    const { mint, relayReads, advance } = setup();
    await mint();
    await mint();
    await mint();
    expect(relayReads()).to.have.length(1);
    expect(relayReads()[0]!.headers['x-forwarded-for']).to.equal('203.0.113.9');
    advance(60_000);
    await mint();
    expect(relayReads()).to.have.length(2);
  });

  it('a read FinHub refuses: the token goes out without categories, and the next one asks again', async () => {
    const { sandbox, mint, relayReads, logs } = setup();
    sandbox.injectFault({ path: 'hierarchy', deviceId: RELAY_DEVICE, status: 500 });
    const answer = await mint();
    expect(answer.accessToken).to.be.a('string');
    expect(answer).not.to.have.property('categories');
    expect(logs.map((l) => [l.level, l.event])).to.deep.include(['warn', 'categories.unavailable']);
    expect((await mint()).categories).to.have.property('individual');
    expect(relayReads()).to.have.length(2);
  });

  it('tokenCategories: false sends none and reads nothing', async () => {
    const { mint, relayReads } = setup({ tokenCategories: false });
    expect(await mint()).not.to.have.property('categories');
    expect(relayReads()).to.have.length(0);
  });
});
