/**
 * Environment variables are read in one place (ARCHITECTURE.md §2): `packages/runtime/src/config.ts` (loadConfig
 * and `processEnv()`), plus the CLI's process boundary (`apps/cli/src/io.ts`, which captures argv, stdio, cwd and
 * env for its commands). Everything else gets values, or the environment record, passed down. This test fails if
 * `process.env` appears in any other production source file (tests, fixtures, test support and benchmarks may).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const ALLOWED = new Set(['packages/runtime/src/config.ts', 'apps/cli/src/io.ts']);
const NOT_PRODUCTION = /(\.(test|suite|fixture)\.tsx?$|\/test-support(\/|\.ts$)|\/bench(\/|\.ts$)|\/e2e\/)/;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(path));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Lines of code that name `process.env`, comments left out (a JSDoc example may show it). */
function envReads(text: string): number[] {
  const lines: number[] = [];
  text.split('\n').forEach((line, i) => {
    const code = line.replace(/\/\/.*$/, '').trim();
    if (code.startsWith('*') || code.startsWith('/*')) return;
    if (/\bprocess\.env\b/.test(code)) lines.push(i + 1);
  });
  return lines;
}

describe('environment variables are read in loadConfig only', () => {
  it('no production source outside config.ts and the CLI io names process.env', () => {
    const found: string[] = [];
    let scanned = 0;
    for (const top of ['packages', 'adapters', 'apps']) {
      for (const pkg of readdirSync(join(ROOT, top))) {
        let files: string[];
        try {
          files = sources(join(ROOT, top, pkg, 'src'));
        } catch {
          continue;
        }
        for (const file of files) {
          const rel = relative(ROOT, file).split('\\').join('/');
          if (NOT_PRODUCTION.test(rel) || ALLOWED.has(rel)) continue;
          scanned++;
          for (const line of envReads(readFileSync(file, 'utf8'))) found.push(`${rel}:${line}`);
        }
      }
    }
    expect(scanned).toBeGreaterThan(200);
    expect(found).toEqual([]);
  });

  it('the check sees a read (and not one in a comment)', () => {
    expect(envReads('const a = 1;\nconst url = process.env.DATABASE_URL;')).toEqual([2]);
    expect(envReads(' * e.g. apiKey: process.env.AF_KEY\n// process.env.X')).toEqual([]);
  });
});
