/**
 * The embedded database on its own thread (issue 10 item 2). PGlite runs PostgreSQL synchronously: on the
 * server's thread, one statement holds the event loop for as long as PostgreSQL works on it (a step commit that
 * carries a 230 KB input three times, as input, output and message, took 70-110 ms: jsonb parsing and TOAST
 * compression; a 4 MB body, seconds). Here PGlite lives in a worker thread (`pglite-thread-worker.ts`) and this
 * thread keeps PGlite's own protocol client (`BasePGlite`: `query`, `exec`, `transaction`, parsers and
 * serializers), so Drizzle and the prepared-statement path use it as they used PGlite. Each statement's protocol
 * message crosses once each way; the data directory, its lock and the template are handled on this side as before.
 *
 * The cost is the crossing: a round trip between two threads is ~55 µs of CPU on a small VM, and a sleeping
 * thread wakes 50-100 µs after it is signalled. Both sides look for the other's next message briefly before they
 * sleep (`ANSWER_WAIT_MS` here, `LOOK_AGAIN_MS` there), which takes a chain's per-step commit from ~+0.18 ms to
 * ~+0.09 ms over PGlite on this thread (bench/README.md, "The embedded store's thread").
 *
 * Not carried over: `LISTEN`/`NOTIFY` (the store does not use them on PGlite), COPY to or from a blob, and
 * `dumpDataDir` (backups open the directory themselves, `backup.ts`).
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  type Transferable,
  Worker,
} from 'node:worker_threads';
import {
  type ExecProtocolResult,
  Mutex,
  PGlite,
  parse,
  protocol,
  type QueryOptions,
  type Results,
  type Transaction,
  TransactionAbortedError,
} from '@electric-sql/pglite';
import { query as templateQuery } from '@electric-sql/pglite/template';
import type { ThreadInit, ThreadReply, ThreadRequest } from './pglite-thread-protocol.js';

type BackendMessage = ExecProtocolResult['messages'][number];
interface ProtocolOptions {
  syncToFs?: boolean;
  throwOnError?: boolean;
  onNotice?: (notice: InstanceType<typeof protocol.messages.NoticeMessage>) => void;
}

/** See `#call`: the longest a statement holds the event loop, however long PostgreSQL works on it. */
const ANSWER_WAIT_MS = 0;

const { serialize } = protocol;
const { parseResults } = parse;
/** Describe (statement), Sync; and what runs a bound portal: Describe (portal), Execute, Sync (copied once each). */
const DESCRIBE_STATEMENT = serialize.describe({ type: 'S' }).slice();
const SYNC = serialize.sync().slice();
const RUN = [serialize.describe({ type: 'P' }).slice(), serialize.execute({}).slice(), SYNC];

function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** PGlite's protocol client, the class `PGlite` extends (not exported by name; the prototype chain is public). */
const BasePGlite = Object.getPrototypeOf(PGlite) as abstract new () => Pick<
  PGlite,
  'serializers' | 'parsers'
>;

class ThreadedPGlite extends BasePGlite {
  readonly debug = 0;
  readonly #worker: Worker;
  /** This side of the channel to the database thread: requests out, answers in. */
  readonly #port: MessagePort;
  readonly #pending = new Map<
    number,
    { resolve: (reply: ThreadReply) => void; reject: (e: Error) => void }
  >();
  readonly #queryMutex = new Mutex();
  readonly #transactionMutex = new Mutex();
  readonly #opened: Promise<void>;
  #nextId = 1;
  #closed = false;
  #failure: Error | undefined;

  constructor(worker: Worker, port: MessagePort) {
    super();
    this.#worker = worker;
    this.#port = port;
    this.#opened = new Promise((resolve, reject) =>
      this.#pending.set(0, { resolve: () => resolve(), reject }),
    );
    // The thread never keeps the process alive by itself; the channel does while an answer is awaited.
    worker.unref();
    port.on('message', (reply: ThreadReply) => this.#settle(reply));
    worker.on('error', (error) => this.#fail(error));
    worker.on('exit', (code) =>
      this.#fail(new Error(`the embedded database's thread exited (code ${code})`)),
    );
  }

  #settle(reply: ThreadReply): void {
    const waiter = this.#pending.get(reply.id);
    if (!waiter) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) this.#port.unref();
    if (reply.error) waiter.reject(Object.assign(new Error(reply.error.message), reply.error));
    else waiter.resolve(reply);
  }

  #fail(error: Error): void {
    this.#closed = true;
    this.#failure ??= error;
    for (const waiter of this.#pending.values()) waiter.reject(this.#failure);
    this.#pending.clear();
    this.#port.close();
  }

  /**
   * Sends a request. When it is the only one outstanding (a chain's commit: nothing else for the database to do),
   * its answer is looked for in this turn for up to `ANSWER_WAIT_MS` first: most statements take 0.1-0.3 ms, and an
   * answer taken here saves this thread's wake-up (50-100 µs on a small VM). Otherwise, or when the statement takes
   * longer, the answer comes through the event loop.
   */
  #call(request: WithoutId<ThreadRequest>, transfer: ArrayBuffer[] = []): Promise<ThreadReply> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    const answer = new Promise<ThreadReply>((resolve, reject) => {
      if (this.#pending.size === 0) this.#port.ref();
      this.#pending.set(id, { resolve, reject });
    });
    this.#port.postMessage({ ...request, id } as ThreadRequest, transfer);
    if (this.#pending.size === 1) {
      const until = performance.now() + ANSWER_WAIT_MS;
      do {
        const next = receiveMessageOnPort(this.#port);
        if (next) this.#settle(next.message as ThreadReply);
      } while (this.#pending.has(id) && performance.now() < until);
    }
    return answer;
  }

  async execProtocolRaw(message: Uint8Array, { syncToFs = true }: ProtocolOptions = {}): Promise<Uint8Array> {
    await this.#opened;
    // As PGlite says it: a statement after `close` is refused at once, not sent to a thread that is ending.
    if (this.#closed) throw new Error('PGlite is closed');
    const reply = await this.#call({ op: 'exec', message, sync: syncToFs });
    return reply.data ?? new Uint8Array(0);
  }

  /** As PGlite's: the messages up to the first error (thrown unless `throwOnError` is false), notices reported. */
  async execProtocol(message: Uint8Array, options: ProtocolOptions = {}): Promise<ExecProtocolResult> {
    const data = await this.execProtocolRaw(message, options);
    const throwOnError = options.throwOnError ?? true;
    const messages: BackendMessage[] = [];
    let error: BackendMessage | undefined;
    new protocol.Parser().parse(data, (msg) => {
      if (error) return;
      if (msg instanceof protocol.messages.DatabaseError) {
        if (throwOnError) error = msg;
      } else if (msg instanceof protocol.messages.NoticeMessage) {
        options.onNotice?.(msg);
      }
      messages.push(msg);
    });
    if (error) throw error;
    return { messages, data };
  }

  async execProtocolStream(message: Uint8Array, options: ProtocolOptions = {}): Promise<BackendMessage[]> {
    return (await this.execProtocol(message, options)).messages;
  }

  async execProtocolRawStream(
    message: Uint8Array,
    options: ProtocolOptions & { onRawData: (data: Uint8Array) => void },
  ): Promise<void> {
    options.onRawData(await this.execProtocolRaw(message, options));
  }

  /**
   * PGlite's `query`, in two crossings instead of six: Parse, Describe (statement) and Sync give the parameters'
   * types (their serializers depend on them); Bind, Describe (portal), Execute and Sync run it. PGlite's own sends
   * each message alone and waits for its answer, which costs nothing on one thread and a round trip here. Without
   * parameters, one crossing. Same messages, same results, errors as PGlite makes them.
   */
  async query<T>(text: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
    await this._checkReady();
    return this._runExclusiveTransaction(() => this.#query<T>(text, params, options));
  }

  /** PGlite's `exec` (simple query protocol), Query and Sync in one crossing. */
  async exec(text: string, options?: QueryOptions): Promise<Results[]> {
    await this._checkReady();
    return this._runExclusiveTransaction(() => this.#exec(text, options));
  }

  /** PGlite's `transaction`, its statements sent as `query` and `exec` above send them. */
  async transaction<T>(callback: (tx: Transaction) => Promise<T>): Promise<T> {
    await this._checkReady();
    return this._runExclusiveTransaction(async () => {
      await this.#exec('BEGIN');
      let closed = false;
      const open = () => {
        if (closed) throw new Error('Transaction is closed');
      };
      const tx: Transaction = {
        query: async <R>(text: string, params?: unknown[], options?: QueryOptions) => {
          open();
          return this.#query<R>(text, params ?? [], options);
        },
        sql: async <R>(strings: TemplateStringsArray, ...values: unknown[]) => {
          open();
          const { query, params } = templateQuery(strings, ...values);
          return this.#query<R>(query, params, undefined);
        },
        exec: async (text: string, options?: QueryOptions) => {
          open();
          return this.#exec(text, options);
        },
        rollback: async () => {
          open();
          await this.#exec('ROLLBACK');
          closed = true;
        },
        listen: async () => {
          throw new Error('LISTEN is not supported by the embedded store');
        },
        get closed() {
          return closed;
        },
      };
      try {
        const result = await callback(tx);
        if (!closed) {
          closed = true;
          const [committed] = await this.#exec('COMMIT');
          if (committed?.command === 'ROLLBACK') throw new TransactionAbortedError();
        }
        return result;
      } catch (error) {
        if (!closed) {
          closed = true;
          await this.#exec('ROLLBACK');
        }
        throw error;
      }
    });
  }

  #query<T>(text: string, params: unknown[], options: QueryOptions | undefined): Promise<Results<T>> {
    return this._runExclusiveQuery(async () => {
      const parse = serialize.parse({ text, types: options?.paramTypes }).slice();
      let messages: BackendMessage[];
      if (params.length === 0) {
        messages = await this.#exchange(
          [parse, serialize.bind({ values: [] }).slice(), ...RUN],
          text,
          params,
          options,
        );
      } else {
        const described = await this.#exchange([parse, DESCRIBE_STATEMENT, SYNC], text, params, options);
        const types = described.find(
          (m) => m instanceof protocol.messages.ParameterDescriptionMessage,
        )?.dataTypeIDs;
        const values = params.map((value, i) => {
          if (value === null || value === undefined) return null;
          const type = types?.[i] ?? 0;
          const serializer = options?.serializers?.[type] ?? this.serializers[type];
          return serializer ? serializer(value) : String(value);
        });
        messages = await this.#exchange([serialize.bind({ values }).slice(), ...RUN], text, params, options);
      }
      return parseResults(messages, this.parsers, options)[0] as Results<T>;
    });
  }

  #exec(text: string, options?: QueryOptions): Promise<Results[]> {
    return this._runExclusiveQuery(async () => {
      const messages = await this.#exchange([serialize.query(text).slice(), SYNC], text, undefined, options);
      return parseResults(messages, this.parsers, options);
    });
  }

  /** One crossing with `parts`; an error PostgreSQL answered is thrown as PGlite throws it (query and params on it). */
  async #exchange(
    parts: Uint8Array[],
    query: string,
    params: unknown[] | undefined,
    options: QueryOptions | undefined,
  ): Promise<BackendMessage[]> {
    const { messages } = await this.execProtocol(concatBytes(parts), {
      syncToFs: false,
      throwOnError: false,
      onNotice: options?.onNotice,
    });
    const error = messages.find((m) => m instanceof protocol.messages.DatabaseError);
    if (error) throw Object.assign(error, { query, params, queryOptions: options });
    return messages;
  }

  /** PGlite's file systems on Node (its directory, memory) write through: nothing to sync. */
  async syncToFs(): Promise<void> {}
  async _handleBlob(blob?: Blob): Promise<void> {
    if (blob) throw new Error('COPY from a blob is not supported by the embedded store');
  }
  async _getWrittenBlob(): Promise<undefined> {
    return undefined;
  }
  async _cleanupBlob(): Promise<void> {}
  async _checkReady(): Promise<void> {
    await this.#opened;
  }
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T> {
    return this.#queryMutex.runExclusive(fn);
  }
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.#transactionMutex.runExclusive(fn);
  }
  async listen(): Promise<never> {
    throw new Error('LISTEN is not supported by the embedded store');
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Waits for the statements in progress, then closes the database and ends its thread. */
  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#transactionMutex.runExclusive(() => this.#queryMutex.runExclusive(async () => {}));
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.#call({ op: 'close' });
    } finally {
      this.#port.close();
      await this.#worker.terminate();
    }
  }

  /** Tells the thread to open the database with PGlite's compiled module (answered as request 0). */
  open(wasmModule: WasmModule): void {
    this.#port.postMessage({ id: 0, op: 'open', wasmModule } satisfies ThreadRequest);
  }

  /** Resolves once PostgreSQL answers (rejects with why it could not open); then loads the array types. */
  async whenOpen(): Promise<void> {
    await this.#opened;
    await (this as unknown as PGlite)._initArrayTypes();
  }
}

/**
 * Opens PGlite on its own thread. The returned client has PGlite's query interface (typed as `PGlite` for Drizzle
 * and the prepared statements; the methods listed in the module comment are not there).
 */
export async function openPgliteThread(init: ThreadInit): Promise<PGlite> {
  const { port1, port2 } = new MessageChannel();
  const client = new ThreadedPGlite(startWorker({ ...init, port: port2 }, [port2]), port1);
  try {
    // The thread starts and loads PGlite's JavaScript while the WebAssembly compiles here.
    client.open(await pgliteModule());
    await client.whenOpen();
  } catch (error) {
    await client.close().catch(() => {});
    throw error;
  }
  return client as unknown as PGlite;
}

type WasmModule = NonNullable<Extract<ThreadRequest, { op: 'open' }>['wasmModule']>;
/** The WebAssembly global, typed here: lib ES2023 without DOM types declares none of it. */
const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> } })
  .WebAssembly;
let compiled: Promise<WasmModule> | undefined;

/**
 * PGlite's WebAssembly, compiled once in this process and given to each database thread: V8 shares a module's
 * code between threads (its optimized tier too), so a second database (tests open dozens) starts without
 * compiling again or running cold code.
 */
function pgliteModule(): Promise<WasmModule> {
  compiled ??= readFile(new URL('./pglite.wasm', import.meta.resolve('@electric-sql/pglite'))).then((bytes) =>
    wasm.compile(bytes),
  );
  return compiled;
}

/**
 * The worker runs `pglite-thread-worker.js` beside this module; from the TypeScript sources (tests, tsx) it
 * registers tsx first so that it can load the `.ts` file (as the sandbox's pool does).
 */
function startWorker(init: ThreadInit, transferList: Transferable[]): Worker {
  const here = import.meta.url;
  const options = { workerData: init, transferList };
  if (!here.endsWith('.ts')) return new Worker(new URL('./pglite-thread-worker.js', here), options);
  const entry = new URL('./pglite-thread-worker.ts', here).href;
  const manifestPath = createRequire(here).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const api = pathToFileURL(
    join(dirname(manifestPath), manifest.exports['./esm/api']?.import.default ?? ''),
  ).href;
  const source = `import(${JSON.stringify(api)})
    .then((tsx) => (tsx.register ?? tsx.default.register)())
    .then(() => import(${JSON.stringify(entry)}));`;
  return new Worker(source, { ...options, eval: true });
}
