import '../src/define.js';

const EVENTS = [
  'finhub-ready',
  'finhub-step-change',
  'finhub-step-complete',
  'finhub-complete',
  'finhub-error',
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

for (const tab of document.querySelectorAll<HTMLButtonElement>('.flow-tab')) {
  tab.addEventListener('click', () => {
    const flow = tab.dataset.flow!;
    for (const other of document.querySelectorAll<HTMLButtonElement>('.flow-tab')) {
      other.setAttribute('aria-pressed', String(other === tab));
    }
    const fresh = document.createElement('finhub-onboarding');
    fresh.setAttribute('flow', flow);
    fresh.setAttribute('token-url', '/onboarding/token');
    fresh.setAttribute('api-base', '/onboarding/api');
    widget.replaceChildren(fresh);
  });
}

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
