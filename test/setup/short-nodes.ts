/**
 * Loaded before every browser test file (web-test-runner.config.mjs, `testRunnerHtml`). A failing
 * `expect(node).to.equal(other)` hands two DOM nodes to mocha, whose diff walks each node's whole
 * object graph (document, window…) and freezes the page: the run then ends in the runner's
 * timeout instead of reporting one failed test. Here nodes are compared by identity and reported
 * by a short name. `.dom` / `.shadowDom` / `.lightDom` comparisons (semantic-dom-diff) pass through.
 */
// The chai that @open-wc/testing re-exports, not @open-wc/testing itself: that would register
// its fixture clean-up before mocha exists, and fixtures would pile up in the page.
import * as chai from '@esm-bundle/chai';

/** `<input#consent-terms.box>`, `#text "Hello"`, or the value itself for anything but a node. */
export function nodeName(value: unknown): string {
  if (!(value instanceof Node)) return String(value);
  if (value instanceof Element) {
    const id = value.id ? `#${value.id}` : '';
    const classes = [...value.classList].map((name) => `.${name}`).join('');
    return `<${value.localName}${id}${classes}>`;
  }
  return `${value.nodeName} ${JSON.stringify((value.textContent ?? '').slice(0, 40))}`;
}

chai.use((lib, utils) => {
  for (const method of ['equal', 'equals', 'eq']) {
    lib.Assertion.overwriteMethod(
      method,
      (original) =>
        function (this: Chai.AssertionStatic, ...args: unknown[]) {
          const actual: unknown = utils.flag(this, 'object');
          const [expected, message] = args;
          const diffing = ['dom', 'shadowDom', 'lightDom'].some((flag) => utils.flag(this, flag));
          if (diffing || !(actual instanceof Node || expected instanceof Node)) {
            return original.apply(this, args);
          }
          if (typeof message === 'string') utils.flag(this, 'message', message);
          this.assert(
            actual === expected,
            `expected ${nodeName(actual)} to be ${nodeName(expected)}`,
            `expected ${nodeName(actual)} not to be ${nodeName(expected)}`,
            nodeName(expected),
            nodeName(actual),
            true,
          );
        },
    );
  }
});
