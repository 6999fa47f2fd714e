/**
 * Freezes a value and everything it holds (plain JSON-like data: objects and arrays), and returns it. A cache
 * keyed by an object's identity freezes what it keys on, so the object cannot change under what was derived
 * from it: an edit in place throws instead of being silently ignored.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}

/**
 * Freezes `value` as `deepFreeze` does, but only when it is plain data all the way down (arrays and plain objects
 * whose own properties are all data properties, no cycles); returns whether it did. Nothing is read through a
 * getter and nothing is frozen when the answer is no, so a caller's exotic object is left as it was (and is not
 * worth caching by identity: a getter may answer differently next time).
 */
export function freezeIfPlainData(value: unknown): boolean {
  if (!isPlainData(value, new Set())) return false;
  deepFreeze(value);
  return true;
}

function isPlainData(value: unknown, path: Set<object>): boolean {
  if (typeof value !== 'object' || value === null) return typeof value !== 'function';
  if (path.has(value)) return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) return false;
  path.add(value);
  for (const descriptor of Object.values(Object.getOwnPropertyDescriptors(value))) {
    if (!('value' in descriptor) || !isPlainData(descriptor.value, path)) return false;
  }
  path.delete(value);
  return true;
}
