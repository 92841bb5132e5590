/**
 * Runs tasks one at a time, in the order they were queued: listeners that fire together would
 * otherwise interleave their read-modify-write of storage and lose updates. A failed task does
 * not stop the ones after it.
 */
export function createQueue(): <T>(task: () => T | Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task);
    tail = run.catch(() => {});
    return run;
  };
}
