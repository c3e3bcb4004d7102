import { expect } from '@open-wc/testing';
import {
  ADMIN,
  CUSTOMER_PASSWORD,
  TENANT_ID,
  TENANT_KEY,
  TENANT_SECRET,
  api,
  createTestRelay,
  signInIndividual,
} from './helpers.js';

describe('relay: logging', () => {
  it('logs one structured entry per request with the path template, never secrets, tokens or ids', async () => {
    const { relay, logs, finhub } = createTestRelay();
    const { token, unbound, customerId, userId } = await signInIndividual(relay);
    const created = await api(relay, 'POST', '/verifications', {
      token,
      body: { customerId, type: 'IDENTITY_VERIFICATION' },
    });
    const bound = created.headers.get('X-Onboarding-Token')!;
    const { verificationId } = (await created.json()).data;
    await api(relay, 'POST', `/verifications/${verificationId}/documents`, {
      token: bound,
      body: {
        verificationId,
        customerId,
        documentType: 'PASSPORT',
        fileContent: 'JVBERi0xLjQKc2VjcmV0LWRvY3VtZW50',
      },
    });
    await api(relay, 'POST', '/customer/individual/someone-else/activation', {
      token: bound,
      body: {},
    });

    const requests = logs.filter((entry) => entry.event === 'relay.request');
    expect(requests.map((entry) => `${entry.status} ${entry.route}`)).to.deep.equal([
      '200 POST /token',
      '200 POST /customer/individual/registration',
      '200 POST /customer/individual/{customerId}/users/{userId}/sessions',
      '200 POST /verifications',
      '200 POST /verifications/{verificationId}/documents',
      '403 POST /customer/individual/{customerId}/activation',
    ]);
    expect(requests[4]).to.include({ method: 'POST', auth: 'customer', level: 'info' });
    expect(requests[5]).to.include({ level: 'warn' });
    expect(requests.every((entry) => typeof entry.durationMs === 'number')).to.be.true;
    expect(requests[1]!.jti).to.have.length(8);
    expect(logs.some((entry) => entry.event === 'admin_session.created')).to.be.true;

    const text = JSON.stringify(logs);
    const secrets = [
      ADMIN.password,
      CUSTOMER_PASSWORD,
      TENANT_SECRET,
      TENANT_KEY,
      token,
      unbound,
      bound,
      'admin-token-1',
      'admin-refresh-1',
      'customer-token-1',
      'customer-refresh-1',
      'JVBERi0xLjQKc2VjcmV0LWRvY3VtZW50',
      customerId,
      userId,
      verificationId,
    ];
    for (const secret of secrets) expect(text, secret).not.to.contain(secret);
    expect(text).not.to.contain(TENANT_ID);
    expect(finhub.apiCalls()).to.have.length(4);
  });

  it('keeps working when the logger throws', async () => {
    const { relay } = createTestRelay({
      logger: () => {
        throw new Error('log sink down');
      },
    });
    const { customerId } = await signInIndividual(relay);
    expect(customerId).to.equal('cust-1');
  });
});
