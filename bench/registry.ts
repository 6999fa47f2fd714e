/**
 * Finds the benchmark suites: every `bench/suites/*.ts` (not `*.test.ts`, not `_*.ts`) whose default export is
 * a BenchSuite, in file-name order. Adding a suite is adding a file; nothing else to register.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchSuite } from './types.js';

export const suitesDir = fileURLToPath(new URL('./suites/', import.meta.url));

export function isBenchSuite(value: unknown): value is BenchSuite {
  const v = value as Partial<BenchSuite> | null;
  return typeof v === 'object' && v !== null && typeof v.name === 'string' && typeof v.run === 'function';
}

export async function loadSuites(dir = suitesDir): Promise<BenchSuite[]> {
  const files = (await readdir(dir))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts') && !f.startsWith('_'))
    .sort();
  const suites: BenchSuite[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default?: unknown };
    if (!isBenchSuite(mod.default)) throw new Error(`bench/suites/${file} has no BenchSuite default export`);
    suites.push(mod.default);
  }
  return suites;
}
