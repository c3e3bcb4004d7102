// The hand-off page's script: `?device=<id>` becomes the element's device id (the test reads the
// sandbox journal by it), every public event is kept for the test, then the element is registered.
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
const device = new URLSearchParams(location.search).get('device');
if (device) document.querySelector('finhub-onboarding')?.setAttribute('device-id', device);
await import('../../src/define.js');
export {};
