/** Calls `fn` the first time, then returns that first result forever. */
export function once<T>(fn: () => T): () => T {
  let called = false;
  let value: T;
  return () => {
    if (!called) {
      value = fn();
      called = true;
    }
    return value;
  };
}
