import { createEngine } from '@agentflow/core';
import { schema } from '@agentflow/store-sql';
import { createPgliteStore, type SqlStore } from '@agentflow/store-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflowService, isShared } from './services.js';

const definition = (text: string) => ({
  name: 'echo',
  agents: [
    { id: 'in', type: 'input' },
    { id: 't', type: 'transform', config: { expression: `'${text}'` } },
  ],
  connections: [{ id: 'c', sourceAgentId: 'in', targetAgentId: 't' }],
});

describe('workflow service read cache', () => {
  let store: SqlStore;
  let reads = 0;
  let slowNextRead: Promise<void> | undefined;
  beforeAll(async () => {
    store = await createPgliteStore({ inMemory: true });
    await store.db.insert(schema.workspaces).values([
      { id: 'ws1', name: 'one' },
      { id: 'ws2', name: 'two' },
    ]);
    const getWorkflow = store.getWorkflow.bind(store);
    store.getWorkflow = async (id, scope) => {
      reads++;
      const found = await getWorkflow(id, scope);
      const slow = slowNextRead;
      slowNextRead = undefined;
      if (slow) await slow;
      return found;
    };
  });
  afterAll(() => store.close());

  const service = (cacheMs: number) => createWorkflowService(store, createEngine({ store }), { cacheMs });

  it('reads a workflow once, then serves it from memory until a change through the service', async () => {
    const workflows = service(60_000);
    const wf = await workflows.create(definition('v1'), { workspaceId: 'ws1' });
    expect(isShared(wf)).toBe(false);
    reads = 0;
    const first = await workflows.get(wf.id, { workspaceId: 'ws1' });
    expect(first.version).toBe(1);
    expect(await workflows.get(wf.id, { workspaceId: 'ws1' })).toBe(first);
    expect(isShared(first)).toBe(true);
    expect(reads).toBe(1);
    // What is cached (and what its JSON is memoized from) cannot be edited in place.
    expect(() => {
      (first as { name: string }).name = 'changed';
    }).toThrow(TypeError);
    expect(() => {
      (first.definition.agents as unknown[]).push({ id: 'x', type: 'input' });
    }).toThrow(TypeError);
    await workflows.update(wf.id, definition('v2'), { workspaceId: 'ws1' });
    expect((await workflows.get(wf.id, { workspaceId: 'ws1' })).version).toBe(2);
    await workflows.restore(wf.id, 1, { workspaceId: 'ws1' });
    const restored = await workflows.get(wf.id, { workspaceId: 'ws1' });
    expect(restored.version).toBe(3);
    expect(restored.definition.agents[1]?.config).toEqual({ expression: "'v1'" });
    await workflows.remove(wf.id, { workspaceId: 'ws1' });
    await expect(workflows.get(wf.id, { workspaceId: 'ws1' })).rejects.toMatchObject({
      code: 'AF_NOT_FOUND',
    });
  });

  it('never serves a cached workflow to another workspace', async () => {
    const workflows = service(60_000);
    const wf = await workflows.create(definition('mine'), { workspaceId: 'ws1' });
    await workflows.get(wf.id, { workspaceId: 'ws1' });
    await expect(workflows.get(wf.id, { workspaceId: 'ws2' })).rejects.toMatchObject({
      code: 'AF_NOT_FOUND',
    });
    await expect(workflows.execute(wf.id, {}, { workspaceId: 'ws2' })).rejects.toMatchObject({
      code: 'AF_NOT_FOUND',
    });
  });

  it('does not cache a read that overlapped a change (it may hold the old version)', async () => {
    const workflows = service(60_000);
    const wf = await workflows.create(definition('old'), { workspaceId: 'ws1' });
    let release!: () => void;
    slowNextRead = new Promise((resolve) => {
      release = resolve;
    });
    const staleRead = workflows.get(wf.id, { workspaceId: 'ws1' }); // reads version 1, then waits
    await new Promise((resolve) => setTimeout(resolve, 20));
    await workflows.update(wf.id, definition('new'), { workspaceId: 'ws1' });
    release();
    expect((await staleRead).version).toBe(1);
    expect((await workflows.get(wf.id, { workspaceId: 'ws1' })).version).toBe(2);
  });

  it('reads the store every time when the cache is off, and when an entry has expired', async () => {
    const off = service(0);
    const wf = await off.create(definition('x'), { workspaceId: 'ws1' });
    reads = 0;
    expect(isShared(await off.get(wf.id, { workspaceId: 'ws1' }))).toBe(false);
    await off.get(wf.id, { workspaceId: 'ws1' });
    expect(reads).toBe(2);
    const brief = service(1);
    await brief.get(wf.id, { workspaceId: 'ws1' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await brief.get(wf.id, { workspaceId: 'ws1' });
    expect(reads).toBe(4);
  });
});
