// The floor for `npm run bench` (issue 17): a bare custom element with four labelled fields and a
// button, no library, no requests. What any embeddable form costs at least, measured in the same
// run as <finhub-onboarding> so the ratio means the same on any machine.
const FIELDS = ['First name', 'Last name', 'Email', 'Phone number'];

class BenchFloor extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    const form = document.createElement('form');
    FIELDS.forEach((text, index) => {
      const label = document.createElement('label');
      label.htmlFor = `f${index}`;
      label.textContent = text;
      const input = document.createElement('input');
      input.id = `f${index}`;
      input.name = `f${index}`;
      form.append(label, input);
    });
    const button = document.createElement('button');
    button.textContent = 'Continue';
    form.append(button);
    root.append(form);
  }
}

if (!customElements.get('bench-floor')) customElements.define('bench-floor', BenchFloor);
