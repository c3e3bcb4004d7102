/**
 * The relay against the in-memory FinHub sandbox: what FinHub received, read back through the
 * sandbox journal as the dev server serves it (`/__sandbox/requests`), which must itself hold no
 * password, bearer token or tenant secret.
 */
import { expect } from '@open-wc/testing';
import { createSandbox, type JournalEntry } from '../../sandbox/index.js';
import { PASSWORD, documentBody, individualBody } from '../sandbox/helpers.js';
import { RELAY, buildRequest, relayOnSandbox } from './helpers.js';

const DEVICE = 'device-journal-test';
const BROWSER_HEADERS = { deviceId: DEVICE, platform: 'web', 'X-Forwarded-From': 'web-app' };

function setup() {
  const sandbox = createSandbox({ verificationDelayMs: 60_000 });
  const relay = relayOnSandbox(sandbox);
  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await relay(
      buildRequest(method, `${RELAY}/api/v2.1${path}`, { token, body, headers: BROWSER_HEADERS }),
      { remoteAddress: '203.0.113.7' },
    );
    return { response, json: await response.json() };
  };
  return { sandbox, relay, call };
}

describe('relay + sandbox: journal of what FinHub received', () => {
  it('shows the injected tenant secret as matching, and no password, token or secret anywhere', async () => {
    const { sandbox, relay, call } = setup();
    const minted = await relay(buildRequest('POST', `${RELAY}/token`));
    const onboardingToken = (await minted.json()).accessToken as string;

    const body = individualBody(sandbox);
    const registered = await call(
      'POST',
      '/customer/individual/registration',
      onboardingToken,
      body,
    );
    expect(registered.response.status, JSON.stringify(registered.json)).to.equal(200);
    let token = registered.response.headers.get('X-Onboarding-Token')!;
    const customerId = registered.json.data.id as string;
    const userId = registered.json.data.user.id as string;

    const signedIn = await call(
      'POST',
      `/customer/individual/${customerId}/users/${userId}/sessions`,
      token,
      { username: body.email, password: PASSWORD, credentialType: 'PASSWORD' },
    );
    expect(signedIn.response.status, JSON.stringify(signedIn.json)).to.equal(200);
    token = signedIn.response.headers.get('X-Onboarding-Token')!;

    const verification = await call(
      'POST',
      `/customer/individual/${customerId}/verification`,
      token,
      { verificationType: 'STANDARD' },
    );
    expect(verification.response.status).to.equal(200);
    token = verification.response.headers.get('X-Onboarding-Token')!;
    const verificationId = verification.json.data.verificationId as string;
    const document = { ...documentBody('PASSPORT'), verificationId, customerId };
    const uploaded = await call(
      'POST',
      `/verifications/${verificationId}/documents`,
      token,
      document,
    );
    expect(uploaded.response.status, JSON.stringify(uploaded.json)).to.equal(200);

    // The new polling route reaches the sandbox's verification with the customer's own session.
    const polled = await call('GET', `/verifications/${verificationId}`, token);
    expect(polled.response.status).to.equal(200);
    expect(polled.json.data).to.include({ verificationId, customerId });
    expect(polled.json.data.documents).to.have.length(1);

    const served = await sandbox.control(
      new Request(`http://localhost/__sandbox/requests?deviceId=${DEVICE}`),
    );
    const { requests } = (await served.json()) as { requests: JournalEntry[] };
    const byPath = (suffix: string) => requests.find((r) => r.path.endsWith(suffix))!;
    const adminLogin = sandbox.requests().find((r) => r.path.startsWith('/api/v2.1/admin/'))!;

    expect(byPath('/registration').body).to.deep.include({
      password: '<redacted>',
      matchingPassword: '<redacted>',
    });
    expect(byPath('/sessions').body).to.deep.include({
      password: '<redacted>',
      tenantSecret: '<tenantSecret:matches>',
      tenantKey: sandbox.credentials.tenantKey,
    });
    expect(adminLogin.body).to.deep.include({
      password: '<redacted>',
      tenantSecret: '<tenantSecret:matches>',
    });
    expect(byPath('/sessions').headers.authorization).to.equal('Bearer <redacted:ADMIN>');
    expect(byPath(`/verifications/${verificationId}`).headers.authorization).to.equal(
      'Bearer <redacted:CONSUMER>',
    );
    expect(byPath('/documents').body).to.include({
      fileContent: `<base64: ${document.fileContent.length} chars>`,
    });
    expect(requests.every((r) => r.headers['x-forwarded-for'] === '203.0.113.7')).to.equal(true);

    const text = JSON.stringify([...requests, adminLogin]);
    for (const secret of [
      PASSWORD,
      sandbox.credentials.tenantSecret,
      sandbox.credentials.admin.password,
      onboardingToken,
      token,
      document.fileContent,
    ]) {
      expect(text, secret.slice(0, 24)).not.to.contain(secret);
    }
    expect(text).not.to.match(/eyJ[\w-]+\.[\w-]+\./); // no JWT at all
  });

  it('marks a tenant secret that is not the configured one as WRONG', async () => {
    const sandbox = createSandbox();
    const { tenantId, tenantKey, admin } = sandbox.credentials;
    await sandbox.fetch(
      new Request(
        `http://finhub.sandbox.invalid/api/v2.1/admin/organization/${admin.organizationId}/users/${admin.userId}/sessions`,
        {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'X-Tenant-ID': tenantId,
            'X-Forwarded-For': '203.0.113.7',
            'X-Forwarded-From': 'web-app',
            platform: 'web',
            deviceId: DEVICE,
          },
          body: JSON.stringify({
            username: admin.username,
            password: 'not-the-password',
            tenantKey,
            tenantSecret: 'a-guessed-secret',
          }),
        },
      ),
    );
    const [entry] = sandbox.requests(DEVICE);
    expect(entry!.body).to.deep.include({
      tenantSecret: '<tenantSecret:WRONG>',
      password: '<redacted>',
    });
    expect(JSON.stringify(entry)).not.to.contain('a-guessed-secret');
    expect(JSON.stringify(entry)).not.to.contain('not-the-password');
  });
});
