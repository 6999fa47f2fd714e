import { createProcessLogger } from '@agentflow/runtime';
import { loadPlugins, openRuntime, requireDistributed } from '../engine-setup.js';
import { CliError, EXIT } from '../errors.js';
import type { CliContext } from '../io.js';

export interface WorkerOptions {
  concurrency?: string;
  /** Modules exporting extra node types (the API processes need the same ones). */
  plugin?: string[];
  /** How long running executions may take to finish on shutdown before they are given back, ms. */
  graceMs?: number;
}

/**
 * `agentflow worker`: distributed mode's execution process (DATABASE_URL + REDIS_URL). Takes execution ids from
 * the queue and runs them; re-enqueues executions whose worker died. On Ctrl-C or SIGTERM it stops taking work,
 * lets running executions finish for a while, then checkpoints the rest and gives them back to the queue.
 */
export async function workerCommand(options: WorkerOptions, io: CliContext): Promise<number> {
  requireDistributed('agentflow worker', io);
  const concurrency = parseConcurrency(options.concurrency ?? '10');
  const nodeTypes = await loadPlugins(options.plugin ?? [], io.cwd);
  // The runtime's operations (deliveries, dead letters, orphan sweeps) as JSON lines on stdout (LOG_LEVEL).
  const { logger } = createProcessLogger(io.config.logLevel, (line) => io.stdout.write(line));
  const runtime = await openRuntime({}, io, { role: 'worker', nodeTypes, logger });
  let stopRequested!: () => void;
  const stopped = new Promise<void>((resolve) => {
    stopRequested = resolve;
  });
  const stop = () => {
    io.stdout.write('shutting down: finishing or checkpointing running executions\n');
    stopRequested();
  };
  const offInterrupt = io.onInterrupt(stop);
  process.once('SIGTERM', stop);
  try {
    const loop = runtime.work({ concurrency });
    io.stdout.write(`AgentFlow worker ${process.pid} running (concurrency ${concurrency})\n`);
    const requeued = await runtime.recover();
    if (requeued.length > 0) io.stdout.write(`re-enqueued ${requeued.length} interrupted execution(s)\n`);
    await stopped;
    const graceMs = options.graceMs ?? 10_000;
    await Promise.race([loop.stop(), new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
    io.stdout.write('stopped\n');
    return EXIT.ok;
  } finally {
    offInterrupt();
    process.off('SIGTERM', stop);
    await runtime.close();
  }
}

function parseConcurrency(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 1000) {
    throw new CliError(`--concurrency must be 1-1000, not "${value}"`);
  }
  return n;
}
