import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { compileForNode } from './compile.js';

/** The garbage collector, exposed even when node was not started with --expose-gc. */
export const gc: () => void = (() => {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return () => {};
  }
})();

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))]!;
}

/** Times one call in milliseconds. */
export async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export interface Contender {
  /** Runs the workload `iterations` times, back to back. */
  batch(iterations: number): Promise<void>;
  /** Drops what the batch left behind (stored executions), outside the timed region. */
  reset?(): Promise<void> | void;
}

export interface Comparison {
  /** Median time of one iteration in ms, per contender. */
  medians: number[];
  samples: number;
}

/**
 * Times contenders on the same workload: `warmup` untimed batches each, then `batches` timed batches,
 * alternating contenders batch by batch so drift (thermal, other load) hits both alike. A batch's time is
 * divided by its iterations (so GC pauses are amortised into the figure), and the median over batches is
 * reported. No forced GC between batches: a forced full GC makes the next runs measurably slower (about
 * 0.8 ms on the 20 ms fan-out), which no server sees.
 */
export async function compare(
  contenders: Contender[],
  opts: { iterations: number; batches: number; warmup: number },
): Promise<Comparison> {
  const samples: number[][] = contenders.map(() => []);
  for (let b = 0; b < opts.warmup + opts.batches; b++) {
    for (let c = 0; c < contenders.length; c++) {
      const contender = contenders[c]!;
      await contender.reset?.();
      const ms = await time(() => contender.batch(opts.iterations));
      if (b >= opts.warmup) samples[c]!.push(ms / opts.iterations);
    }
  }
  return { medians: samples.map(median), samples: opts.batches };
}

/** Runs `total` jobs with at most `inFlight` at once; `onSettled` runs after each. */
export async function pool(
  total: number,
  inFlight: number,
  job: (i: number) => Promise<unknown>,
  onSettled?: (done: number) => void,
): Promise<void> {
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      await job(i);
      done++;
      onSettled?.(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, total) }, worker));
}

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * Runs a bench TypeScript file in a fresh plain `node --expose-gc` process (transpiled first, see compile.ts)
 * and parses the last line it prints on stdout as JSON. The arguments are passed as one JSON argument.
 */
export async function runTsChild<T>(file: string, args: unknown, nodeFlags: string[] = []): Promise<T> {
  const compiled = await compileForNode(file);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', ...nodeFlags, compiled, JSON.stringify(args)], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last) {
        reject(new Error(`${file} exited with ${code}: ${stderr.trim() || stdout.trim()}`));
        return;
      }
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${file} printed no JSON: ${last}`));
      }
    });
  });
}
