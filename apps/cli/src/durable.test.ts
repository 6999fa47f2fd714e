import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import { testIo } from './test-support/io.js';

const root = resolve(import.meta.dirname, '../../..');
const tmp = mkdtempSync(join(tmpdir(), 'agentflow-cli-durable-'));
const dataDir = join(tmp, 'data');

async function cli(...argv: string[]) {
  const io = testIo({ cwd: root });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('durable commands on an embedded data directory', () => {
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  let executionId = '';

  it('runs a workflow durably and lists and shows it afterwards', async () => {
    const run = await cli(
      'run',
      'examples/hello.json',
      '--input',
      '{"name":"Ada"}',
      '--data-dir',
      dataDir,
      '--json',
    );
    expect(run.code, run.err).toBe(0);
    const result = JSON.parse(run.out) as { executionId: string; output: unknown };
    expect(result.output).toBe('Hello, Ada');
    executionId = result.executionId;

    const list = await cli('executions', 'list', '--data-dir', dataDir, '--json');
    expect(list.code, list.err).toBe(0);
    expect((JSON.parse(list.out) as { items: { id: string }[] }).items.map((x) => x.id)).toEqual([
      executionId,
    ]);

    const show = await cli('executions', 'show', executionId, '--data-dir', dataDir, '--json');
    const detail = JSON.parse(show.out) as { steps: { agentId: string }[]; messages: unknown[] };
    expect(detail.steps.map((s) => s.agentId)).toEqual(['in', 'greet', 'out']);
    expect(detail.messages).toHaveLength(2);

    const bad = await cli('executions', 'list', '--data-dir', dataDir, '--status', 'nope');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--status nope');
    expect((await cli('migrate', '--data-dir', dataDir)).code).toBe(0);
  }, 60_000);

  it('exports and imports workflows; a bad import lists every problem and writes nothing', async () => {
    const file = join(tmp, 'export.json');
    const doc = {
      format: 'agentflow.export',
      version: 1,
      workflows: [
        {
          id: 'hello',
          name: 'Hello',
          agents: [{ id: 'in', type: 'input' }],
          connections: [],
        },
      ],
      templates: [],
    };
    writeFileSync(file, JSON.stringify(doc));
    const imported = await cli('import', file, '--data-dir', dataDir);
    expect(imported.code, imported.err).toBe(0);
    const exported = await cli('export', '--data-dir', dataDir);
    expect(exported.code, exported.err).toBe(0);
    expect(JSON.stringify(JSON.parse(exported.out))).toContain('"hello"');

    const badFile = join(tmp, 'bad.json');
    writeFileSync(badFile, JSON.stringify({ ...doc, workflows: [{ id: 'x', agents: 'nope' }] }));
    const bad = await cli('import', badFile, '--data-dir', dataDir);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/workflows\[0\]/);
    const after = await cli('export', '--data-dir', dataDir);
    expect(after.out).not.toContain('"x"');
  }, 60_000);

  it('backs up and restores the data directory', async () => {
    const backup = join(tmp, 'backup.tar.gz');
    const made = await cli('backup', backup, '--data-dir', dataDir);
    expect(made.code, made.err).toBe(0);
    const restoredDir = join(tmp, 'restored');
    const restored = await cli('restore', backup, '--data-dir', restoredDir);
    expect(restored.code, restored.err).toBe(0);
    const list = await cli('executions', 'list', '--data-dir', restoredDir, '--json');
    expect((JSON.parse(list.out) as { items: { id: string }[] }).items.map((x) => x.id)).toEqual([
      executionId,
    ]);
    // Restoring over an existing database is refused and changes nothing.
    const again = await cli('restore', backup, '--data-dir', dataDir);
    expect(again.code).not.toBe(0);
    expect(again.err).toContain('already holds a database');
  }, 90_000);
});
