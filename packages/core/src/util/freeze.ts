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
