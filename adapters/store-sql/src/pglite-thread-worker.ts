/**
 * The embedded database's own thread (`pglite-thread.ts` starts it): one PGlite, opened from `workerData`, answering
 * protocol messages one at a time. Each request carries PostgreSQL wire-protocol bytes and gets back the bytes
 * PostgreSQL answered (errors included: the caller's side parses them); nothing else crosses.
 *
 * This module imports PGlite and nothing heavier: a worker loads its imports afresh, and the open time of an
 * existing data directory is mostly that (Drizzle and the schema would double it).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import type { ThreadInit, ThreadReply, ThreadRequest } from './pglite-thread-protocol.js';

const init = workerData as ThreadInit;
const port = init.port!;

function reply(message: ThreadReply, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

function failure(id: number, error: unknown): ThreadReply {
  const e = error as { message?: string; name?: string; code?: string };
  return { id, error: { message: String(e?.message ?? error), name: e?.name ?? 'Error', code: e?.code } };
}

/** Resolved by the `open` message, which carries PGlite's compiled WebAssembly. */
let openWith: (wasmModule: Extract<ThreadRequest, { op: 'open' }>['wasmModule']) => void = () => {};
const opening = new Promise<Extract<ThreadRequest, { op: 'open' }>['wasmModule']>((resolve) => {
  openWith = resolve;
}).then((wasmModule) =>
  PGlite.create(init.dataDir, {
    startParams: init.startParams,
    pgliteWasmModule: wasmModule,
    loadDataDir: init.templateFile === undefined ? undefined : new Blob([readFileSync(init.templateFile)]),
  }),
);
opening.then(
  () => reply({ id: 0 }),
  (error) => reply(failure(0, error)),
);

/**
 * How long the thread keeps looking for the next request after answering one, before it sleeps. The store's
 * statements come in bursts (a step's commit, then its successor's a few tens of µs later), and waking a sleeping
 * thread takes 50-100 µs on a small VM against ~1 µs a look: each burst ends with at most this much of this
 * thread's CPU time spent looking. With `ANSWER_WAIT_MS` (`pglite-thread.ts`), the store's only busy waits.
 */
const LOOK_AGAIN_MS = 0.1;

/** Requests run one after another, in arrival order (PGlite holds one query's state at a time). */
const waiting: ThreadRequest[] = [];
let draining = false;

port.on('message', (request: ThreadRequest) => {
  if (request.op === 'open') return openWith(request.wasmModule);
  waiting.push(request);
  if (!draining) void drain();
});

async function drain(): Promise<void> {
  draining = true;
  for (let request = waiting.shift(); request !== undefined; request = waiting.shift() ?? lookAgain()) {
    if (request.op === 'close') return close(request.id);
    if (request.op === 'open') openWith(request.wasmModule);
    else await answer(request);
  }
  draining = false;
}

/** The next request if one arrives within `LOOK_AGAIN_MS`, taken off the port in order (as the listener would). */
function lookAgain(): ThreadRequest | undefined {
  const until = performance.now() + LOOK_AGAIN_MS;
  do {
    const next = receiveMessageOnPort(port);
    if (next) return next.message as ThreadRequest;
  } while (performance.now() < until);
  return undefined;
}

/** Closes the database and the channel: nothing is read after this. */
async function close(id: number): Promise<void> {
  try {
    await (await opening).close();
    reply({ id });
  } catch (error) {
    reply(failure(id, error));
  }
  port.close();
}

async function answer(request: Extract<ThreadRequest, { op: 'exec' }>): Promise<void> {
  let pg: PGlite;
  try {
    pg = await opening;
  } catch (error) {
    reply(failure(request.id, error));
    return;
  }
  try {
    // `execProtocol` (not `…Raw`) so that PGlite resets its per-query state; errors come back inside the bytes.
    const { data } = await pg.execProtocol(request.message, { syncToFs: request.sync, throwOnError: false });
    // `data` is PGlite's own copy of its receive buffer: this thread keeps no view of it, so it moves, not copies.
    reply({ id: request.id, data }, [data.buffer as ArrayBuffer]);
  } catch (error) {
    reply(failure(request.id, error));
  }
}
