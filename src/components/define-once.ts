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
  customElements.define(tagName, constructor);
}
