// The demo's hand-off page (demo/phone.html): only the element, with the relay's api-base. The
// events go to the console here (the page is sized for a phone; there is no event log).
import '../src/define.js';

for (const type of ['finhub-step-complete', 'finhub-complete', 'finhub-error']) {
  document.addEventListener(type, (event) =>
    console.info(type, (event as CustomEvent).detail ?? null),
  );
}

// Opened without a code, there is nothing to hand off: say where the link comes from instead.
if (!/[#&]handoff=/.test(location.hash)) {
  const note = document.createElement('p');
  note.textContent =
    'Open this page with the QR code or the link that "Use my phone" shows on the documents step of the demo.';
  document.querySelector('finhub-onboarding')!.replaceWith(note);
}
