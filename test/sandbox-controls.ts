/**
 * The sandbox's test controls (`/__sandbox`, mounted by the dev stack on the test server): what
 * reached "FinHub", deciding a verification, the activation inbox. No element is defined here, so
 * pages that load the element from a built bundle can use them too.
 */
import { expect } from '@open-wc/testing';

export interface JournalEntry {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  /** The answer's status, once FinHub has answered. */
  status?: number;
}

/** What reached "FinHub" from this device, oldest first. */
export async function journal(deviceId: string): Promise<JournalEntry[]> {
  const response = await fetch(`/__sandbox/requests?deviceId=${encodeURIComponent(deviceId)}`);
  return ((await response.json()) as { requests: JournalEntry[] }).requests;
}

/** `METHOD /path` with ids replaced by `:id`, without the `/api/v2.1` prefix. */
export const route = (entry: JournalEntry) =>
  `${entry.method} ${entry.path
    .replace(/^\/api\/v2\.1/, '')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id')}`;

export async function decide(
  verificationId: string,
  decision: 'approve' | 'reject',
  reason?: string,
): Promise<void> {
  const response = await fetch(`/__sandbox/verifications/${verificationId}/${decision}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(reason ? { reason } : {}),
  });
  expect(response.status).to.equal(200);
}

export async function activationCode(email: string): Promise<string> {
  const response = await fetch(`/__sandbox/inbox?to=${encodeURIComponent(email)}`);
  const { messages } = (await response.json()) as { messages: { code?: string }[] };
  const code = messages[0]?.code;
  expect(code, `an activation code was emailed to ${email}`).to.be.a('string');
  return code!;
}
