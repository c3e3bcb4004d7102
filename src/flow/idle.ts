/** `task` when the page is idle (soon after, where there is no requestIdleCallback). */
export const whenIdle = (task: () => void) =>
  typeof requestIdleCallback === 'function'
    ? requestIdleCallback(task, { timeout: 2000 })
    : setTimeout(task, 50);
