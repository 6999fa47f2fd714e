import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../apps/cli/src/main.js';
import { testIo } from '../apps/cli/src/test-support/io.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const readme = readFileSync(new URL('README.md', `file://${root}`), 'utf8');
const contributing = readFileSync(new URL('CONTRIBUTING.md', `file://${root}`), 'utf8');
const blocks = (lang: string, text = readme) =>
  [...text.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((m) => m[1]!);

/** Splits a command line the way a POSIX shell does for plain words and '…' / "…" quotes. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  let current: string | undefined;
  let last = -1;
  for (const m of line.matchAll(re)) {
    const part = m[1] ?? m[2] ?? m[3]!;
    // Adjacent pieces (approval='{"a": 1}') form one word.
    if (current !== undefined && m.index === last) current += part;
    else {
      if (current !== undefined) words.push(current);
      current = part;
    }
    last = m.index + m[0].length;
  }
  if (current !== undefined) words.push(current);
  return words;
}

const commands = blocks('sh')
  .flatMap((b) => b.split('\n'))
  .filter((line) => line.startsWith('npx agentflow '))
  .map((line) => {
    const [command, comment] = line.split(/\s+#\s*/);
    const expected = /exit (\d)/.exec(comment ?? '');
    return { line, argv: shellWords(command!).slice(2), code: expected ? Number(expected[1]) : 0 };
  });

describe('README', () => {
  it('has the two-command quick start', () => {
    expect(blocks('sh')[0]).toBe('npm install\nnpm start\n');
    expect(readme).toContain('npm test');
  });

  it('shows every CLI command', () => {
    const used = new Set(commands.map((c) => c.argv[0]));
    expect([...used].sort()).toEqual(['node-types', 'run', 'schema', 'validate']);
  });

  it.each(commands)('$line exits $code', async ({ argv, code }) => {
    const io = testIo({ cwd: root });
    expect(await main(argv, io), io.err()).toBe(code);
  });

  it('shows examples/hello.json as the format example', () => {
    const json = blocks('json')[0]!;
    expect(JSON.parse(json)).toEqual(
      JSON.parse(readFileSync(new URL('hello.json', import.meta.url), 'utf8')),
    );
  });

  it('takes its TypeScript snippets from examples/embed.ts, which runs', async () => {
    const source = readFileSync(new URL('embed.ts', import.meta.url), 'utf8');
    const snippets = blocks('ts');
    expect(snippets.length).toBeGreaterThanOrEqual(2);
    for (const snippet of snippets) expect(source).toContain(snippet);

    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await import('./embed.js');
      const lines = log.mock.calls.map((args) => args.map(String).join(' '));
      expect(lines).toContain('succeeded HELLO!');
      expect(lines).toContain('cancelled');
      expect(log.mock.calls).toContainEqual([
        'succeeded',
        { post: 'Berlin, here we come!', approved: true, note: '' },
      ]);
    } finally {
      log.mockRestore();
    }
  });

  it("CONTRIBUTING's node type is examples/custom-node-type.ts, which has a test", () => {
    const source = readFileSync(new URL('custom-node-type.ts', import.meta.url), 'utf8');
    const [snippet] = blocks('ts', contributing);
    expect(source).toContain(snippet);
    expect(contributing).toContain('examples/custom-node-type.test.ts');
  });
});
