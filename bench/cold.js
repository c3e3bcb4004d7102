// In-page half of bench (a0) (bench/run.ts): in a page with nothing else loaded, the clock starts,
// then `kind` is imported and mounted, and stops when its first interactive control is on screen.
// `ours`: the script-tag ES entry and an element with an instant `fetchToken` (its token fetched
// before the clock), so what is timed is chunk loading, the hierarchy request and rendering;
// `floor`: bench/floor.js, a bare custom element with four fields (issue 17's reference).
// Returns the time and the dist/ files requested before the control showed.
const channel = new MessageChannel();
const waiting = [];
channel.port1.onmessage = () => waiting.shift()?.();
const tick = () => new Promise((resolve) => (waiting.push(resolve), channel.port2.postMessage(0)));

async function cold(kind) {
  const token =
    kind === 'ours'
      ? await (await fetch('/onboarding/token', { method: 'POST' })).json()
      : undefined;
  const start = performance.now();
  let shown;
  if (kind === 'floor') {
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
  while (!shown()) {
    if (performance.now() - start > 20000) throw new Error(`bench: ${kind} never showed`);
    await tick();
  }
  const end = performance.now();
  // What was asked for from dist/ until then (not the later steps' prefetch that follows).
  const fetched = performance
    .getEntriesByType('resource')
    .filter(
      (entry) =>
        entry.startTime <= end && /^\/(dist\/|bench\/floor)/.test(new URL(entry.name).pathname),
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
