import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EvaluateRequest, SandboxError, SandboxResult } from './types.js';
import type { WorkerInit, WorkerReply, WorkerTask } from './worker-main.js';

export interface WorkerPoolOptions {
  size: number;
  /** Extra time a worker gets past the script's time limit before it is terminated. */
  graceMs: number;
  /** V8 stack of each worker; large, so QuickJS's own stack check trips before the host's. */
  stackSizeMb: number;
  /** Default memory limit of a run (each worker preloads its QuickJS instance). */
  memoryLimitBytes: number;
}

interface Task {
  id: number;
  request: EvaluateRequest;
  resolve(result: SandboxResult): void;
  done: boolean;
  cleanup(): void;
}

interface Slot {
  worker: Worker;
  flag: Int32Array;
  ready: boolean;
  task: Task | undefined;
  timer: NodeJS.Timeout | undefined;
}

/**
 * A fixed pool of worker threads, each running QuickJS. Scripts never block the caller's event loop; a run that
 * ignores its interrupt (or a worker that faults) is ended by terminating the worker, which is then replaced.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;
  private startFailures = 0;

  constructor(private readonly options: WorkerPoolOptions) {}

  run(request: EvaluateRequest, signal: AbortSignal | undefined): Promise<SandboxResult> {
    if (this.closed) return Promise.resolve(failure('AF_CANCELLED', 'the sandbox is closed'));
    if (signal?.aborted) return Promise.resolve(failure('AF_CANCELLED', 'the script was cancelled'));
    return new Promise<SandboxResult>((resolve) => {
      const onAbort = () => this.cancel(task);
      const task: Task = {
        id: this.takeId(),
        request,
        done: false,
        resolve,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(task);
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) finish(task, failure('AF_CANCELLED', 'the sandbox was closed'));
    const slots = this.slots.splice(0);
    for (const slot of slots) {
      if (slot.timer) clearTimeout(slot.timer);
      if (slot.task) finish(slot.task, failure('AF_CANCELLED', 'the sandbox was closed'));
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private takeId(): number {
    const id = this.nextId;
    this.nextId = this.nextId >= 0x7fff_ffff ? 1 : this.nextId + 1;
    return id;
  }

  private pump(): void {
    if (this.closed) return;
    while (this.queue.length > 0 && this.queue[0]?.done) this.queue.shift();
    if (this.queue.length === 0) return;
    if (this.slots.length < this.options.size) this.spawn();
    for (const slot of this.slots) {
      if (!slot.ready || slot.task) continue;
      const task = this.queue.shift();
      if (!task) break;
      if (task.done) continue;
      this.dispatch(slot, task);
    }
  }

  private dispatch(slot: Slot, task: Task): void {
    slot.task = task;
    slot.worker.ref();
    slot.worker.postMessage({ id: task.id, request: task.request } satisfies WorkerTask);
    const limit = task.request.limits.timeoutMs + this.options.graceMs;
    slot.timer = setTimeout(() => {
      this.kill(
        slot,
        failure('AF_TIMEOUT', `the script ran longer than ${task.request.limits.timeoutMs} ms`),
      );
    }, limit);
  }

  private cancel(task: Task): void {
    if (task.done) return;
    const slot = this.slots.find((s) => s.task === task);
    finish(task, failure('AF_CANCELLED', 'the script was cancelled'));
    if (!slot) return; // still queued: pump() drops it
    Atomics.store(slot.flag, 0, task.id);
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = setTimeout(() => this.kill(slot, undefined), this.options.graceMs);
  }

  private spawn(): void {
    const cancelFlag = new SharedArrayBuffer(4);
    const worker = startWorker(
      { cancelFlag, memoryLimitBytes: this.options.memoryLimitBytes },
      this.options.stackSizeMb,
    );
    const slot: Slot = {
      worker,
      flag: new Int32Array(cancelFlag),
      ready: false,
      task: undefined,
      timer: undefined,
    };
    this.slots.push(slot);
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'ready') {
        slot.ready = true;
        this.startFailures = 0;
      } else if (slot.task?.id === reply.id) {
        if (slot.timer) clearTimeout(slot.timer);
        slot.timer = undefined;
        const task = slot.task;
        slot.task = undefined;
        worker.unref();
        finish(task, reply.result);
      }
      this.pump();
    });
    worker.on('error', (error) => this.lost(slot, error));
    worker.on('exit', () => this.lost(slot, undefined));
  }

  /** Terminates a worker whose run overran; answers its task with `result` (if still waiting). */
  private kill(slot: Slot, result: SandboxResult | undefined): void {
    this.remove(slot);
    if (slot.task && result) finish(slot.task, result);
    slot.task = undefined;
    void slot.worker.terminate();
    this.pump();
  }

  private lost(slot: Slot, error: Error | undefined): void {
    if (!this.slots.includes(slot)) return;
    this.remove(slot);
    const reason = error ? `: ${error.message}` : '';
    if (slot.task) finish(slot.task, failure('AF_TOOL_ERROR', `the sandbox worker stopped${reason}`));
    if (!slot.ready && ++this.startFailures >= 3) {
      // Workers cannot start at all: fail what waits instead of respawning forever.
      for (const task of this.queue.splice(0)) {
        finish(task, failure('AF_TOOL_ERROR', `the sandbox could not start${reason}`));
      }
      this.startFailures = 0;
      return;
    }
    this.pump();
  }

  private remove(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
  }
}

function finish(task: Task, result: SandboxResult): void {
  if (task.done) return;
  task.done = true;
  task.cleanup();
  task.resolve(result);
}

function failure(code: SandboxError['code'], message: string): SandboxResult {
  return { ok: false, error: { code, message }, logs: [] };
}

/**
 * Starts a worker on worker-main. From the built package that is `worker-main.js`; from TypeScript sources (tests,
 * tsx) the worker registers tsx first so it can load `worker-main.ts`.
 */
function startWorker(init: WorkerInit, stackSizeMb: number): Worker {
  const here = import.meta.url;
  const options = { workerData: init, resourceLimits: { stackSizeMb } };
  if (!here.endsWith('.ts')) return new Worker(new URL('./worker-main.js', here), options);
  const entry = new URL('./worker-main.ts', here).href;
  const tsx = tsxApiUrl(here);
  const source = `import(${JSON.stringify(tsx)})
    .then((api) => (api.register ?? api.default.register)())
    .then(() => import(${JSON.stringify(entry)}));`;
  return new Worker(source, { ...options, eval: true });
}

function tsxApiUrl(from: string): string {
  const manifestPath = createRequire(from).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const entry = manifest.exports['./esm/api']?.import.default ?? './dist/esm/api/index.mjs';
  return pathToFileURL(join(dirname(manifestPath), entry)).href;
}
