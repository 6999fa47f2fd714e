/**
 * Entry of a sandbox worker thread: loads QuickJS once and evaluates one request at a time. The pool cancels a
 * run by writing its id into the shared cancel flag, which the interrupt handler polls.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { evaluate } from './evaluate.js';
import { discardQuickJS, loadQuickJS } from './quickjs-module.js';
import type { EvaluateRequest, SandboxResult } from './types.js';

export interface WorkerInit {
  cancelFlag: SharedArrayBuffer;
  /** The sandbox's default memory limit: its QuickJS instance is loaded before the worker reports ready. */
  memoryLimitBytes: number;
}
export interface WorkerTask {
  id: number;
  request: EvaluateRequest;
}
export type WorkerReply = { type: 'ready' } | { type: 'result'; id: number; result: SandboxResult };

const port = parentPort;
if (!port) throw new Error('worker-main.ts must run in a worker thread');
const init = workerData as WorkerInit;
const flag = new Int32Array(init.cancelFlag);
const DEFAULT_MEMORY_LIMIT = init.memoryLimitBytes;

await loadQuickJS(DEFAULT_MEMORY_LIMIT);
port.on('message', async (task: WorkerTask) => {
  const limit = task.request.limits.memoryLimitBytes;
  const instance = await loadQuickJS(limit);
  const { result, tainted } = evaluate(instance, task.request, () => Atomics.load(flag, 0) === task.id);
  if (tainted) discardQuickJS(limit);
  port.postMessage({ type: 'result', id: task.id, result } satisfies WorkerReply);
});
port.postMessage({ type: 'ready' } satisfies WorkerReply);
