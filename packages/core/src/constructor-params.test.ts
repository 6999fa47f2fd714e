/**
 * No constructor in the repository's sources takes more than 4 positional parameters (ARCHITECTURE.md §2,
 * issue 18 item 6): a longer list is an options object, or the objects it is read from (StepContext takes its step
 * and its attempt). This test walks every non-test TypeScript source of the packages, adapters and apps.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const MAX = 4;
const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function sources(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') found.push(...sources(path));
    } else if (/\.tsx?$/.test(entry.name) && !/\.(test|d)\.tsx?$/.test(entry.name)) {
      found.push(path);
    }
  }
  return found;
}

function longConstructors(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isConstructorDeclaration(node) && node.parameters.length > MAX) {
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      found.push(`${relative(repo, file)}:${line} (${node.parameters.length} parameters)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('constructors', () => {
  it(`take at most ${MAX} positional parameters`, () => {
    const files = ['packages', 'adapters', 'apps'].flatMap((top) =>
      readdirSync(join(repo, top), { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .flatMap((d) => {
          try {
            return sources(join(repo, top, d.name, 'src'));
          } catch {
            return [];
          }
        }),
    );
    expect(files.length).toBeGreaterThan(300);
    expect(files.flatMap(longConstructors)).toEqual([]);
  });

  it('are found by the check (a fixture with five)', () => {
    const fixture = join(repo, 'packages', 'core', 'src', 'constructor-params.test.ts');
    expect(longConstructors(fixture)).toHaveLength(1);
  });
});

/** The check's own fixture: never constructed. */
export class FiveParameters {
  constructor(
    readonly a: number,
    readonly b: number,
    readonly c: number,
    readonly d: number,
    readonly e: number,
  ) {}
}
