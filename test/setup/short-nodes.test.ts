import { expect } from '@open-wc/testing';

/** The message of the assertion error `check` throws. */
function failure(check: () => void): string {
  try {
    check();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the check passed');
}

describe('test setup: comparing DOM nodes', () => {
  it('reports two different nodes by short names (and does not freeze the page)', () => {
    const input = Object.assign(document.createElement('input'), { id: 'consent-terms' });
    input.classList.add('box');
    const button = document.createElement('button');
    expect(failure(() => expect(input).to.equal(button))).to.equal(
      'expected <input#consent-terms.box> to be <button>',
    );
    expect(failure(() => expect(input, 'focus').to.equal(null))).to.equal(
      'focus: expected <input#consent-terms.box> to be null',
    );
    expect(failure(() => expect(input).not.to.equal(input))).to.equal(
      'expected <input#consent-terms.box> not to be <input#consent-terms.box>',
    );
  });

  it('still passes for the same node and leaves other comparisons and DOM diffs alone', async () => {
    const div = document.createElement('div');
    div.innerHTML = '<p>Hi</p>';
    expect(div).to.equal(div);
    expect(failure(() => expect(1).to.equal(2))).to.equal('expected 1 to equal 2');
    expect(div).dom.to.equal('<div><p>Hi</p></div>');
  });
});
