/**
 * Time slices for the engine's run loop. An execution whose store answers without I/O (the in-memory store,
 * PGlite in the same process) runs step after step as one chain of promise callbacks: nothing else in the
 * process (timers, sockets, other requests) runs until the chain ends. `overSlice()` tells the run loop when the
 * current turn of the event loop has run for more than `SLICE_MS`; the loop then continues from `setImmediate`,
 * so other work gets the thread at least every slice. (The check is one clock read per launch round; the globals
 * `performance` and `setImmediate` are Node's, as the engine's hosts are.)
 */
/** The longest a run loop keeps the thread before it lets other work run (ms). */
export const SLICE_MS = 10;

let sliceStart = -1;
const endSlice = () => {
  sliceStart = -1;
};

/**
 * Whether the current turn has used up its slice. The first call of a turn starts the slice and schedules its
 * end for the next check phase of the event loop, which runs only once the current chain yields.
 */
export function overSlice(): boolean {
  const now = performance.now();
  if (sliceStart < 0) {
    sliceStart = now;
    setImmediate(endSlice);
    return false;
  }
  return now - sliceStart > SLICE_MS;
}

/** Runs `fn` from the event loop's next check phase (after pending I/O and timers). */
export function yieldThen(fn: () => void): void {
  setImmediate(fn);
}
