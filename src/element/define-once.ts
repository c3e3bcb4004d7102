/** Guarded `customElements.define`: warns instead of throwing when the tag is already taken. */
export function defineOnce(tagName: string, constructor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined') return;
  const existing = customElements.get(tagName);
  if (existing) {
    if (existing !== constructor) {
      console.warn(`<${tagName}> is already defined by another class; keeping that one.`);
    }
    return;
  }
  // Through a local: the manifest analyzer would list `customElements.define(tagName, …)` as a
  // definition of a tag literally named "tagName". The element's tag is documented by @tagname.
  const registry: CustomElementRegistry = customElements;
  registry.define(tagName, constructor);
}
