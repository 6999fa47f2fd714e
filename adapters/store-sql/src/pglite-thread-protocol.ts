import type { MessagePort } from 'node:worker_threads';
import type { PGliteOptions } from '@electric-sql/pglite';

/** Messages between the store's thread and the embedded database's thread (`pglite-thread.ts`). */

/** How the database thread opens PGlite: a data directory, or in memory from a template (tarball file). */
export interface ThreadInit {
  /** The channel requests and answers go through. */
  port?: MessagePort;
  /** PostgreSQL's data directory; absent: in memory. */
  dataDir?: string;
  startParams: string[];
  /** A gzipped data directory to start an in-memory database from. */
  templateFile?: string;
}

export type ThreadRequest =
  /** The first message: open the database with PGlite's WebAssembly, compiled by the opening thread. */
  | { id: 0; op: 'open'; wasmModule: PGliteOptions['pgliteWasmModule'] }
  | { id: number; op: 'exec'; message: Uint8Array; sync: boolean }
  | { id: number; op: 'close' };

/** The answer to request `id` (0: the database opened): PostgreSQL's reply bytes, or why there are none. */
export interface ThreadReply {
  id: number;
  data?: Uint8Array;
  error?: { message: string; name: string; code?: string };
}
