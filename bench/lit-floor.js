// The second reference for `npm run bench` (a0) (issue 17): bench/floor.js's four labelled fields
// and button as a LitElement with a stylesheet, built like dist/cdn (Lit's production build,
// minified) into one file. What any Lit element costs before it does anything of its own: the
// distance from the bare floor to this one is the framework's, the rest is ours.
import { LitElement, css, html } from 'lit';

const FIELDS = ['First name', 'Last name', 'Email', 'Phone number'];

class BenchLitFloor extends LitElement {
  static styles = css`
    :host {
      display: block;
      font: 16px system-ui;
    }
    label,
    input {
      display: block;
    }
  `;

  render() {
    return html`<form>
      ${FIELDS.map(
        (text, index) =>
          html`<label for=${`f${index}`}>${text}</label
            ><input id=${`f${index}`} name=${`f${index}`} />`,
      )}
      <button>Continue</button>
    </form>`;
  }
}

if (!customElements.get('bench-lit-floor')) customElements.define('bench-lit-floor', BenchLitFloor);
