import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import { testIo } from './test-support/io.js';

const root = resolve(import.meta.dirname, '../../..');
const tmp = mkdtempSync(join(tmpdir(), 'agentflow-cli-logs-'));
const dataDir = join(tmp, 'data');

async function cli(...argv: string[]) {
  const io = testIo({ cwd: root });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('agentflow executions logs', () => {
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("shows an execution's log lines, filtered by level and agent, a page at a time", async () => {
    const file = join(tmp, 'logging.json');
    const code = (tag: string) => `console.log("${tag} start"); console.warn("${tag} slow"); input`;
    writeFileSync(
      file,
      JSON.stringify({
        name: 'logging',
        agents: [
          { id: 'in', type: 'input' },
          { id: 'a', type: 'code', config: { code: code('a') } },
          { id: 'b', type: 'code', config: { code: code('b') } },
        ],
        connections: [
          { id: 'c1', sourceAgentId: 'in', targetAgentId: 'a' },
          { id: 'c2', sourceAgentId: 'a', targetAgentId: 'b' },
        ],
      }),
    );
    const run = await cli('run', file, '--input', '{}', '--data-dir', dataDir, '--json');
    expect(run.code, run.err).toBe(0);
    const { executionId } = JSON.parse(run.out) as { executionId: string };

    const all = await cli('executions', 'logs', executionId, '--data-dir', dataDir);
    expect(all.code, all.err).toBe(0);
    const lines = all.out.trim().split('\n');
    expect(lines.every((l) => /^\d{4}-\d\d-\d\dT[\d:.]+Z\s/.test(l))).toBe(true);
    expect(lines.map((l) => l.replace(/^\S+\s+/, '').replace(/\s+/g, ' '))).toEqual([
      'info a a start',
      'warn a a slow',
      'info b b start',
      'warn b b slow',
    ]);
    const warnB = await cli(
      'executions',
      'logs',
      executionId,
      '--data-dir',
      dataDir,
      '--level',
      'warn',
      '--agent',
      'b',
    );
    expect(warnB.out.trim().split('\n')).toHaveLength(1);
    expect(warnB.out).toContain('b slow');

    const first = await cli(
      'executions',
      'logs',
      executionId,
      '--data-dir',
      dataDir,
      '--limit',
      '3',
      '--json',
    );
    const page = JSON.parse(first.out) as {
      items: { message: string; agentId: string }[];
      nextCursor?: string;
    };
    expect(page.items.map((l) => l.message)).toEqual(['a start', 'a slow', 'b start']);
    const next = await cli(
      'executions',
      'logs',
      executionId,
      '--data-dir',
      dataDir,
      '--cursor',
      page.nextCursor!,
    );
    expect(next.out).toContain('b slow');
    expect(next.out.trim().split('\n')).toHaveLength(1);

    const show = await cli('executions', 'show', executionId, '--data-dir', dataDir);
    expect(show.out).toMatch(/logs:\n.*info\s+a\s+a start/);

    const bad = await cli('executions', 'logs', executionId, '--data-dir', dataDir, '--level', 'loud');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--level loud');
  }, 60_000);
});
