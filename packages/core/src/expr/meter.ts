/**
 * An optional meter around the synchronous work a tenant's text controls: each CEL evaluation and each JSON
 * Schema check (the two places user-written regular expressions and expressions run on the event loop). Off by
 * default (one comparison per call); a test or a diagnostic installs one to measure the longest synchronous
 * stretch each of them holds the event loop (`apps/server/src/expression-dos.test.ts`).
 */
export type SyncWorkKind = 'expression' | 'schema';
export type SyncWorkMeter = <T>(kind: SyncWorkKind, work: () => T) => T;

let meter: SyncWorkMeter | undefined;

/** Installs `next` (or removes the meter with undefined); returns the previous one. */
export function setSyncWorkMeter(next: SyncWorkMeter | undefined): SyncWorkMeter | undefined {
  const previous = meter;
  meter = next;
  return previous;
}

/** The installed meter, if any. */
export function syncWorkMeter(): SyncWorkMeter | undefined {
  return meter;
}
