/**
 * Workflow and template repositories, export and import: run on both drivers by pglite.test.ts and
 * postgres.int.test.ts.
 */
import { randomUUID } from 'node:crypto';
import type { AgentFlowError, WorkflowInput } from '@agentflow/protocol';
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMAT } from './portability.js';
import { workspaces } from './schema.js';
import type { SqlStore } from './sql-store.js';

function workflowInput(name: string, extra: Partial<WorkflowInput> = {}): WorkflowInput {
  return {
    name,
    agents: [
      { id: 'in', type: 'input' },
      { id: 'out', type: 'output', config: { note: 'unicode é 😀' } },
    ],
    connections: [{ id: 'c1', sourceAgentId: 'in', targetAgentId: 'out' }],
    ...extra,
  };
}

async function newWorkspace(store: SqlStore): Promise<string> {
  const id = `ws-${randomUUID()}`;
  await store.db.insert(workspaces).values({ id, name: id });
  return id;
}

async function errorOf(promise: Promise<unknown>): Promise<AgentFlowError> {
  try {
    await promise;
  } catch (error) {
    return error as AgentFlowError;
  }
  throw new Error('expected a rejection');
}

export function defineRepositoryTests(store: () => SqlStore): void {
  describe('workflows', () => {
    it('creates version 1 with defaults applied and gets it back', async () => {
      const ws = await newWorkspace(store());
      const wf = await store().createWorkflow(workflowInput('first'), { workspaceId: ws });
      expect(wf).toMatchObject({ name: 'first', status: 'draft', version: 1, workspaceId: ws });
      expect(wf.definition).toMatchObject({
        id: wf.id,
        version: 1,
        workspaceId: ws,
        config: { maxSteps: 1000 },
      });
      expect(await store().getWorkflow(wf.id)).toEqual(wf);
      expect(await store().getWorkflow(wf.id, { workspaceId: ws })).toEqual(wf);
      expect(await store().getWorkflow(wf.id, { workspaceId: await newWorkspace(store()) })).toBeUndefined();
      await expect(store().createWorkflow(workflowInput('again', { id: wf.id }))).rejects.toMatchObject({
        code: 'AF_DUPLICATE_ID',
      });
    });

    it('rejects an invalid definition listing every issue with its path', async () => {
      const bad = { name: '', agents: [{ id: 'has space', type: 'input' }, { type: 'x' }] };
      const error = await errorOf(store().createWorkflow(bad as unknown as WorkflowInput));
      expect(error.code).toBe('AF_VALIDATION');
      const paths = error.issues?.map((i) => i.path) ?? [];
      expect(paths).toEqual(expect.arrayContaining(['name', 'agents[0].id', 'agents[1].id']));
    });

    it('names a missing workspace', async () => {
      await expect(
        store().createWorkflow(workflowInput('orphan'), { workspaceId: `ws-${randomUUID()}` }),
      ).rejects.toMatchObject({ code: 'AF_NOT_FOUND' });
    });

    it('updates by writing the next immutable version', async () => {
      const ws = await newWorkspace(store());
      const v1 = await store().createWorkflow(workflowInput('versioned'), { workspaceId: ws });
      const v2 = await store().updateWorkflow(v1.id, workflowInput('versioned v2', { status: 'active' }));
      const v3 = await store().updateWorkflow(v1.id, workflowInput('versioned v3'), { workspaceId: ws });
      expect([v2.version, v3.version]).toEqual([2, 3]);
      expect(v3).toMatchObject({ name: 'versioned v3', workspaceId: ws, createdAt: v1.createdAt });
      const versions = await store().listWorkflowVersions(v1.id);
      expect(versions.map((v) => [v.version, v.definition.name])).toEqual([
        [3, 'versioned v3'],
        [2, 'versioned v2'],
        [1, 'versioned'],
      ]);
      expect((await store().getWorkflowVersion(v1.id, 1))?.definition).toEqual(v1.definition);
      expect(await store().getWorkflowVersion(v1.id, 9)).toBeUndefined();
      // Beyond the 32-bit column: no row, not a database error.
      expect(await store().getWorkflowVersion(v1.id, 2 ** 53 - 19)).toBeUndefined();
      await expect(
        store().updateWorkflow(v1.id, workflowInput('x'), { workspaceId: await newWorkspace(store()) }),
      ).rejects.toMatchObject({ code: 'AF_NOT_FOUND' });
      await expect(store().updateWorkflow(randomUUID(), workflowInput('x'))).rejects.toMatchObject({
        code: 'AF_NOT_FOUND',
      });
    });

    it('concurrent updates get distinct consecutive versions', async () => {
      const wf = await store().createWorkflow(workflowInput('raced'));
      const updated = await Promise.all(
        [1, 2, 3, 4, 5].map((i) => store().updateWorkflow(wf.id, workflowInput(`raced ${i}`))),
      );
      expect(updated.map((u) => u.version).sort()).toEqual([2, 3, 4, 5, 6]);
      expect((await store().listWorkflowVersions(wf.id)).length).toBe(6);
    });

    it('lists a workspace newest first with a cursor; deletes', async () => {
      const ws = await newWorkspace(store());
      const made = [];
      for (let i = 0; i < 5; i++)
        made.push(await store().createWorkflow(workflowInput(`w${i}`), { workspaceId: ws }));
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store().listWorkflows({
          workspaceId: ws,
          limit: 2,
          ...(cursor ? { cursor } : {}),
        });
        ids.push(...page.items.map((w) => w.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(ids).toEqual(made.map((w) => w.id).reverse());
      expect(await store().deleteWorkflow(made[0]!.id, { workspaceId: await newWorkspace(store()) })).toBe(
        false,
      );
      expect(await store().deleteWorkflow(made[0]!.id)).toBe(true);
      expect(await store().getWorkflow(made[0]!.id)).toBeUndefined();
      expect(await store().listWorkflowVersions(made[0]!.id)).toEqual([]);
    });
  });

  describe('templates', () => {
    it('creates, gets and lists with workspace visibility', async () => {
      const ws = await newWorkspace(store());
      const other = await newWorkspace(store());
      const category = `cat-${randomUUID()}`;
      const mine = await store().createTemplate(
        { name: 'A mine', category, configSchema: { type: 'object' }, defaultConfig: { model: 'x' } },
        { workspaceId: ws },
      );
      const shared = await store().createTemplate(
        { name: 'B shared', category, configSchema: {}, isPublic: true },
        { workspaceId: other },
      );
      const hidden = await store().createTemplate(
        { name: 'C hidden', category, configSchema: {} },
        { workspaceId: other },
      );
      expect(mine).toMatchObject({
        isPublic: false,
        downloads: 0,
        defaultConfig: { model: 'x' },
        workspaceId: ws,
      });
      expect(await store().getTemplate(mine.id, { workspaceId: ws })).toEqual(mine);
      expect(await store().getTemplate(hidden.id, { workspaceId: ws })).toBeUndefined();
      expect(await store().getTemplate(shared.id, { workspaceId: ws })).toEqual(shared);
      const page1 = await store().listTemplates({ workspaceId: ws, category, limit: 1 });
      const page2 = await store().listTemplates({
        workspaceId: ws,
        category,
        limit: 1,
        cursor: page1.nextCursor!,
      });
      expect([...page1.items, ...page2.items].map((t) => t.name)).toEqual(['A mine', 'B shared']);
      expect(page2.nextCursor).toBeUndefined();
      expect((await store().listTemplates({ category })).items).toHaveLength(3);
      const invalid = await errorOf(store().createTemplate({ name: '' } as never));
      expect(invalid.code).toBe('AF_VALIDATION');
      expect(invalid.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(['name', 'configSchema']));
    });
  });

  describe('export and import', () => {
    it('round-trips a workspace into another one, then recognises unchanged and changed definitions', async () => {
      const from = await newWorkspace(store());
      await store().createWorkflow(workflowInput('exported'), { workspaceId: from });
      await store().createTemplate({ name: 'T', configSchema: { a: 1 } }, { workspaceId: from });
      const doc = await store().exportData({ workspaceId: from });
      expect(doc).toMatchObject({ format: EXPORT_FORMAT, version: 1 });
      expect(doc.workflows.map((w) => w.name)).toEqual(['exported']);
      expect(doc.templates.map((t) => t.name)).toEqual(['T']);

      const to = await newWorkspace(store());
      const copy = {
        ...doc,
        workflows: doc.workflows.map(({ id: _id, ...w }) => w),
        templates: doc.templates.map(({ id: _id, ...t }) => t),
      };
      const first = await store().importData(JSON.stringify(copy), { workspaceId: to });
      expect(first.workflows.created).toHaveLength(1);
      expect(first.templates.created).toHaveLength(1);
      const imported = (await store().exportData({ workspaceId: to })).workflows[0]!;
      expect(imported).toMatchObject({ name: 'exported', workspaceId: to, version: 1 });

      const same = await store().importData(
        { ...doc, workflows: [imported], templates: [] },
        { workspaceId: to },
      );
      expect(same.workflows).toEqual({ created: [], updated: [], unchanged: [imported.id!] });
      const changed = { ...imported, description: 'changed' };
      const next = await store().importData(
        { ...doc, workflows: [changed], templates: [] },
        { workspaceId: to },
      );
      expect(next.workflows.updated).toEqual([imported.id!]);
      expect((await store().getWorkflow(imported.id!))?.version).toBe(2);
    });

    it('rejects a bad document with every issue and writes nothing', async () => {
      const ws = await newWorkspace(store());
      const good = workflowInput('good', { id: `good-${randomUUID().slice(0, 8)}` });
      const bad = {
        format: EXPORT_FORMAT,
        version: 1,
        workflows: [good, { name: 'no agents' }, { ...good }],
        templates: [{ name: 'no schema' }],
      };
      const error = await errorOf(store().importData(bad, { workspaceId: ws }));
      expect(error.code).toBe('AF_VALIDATION');
      expect(error.issues?.map((i) => i.path)).toEqual(
        expect.arrayContaining(['workflows[1].agents', 'templates[0].configSchema']),
      );
      const dup = await errorOf(store().importData({ ...bad, workflows: [good, good], templates: [] }));
      expect(dup.issues?.map((i) => [i.path, i.code])).toEqual([['workflows[1].id', 'AF_DUPLICATE_ID']]);
      expect((await errorOf(store().importData('{not json'))).code).toBe('AF_VALIDATION');
      expect((await errorOf(store().importData({ format: 'other', version: 1 }))).code).toBe('AF_VALIDATION');
      expect(await store().getWorkflow(good.id!)).toBeUndefined();
      expect((await store().exportData({ workspaceId: ws })).workflows).toEqual([]);
    });

    it('imports a copy (new id) of a workflow another workspace owns, never overwriting it', async () => {
      const owner = await newWorkspace(store());
      const intruder = await newWorkspace(store());
      const theirs = await store().createWorkflow(workflowInput('theirs'), { workspaceId: owner });
      const fresh = workflowInput('fresh', { id: `fresh-${randomUUID().slice(0, 8)}` });
      const doc = {
        format: EXPORT_FORMAT,
        version: 1,
        workflows: [fresh, { ...theirs.definition, name: 'hijacked' }],
      };
      const result = await store().importData(doc, { workspaceId: intruder });
      const copyId = result.remapped[theirs.id]!;
      expect(copyId).toBeDefined();
      expect(copyId).not.toBe(theirs.id);
      expect(result.workflows.created.sort()).toEqual([fresh.id!, copyId].sort());
      expect(result.target).toBe(intruder);
      expect((await store().getWorkflow(theirs.id))?.name).toBe('theirs');
      expect(await store().getWorkflow(copyId, { workspaceId: intruder })).toMatchObject({
        name: 'hijacked',
      });
      await expect(store().importData(doc, { workspaceId: `ws-${randomUUID()}` })).rejects.toMatchObject({
        code: 'AF_NOT_FOUND',
      });
    });

    it('keeps subworkflow references to remapped workflows, and resolves the target by name', async () => {
      const source = await newWorkspace(store());
      const child = await store().createWorkflow(workflowInput('child'), { workspaceId: source });
      const parentInput = {
        name: 'parent',
        agents: [
          { id: 'in', type: 'input' },
          { id: 'sub', type: 'subworkflow', config: { workflowId: child.id } },
          { id: 'out', type: 'output' },
        ],
        connections: [
          { id: 'c1', sourceAgentId: 'in', targetAgentId: 'sub' },
          { id: 'c2', sourceAgentId: 'sub', targetAgentId: 'out' },
        ],
      };
      const parent = await store().createWorkflow(parentInput as never, { workspaceId: source });
      const doc = await store().exportData({ workspaceId: source });
      const name = `team-${randomUUID().slice(0, 8)}`;
      const target = `ws-${randomUUID()}`;
      await store().db.insert(workspaces).values({ id: target, name });
      const result = await store().importData(doc, { workspace: name });
      expect(result.target).toBe(target);
      const newChild = result.remapped[child.id]!;
      const newParent = result.remapped[parent.id]!;
      expect([newChild, newParent].every((id) => id !== undefined)).toBe(true);
      const copied = await store().getWorkflow(newParent, { workspaceId: target });
      const sub = copied?.definition.agents.find((a) => a.id === 'sub');
      expect(sub?.config).toMatchObject({ workflowId: newChild });
      expect((await store().getWorkflow(parent.id))?.definition.agents[1]?.config).toMatchObject({
        workflowId: child.id,
      });
      await expect(store().importData(doc, { workspace: `nobody-${randomUUID()}` })).rejects.toMatchObject({
        code: 'AF_NOT_FOUND',
      });
    });
  });
}
