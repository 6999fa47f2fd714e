type Listener = () => void;

const registry = new WeakMap<AbortSignal, Set<Listener>>();

/**
 * Runs `listener` once when `signal` aborts (at once if it already has); returns the function that removes it.
 * One real listener per signal however many calls share it (a whole execution's signal may cover hundreds of
 * calls, which would otherwise trip Node's MaxListeners warning and make every abort walk a long list).
 */
export function onAbort(signal: AbortSignal, listener: Listener): () => void {
  if (signal.aborted) {
    listener();
    return () => {};
  }
  let listeners = registry.get(signal);
  if (!listeners) {
    const set = new Set<Listener>();
    listeners = set;
    registry.set(signal, set);
    signal.addEventListener(
      'abort',
      () => {
        registry.delete(signal);
        for (const fn of set) fn();
      },
      { once: true },
    );
  }
  const set = listeners;
  set.add(listener);
  return () => {
    set.delete(listener);
  };
}

/**
 * Settles with `work`, or rejects with the signal's reason as soon as the signal aborts (the work itself keeps
 * running: JavaScript cannot stop it, but the caller stops waiting). Used wherever a node, a tool or a remote
 * call might ignore its signal.
 */
export function raceAbort<T>(work: T | Promise<T>, signal: AbortSignal): Promise<T> {
  if (!(work instanceof Promise)) return Promise.resolve(work);
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const stop = onAbort(signal, () => reject(signal.reason));
    work.then(
      (value) => {
        stop();
        resolve(value);
      },
      (error: unknown) => {
        stop();
        reject(error);
      },
    );
  });
}
