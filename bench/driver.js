// In-page half of `npm run bench` (bench/run.ts): drives <finhub-onboarding> as a person would
// (labels, buttons, file inputs) and times what the page sees. Plain JS, no build step.

const PASSWORD = 'Correct-Horse-42!';
const PDF_HEAD = '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n';

/** A tight poll (MessageChannel: no 4 ms timer clamping, no need for animation frames). */
const channel = new MessageChannel();
const waiting = [];
channel.port1.onmessage = () => waiting.shift()?.();
const tick = () => new Promise((resolve) => (waiting.push(resolve), channel.port2.postMessage(0)));

async function until(check, what, timeout = 20000) {
  const start = performance.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (performance.now() - start > timeout)
      throw new Error(`bench: timed out waiting for ${what}`);
    await tick();
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const root = (el) => el.shadowRoot;
const stepEl = (el, tag) => root(el)?.querySelector(tag);

function byLabel(scope, text) {
  const label = [...scope.querySelectorAll('label')].find((l) => l.textContent.trim() === text);
  if (!label) throw new Error(`bench: no label "${text}"`);
  return scope.getElementById(label.htmlFor);
}
function enter(control, value) {
  control.value = value;
  control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input'));
}
function button(scope, text) {
  const found = [...scope.querySelectorAll('button')].find((b) => b.textContent.trim() === text);
  if (!found) throw new Error(`bench: no button "${text}"`);
  return found;
}
/**
 * Fills a paged form (the registrations): each page's labelled controls from `values`, then
 * Continue, until the last page (filled, its button left to the caller).
 */
async function fillPages(step, values) {
  const scope = root(step);
  for (;;) {
    await step.updateComplete;
    for (const label of scope.querySelectorAll('label')) {
      const value = values[label.textContent.trim()];
      if (value !== undefined) enter(scope.getElementById(label.htmlFor), value);
    }
    await step.updateComplete;
    const next = [...scope.querySelectorAll('button')].find(
      (b) => b.textContent.trim() === 'Continue',
    );
    if (!next) return;
    const page = scope.querySelector('#page-heading')?.textContent;
    next.click();
    await step.updateComplete;
    if (scope.querySelector('#page-heading')?.textContent === page)
      throw new Error(`bench: the page "${page}" did not pass`);
  }
}
function choose(scope, index, file) {
  const input = scope.getElementById(`doc-${index}-file`);
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** A step is interactive when its element rendered its primary control. */
const interactive = {
  'finhub-step-categorization': (s) => root(s)?.querySelector('input[type="radio"]'),
  'finhub-step-individual-registration': (s) => root(s)?.querySelector('input'),
  'finhub-step-organization-registration': (s) => root(s)?.querySelector('input'),
  'finhub-step-personnel': (s) => root(s)?.querySelector('section[aria-labelledby] button'),
  'finhub-step-verification': (s) => root(s)?.querySelector('ul li'),
  'finhub-step-documents': (s) => root(s)?.querySelector('section[part="document"]'),
  'finhub-step-consents': (s) => root(s)?.querySelector('input[type="checkbox"]'),
  'finhub-step-activation': (s) => root(s)?.querySelector('#code'),
};
const ready = (el, tag) => {
  const found = stepEl(el, tag);
  return found && interactive[tag](found) ? found : undefined;
};

async function sandbox(path, body) {
  const response = await fetch(`/__sandbox${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { 'Content-Type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`bench: sandbox ${path}: HTTP ${response.status}`);
  return response.json();
}

/** A token fetched before the clock starts: the element's fetchToken answers at once. */
async function instantToken() {
  const response = await fetch('/onboarding/token', { method: 'POST' });
  if (!response.ok) throw new Error(`bench: token endpoint HTTP ${response.status}`);
  const token = await response.json();
  return async () => token;
}

function mount({ deviceId, fetchToken }) {
  const el = document.createElement('finhub-onboarding');
  if (fetchToken) el.fetchToken = fetchToken;
  else el.setAttribute('token-url', '/onboarding/token');
  el.setAttribute('api-base', '/onboarding/api');
  el.setAttribute('device-id', deviceId);
  return el;
}

/** (a) connected → the categorization step's choices are on screen, with an instant token. */
async function firstStep() {
  const fetchToken = await instantToken();
  const times = [];
  for (const pass of ['cold', 'warm']) {
    const el = mount({ deviceId: `bench-first-${crypto.randomUUID()}`, fetchToken });
    const start = performance.now();
    document.body.append(el);
    await until(() => ready(el, 'finhub-step-categorization'), 'the first step');
    times.push([pass, performance.now() - start]);
    el.remove();
  }
  return Object.fromEntries(times);
}

/**
 * Mounts an element for one complete `flow` run and waits for its categories. `timed(name,
 * action, tag)` clicks through to the next step and records how long `tag` took to be ready.
 */
async function startFlow(flow) {
  const deviceId = `bench-${flow === 'organization' ? 'org' : 'ind'}-${crypto.randomUUID()}`;
  const el = mount({ deviceId });
  el.setAttribute('flow', flow);
  const events = [];
  el.addEventListener('finhub-step-complete', (e) => events.push(e.detail));
  const transitions = {};
  const timed = async (name, action, tag) => {
    // The click in a task of its own, as a person's is: the bench's filling of the form before it
    // (one task of synchronous input events and awaited renders) is not the transition.
    await tick();
    // bench/run.ts finds the longest main-thread task between these marks in the trace.
    performance.mark(`bench-transition-start:${name}`);
    const start = performance.now();
    action();
    const next = await until(() => ready(el, tag), tag);
    transitions[name] = performance.now() - start;
    performance.mark(`bench-transition-end:${name}`);
    await tick(); // what the bench does next runs in a task of its own, outside the window
    return next;
  };
  document.body.append(el);
  const categorization = await until(() => ready(el, 'finhub-step-categorization'), 'categories');
  return { el, deviceId, events, transitions, timed, categorization };
}

/**
 * Types `labels`' values one character at a time, each keystroke (an input event and the render it
 * causes) in its own task, between marks bench/run.ts reads in the trace; then leaves the field
 * (its first validation) and types the next.
 */
async function typeKeys(step, labels, values) {
  performance.mark('bench-keys-start');
  let keys = 0;
  const ours = [];
  for (const label of labels) {
    const control = byLabel(root(step), label);
    control.focus();
    for (let end = 1; end <= values[label].length; end++) {
      // Ours: the input event's handlers and the render it causes, up to the step's updateComplete
      // (the browser's style and layout follow in the same task, outside this window).
      const started = performance.now();
      enter(control, values[label].slice(0, end));
      await step.updateComplete;
      ours.push(performance.now() - started);
      await tick();
      keys += 1;
    }
    control.dispatchEvent(new Event('blur'));
    control.dispatchEvent(new FocusEvent('focusout', { bubbles: true, composed: true }));
    await step.updateComplete;
  }
  performance.mark('bench-keys-end');
  await tick();
  window.benchKeys = keys;
  window.benchKeyMs = ours;
}

/**
 * The whole individual flow through the UI (token-url, as a host page would), timing each step
 * change and the main thread while one 10 MB document is encoded and uploaded.
 */
/**
 * Chooses a small PDF on every card of the documents step from `from` on; waits until all are
 * done. Returns how many cards there are.
 */
async function uploadPdfs(documents, from) {
  const scope = root(documents);
  const cards = scope.querySelectorAll('section[part="document"]').length;
  for (let index = from; index < cards; index++) {
    choose(
      scope,
      index,
      new File([PDF_HEAD], `document-${index}.pdf`, { type: 'application/pdf' }),
    );
  }
  await until(
    () => scope.querySelectorAll('section[part="document"].done').length === cards,
    'the uploads',
  );
  await documents.updateComplete;
  return cards;
}

async function individualFlow({ bigBytes }) {
  const email = `bench.${crypto.randomUUID().slice(0, 8)}@example.com`;
  const { el, deviceId, events, transitions, timed, categorization } =
    await startFlow('individual');

  const registration = await timed(
    'categorization → registration',
    () => button(root(categorization), 'Continue').click(),
    'finhub-step-individual-registration',
  );
  await registration.updateComplete;
  const values = {
    'First name': 'Ona',
    'Last name': 'Jonaitė',
    Email: email,
    'Phone number': '+37060012345',
    'Date of birth': '1990-05-15',
    Gender: 'FEMALE',
    Nationality: 'LT',
    'Place of birth': 'Vilnius',
    'Street address': 'Gedimino pr. 1',
    'Town or city': 'Vilnius',
    'Postal code': '01103',
    Country: 'LT',
    'Create a password': PASSWORD,
    'Repeat the password': PASSWORD,
  };
  // Keystrokes on the first page's fields, then every page filled and continued.
  await typeKeys(registration, ['First name', 'Last name'], values);
  await fillPages(registration, values);

  const verification = await timed(
    'registration → verification (register, sign in, start KYC)',
    () => button(root(registration), 'Create account').click(),
    'finhub-step-verification',
  );
  const documents = await timed(
    'verification → documents',
    () => button(root(verification), 'Continue').click(),
    'finhub-step-documents',
  );

  // (f) One 10 MB document: long tasks from the choice until the card says it is uploaded.
  const scope = root(documents);
  const cards = scope.querySelectorAll('section[part="document"]').length;
  const big = new Uint8Array(bigBytes);
  big.set(new TextEncoder().encode(PDF_HEAD));
  for (let i = PDF_HEAD.length; i < big.length; i += 65536) {
    crypto.getRandomValues(big.subarray(i, Math.min(i + 65536, big.length)));
  }
  const bigFile = new File([big], 'passport-scan.pdf', { type: 'application/pdf' });
  await sleep(100); // making the file is the bench's own work: let its tasks end unobserved
  const longTasks = [];
  const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
  observer.observe({ type: 'longtask', buffered: false });
  performance.mark('bench-upload-start'); // bench/run.ts BENCH_TRACE finds the window by these
  const uploadStart = performance.now();
  choose(scope, 0, bigFile);
  await until(
    () => scope.querySelector('section[part="document"].done'),
    'the 10 MB upload',
    60000,
  );
  const uploadMs = performance.now() - uploadStart;
  performance.mark('bench-upload-end');
  await sleep(60); // let the observer deliver the last entries
  observer.disconnect();
  const blocking = {
    uploadMs,
    longTasks: longTasks.length,
    longestTask: Math.max(0, ...longTasks.map((t) => t.duration)),
    totalBlockingTime: longTasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0),
  };
  await uploadPdfs(documents, 1);

  const consents = await timed(
    'documents → consents',
    () => button(root(documents), 'Continue').click(),
    'finhub-step-consents',
  );
  for (const label of [
    'I accept the terms and conditions',
    'I accept the privacy policy',
    'I agree to the processing of my personal data',
  ]) {
    byLabel(root(consents), label).click();
  }
  await consents.updateComplete;
  const startActivation = performance.now();
  button(root(consents), 'Accept and continue').click();
  const activation = await until(() => stepEl(el, 'finhub-step-activation'), 'activation');
  transitions['consents → activation (pending KYC)'] = performance.now() - startActivation;

  const verificationId = events.find((d) => d.step === 'verification')?.ids?.verificationId;
  if (!verificationId) throw new Error('bench: no verification id in finhub-step-complete');
  await sandbox(`/verifications/${verificationId}/approve`, {});
  await until(() => root(activation)?.querySelector('#code'), 'the activation code field', 60000);
  const { messages } = await sandbox(`/inbox?to=${encodeURIComponent(email)}`);
  enter(byLabel(root(activation), 'Activation code'), messages[0].code);
  await activation.updateComplete;
  const done = new Promise((resolve) =>
    el.addEventListener('finhub-complete', resolve, { once: true }),
  );
  const startActivate = performance.now();
  button(root(activation), 'Activate account').click();
  await done;
  transitions['activation → done'] = performance.now() - startActivate;
  el.remove();
  const { requests } = await sandbox(`/requests?deviceId=${encodeURIComponent(deviceId)}`);
  return { deviceId, transitions, blocking, documents: cards, journal: requests.length };
}

/** A control inside `scope` (a people row form) by its visible label. */
function field(scope, text) {
  const label = [...scope.querySelectorAll('label')].find((l) => l.textContent.trim() === text);
  if (!label) throw new Error(`bench: no label "${text}"`);
  return scope.getRootNode().getElementById(label.htmlFor);
}
const section = (people, name) =>
  root(people).querySelector(`section[aria-labelledby="${name}-heading"]`);

/** Opens a people section's row form, fills it by label, adds the row (no request yet). */
async function addRow(people, name, add, fill, submit) {
  button(section(people, name), add).click();
  await people.updateComplete;
  const form = root(people).querySelector(`#${name}-form`);
  if (!form) throw new Error(`bench: no ${name} form`);
  await fill(form);
  await people.updateComplete;
  button(form, submit).click();
  await people.updateComplete;
}

/**
 * The whole organization flow through the UI (token-url, flow="organization"), as
 * test/flow-organization/full-flow.test.ts does it by labels: categorization → company → people
 * (the admin employee, one director, one shareholder at 100%: the fewest FinHub accepts,
 * docs/finhub-contract.md#organization-activation structure checks) → automatic org-user sign-in →
 * KYB → documents → consents → activation, the wallet ACTIVATING → ACTIVE
 * (docs/finhub-contract.md#wallet-status). Times each step change.
 */
async function organizationFlow() {
  const email = `bench.admin.${crypto.randomUUID().slice(0, 8)}@example.com`;
  const { el, deviceId, events, transitions, timed, categorization } =
    await startFlow('organization');

  const registration = await timed(
    'categorization → company registration',
    () => button(root(categorization), 'Continue').click(),
    'finhub-step-organization-registration',
  );
  await registration.updateComplete;
  const company = {
    'Legal name': 'Acme Analytics UAB',
    'Trading name (optional)': 'Acme',
    'Registration number': `REG-${Date.now()}-${crypto.randomUUID().slice(0, 4)}`,
    'Tax ID': 'LT100001234567',
    'Date of incorporation': '2015-03-20',
    'Legal form': 'LIMITED_LIABILITY_COMPANY',
    Industry: 'TECHNOLOGY',
    'Business description': 'Analytics software for retailers.',
    'Website (optional)': 'acme.example',
    'Company email': 'info@acme.example',
    'Company phone number': '+37060012345',
    'Street address': 'Konstitucijos pr. 7',
    'Town or city': 'Vilnius',
    'Postal code': '09308',
    Country: 'LT',
    'Admin email': email,
    'Create a password': PASSWORD,
    'Repeat the password': PASSWORD,
  };
  await typeKeys(registration, ['Legal name', 'Registration number'], company);
  await fillPages(registration, company);

  const people = await timed(
    'company registration → people (register)',
    () => button(root(registration), 'Register company').click(),
    'finhub-step-personnel',
  );
  await people.updateComplete;
  await addRow(
    people,
    'employees',
    'Add an employee',
    (form) => {
      enter(field(form, 'First name'), 'Ona');
      enter(field(form, 'Last name'), 'Admin');
      enter(field(form, 'Email'), email);
      enter(field(form, 'Position'), 'CEO');
    },
    'Add employee',
  );
  await addRow(
    people,
    'directors',
    'Add a director',
    (form) => {
      enter(field(form, 'First name'), 'Rita');
      enter(field(form, 'Last name'), 'Director');
      enter(field(form, 'Email'), `bench.rita.${crypto.randomUUID().slice(0, 8)}@example.com`);
      enter(field(form, 'Date of birth'), '1980-05-15');
      enter(field(form, 'Nationality'), 'LT');
      enter(field(form, 'Director role'), 'MANAGING_DIRECTOR');
    },
    'Add director',
  );
  await addRow(
    people,
    'shareholders',
    'Add a shareholder',
    async (form) => {
      field(form, 'A person').click();
      await people.updateComplete;
      enter(field(form, 'First name'), 'Rita');
      enter(field(form, 'Last name'), 'Director');
      enter(field(form, 'Ownership (%)'), '100');
      field(form, 'No').click();
    },
    'Add shareholder',
  );

  const verification = await timed(
    'people → verification (save people, org-user sign-in, start KYB)',
    () => button(root(people), 'Continue').click(),
    'finhub-step-verification',
  );
  const documents = await timed(
    'verification → documents',
    () => button(root(verification), 'Continue').click(),
    'finhub-step-documents',
  );
  const cards = await uploadPdfs(documents, 0);

  const consents = await timed(
    'documents → consents',
    () => button(root(documents), 'Continue').click(),
    'finhub-step-consents',
  );
  for (const input of root(consents).querySelectorAll('input[type="checkbox"]')) input.click();
  await consents.updateComplete;
  const startActivation = performance.now();
  button(root(consents), 'Accept and continue').click();
  const activation = await until(() => stepEl(el, 'finhub-step-activation'), 'activation');
  transitions['consents → activation (pending KYB)'] = performance.now() - startActivation;

  const verificationId = events.find((d) => d.step === 'verification')?.ids?.verificationId;
  if (!verificationId) throw new Error('bench: no verification id in finhub-step-complete');
  await sandbox(`/verifications/${verificationId}/approve`, {});
  await until(() => root(activation)?.querySelector('#code'), 'the activation code field', 60000);
  const { messages } = await sandbox(`/inbox?to=${encodeURIComponent(email)}`);
  enter(byLabel(root(activation), 'Activation code'), messages[0].code);
  await activation.updateComplete;
  const done = new Promise((resolve) =>
    el.addEventListener('finhub-complete', (e) => resolve(e.detail), { once: true }),
  );
  const startActivate = performance.now();
  button(root(activation), 'Activate account').click();
  await until(
    () => root(activation)?.textContent.includes('The company account is activated.'),
    'the ACTIVATING state',
    15000,
  );
  const activating = performance.now();
  transitions['activation → company activated (ACTIVATING)'] = activating - startActivate;
  const detail = await done;
  transitions['ACTIVATING → done (wallet ACTIVE, IBAN)'] = performance.now() - activating;
  if (detail?.status !== 'ACTIVE') throw new Error(`bench: finished ${detail?.status}`);
  el.remove();
  // What reached FinHub (the sandbox journal, by device id): the relay's side of the count.
  const { requests } = await sandbox(`/requests?deviceId=${encodeURIComponent(deviceId)}`);
  return { deviceId, transitions, documents: cards, journal: requests.length };
}

/** (c) Mount and unmount `cycles` times; each mount renders and starts its first requests. */
async function mountCycles(cycles) {
  const fetchToken = await instantToken();
  for (let i = 0; i < cycles; i++) {
    const el = mount({ deviceId: `bench-heap-${i}`, fetchToken });
    document.body.append(el);
    await el.updateComplete;
    el.remove();
  }
  await sleep(500); // aborted requests settle
}

window.bench = { firstStep, individualFlow, organizationFlow, mountCycles };
window.benchReady = customElements.whenDefined('finhub-onboarding').then(() => true);
