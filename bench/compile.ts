/**
 * Transpiles a bench entry file and the bench modules it imports (relative imports, transitively) to plain
 * JavaScript, so a child process can run under plain `node`. Running children through `--import tsx` would
 * add tsx's loader thread to every memory figure (about 35 MB of RSS on Node 20).
 *
 * Output goes to node_modules/.cache/agentflow-bench/, mirroring bench/, so `@agentflow/*` and `zod` resolve
 * exactly as they do for bench/ itself (to the built packages).
 */

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const outDir = join(benchDir, '..', 'node_modules', '.cache', 'agentflow-bench');
const relativeImport = /(?:from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)\.js'/g;

/** Returns the path of the compiled entry. */
export async function compileForNode(entry: string): Promise<string> {
  const ts = createRequire(import.meta.url)('typescript') as typeof import('typescript');
  const seen = new Set<string>();
  const pending = [resolve(entry)];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = await readFile(file, 'utf8');
    for (const m of source.matchAll(relativeImport)) pending.push(resolve(dirname(file), `${m[1]}.ts`));
    const { outputText } = ts.transpileModule(source, {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2023,
        verbatimModuleSyntax: true,
      },
    });
    const target = join(outDir, relative(benchDir, file)).replace(/\.ts$/, '.js');
    await mkdir(dirname(target), { recursive: true });
    // Atomic, since a test run and a bench run may compile at once.
    const tmp = `${target}.${process.pid}.tmp`;
    await writeFile(tmp, outputText);
    await rename(tmp, target);
  }
  const compiled = join(outDir, relative(benchDir, resolve(entry))).replace(/\.ts$/, '.js');
  const pkg = join(outDir, 'package.json');
  await writeFile(`${pkg}.${process.pid}.tmp`, '{ "type": "module" }\n');
  await rename(`${pkg}.${process.pid}.tmp`, pkg);
  return compiled;
}
