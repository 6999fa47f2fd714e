/**
 * Packages as users install them (issue 18, item 7): for every publishable workspace package (one with `files`),
 * `npm pack --dry-run --json` lists what would ship, and this test checks it: the build is there, every `exports`
 * and `bin` target is shipped, no tests, suites, fixtures, test support or benchmark harnesses, no build info,
 * and every source map carries its sources or points at shipped files. It also checks the dependencies a user
 * installs: no production package needs the test kit (or vitest), and database drivers and optional adapters'
 * libraries are optional peer dependencies, never hard ones. Needs a build (`npm run build`), as `npm pack` would.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const run = promisify(execFile);

interface Manifest {
  name: string;
  files?: string[];
  bin?: Record<string, string>;
  exports?: Record<string, string | Record<string, string>>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };
const packages = root.workspaces
  .map((dir) => ({
    dir,
    manifest: JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as Manifest,
  }))
  .filter((p) => p.manifest.files !== undefined);

/** Libraries only some deployments use: never a hard dependency of a published package. */
const OPTIONAL = ['pg', 'pg-cursor', 'bullmq', 'ioredis', '@aws-sdk/client-s3', 'nodemailer'];
const NOT_SHIPPED =
  /(^|\/)(test-support|fixtures?)(\/|\.)|\.(test|suite|fixture)\.|(^|\/)bench\.|\.tsbuildinfo$/;

async function packed(dir: string): Promise<string[]> {
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: join(ROOT, dir),
    maxBuffer: 64 * 1024 * 1024,
  });
  const [report] = JSON.parse(stdout) as { files: { path: string }[] }[];
  return report!.files.map((f) => f.path);
}

function targets(manifest: Manifest): string[] {
  const out: string[] = Object.values(manifest.bin ?? {});
  for (const entry of Object.values(manifest.exports ?? {})) {
    out.push(...(typeof entry === 'string' ? [entry] : Object.values(entry)));
  }
  return out.map((t) => posix.normalize(t));
}

/** Problems of the source maps among `files`: a source neither embedded nor shipped. */
function mapProblems(dir: string, files: Set<string>): string[] {
  const problems: string[] = [];
  for (const file of files) {
    if (!/\.(js|d\.ts)\.map$/.test(file)) continue;
    const map = JSON.parse(readFileSync(join(ROOT, dir, file), 'utf8')) as {
      sources: string[];
      sourcesContent?: (string | null)[];
    };
    map.sources.forEach((source, i) => {
      if (typeof map.sourcesContent?.[i] === 'string') return;
      const target = posix.normalize(posix.join(posix.dirname(file), source));
      if (!files.has(target)) problems.push(`${file} -> ${source}`);
    });
  }
  return problems;
}

describe('npm pack contents of every publishable package', () => {
  it('covers the packages', () => {
    expect(packages.map((p) => p.manifest.name)).toEqual(
      expect.arrayContaining([
        '@agentflow/core',
        '@agentflow/runtime',
        '@agentflow/store-sql',
        'agentflow-cli',
      ]),
    );
  });

  it.each(packages)(
    '$dir ships its build, nothing of its tests, and resolvable exports and maps',
    async ({ dir, manifest }) => {
      if (!existsSync(join(ROOT, dir, 'dist'))) throw new Error(`${dir} is not built: run npm run build`);
      const files = new Set(await packed(dir));
      expect([...files].some((f) => f.startsWith('dist/') && f.endsWith('.js'))).toBe(true);
      // The test kit's own fixtures (record builders) are what it is for; its tests are not.
      const notShipped = manifest.name === '@agentflow/testing' ? /\.test\.|\.tsbuildinfo$/ : NOT_SHIPPED;
      expect([...files].filter((f) => notShipped.test(f))).toEqual([]);
      expect(targets(manifest).filter((t) => !files.has(t))).toEqual([]);
      expect(mapProblems(dir, files)).toEqual([]);
    },
    300_000,
  );
});

describe('dependencies a user installs', () => {
  it.each(packages)('$dir: no test kit, and optional libraries only as optional peers', ({ manifest }) => {
    const hard = Object.keys(manifest.dependencies ?? {});
    if (manifest.name !== '@agentflow/testing') {
      expect(hard.filter((d) => d === '@agentflow/testing' || d === 'vitest')).toEqual([]);
    }
    expect(hard.filter((d) => OPTIONAL.includes(d))).toEqual([]);
    for (const peer of Object.keys(manifest.peerDependencies ?? {}).filter((d) => OPTIONAL.includes(d))) {
      expect(manifest.peerDependenciesMeta?.[peer]?.optional, `${manifest.name} peer ${peer}`).toBe(true);
    }
  });
});
