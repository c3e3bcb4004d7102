/**
 * Resume for organizations (the host passes `organization-id` + `user-id`, or a resume object):
 * the admin signs in and lands on the first unfinished step. And KYB's fallback
 * (docs/finhub-contract.md#kyb-verification): when `/verify` answers 404 or 5xx, the verification
 * is created with `POST /verifications`, with the acting user's headers.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { FinHubOnboarding } from '../../src/index.js';
import { buttonNamed, byLabel, enter, root } from '../components/helpers.js';
import {
  PASSWORD,
  addValidPeople,
  entriesFor,
  fault,
  heading,
  inside,
  journal,
  mountOrganization,
  registerOrganizationViaApi,
  route,
  sectionOf,
  sequence,
  step,
  type Json,
} from './helpers.js';

async function signIn(el: FinHubOnboarding, email: string) {
  const form = await step(el, 'finhub-step-sign-in');
  expect(heading(el)).to.equal('Sign in');
  await expect(el).to.be.accessible();
  enter(byLabel(root(form), 'Email'), email);
  enter(byLabel(root(form), 'Password'), PASSWORD);
  buttonNamed(root(form), 'Sign in').click();
}

describe('organization resume and KYB fallback', () => {
  for (const status of [404, 503]) {
    it(`signs the admin in, lands on KYB and falls back to POST /verifications on a ${status}`, async () => {
      const setup = await registerOrganizationViaApi();
      const deviceId = crypto.randomUUID();
      await fault({ path: '/verify', method: 'POST', deviceId, status });
      const { el, events } = await mountOrganization({
        deviceId,
        organizationId: setup.organizationId,
        userId: setup.userId,
      });
      await signIn(el, setup.email);

      const verification = await step(el, 'finhub-step-verification');
      await inside(verification, 'ul li', 'required documents');
      expect(heading(el)).to.equal('Identity check');
      buttonNamed(root(verification), 'Continue').click();
      await step(el, 'finhub-step-documents');

      const seen = await journal(deviceId);
      const paths = seen.map(route);
      const verify = paths.indexOf('POST /customer/organization/:id/verify');
      const fallback = paths.indexOf('POST /verifications');
      expect(verify, paths.join('\n')).to.be.greaterThan(-1);
      expect(fallback).to.be.greaterThan(verify);
      const created = entriesFor(seen, 'POST', '/verifications').find((e) =>
        e.path.endsWith('/verifications'),
      )!;
      expect(created.headers['x-user-id']).to.equal(setup.userId);
      expect(created.headers['x-user-roles']).to.equal('ADMIN_USER');
      expect(created.body).to.include({
        customerId: setup.organizationId,
        organizationId: setup.organizationId,
        type: 'BUSINESS_VERIFICATION',
        requestedByUserId: setup.userId,
      });
      // The fallback's id is the one the documents go to and the events carry.
      const done = events.find(
        (e) => e.type === 'finhub-step-complete' && (e.detail as Json).step === 'verification',
      )!.detail as { ids: Json };
      expect(done.ids).to.include({
        organizationId: setup.organizationId,
        userId: setup.userId,
      });
      expect(done.ids.verificationId).to.be.a('string');
      expect(events.filter((e) => e.type === 'finhub-error')).to.have.length(0);
      expect(sequence(events).slice(0, 4)).to.deep.equal([
        'finhub-ready',
        'complete session',
        'change session→verification',
        'complete verification',
      ]);
    });
  }

  it('lands on the people step when they were never saved, then goes on without a second sign-in', async () => {
    const setup = await registerOrganizationViaApi({ people: false });
    const { el, events, deviceId } = await mountOrganization({
      resume: {
        step: 'registration',
        flow: 'organization',
        ids: { organizationId: setup.organizationId, userId: setup.userId },
      },
    });
    await signIn(el, setup.email);

    const people = await step(el, 'finhub-step-personnel');
    expect(heading(el)).to.equal('People');
    expect(sectionOf(people, 'directors').textContent).to.contain('No directors yet.');
    await expect(el).to.be.accessible();
    await addValidPeople(people, setup.email);
    buttonNamed(root(people), 'Continue').click();

    // Straight on to KYB: the sign-in is already done. The list shows once /verify has answered.
    const verification = await step(el, 'finhub-step-verification');
    await inside(verification, 'ul li', 'required documents');
    await waitUntil(() => !heading(el).includes('Sign in'), 'still on the sign-in');
    expect(sequence(events)).to.deep.equal([
      'finhub-ready',
      'complete session',
      'change session→personnel',
      'complete personnel',
      'change personnel→verification',
    ]);
    const paths = (await journal(deviceId)).map(route);
    expect(paths.filter((p) => p.endsWith('/sessions'))).to.have.length(1);
    expect(paths).to.include('POST /customer/organization/:id/employee');
    expect(paths).to.include('POST /customer/organization/:id/verify');
  });

  it('shows the directors FinHub holds and lands on KYB when the people were saved', async () => {
    const setup = await registerOrganizationViaApi();
    const { el, deviceId } = await mountOrganization({
      organizationId: setup.organizationId,
      userId: setup.userId,
    });
    await signIn(el, setup.email);
    await step(el, 'finhub-step-verification');
    const paths = (await journal(deviceId)).map(route);
    expect(paths.slice(0, 3)).to.deep.equal([
      'POST /customer/organization/:id/users/:id/sessions',
      'GET /customer/organization/:id/activation/readiness',
      'GET /customer/organization/:id/directors',
    ]);
    expect(paths).to.not.include('POST /customer/organization/:id/employee');
  });
});
