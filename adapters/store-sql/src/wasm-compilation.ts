/**
 * Two V8 settings for PGlite's WebAssembly, applied before the first store compiles it (issue 15 items 1-2).
 *
 * V8 runs PGlite's code first as baseline (Liftoff) code and compiles its hot functions again with the optimizing
 * compiler (TurboFan) in background threads, by default as many jobs at once as it has worker threads (4). On a
 * 2-core machine those jobs compete with the main thread while it opens the database, and each worker thread's
 * compiler memory stays in that thread's malloc arena once the job is done: about 80 MB of the embedded server's
 * idle RSS sat in four such arenas. One job at a time keeps the same tiers (the same code, so the same per-step
 * figures), finishes the tier-up later and holds one arena. Measured on `agentflow start` (existing directory,
 * alternated, load 13-14): idle RSS 237-242 MB against 266-278, /health 14-19 s against 19-21 s.
 *
 * Second, a function is optimized after ten times as much execution as V8's default (`--wasm-tiering-budget`,
 * 1.8 M "bytes executed" by default): opening the database (postgres' start and its first queries) no longer
 * makes functions "hot" that a server at rest never runs again, whose compilation left up to ~40 MB of freed
 * compiler memory in a worker thread's malloc arena in about half the starts (V8's peak malloced memory 46-49 MB
 * against 36-38 MB in the others). What stays hot under load is optimized all the same, a little later. Measured
 * on `agentflow start` (existing directory, 5 s after /health, registered account), 2026-12-07 at load ~1-2:
 * idle RSS 225-236 MB in four starts against 234-280 (six of ten above 260); the durable suite alternated,
 * PGlite 0.266/0.273 against 0.260/0.266 ms a step and 1,509/1,529 against 1,614/1,634 executions/s (the suite's
 * short runs meet the later tier-up); a hundred times the budget: 210-229 MB.
 *
 * The settings are process-wide: other WebAssembly in the process (the QuickJS sandbox) also compiles one job at a
 * time and tiers up as late. `--liftoff-only` saves more memory (192-195 MB) but gives up the optimizing tier for
 * PGlite and the sandbox alike (0.223 against 0.185 ms a step when measured).
 */
import { setFlagsFromString } from 'node:v8';

let applied = false;

export function limitWasmCompilation(): void {
  if (applied) return;
  applied = true;
  setFlagsFromString('--wasm-num-compilation-tasks=1');
  setFlagsFromString(`--wasm-tiering-budget=${10 * 1_800_000}`);
}
