import { performance } from 'node:perf_hooks';
import { evaluate } from './evaluate.js';
import { loadQuickJS } from './quickjs-module.js';
import { createSandbox } from './sandbox.js';
import type { RunLimits } from './types.js';

export interface SandboxBenchOptions {
  /** Measured runs per figure. (Default: 500) */
  iterations?: number;
  /** Runs made first and not measured. (Default: 50) */
  warmup?: number;
}

export interface Timing {
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
}

export interface SandboxBenchResult {
  iterations: number;
  /** First run of a new sandbox: worker thread start, QuickJS load, run. */
  coldStartMs: number;
  /**
   * `sandbox.run('input.n + 1')` on a warm pool: a fresh QuickJS runtime and context, input in, output out, and
   * the worker round trip. Target: p50 <= 5 ms.
   */
  run: Timing;
  /** The same script evaluated on the calling thread (fresh runtime + context, no worker hop). */
  evaluate: Timing;
}

const SCRIPT = 'input.n + 1';

/** Sandbox start + trivial script, through the worker pool and bare. */
export async function benchSandbox(options: SandboxBenchOptions = {}): Promise<SandboxBenchResult> {
  const iterations = options.iterations ?? 500;
  const warmup = options.warmup ?? 50;
  const sandbox = createSandbox({ poolSize: 1 });
  try {
    let started = performance.now();
    const first = await sandbox.run(SCRIPT, { input: { n: 0 } });
    const coldStartMs = performance.now() - started;
    if (!first.ok) throw new Error(`sandbox bench: ${first.error.message}`);

    const runSamples: number[] = [];
    for (let i = 0; i < warmup + iterations; i++) {
      started = performance.now();
      const result = await sandbox.run(SCRIPT, { input: { n: i } });
      if (i >= warmup) runSamples.push(performance.now() - started);
      if (!result.ok || result.output !== i + 1) throw new Error('sandbox bench: wrong result');
    }

    const limits: RunLimits = {
      timeoutMs: 1000,
      memoryLimitBytes: 32 * 1024 * 1024,
      maxStackBytes: 256 * 1024,
      maxOutputBytes: 1024 * 1024,
      maxLogLines: 100,
      maxLogLineChars: 2000,
    };
    const instance = await loadQuickJS(limits.memoryLimitBytes);
    const evalSamples: number[] = [];
    for (let i = 0; i < warmup + iterations; i++) {
      started = performance.now();
      const { result } = evaluate(instance, { code: SCRIPT, inputJson: `{"n":${i}}`, limits }, () => false);
      if (i >= warmup) evalSamples.push(performance.now() - started);
      if (!result.ok) throw new Error('sandbox bench: wrong result');
    }
    return {
      iterations,
      coldStartMs: round(coldStartMs),
      run: timing(runSamples),
      evaluate: timing(evalSamples),
    };
  } finally {
    await sandbox.close();
  }
}

function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
  return {
    meanMs: round(samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length)),
    p50Ms: round(at(0.5)),
    p95Ms: round(at(0.95)),
  };
}

function round(ms: number): number {
  return Math.round(ms * 10_000) / 10_000;
}
