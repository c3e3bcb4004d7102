/**
 * The form controller runs its schema only when a field may show an error (issue 17: a step that
 * just arrived ran its schema for nothing, and the schema's first build and run was most of the
 * arrival's long task); errors still show as before once a field is left or a submit is tried.
 */
import { expect, fixture, html as testHtml } from '@open-wc/testing';
import { LitElement, html } from 'lit';
import { FormController } from '../../src/steps/common/form-controller.js';
import { inputField } from '../../src/steps/common/form-fields.js';
import type { ValidationResult } from '../../src/steps/common/validate.js';

type Field = 'name' | 'city';
let runs = 0;
const validate = (
  values: Record<Field, string>,
): ValidationResult<Record<Field, string>, Field> => {
  runs += 1;
  const errors: Partial<Record<Field, string[]>> = {};
  if (!values.name) errors.name = ['Enter your name'];
  if (!values.city) errors.city = ['Enter your city'];
  return Object.keys(errors).length
    ? { success: false, values: undefined, errors }
    : { success: true, values, errors };
};

class LazyForm extends LitElement {
  readonly form = new FormController<Field, Record<Field, string>>(this, {
    fields: ['name', 'city'],
    empty: () => ({ name: '', city: '' }),
    validate,
  });
  focusAfterRender(): void {}
  announce(): void {}
  override render() {
    return html`${(['name', 'city'] as const).map((field) =>
      inputField({
        id: field,
        label: field,
        value: this.form.values[field],
        errors: this.form.errorsFor(field),
        onInput: this.form.onInput,
        onBlur: this.form.onBlur,
      }),
    )}`;
  }
}
customElements.define('test-lazy-form', LazyForm);

describe('FormController: the schema runs only when an error may show', () => {
  beforeEach(() => {
    runs = 0;
  });

  it('renders a new form and its first keystrokes without running the schema', async () => {
    const el = await fixture<LazyForm>(testHtml`<test-lazy-form></test-lazy-form>`);
    const input = el.shadowRoot!.getElementById('name') as HTMLInputElement;
    input.value = 'O';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(runs).to.equal(0);
    expect(el.shadowRoot!.textContent).not.to.contain('Enter your');
  });

  it('runs it once a field is left, and shows that field’s error only', async () => {
    const el = await fixture<LazyForm>(testHtml`<test-lazy-form></test-lazy-form>`);
    const input = el.shadowRoot!.getElementById('name') as HTMLInputElement;
    input.value = 'x';
    input.dispatchEvent(new Event('input'));
    input.value = '';
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
    await el.updateComplete;
    expect(runs).to.equal(1);
    expect(el.shadowRoot!.textContent).to.contain('Enter your name');
    expect(el.shadowRoot!.textContent).not.to.contain('Enter your city');
    // The next keystroke fixes it: the errors are worked out again for the new value.
    input.value = 'Ona';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).not.to.contain('Enter your name');
  });

  it('shows every field’s error on a submit', async () => {
    const el = await fixture<LazyForm>(testHtml`<test-lazy-form></test-lazy-form>`);
    expect(el.form.submit()).to.equal(undefined);
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('Enter your name');
    expect(el.shadowRoot!.textContent).to.contain('Enter your city');
  });
});
