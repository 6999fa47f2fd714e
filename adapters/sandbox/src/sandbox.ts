import { availableParallelism } from 'node:os';
import { WorkerPool } from './pool.js';
import type { EvaluateRequest, RunLimits, SandboxResult } from './types.js';

export interface SandboxOptions {
  /** Wall-clock limit of one run. (Default: 1000 ms) */
  timeoutMs?: number;
  /**
   * Memory of one run: the QuickJS malloc limit and the cap of the WebAssembly memory above the build's 16 MiB
   * base (the base holds the engine's static data and stack, so a script gets roughly this much). (Default: 32 MiB)
   */
  memoryLimitBytes?: number;
  /** QuickJS stack limit. (Default: 1 MiB) */
  maxStackBytes?: number;
  /** Cap on the output's JSON text. (Default: 1 MiB) */
  maxOutputBytes?: number;
  /** Cap on the input's JSON text. (Default: 8 MiB) */
  maxInputBytes?: number;
  /** Cap on the script's length in characters. (Default: 1,000,000) */
  maxCodeChars?: number;
  /** Captured `console.*` lines kept per run. (Default: 100) */
  maxLogLines?: number;
  /** Characters kept per log line. (Default: 2000) */
  maxLogLineChars?: number;
  /** Worker threads kept when idle. (Default: 2, or 1 on a single-core machine) */
  poolSize?: number;
  /** Worker threads the pool may grow to while runs wait. (Default: 4 x poolSize) */
  maxPoolSize?: number;
  /** Runs of one tenant (workspace) at a time; its other runs wait. (Default: poolSize) */
  perTenantRuns?: number;
}

export interface RunOptions {
  /** Made available to the script as `input` (deep-copied as JSON). */
  input?: unknown;
  signal?: AbortSignal;
  /** Overrides the sandbox's time limit for this run. */
  timeoutMs?: number;
  /** Overrides the sandbox's memory limit for this run. */
  memoryLimitBytes?: number;
  /**
   * Who the run is for (the workspace id): each tenant gets at most `perTenantRuns` workers at a time and free
   * workers go round-robin between tenants. (Default: one shared tenant)
   */
  tenant?: string;
}

export interface Sandbox {
  /** Runs `code`; never throws (every failure is an `{ ok: false }` result with an AgentFlow error code). */
  run(code: string, options?: RunOptions): Promise<SandboxResult>;
  /** Stops the worker threads; pending runs end with AF_CANCELLED. A later run starts new workers. */
  close(): Promise<void>;
}

const MIB = 1024 * 1024;
/** Hard ceilings, whatever a caller asks for. */
const MAX_TIMEOUT_MS = 10 * 60_000;
const MAX_MEMORY_BYTES = 1024 * MIB;

/**
 * Creates a QuickJS (WASM) sandbox for untrusted JavaScript. Scripts run on a pool of worker threads, never on
 * the caller's thread: the event loop never blocks, an abort interrupts a running script, and a worker that
 * overruns its time limit by the grace period (QuickJS only polls its interrupt handler between bytecode
 * batches, so a loop of heavy native calls can overrun) is terminated and replaced.
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const base: RunLimits = {
    timeoutMs: bounded(options.timeoutMs, 1000, 1, MAX_TIMEOUT_MS),
    memoryLimitBytes: bounded(options.memoryLimitBytes, 32 * MIB, MIB, MAX_MEMORY_BYTES),
    // Workers get a 32 MiB host stack, so QuickJS's own check normally trips first.
    maxStackBytes: bounded(options.maxStackBytes, MIB, 16 * 1024, 8 * MIB),
    maxOutputBytes: bounded(options.maxOutputBytes, MIB, 1, 256 * MIB),
    maxLogLines: bounded(options.maxLogLines, 100, 0, 100_000),
    maxLogLineChars: bounded(options.maxLogLineChars, 2000, 1, MIB),
  };
  const maxInputBytes = bounded(options.maxInputBytes, 8 * MIB, 0, 256 * MIB);
  const maxCodeChars = bounded(options.maxCodeChars, 1_000_000, 1, 64 * MIB);
  let pool: WorkerPool | undefined;

  const prepare = (code: string, run: RunOptions): EvaluateRequest | SandboxResult => {
    if (typeof code !== 'string') return failure('AF_TOOL_ERROR', 'the code must be a string');
    if (code.length > maxCodeChars) {
      return failure('AF_LIMIT_EXCEEDED', `the code is longer than ${maxCodeChars} characters`);
    }
    let inputJson: string | undefined;
    try {
      inputJson = run.input === undefined ? undefined : JSON.stringify(run.input);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return failure('AF_TOOL_ERROR', `the input is not JSON-serializable: ${message}`);
    }
    if (inputJson !== undefined && Buffer.byteLength(inputJson) > maxInputBytes) {
      return failure('AF_LIMIT_EXCEEDED', `the input is larger than ${maxInputBytes} bytes of JSON`);
    }
    const limits: RunLimits = {
      ...base,
      timeoutMs: bounded(run.timeoutMs, base.timeoutMs, 1, MAX_TIMEOUT_MS),
      memoryLimitBytes: bounded(run.memoryLimitBytes, base.memoryLimitBytes, MIB, MAX_MEMORY_BYTES),
    };
    return { code, inputJson, limits };
  };

  return {
    async run(code, run = {}) {
      if (run.signal?.aborted) return failure('AF_CANCELLED', 'the script was cancelled');
      const request = prepare(code, run);
      if ('ok' in request) return request;
      const minSize = bounded(options.poolSize, Math.min(2, availableParallelism()), 1, 64);
      const maxSize = bounded(options.maxPoolSize, 4 * minSize, minSize, 256);
      pool ??= new WorkerPool({
        minSize,
        maxSize,
        perTenant: bounded(options.perTenantRuns, minSize, 1, maxSize),
        idleMs: 30_000,
        graceMs: 500,
        stackSizeMb: 32,
        memoryLimitBytes: base.memoryLimitBytes,
      });
      return pool.run(request, run.signal, run.tenant ?? '');
    },
    async close() {
      await pool?.close();
      pool = undefined;
    },
  };
}

function failure(
  code: 'AF_TOOL_ERROR' | 'AF_LIMIT_EXCEEDED' | 'AF_CANCELLED',
  message: string,
): SandboxResult {
  return { ok: false, error: { code, message }, logs: [] };
}

function bounded(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}
