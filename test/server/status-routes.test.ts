import { expect } from '@open-wc/testing';
import {
  api,
  createTestRelay,
  json,
  mint,
  registerIndividual,
  signInIndividual,
} from './helpers.js';

describe('relay: status polling routes', () => {
  it('forwards GET /verifications/{id} for a verification this onboarding created, with the customer’s token', async () => {
    const { relay, finhub } = createTestRelay();
    const { token, customerId } = await signInIndividual(relay);
    const created = await api(relay, 'POST', '/verifications', {
      token,
      body: { customerId, type: 'IDENTITY_VERIFICATION' },
    });
    const bound = created.headers.get('X-Onboarding-Token')!;
    const { verificationId } = (await created.json()).data;
    finhub.on('GET', /^\/api\/v2\.1\/verifications\/[^/]+$/, () =>
      json({ code: 200, message: 'Success', data: { verificationId, status: 'APPROVED' } }),
    );
    const response = await api(relay, 'GET', `/verifications/${verificationId}`, { token: bound });
    expect(response.status).to.equal(200);
    expect((await response.json()).data).to.deep.equal({ verificationId, status: 'APPROVED' });
    const call = finhub.apiCalls().at(-1)!;
    expect(call.method).to.equal('GET');
    expect(call.path).to.equal(`/api/v2.1/verifications/${verificationId}`);
    expect(call.headers.get('Authorization')).to.equal('Bearer customer-token-1');
  });

  it('refuses verification ids outside the binding, and unbound tokens', async () => {
    const { relay, finhub } = createTestRelay();
    const { token } = await registerIndividual(relay);
    const { accessToken: unbound } = await mint(relay);
    const before = finhub.calls.length;
    const foreign = await api(relay, 'GET', '/verifications/ver-999', { token });
    expect(foreign.status).to.equal(403);
    expect((await foreign.json()).data.error).to.equal('binding_mismatch');
    const early = await api(relay, 'GET', '/verifications/ver-999', { token: unbound });
    expect(early.status).to.equal(403);
    expect((await early.json()).data.error).to.equal('registration_required');
    expect(finhub.calls.length).to.equal(before);
  });

  it('forwards GET …/organization/{id}/activation/readiness for the bound organization only', async () => {
    const { relay, finhub } = createTestRelay();
    const { accessToken } = await mint(relay);
    const registered = await api(relay, 'POST', '/customer/organization/registration', {
      token: accessToken,
      body: { email: 'admin@acme.test' },
    });
    const token = registered.headers.get('X-Onboarding-Token')!;
    const own = await api(relay, 'GET', '/customer/organization/org-1/activation/readiness', {
      token,
    });
    expect(own.status).to.equal(200);
    expect(finhub.apiCalls().at(-1)!.path).to.equal(
      '/api/v2.1/customer/organization/org-1/activation/readiness',
    );
    const before = finhub.calls.length;
    const other = await api(relay, 'GET', '/customer/organization/org-2/activation/readiness', {
      token,
    });
    expect(other.status).to.equal(403);
    expect((await other.json()).data.error).to.equal('binding_mismatch');
    // An individual onboarding has no organization readiness to read.
    const individual = await registerIndividual(relay);
    const wrongFlow = await api(
      relay,
      'GET',
      `/customer/organization/${individual.customerId}/activation/readiness`,
      { token: individual.token },
    );
    expect(wrongFlow.status).to.equal(403);
    expect(finhub.calls.length).to.equal(before + 1); // only the individual's registration
  });
});
