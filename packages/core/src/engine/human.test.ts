import { describe, expect, it } from 'vitest';
import { createEngine, createMemoryStore } from '../index.js';
import { graph, reviewAgents } from './test/helpers.js';

const approval = graph(
  [
    ...reviewAgents,
    {
      id: 'publish',
      type: 'transform',
      config: { expression: 'input.review.approved ? input.draft : "rejected"' },
    },
  ],
  ['in>draft', 'draft>review', 'review>publish', 'draft>publish'],
);

describe('human-in-the-loop', () => {
  it('pauses durably and resumes, in another engine, with a validated payload', async () => {
    const store = createMemoryStore();
    const first = createEngine({ store });
    const paused = await first.run(approval, { topic: 'cats' });
    expect(paused.status).toBe('paused');
    const record = await store.getExecution(paused.executionId);
    expect(record).toMatchObject({ status: 'paused', waiting: ['review'] });
    await first.close();

    // Days later, a different process: only the store is shared.
    const second = createEngine({ store });
    await expect(second.approve(paused.executionId, 'review', { approved: 'yes' })).rejects.toMatchObject({
      code: 'AF_INVALID_RESUME_PAYLOAD',
      issues: [expect.objectContaining({ path: 'approved' })],
    });
    // The bad payload changed nothing.
    expect((await store.getExecution(paused.executionId))?.status).toBe('paused');
    await expect(second.approve(paused.executionId, 'draft', {})).rejects.toMatchObject({
      code: 'AF_NOT_RESUMABLE',
    });

    const done = await second.approve(paused.executionId, 'review', { approved: true });
    expect(done.status).toBe('succeeded');
    expect(done.output).toBe('draft for cats');
    const steps = await store.listSteps(paused.executionId);
    // Nothing before the pause ran twice.
    expect(steps.filter((s) => s.agentId === 'draft' && s.status === 'succeeded')).toHaveLength(1);
    expect(steps.filter((s) => s.agentId === 'review').map((s) => s.status)).toEqual([
      'waiting',
      'succeeded',
    ]);
  });

  it('resuming a finished execution returns its result without running anything', async () => {
    const engine = createEngine();
    const paused = await engine.run(approval, { topic: 'dogs' });
    const done = await engine.approve(paused.executionId, 'review', { approved: false });
    expect(done.output).toBe('rejected');
    const again = await engine.resume(paused.executionId);
    expect(again).toMatchObject({ status: 'succeeded', output: 'rejected' });
  });
});
