import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime, type Runtime } from '@agentflow/runtime';
import { schema } from '@agentflow/store-sql';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import { testIo } from './test-support/io.js';

/**
 * `agentflow import` on another deployment: the export of one data directory goes into a fresh one (or into
 * another workspace), with ids remapped where another workspace uses them and subworkflow references kept, and
 * the imported parent workflow runs its imported child.
 */
const tmp = mkdtempSync(join(tmpdir(), 'agentflow-cli-import-'));
const source = join(tmp, 'source');
const target = join(tmp, 'target');
const file = join(tmp, 'export.json');

async function cli(...argv: string[]) {
  const io = testIo({ cwd: tmp });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const child = {
  name: 'child',
  agents: [
    { id: 'in', type: 'input' },
    { id: 'shout', type: 'transform', config: { expression: 'input + "!"' } },
    { id: 'out', type: 'output' },
  ],
  connections: [
    { id: 'c1', sourceAgentId: 'in', targetAgentId: 'shout' },
    { id: 'c2', sourceAgentId: 'shout', targetAgentId: 'out' },
  ],
};
const parentOf = (childId: string) => ({
  name: 'parent',
  agents: [
    { id: 'in', type: 'input' },
    { id: 'sub', type: 'subworkflow', config: { workflowId: childId } },
    { id: 'out', type: 'output' },
  ],
  connections: [
    { id: 'c1', sourceAgentId: 'in', targetAgentId: 'sub' },
    { id: 'c2', sourceAgentId: 'sub', targetAgentId: 'out' },
  ],
});

async function withRuntime<T>(dataDir: string, use: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await createRuntime({ env: {}, config: { dataDir } });
  try {
    return await use(runtime);
  } finally {
    await runtime.close();
  }
}

async function addWorkspace(runtime: Runtime, id: string, name: string): Promise<void> {
  await runtime.store.db.insert(schema.workspaces).values({ id, name });
}

async function runParent(runtime: Runtime, parentId: string, workspaceId?: string) {
  const scope = workspaceId === undefined ? {} : { workspaceId };
  const { done } = await runtime.workflows.execute(parentId, 'hi', scope);
  return done;
}

describe('agentflow import into another deployment', () => {
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  let childId = '';
  let parentId = '';

  it('exports a workspace with a parent and its subworkflow', async () => {
    await withRuntime(source, async (runtime) => {
      await addWorkspace(runtime, 'ws-source', 'Source team');
      const c = await runtime.workflows.create(child as never, { workspaceId: 'ws-source' });
      const p = await runtime.workflows.create(parentOf(c.id) as never, { workspaceId: 'ws-source' });
      childId = c.id;
      parentId = p.id;
      expect((await runParent(runtime, p.id, 'ws-source')).output).toBe('hi!');
    });
    const exported = await cli('export', file, '--data-dir', source);
    expect(exported.code, exported.err).toBe(0);
  }, 60_000);

  it('imports into a fresh data directory (no workspace there) and runs the parent with its child', async () => {
    const r = await cli('import', file, '--data-dir', target);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('imported into no workspace (none exists here): 2 created');
    const result = JSON.parse(r.out) as { target: unknown; workflows: { created: string[] } };
    expect(result.target).toBeNull();
    expect(result.workflows.created.sort()).toEqual([childId, parentId].sort());
    await withRuntime(target, async (runtime) => {
      const run = await runParent(runtime, parentId);
      expect(run).toMatchObject({ status: 'succeeded', output: 'hi!' });
    });
  }, 60_000);

  it('imports into the only workspace by default, and into a chosen one with new ids and kept references', async () => {
    const fresh = join(tmp, 'team');
    await withRuntime(fresh, async (runtime) => {
      await addWorkspace(runtime, 'ws-team', 'Team');
    });
    const only = await cli('import', file, '--data-dir', fresh);
    expect(only.code, only.err).toBe(0);
    expect(only.err).toContain('imported into workspace ws-team: 2 created');

    await withRuntime(fresh, async (runtime) => {
      await addWorkspace(runtime, 'ws-other', 'Other team');
    });
    const ambiguous = await cli('import', file, '--data-dir', fresh);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.err).toMatch(
      /several workspaces: choose the target by id or name \(.*Other team \(ws-other\)/,
    );
    expect(ambiguous.err).toContain('--workspace <id or name>');
    expect(ambiguous.err).not.toMatch(/\n\s+at /);

    const missing = await cli('import', file, '--data-dir', fresh, '--workspace', 'Nobody');
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain('workspace "Nobody" not found (by id or by name)');

    const other = await cli('import', file, '--data-dir', fresh, '--workspace', 'Other team');
    expect(other.code, other.err).toBe(0);
    expect(other.err).toContain('2 id(s) used by another workspace got new ids (references kept)');
    const result = JSON.parse(other.out) as { target: string; remapped: Record<string, string> };
    expect(result.target).toBe('ws-other');
    const newParent = result.remapped[parentId]!;
    const newChild = result.remapped[childId]!;
    expect(newParent).toBeDefined();
    expect(newChild).toBeDefined();
    await withRuntime(fresh, async (runtime) => {
      const copy = await runtime.workflows.get(newParent, { workspaceId: 'ws-other' });
      expect(copy.definition.agents.find((a) => a.id === 'sub')?.config).toMatchObject({
        workflowId: newChild,
      });
      const run = await runParent(runtime, newParent, 'ws-other');
      expect(run).toMatchObject({ status: 'succeeded', output: 'hi!' });
      // The team's workflows are untouched, and still run.
      expect((await runParent(runtime, parentId, 'ws-team')).output).toBe('hi!');
    });

    // Export one workspace, by name: only its two copies.
    const mine = await cli('export', '--data-dir', fresh, '--workspace', 'Other team');
    expect(mine.code, mine.err).toBe(0);
    const doc = JSON.parse(mine.out) as { workflows: { id: string; workspaceId: string }[] };
    expect(doc.workflows.map((w) => w.id).sort()).toEqual([newChild, newParent].sort());
    expect(doc.workflows.every((w) => w.workspaceId === 'ws-other')).toBe(true);

    // Importing again into the same workspace recognises its workflows (same ids, unchanged).
    const again = await cli('import', file, '--data-dir', fresh, '--workspace', 'ws-team');
    expect(again.code, again.err).toBe(0);
    expect(again.err).toContain('0 created, 0 updated, 2 unchanged');
  }, 120_000);
});
