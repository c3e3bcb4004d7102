/**
 * Helpers for the phone hand-off tests (browser and Node): requests to `{prefix}/api/handoff*`,
 * an onboarding taken to the documents step, and a hand-off started and exchanged.
 */
import type {
  HandoffCreated,
  HandoffSession,
  HandoffStatus,
} from '../../src/api/handoff-protocol.js';
import type { ConnectionInfo, OnboardingHandler } from '../../src/server/types.js';
import { RELAY, api, buildRequest, signInIndividual, type CallOptions } from './helpers.js';

/** The phone's address (the computer's calls come from 203.0.113.7, helpers.ts). */
export const PHONE: ConnectionInfo = { remoteAddress: '198.51.100.23' };

export const DOCUMENTS = [
  { type: 'GOVERNMENT_ID', label: 'Passport or national ID' },
  { type: 'PROOF_OF_ADDRESS' },
];

export const handoff = (
  relay: OnboardingHandler,
  method: string,
  sub: '' | '/exchange' | '/complete' | string,
  options: CallOptions = {},
) =>
  relay(buildRequest(method, `${RELAY}/api/handoff${sub}`, options), options.connection ?? PHONE);

/** Registered, signed in, one verification created: the token the documents step holds. */
export async function atDocumentsStep(relay: OnboardingHandler) {
  const signedIn = await signInIndividual(relay);
  const created = await api(
    relay,
    'POST',
    `/customer/individual/${signedIn.customerId}/verification`,
    { token: signedIn.token, body: { verificationType: 'STANDARD' } },
  );
  const token = created.headers.get('X-Onboarding-Token');
  if (created.status !== 200 || !token) throw new Error(`verification failed: ${created.status}`);
  const { verificationId } = ((await created.json()) as { data: { verificationId: string } }).data;
  return { ...signedIn, token, verificationId };
}

export async function startHandoff(
  relay: OnboardingHandler,
  token: string,
  verificationId: string,
  documents = DOCUMENTS,
): Promise<HandoffCreated> {
  const response = await handoff(relay, 'POST', '', { token, body: { verificationId, documents } });
  if (response.status !== 200) throw new Error(`hand-off not created: ${response.status}`);
  return (await response.json()) as HandoffCreated;
}

export async function exchange(
  relay: OnboardingHandler,
  code: string,
  connection: ConnectionInfo = PHONE,
): Promise<HandoffSession> {
  const response = await handoff(relay, 'POST', '/exchange', { body: { code }, connection });
  if (response.status !== 200) throw new Error(`exchange refused: ${response.status}`);
  return (await response.json()) as HandoffSession;
}

/** `GET {api}/handoff` as `token` sees it. */
export async function statusOf(relay: OnboardingHandler, token: string): Promise<HandoffStatus> {
  const response = await handoff(relay, 'GET', '', { token });
  if (response.status !== 200) throw new Error(`status refused: ${response.status}`);
  return (await response.json()) as HandoffStatus;
}

/** A document upload body as the phone's element sends it (the bytes are a few base64 characters). */
export const documentUpload = (
  customerId: string,
  verificationId: string,
  documentType = 'PASSPORT',
  fileName = 'passport-photo-page.jpg',
) => ({
  verificationId,
  customerId,
  documentType,
  mimeType: 'image/jpeg',
  fileName,
  fileContent: '/9j/4AAQSkZJRgABAQ==',
  docId: crypto.randomUUID(),
});

export const uploadAs = (
  relay: OnboardingHandler,
  token: string,
  verificationId: string,
  body: unknown,
) =>
  api(relay, 'POST', `/verifications/${verificationId}/documents`, {
    token,
    body,
    connection: PHONE,
  });
