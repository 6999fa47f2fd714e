/**
 * One V8 setting for PGlite's WebAssembly, applied before the first store compiles it (issue 15 items 1-2).
 *
 * V8 runs PGlite's code first as baseline (Liftoff) code and compiles its hot functions again with the optimizing
 * compiler (TurboFan) in background threads, by default as many jobs at once as it has worker threads (4). On a
 * 2-core machine those jobs compete with the main thread while it opens the database, and each worker thread's
 * compiler memory stays in that thread's malloc arena once the job is done: about 80 MB of the embedded server's
 * idle RSS sat in four such arenas. One job at a time keeps the same tiers (the same code, so the same per-step
 * figures), finishes the tier-up later and holds one arena. Measured on `agentflow start` (existing directory,
 * alternated, load 13-14): idle RSS 237-242 MB against 266-278, /health 14-19 s against 19-21 s.
 *
 * The setting is process-wide: other WebAssembly in the process (the QuickJS sandbox) also compiles one job at a
 * time. `--liftoff-only` saves more memory but gives up the optimizing tier for PGlite and the sandbox alike.
 */
import { setFlagsFromString } from 'node:v8';

let applied = false;

export function limitWasmCompilation(): void {
  if (applied) return;
  applied = true;
  setFlagsFromString('--wasm-num-compilation-tasks=1');
}
