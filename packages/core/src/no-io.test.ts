/**
 * packages/core does no I/O: everything outside the process comes in through a port (ARCHITECTURE.md §2). This
 * test fails if core gains an I/O dependency, in its package.json or in an import of any non-test source file.
 * (.dependency-cruiser.cjs checks the same rule across the repository; this test keeps it in `npm test`.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** The only packages core may depend on. Anything else (pg, ioredis, fastify, ai, ...) belongs in an adapter. */
const ALLOWED_PACKAGES = new Set([
  '@agentflow/protocol',
  'zod',
  '@marcbachmann/cel-js',
  '@cfworker/json-schema',
  're2js',
]);

/** Named for clearer messages; the allow-list above already rejects them. */
const IO_PACKAGES = [
  /^(pg|pg-.+|postgres|@electric-sql\/pglite|drizzle-orm|drizzle-kit|ioredis|redis|bullmq)$/,
  /^(fastify|@fastify\/.+|mercurius|ws|undici|node-fetch|axios)$/,
  /^(ai|@ai-sdk\/.+|ollama-ai-provider-v2|@modelcontextprotocol\/.+|quickjs-emscripten)$/,
  /^(pino|prom-client|@opentelemetry\/.+|@node-rs\/.+)$/,
];

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

const srcDir = dirname(fileURLToPath(import.meta.url));
const coreDir = dirname(srcDir);

/** `zod/v4` -> `zod`, `@scope/pkg/sub` -> `@scope/pkg`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Every module a source file imports: static and type imports, re-exports, `import()` and `require()`. */
function importsOf(source: string): string[] {
  const found = ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
  // process.getBuiltinModule('fs') reaches a built-in without an import.
  for (const m of source.matchAll(/getBuiltinModule\s*\(\s*['"`]([^'"`]+)['"`]/g)) found.push(m[1]!);
  return found;
}

/**
 * Problems with one source file's imports: node built-ins, I/O packages, packages off the allow-list, and
 * relative imports that leave packages/core/src. `file` is the file's path (used to resolve relative imports).
 */
function forbiddenImports(source: string, file: string, root = srcDir): string[] {
  const problems: string[] = [];
  for (const specifier of importsOf(source)) {
    if (specifier.startsWith('.')) {
      const target = resolve(dirname(file), specifier);
      if (target !== root && !target.startsWith(root + sep))
        problems.push(`${specifier}: outside packages/core/src`);
    } else if (builtins.has(specifier) || specifier.startsWith('node:')) {
      problems.push(`${specifier}: node built-in`);
    } else if (IO_PACKAGES.some((re) => re.test(packageName(specifier)))) {
      problems.push(`${specifier}: I/O library`);
    } else if (!ALLOWED_PACKAGES.has(packageName(specifier))) {
      problems.push(`${specifier}: not in core's allow-list`);
    }
  }
  return problems;
}

/** Dependencies of a package.json that are not on the allow-list (devDependencies serve tests and builds only). */
function forbiddenDependencies(manifest: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies']) {
    const deps = manifest[field];
    const names = Array.isArray(deps)
      ? deps
      : Object.keys((deps as Record<string, string> | undefined) ?? {});
    for (const name of names) if (!ALLOWED_PACKAGES.has(String(name))) problems.push(`${field}: ${name}`);
  }
  return problems;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.[cm]?[jt]sx?$/.test(entry.name) && !/\.test\.[cm]?[jt]sx?$/.test(entry.name) ? [path] : [];
  });
}

describe('packages/core has no I/O dependency', () => {
  it('package.json depends only on the allow-list', () => {
    const manifest = JSON.parse(readFileSync(join(coreDir, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(forbiddenDependencies(manifest)).toEqual([]);
  });

  it('no source file imports a node built-in, an I/O library or a package off the allow-list', () => {
    const files = sourceFiles(srcDir);
    expect(files.length).toBeGreaterThan(20);
    const problems = files.flatMap((file) =>
      forbiddenImports(readFileSync(file, 'utf8'), file).map((p) => `${relative(coreDir, file)}: ${p}`),
    );
    expect(problems).toEqual([]);
  });
});

describe('the check itself', () => {
  const file = join(srcDir, 'engine', 'example.ts');

  it('catches every way of importing a built-in or an I/O library', () => {
    const source = [
      "import fs from 'node:fs';",
      "import { readFile } from 'fs/promises';",
      "import type { Socket } from 'net';",
      "export * from 'ioredis';",
      "export { Pool } from 'pg';",
      "const ai = await import('@ai-sdk/openai');",
      "const http = require('node:http');",
      "const cp = process.getBuiltinModule('child_process');",
      "import { Queue } from 'bullmq';",
      "import '@electric-sql/pglite';",
      "import { lodash } from 'lodash';",
      "import { createSqlStore } from '../../../../adapters/store-sql/src/index.js';",
    ].join('\n');
    expect(forbiddenImports(source, file)).toEqual([
      'node:fs: node built-in',
      'fs/promises: node built-in',
      'net: node built-in',
      'ioredis: I/O library',
      'pg: I/O library',
      '@ai-sdk/openai: I/O library',
      'node:http: node built-in',
      'bullmq: I/O library',
      '@electric-sql/pglite: I/O library',
      "lodash: not in core's allow-list",
      '../../../../adapters/store-sql/src/index.js: outside packages/core/src',
      'child_process: node built-in',
    ]);
  });

  it('accepts the allow-list, relative imports within core, and imports that only appear in text', () => {
    const source = [
      "import { z } from 'zod';",
      "import type { Issue } from '@agentflow/protocol';",
      "import { Environment } from '@marcbachmann/cel-js';",
      "import { Validator } from '@cfworker/json-schema';",
      "import { compileWorkflow } from '../graph/compile.js';",
      "// import fs from 'node:fs';",
      "/* const pg = require('pg'); */",
      'const doc = "import net from \'node:net\'";',
    ].join('\n');
    expect(forbiddenImports(source, file)).toEqual([]);
  });

  it('flags a package.json that gains an I/O dependency', () => {
    expect(
      forbiddenDependencies({
        dependencies: { zod: '^4', pg: '^8' },
        peerDependencies: { ioredis: '^5' },
        devDependencies: { vitest: '^4' },
      }),
    ).toEqual(['dependencies: pg', 'peerDependencies: ioredis']);
  });
});
