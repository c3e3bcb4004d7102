// In-page half of bench (a0) (bench/run.ts): in a page with nothing else loaded, the clock starts,
// then `kind` is imported and mounted, and stops when its first interactive control is on screen.
// `ours`: the script-tag ES entry and an element with an instant `fetchToken` (its token fetched
// before the clock), so what is timed is chunk loading, the hierarchy request and rendering;
// `floor`: bench/floor.js, a bare custom element with four fields (issue 17's reference); `lit`:
// the same fields as a Lit element (bench/lit-floor.js, built by bench/run.ts).
// Returns the time and the dist/ files requested before the control showed.

// Seen the moment it is there, without polling (a polling loop takes the main thread from the
// page it measures): every shadow root made from now on is watched, and each change to it checks.
const watchers = new Set();
const attachShadow = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) {
  const root = attachShadow.call(this, init);
  for (const watch of watchers) watch(root);
  return root;
};

function whenShown(shown, start, kind) {
  if (shown()) return Promise.resolve(performance.now());
  return new Promise((resolve, reject) => {
    const observers = [];
    const done = (error) => {
      watchers.delete(watch);
      observers.forEach((observer) => observer.disconnect());
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(performance.now());
    };
    const check = () => shown() && done();
    const watch = (root) => {
      const observer = new MutationObserver(check);
      observer.observe(root, { childList: true, subtree: true });
      observers.push(observer);
    };
    watchers.add(watch);
    document.querySelectorAll('*').forEach((el) => el.shadowRoot && watch(el.shadowRoot));
    const timer = setTimeout(() => done(new Error(`bench: ${kind} never showed`)), 20000);
  });
}

async function cold(kind) {
  const token =
    kind === 'ours'
      ? await (await fetch('/onboarding/token', { method: 'POST' })).json()
      : undefined;
  const start = performance.now();
  let shown;
  if (kind === 'lit') {
    await import('/bench/lit-floor.js');
    const el = document.createElement('bench-lit-floor');
    document.body.append(el);
    shown = () => el.shadowRoot?.querySelector('input');
  } else if (kind === 'floor') {
    await import('/bench/floor.js');
    const el = document.createElement('bench-floor');
    document.body.append(el);
    shown = () => el.shadowRoot?.querySelector('input');
  } else {
    void import('/dist/cdn/finhub-onboarding.js');
    const el = document.createElement('finhub-onboarding');
    el.fetchToken = async () => token;
    el.setAttribute('api-base', '/onboarding/api');
    el.setAttribute('device-id', `bench-cold-${crypto.randomUUID()}`);
    document.body.append(el);
    shown = () =>
      el.shadowRoot
        ?.querySelector('finhub-step-categorization')
        ?.shadowRoot?.querySelector('input[type="radio"]');
  }
  const end = await whenShown(shown, start, kind);
  // What was asked for from dist/ until then (not the later steps' prefetch that follows).
  const fetched = performance
    .getEntriesByType('resource')
    .filter(
      (entry) =>
        entry.startTime <= end &&
        /^\/(dist\/|bench\/(lit-)?floor)/.test(new URL(entry.name).pathname),
    );
  const files = fetched
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.startsWith('/dist/'));
  // Where the time went: until the last file arrived (the fetches, one after another where they
  // wait on each other), then evaluating and rendering.
  const arrived = Math.max(start, ...fetched.map((entry) => entry.responseEnd));
  return { ms: end - start, files, loading: arrived - start, running: end - arrived };
}

window.cold = cold;
