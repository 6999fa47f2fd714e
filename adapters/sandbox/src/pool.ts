import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EvaluateRequest, SandboxError, SandboxResult } from './types.js';
import type { WorkerInit, WorkerReply, WorkerTask } from './worker-main.js';

export interface WorkerPoolOptions {
  /** Workers kept when idle. */
  minSize: number;
  /** Workers the pool may grow to while runs wait. */
  maxSize: number;
  /** Runs of one tenant (workspace) at a time; the rest of its runs wait their turn. */
  perTenant: number;
  /** A worker above `minSize` idle this long is stopped. */
  idleMs: number;
  /** Extra time a worker gets past the script's time limit before it is terminated. */
  graceMs: number;
  /** V8 stack of each worker; large, so QuickJS's own stack check trips before the host's. */
  stackSizeMb: number;
  /** Default memory limit of a run (each worker preloads its QuickJS instance). */
  memoryLimitBytes: number;
}

interface Task {
  id: number;
  tenant: string;
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
  idle: NodeJS.Timeout | undefined;
}

/**
 * A pool of worker threads, each running QuickJS. Scripts never block the caller's event loop; a run that
 * ignores its interrupt (or a worker that faults) is ended by terminating the worker, which is then replaced.
 *
 * Fair between tenants (workspaces): each tenant has its own wait queue and at most `perTenant` runs at a time,
 * and free workers are handed to tenants in round-robin order. While runs wait, the pool grows up to `maxSize`
 * workers (idle ones above `minSize` stop after `idleMs`), so one tenant's runaway scripts hold at most
 * `perTenant` workers and another tenant's run gets a worker as long as the bound allows.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  /** Waiting runs per tenant; a tenant is in `turns` while it has waiting runs. */
  private readonly queues = new Map<string, Task[]>();
  private readonly turns: string[] = [];
  private readonly running = new Map<string, number>();
  private nextId = 1;
  private closed = false;
  private startFailures = 0;

  constructor(private readonly options: WorkerPoolOptions) {}

  run(request: EvaluateRequest, signal: AbortSignal | undefined, tenant = ''): Promise<SandboxResult> {
    if (this.closed) return Promise.resolve(failure('AF_CANCELLED', 'the sandbox is closed'));
    if (signal?.aborted) return Promise.resolve(failure('AF_CANCELLED', 'the script was cancelled'));
    return new Promise<SandboxResult>((resolve) => {
      const onAbort = () => this.cancel(task);
      const task: Task = {
        id: this.takeId(),
        tenant,
        request,
        done: false,
        resolve,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const queue = this.queues.get(tenant);
      if (queue) queue.push(task);
      else {
        this.queues.set(tenant, [task]);
        this.turns.push(tenant);
      }
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.drainQueues()) finish(task, failure('AF_CANCELLED', 'the sandbox was closed'));
    const slots = this.slots.splice(0);
    for (const slot of slots) {
      if (slot.timer) clearTimeout(slot.timer);
      if (slot.idle) clearTimeout(slot.idle);
      if (slot.task) finish(slot.task, failure('AF_CANCELLED', 'the sandbox was closed'));
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private takeId(): number {
    const id = this.nextId;
    this.nextId = this.nextId >= 0x7fff_ffff ? 1 : this.nextId + 1;
    return id;
  }

  private drainQueues(): Task[] {
    const tasks = [...this.queues.values()].flat();
    this.queues.clear();
    this.turns.length = 0;
    return tasks;
  }

  /** The next waiting run in round-robin order among tenants under their limit (removed from its queue). */
  private nextTask(): Task | undefined {
    for (let n = this.turns.length; n > 0; n--) {
      const tenant = this.turns.shift() as string;
      const queue = this.queues.get(tenant) as Task[];
      while (queue.length > 0 && queue[0]?.done) queue.shift();
      if (queue.length === 0) {
        this.queues.delete(tenant);
        continue;
      }
      this.turns.push(tenant);
      if ((this.running.get(tenant) ?? 0) >= this.options.perTenant) continue;
      return queue.shift();
    }
    return undefined;
  }

  /** How many waiting runs could start now (their tenant is under its limit). */
  private startable(): number {
    let n = 0;
    for (const [tenant, queue] of this.queues) {
      const room = this.options.perTenant - (this.running.get(tenant) ?? 0);
      if (room > 0) n += Math.min(room, queue.filter((t) => !t.done).length);
    }
    return n;
  }

  private pump(): void {
    if (this.closed) return;
    let dispatched = false;
    for (const slot of this.slots) {
      if (!slot.ready || slot.task) continue;
      const task = this.nextTask();
      if (!task) break;
      this.dispatch(slot, task);
      dispatched = true;
    }
    // Keep `minSize` workers while there is work, and grow while startable runs outnumber starting workers.
    const startable = this.startable();
    const starting = this.slots.filter((s) => !s.ready).length;
    const wanted = Math.min(startable - starting, this.options.maxSize - this.slots.length);
    const initial = dispatched || startable > 0 ? this.options.minSize - this.slots.length : 0;
    for (let i = 0; i < Math.max(wanted, initial); i++) this.spawn();
    for (const slot of this.slots) if (slot.ready && !slot.task) this.idleLater(slot);
  }

  /** Stops an idle worker above `minSize` after `idleMs`. */
  private idleLater(slot: Slot): void {
    if (slot.idle || this.slots.length <= this.options.minSize) return;
    slot.idle = setTimeout(() => {
      slot.idle = undefined;
      if (slot.task || this.slots.length <= this.options.minSize) return;
      this.remove(slot);
      void slot.worker.terminate();
    }, this.options.idleMs);
    slot.idle.unref();
  }

  private dispatch(slot: Slot, task: Task): void {
    if (slot.idle) clearTimeout(slot.idle);
    slot.idle = undefined;
    this.running.set(task.tenant, (this.running.get(task.tenant) ?? 0) + 1);
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
      idle: undefined,
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
        this.release(slot);
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
    const task = slot.task;
    this.release(slot);
    if (task && result) finish(task, result);
    void slot.worker.terminate();
    this.pump();
  }

  private lost(slot: Slot, error: Error | undefined): void {
    if (!this.slots.includes(slot)) return;
    this.remove(slot);
    const reason = error ? `: ${error.message}` : '';
    const task = slot.task;
    this.release(slot);
    if (task) finish(task, failure('AF_TOOL_ERROR', `the sandbox worker stopped${reason}`));
    if (!slot.ready && ++this.startFailures >= 3) {
      // Workers cannot start at all: fail what waits instead of respawning forever.
      for (const task of this.drainQueues()) {
        finish(task, failure('AF_TOOL_ERROR', `the sandbox could not start${reason}`));
      }
      this.startFailures = 0;
      return;
    }
    this.pump();
  }

  /** Frees the slot's task (its tenant may start another run). */
  private release(slot: Slot): void {
    const task = slot.task;
    if (!task) return;
    slot.task = undefined;
    const n = (this.running.get(task.tenant) ?? 1) - 1;
    if (n > 0) this.running.set(task.tenant, n);
    else this.running.delete(task.tenant);
  }

  private remove(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    if (slot.idle) clearTimeout(slot.idle);
    slot.idle = undefined;
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
