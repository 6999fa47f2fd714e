import type { AgentFlowEvent, StepRecord } from '@agentflow/protocol';
import { describe, expect, it } from 'vitest';
import { createEngine, createMemoryStore, type Store } from '../index.js';
import type { StepCommit } from '../ports/store.js';
import { graph, reviewAgents } from './test/helpers.js';

/** A draft reviewed by a person; approved goes to publish, rejected to a dead-end branch (skipped otherwise). */
const review = graph(
  [
    ...reviewAgents,
    { id: 'publish', type: 'transform', config: { expression: '"published"' } },
    { id: 'reject', type: 'transform', config: { expression: '"rejected"' } },
  ],
  [
    'in>draft',
    'draft>review',
    { id: 'yes', sourceAgentId: 'review', targetAgentId: 'publish', condition: 'output.approved == true' },
    { id: 'no', sourceAgentId: 'review', targetAgentId: 'reject', condition: 'output.approved == false' },
  ],
);

/** Records every commit written through the store. */
function recording(inner: Store, commits: StepCommit[]): Store {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'commitStep')
        return (commit: StepCommit) => {
          commits.push(structuredClone(commit));
          return target.commitStep(commit);
        };
      return Reflect.get(target, prop, receiver);
    },
  });
}

/** A commit without its timestamps (two runs commit the same step at different times). */
function timeless(commit: StepCommit) {
  return {
    ...commit,
    steps: commit.steps.map(({ startedAt: _s, completedAt: _c, ...rest }: StepRecord) => rest),
    messages: commit.messages.map(({ at: _a, ...rest }) => rest),
  };
}

async function pausedExecution(store: Store, executionId = 'x-1') {
  const paused = await createEngine({ store }).run(review, { topic: 'cats' }, { executionId });
  expect(paused.status).toBe('paused');
  return paused.executionId;
}

describe('engine.cancel of an execution no run holds', () => {
  it('tells its end to the listeners once, as a run would (a paused one waits for a person)', async () => {
    const store = createMemoryStore();
    const id = await pausedExecution(store);
    const engine = createEngine({ store });
    const events: AgentFlowEvent[] = [];
    engine.on('event', (event) => events.push(event));
    expect(await engine.cancel(id, 'not needed')).toBe(true);
    expect(await engine.cancel(id, 'again')).toBe(false);
    expect(await engine.cancel('missing')).toBe(false);
    const record = await store.getExecution(id);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'execution.completed',
        executionId: id,
        status: 'cancelled',
        error: { code: 'AF_CANCELLED', message: 'not needed' },
        usage: record?.usage,
      }),
    ]);
  });
});

describe('engine.recordApproval', () => {
  it('commits the human step as a run would, runs nothing after it, and leaves the execution queued', async () => {
    // What a run given the payload commits (the reference: engine.approve in a store of its own).
    const referenceCommits: StepCommit[] = [];
    const referenceStore = createMemoryStore();
    await pausedExecution(referenceStore);
    const reference = createEngine({ store: recording(referenceStore, referenceCommits) });
    expect(await reference.approve('x-1', 'review', { approved: true })).toMatchObject({
      status: 'succeeded',
    });

    const store = createMemoryStore();
    const id = await pausedExecution(store);
    const commits: StepCommit[] = [];
    const events: AgentFlowEvent[] = [];
    const api = createEngine({ store: recording(store, commits), ownerId: 'api' });
    api.on('event', (e) => events.push(e));
    await expect(api.recordApproval(id, 'review', { approved: true })).resolves.toBeUndefined();

    // One commit, identical to the run's first one: the step, the dead branch skipped, the new ready set.
    expect(commits).toHaveLength(1);
    const [commit] = commits;
    const [expected] = referenceCommits;
    expect(timeless(commit!)).toEqual(timeless(expected!));
    expect(commit).toMatchObject({ ready: ['publish'], waiting: [] });
    expect(commit!.steps.map((s) => [s.agentId, s.status])).toEqual([
      ['review', 'succeeded'],
      ['reject', 'skipped'],
    ]);

    // Nothing ran after it; the execution waits in the queue, unleased, with the ready set committed.
    const record = await store.getExecution(id);
    expect(record).toMatchObject({ status: 'queued', ready: ['publish'], waiting: [] });
    const steps = await store.listSteps(id);
    expect(steps.some((s) => s.agentId === 'publish')).toBe(false);
    expect(steps.filter((s) => s.agentId === 'review').map((s) => [s.status, s.output])).toEqual([
      ['waiting', undefined],
      ['succeeded', { approved: true }],
    ]);
    expect(await store.listOrphans()).toEqual([id]);
    expect(await store.acquireLease(id, 'someone-else', 1000)).toBe(true);
    await store.releaseLease(id, 'someone-else');
    expect(events.map((e) => e.type)).toEqual(['message', 'step.completed', 'step.skipped']);

    // Another engine (a worker) resumes it from the recorded approval and runs the successors once.
    const worker = createEngine({ store });
    const resumedEvents: string[] = [];
    worker.on('event', (e) => resumedEvents.push(e.type));
    const done = await worker.resume(id);
    expect(done).toMatchObject({ status: 'succeeded', output: { publish: 'published' } });
    expect(resumedEvents[0]).toBe('execution.resumed');
    const final = await store.listSteps(id);
    expect(final.filter((s) => s.agentId === 'review').map((s) => s.status)).toEqual([
      'waiting',
      'succeeded',
    ]);
    expect(final.filter((s) => s.agentId === 'publish').map((s) => s.status)).toEqual(['succeeded']);
    expect(final.map((s) => [s.agentId, s.status])).toEqual(
      (await referenceStore.listSteps('x-1')).map((s) => [s.agentId, s.status]),
    );
  });

  it('refuses a bad payload with its paths and writes nothing', async () => {
    const store = createMemoryStore();
    const id = await pausedExecution(store);
    const before = { record: await store.getExecution(id), steps: await store.listSteps(id) };
    const commits: StepCommit[] = [];
    const api = createEngine({ store: recording(store, commits), ownerId: 'api' });

    await expect(api.recordApproval(id, 'review', { approved: 'yes' })).rejects.toMatchObject({
      code: 'AF_INVALID_RESUME_PAYLOAD',
      issues: [expect.objectContaining({ path: 'approved' })],
    });
    expect(commits).toEqual([]);
    expect(await store.getExecution(id)).toEqual(before.record);
    expect(await store.listSteps(id)).toEqual(before.steps);
    // The lease taken to check it was given back.
    expect(await store.acquireLease(id, 'someone-else', 1000)).toBe(true);
  });

  it('refuses a node that is not waiting, a missing execution and an ended one', async () => {
    const store = createMemoryStore();
    const id = await pausedExecution(store);
    const api = createEngine({ store });
    await expect(api.recordApproval(id, 'draft', {})).rejects.toMatchObject({ code: 'AF_NOT_RESUMABLE' });
    await expect(api.recordApproval('nope', 'review', {})).rejects.toMatchObject({ code: 'AF_NOT_FOUND' });
    expect((await store.getExecution(id))?.status).toBe('paused');
    await api.cancel(id);
    await expect(api.recordApproval(id, 'review', { approved: true })).rejects.toMatchObject({
      code: 'AF_NOT_RESUMABLE',
    });
    expect((await store.listSteps(id)).filter((s) => s.agentId === 'review')).toHaveLength(1);
  });

  it('records one of two approvals of the same node; the other is refused', async () => {
    const store = createMemoryStore();
    const id = await pausedExecution(store);
    const a = createEngine({ store, ownerId: 'api-a' });
    const b = createEngine({ store, ownerId: 'api-b' });
    // At once, from two processes: the second finds the execution held (or the node no longer waiting).
    const outcomes = await Promise.allSettled([
      a.recordApproval(id, 'review', { approved: true }),
      b.recordApproval(id, 'review', { approved: false }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const [refused] = outcomes.filter((o) => o.status === 'rejected');
    expect(['AF_CONFLICT', 'AF_NOT_RESUMABLE']).toContain((refused as PromiseRejectedResult).reason.code);
    // One after the other: the node no longer waits.
    await expect(b.recordApproval(id, 'review', { approved: false })).rejects.toMatchObject({
      code: 'AF_NOT_RESUMABLE',
    });
    const reviews = (await store.listSteps(id)).filter(
      (s) => s.agentId === 'review' && s.status === 'succeeded',
    );
    expect(reviews).toHaveLength(1);
    expect((await store.getExecution(id))?.status).toBe('queued');
  });

  it('records one of two approvals sent at once to the same engine (its own lease does not keep it out)', async () => {
    const store = createMemoryStore();
    const id = await pausedExecution(store);
    const api = createEngine({ store, ownerId: 'api' });
    const outcomes = await Promise.allSettled([
      api.recordApproval(id, 'review', { approved: true }),
      api.recordApproval(id, 'review', { approved: false }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'AF_CONFLICT' });
    const reviews = (await store.listSteps(id)).filter(
      (s) => s.agentId === 'review' && s.status === 'succeeded',
    );
    expect(reviews.map((s) => s.output)).toEqual([{ approved: true }]);
  });

  it('refuses while another process holds the execution (AF_CONFLICT), recording nothing', async () => {
    const store = createMemoryStore();
    const id = await pausedExecution(store);
    expect(await store.acquireLease(id, 'worker', 60_000)).toBe(true);
    await expect(
      createEngine({ store }).recordApproval(id, 'review', { approved: true }),
    ).rejects.toMatchObject({
      code: 'AF_CONFLICT',
    });
    expect((await store.getExecution(id))?.status).toBe('paused');
    expect((await store.listSteps(id)).filter((s) => s.agentId === 'review')).toHaveLength(1);
  });

  it('works in the engine that paused the execution too; its resume continues from the approval', async () => {
    const engine = createEngine();
    const { executionId, done } = await engine.start(review, { topic: 'dogs' });
    expect((await done).status).toBe('paused');
    await engine.recordApproval(executionId, 'review', { approved: false });
    expect((await engine.store.getExecution(executionId))?.status).toBe('queued');
    expect((await engine.resume(executionId)).output).toEqual({ reject: 'rejected' });
  });

  it("a worker's resume reads the history under the lease: an approval recorded while it waited for the lease is in it", async () => {
    const store = createMemoryStore();
    const id = await pausedExecution(store);
    await store.updateExecution(id, { status: 'queued' });
    const api = createEngine({ store, ownerId: 'api' });
    // The approval is recorded between the worker's first read and its taking the lease.
    let first = true;
    const racing = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop === 'acquireLease')
          return async (executionId: string, owner: string, ttlMs: number) => {
            if (first) {
              first = false;
              await api.recordApproval(id, 'review', { approved: true });
            }
            return target.acquireLease(executionId, owner, ttlMs);
          };
        return Reflect.get(target, prop, receiver);
      },
    });
    const worker = createEngine({ store: racing, ownerId: 'worker' });
    // Run on the history read before the lease, the review would still wait and the execution pause again.
    expect(await worker.resume(id)).toMatchObject({ status: 'succeeded', output: { publish: 'published' } });
    const steps = await store.listSteps(id);
    expect(steps.filter((s) => s.agentId === 'review').map((s) => s.status)).toEqual([
      'waiting',
      'succeeded',
    ]);
  });
});
