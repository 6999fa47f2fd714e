import type { AgentFlowEvent } from '@agentflow/protocol';
import { describe, expect, it } from 'vitest';
import { createEngine, createMemoryStore } from '../index.js';

const wf = {
  name: 'queued',
  agents: [
    { id: 'in', type: 'input', config: { schema: { type: 'object', required: ['word'] } } },
    { id: 'shout', type: 'transform', config: { expression: 'input.word + "!"' } },
  ],
  connections: [{ id: 'c', sourceAgentId: 'in', targetAgentId: 'shout' }],
};

describe('engine.create (a queued execution for a worker)', () => {
  it('records a queued execution without running it or leasing it; resume starts it', async () => {
    const store = createMemoryStore();
    const creator = createEngine({ store });
    const worker = createEngine({ store });
    const created: AgentFlowEvent[] = [];
    const seen: AgentFlowEvent[] = [];
    creator.on('event', (e) => created.push(e));
    worker.on('event', (e) => seen.push(e));

    const { executionId } = await creator.create(wf, { word: 'hey' }, { workspaceId: 'ws1' });
    const record = await store.getExecution(executionId);
    expect(record).toMatchObject({ status: 'queued', workspaceId: 'ws1', ready: ['in'], stepCount: 0 });
    expect(record?.startedAt).toBeUndefined();
    expect(await store.listOrphans()).toContain(executionId);
    expect(await store.listSteps(executionId)).toEqual([]);

    const result = await worker.resume(executionId);
    expect(result).toMatchObject({ status: 'succeeded', output: 'hey!' });
    expect(created).toEqual([]);
    expect(seen[0]).toMatchObject({ type: 'execution.started', executionId, input: { word: 'hey' } });
    expect(seen.some((e) => e.type === 'execution.resumed')).toBe(false);
    expect((await store.getExecution(executionId))?.startedAt).toBeTypeOf('number');
  });

  it('refuses an invalid workflow or input before recording anything', async () => {
    const store = createMemoryStore();
    const engine = createEngine({ store });
    await expect(engine.create({ name: 'bad', agents: [], connections: [] }, {})).rejects.toMatchObject({
      code: 'AF_VALIDATION',
    });
    await expect(engine.create(wf, { nope: 1 })).rejects.toMatchObject({ code: 'AF_INVALID_INPUT' });
    expect((await store.listExecutions({})).items).toEqual([]);
  });

  it('never starts a queued execution cancelled while a worker was taking it up', async () => {
    const store = createMemoryStore();
    const api = createEngine({ store });
    const worker = createEngine({ store });
    const seen: AgentFlowEvent[] = [];
    worker.on('event', (e) => seen.push(e));
    const { executionId } = await api.create(wf, { word: 'hey' });
    // The cancel lands after the worker read the execution (still queued), as it takes the lease.
    const acquireLease = store.acquireLease.bind(store);
    store.acquireLease = async (id, owner, ttlMs) => {
      expect(await api.cancel(id, 'stop')).toBe(true);
      return acquireLease(id, owner, ttlMs);
    };
    const result = await worker.resume(executionId);
    expect(result).toMatchObject({ status: 'cancelled', error: { code: 'AF_CANCELLED', message: 'stop' } });
    expect(seen).toEqual([]);
    expect(await store.listSteps(executionId)).toEqual([]);
    expect((await store.getExecution(executionId))?.status).toBe('cancelled');
  });
});
