/**
 * A random UUID (v4) as one flat string. Node builds `crypto.randomUUID()` by concatenating its 20 pieces,
 * and V8 keeps such a result as a rope of ~20 nodes (about 480 bytes) until something reads it whole; an
 * execution id is kept by the execution record and by every step and message record of the execution, so
 * the rope would live as long as they do. `toLowerCase` reads the string whole, which flattens it (about 56
 * bytes), and returns it unchanged: a UUID is already lowercase.
 */
export function randomId(): string {
  return globalThis.crypto.randomUUID().toLowerCase();
}
