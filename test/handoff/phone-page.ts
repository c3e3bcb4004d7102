// The hand-off page's script: `?device=<id>` becomes the element's device id (the test reads the
// sandbox journal by it), `?relay=` its relay; every public event is kept for the test, then the
// element is registered.
const seen: Array<{ type: string; detail: unknown }> = [];
for (const type of [
  'finhub-ready',
  'finhub-step-change',
  'finhub-step-complete',
  'finhub-complete',
  'finhub-error',
]) {
  document.addEventListener(type, (event) =>
    seen.push({ type, detail: (event as CustomEvent).detail }),
  );
}
(window as unknown as { finhubEvents: typeof seen }).finhubEvents = seen;
const query = new URLSearchParams(location.search);
const phone = document.querySelector('finhub-onboarding')!;
const device = query.get('device');
if (device) phone.setAttribute('device-id', device);
// `?relay=<prefix>`: another relay of the test server (one whose clock the test moves).
const relay = query.get('relay');
if (relay) phone.setAttribute('api-base', `${relay}/api`);
await import('../../src/define.js');
export {};
