import '../src/define.js';

const EVENTS = [
  'finhub-ready',
  'finhub-step-change',
  'finhub-step-complete',
  'finhub-complete',
  'finhub-error',
  'finhub-sign-in-request',
  'finhub-handoff-start',
  'finhub-handoff-complete',
] as const;

const eventsList = document.querySelector<HTMLOListElement>('#events')!;
const inboxList = document.querySelector<HTMLOListElement>('#inbox')!;
const widget = document.querySelector<HTMLElement>('#widget')!;

// Listen on the container so the log survives swapping the element when the flow changes.
for (const type of EVENTS) {
  widget.addEventListener(type, (event) => {
    const item = document.createElement('li');
    const name = document.createElement('strong');
    name.textContent = type;
    const detail = document.createElement('pre');
    detail.textContent = JSON.stringify((event as CustomEvent).detail ?? null, null, 2);
    item.append(name, detail);
    eventsList.prepend(item);
  });
}
document
  .querySelector('#clear-events')!
  .addEventListener('click', () => eventsList.replaceChildren());

/** A fresh element for `flow`; `resume` attributes (customer-id, user-id…) open its sign-in. */
function mount(flow: string, resume: Record<string, string> = {}): void {
  for (const tab of document.querySelectorAll<HTMLButtonElement>('.flow-tab')) {
    tab.setAttribute('aria-pressed', String(tab.dataset.flow === flow));
  }
  const fresh = document.createElement('finhub-onboarding');
  fresh.setAttribute('flow', flow);
  fresh.setAttribute('token-url', '/onboarding/token');
  fresh.setAttribute('api-base', '/onboarding/api');
  // "Use my phone" on the documents step: a QR code and link of demo/phone.html.
  fresh.setAttribute('handoff-url', '/phone.html');
  for (const [name, value] of Object.entries(resume)) fresh.setAttribute(name, value);
  widget.replaceChildren(fresh);
}

for (const tab of document.querySelectorAll<HTMLButtonElement>('.flow-tab')) {
  tab.addEventListener('click', () => mount(tab.dataset.flow!));
}

// "Sign in instead" (after a duplicate email): the element leaves signing in to the host.
const signIn = document.querySelector<HTMLElement>('#sign-in')!;
const signInForm = document.querySelector<HTMLFormElement>('#sign-in-form')!;
const signInMessage = document.querySelector<HTMLElement>('#sign-in-message')!;
widget.addEventListener('finhub-sign-in-request', () => {
  signIn.hidden = false;
  signInMessage.textContent = '';
  signInForm.querySelector('input')!.focus();
});
signInForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const email = new FormData(signInForm).get('email')?.toString() ?? '';
  void (async () => {
    const response = await fetch(`/__sandbox/accounts?email=${encodeURIComponent(email)}`).catch(
      () => undefined,
    );
    if (!response?.ok) {
      signInMessage.textContent = 'No account with that email in the sandbox.';
      return;
    }
    const account = (await response.json()) as {
      flow: string;
      customerId?: string;
      organizationId?: string;
      userId: string;
    };
    const resume: Record<string, string> = { 'user-id': account.userId };
    if (account.customerId) resume['customer-id'] = account.customerId;
    if (account.organizationId) resume['organization-id'] = account.organizationId;
    signIn.hidden = true;
    mount(account.flow, resume);
  })();
});

interface InboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  code?: string;
  sentAt: string;
}

let shown: string | undefined;
async function refreshInbox(): Promise<void> {
  try {
    const response = await fetch('/__sandbox/inbox');
    if (response.status === 404) {
      inboxList.replaceChildren(note('Real FinHub in use: activation codes arrive by email.'));
      return;
    }
    const { messages } = (await response.json()) as { messages: InboxMessage[] };
    const key = messages.map((m) => m.id).join();
    if (key === shown) return;
    shown = key;
    inboxList.replaceChildren(
      ...(messages.length ? messages.map(renderMessage) : [note('No messages yet.')]),
    );
  } catch {
    // The dev server restarted; try again on the next tick.
  }
}

function note(text: string): HTMLLIElement {
  const li = document.createElement('li');
  li.className = 'hint';
  li.textContent = text;
  return li;
}

function renderMessage(message: InboxMessage): HTMLLIElement {
  const li = document.createElement('li');
  const head = document.createElement('div');
  head.textContent = `To ${message.to} · ${new Date(message.sentAt).toLocaleTimeString()}`;
  const subject = document.createElement('strong');
  subject.textContent = message.subject;
  li.append(head, subject);
  if (message.code) {
    const code = document.createElement('code');
    code.className = 'code';
    code.textContent = message.code;
    li.append(code);
  }
  return li;
}

void refreshInbox();
setInterval(() => void refreshInbox(), 2000);
