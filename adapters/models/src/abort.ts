type Listener = () => void;

const registry = new WeakMap<AbortSignal, Set<Listener>>();

/**
 * Runs `listener` once when `signal` aborts (at once if it already has); returns the function that removes it. One real listener per
 * signal however many calls share it (a whole execution's signal may cover hundreds of model calls, which
 * would otherwise trip Node's MaxListeners warning and make every abort walk a long list).
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
  listeners.add(listener);
  const set = listeners;
  return () => {
    set.delete(listener);
  };
}
