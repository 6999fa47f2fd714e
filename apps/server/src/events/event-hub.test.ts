import type { AgentFlowEvent } from '@agentflow/protocol';
import { describe, expect, it } from 'vitest';
import { EventHub } from './event-hub.js';
import { eventIterator } from './event-iterator.js';

const at = 0;
const started = (executionId: string, workflowId: string, parentExecutionId?: string): AgentFlowEvent => ({
  type: 'execution.started',
  executionId,
  workflowId,
  input: null,
  at,
  seq: 0,
  ...(parentExecutionId ? { parentExecutionId } : {}),
});
const token = (executionId: string, seq: number, delta = 'x'): AgentFlowEvent => ({
  type: 'step.token',
  executionId,
  stepId: 's',
  agentId: 'a',
  iteration: 0,
  delta,
  at,
  seq,
});
const resumed = (executionId: string, workflowId: string): AgentFlowEvent => ({
  type: 'execution.resumed',
  executionId,
  workflowId,
  at,
  seq: 0,
});

describe('EventHub', () => {
  it('numbers each execution stream 1, 2, 3... even when the engine restarts its numbering on resume', () => {
    const hub = new EventHub();
    const seen: number[] = [];
    hub.subscribe('wf', (e) => seen.push(e.seq));
    hub.publish(started('e1', 'wf'));
    hub.publish(token('e1', 1));
    hub.publish(resumed('e1', 'wf')); // the engine's seq is 0 again here
    hub.publish(token('e1', 1));
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(hub.replay('e1', 2).events.map((e) => [e.seq, e.type])).toEqual([
      [3, 'execution.resumed'],
      [4, 'step.token'],
    ]);
  });

  it("keeps child executions' events in their top-level execution's stream", () => {
    const hub = new EventHub();
    const roots: string[] = [];
    hub.subscribe('wf', (_e, root) => roots.push(root));
    hub.publish(started('e1', 'wf'));
    hub.publish(started('e1/loop/0', 'loop#body', 'e1'));
    hub.publish(token('e1/loop/0', 0));
    expect(roots).toEqual(['e1', 'e1', 'e1']);
    expect(hub.replay('e1', 0).events.map((e) => e.executionId)).toEqual(['e1', 'e1/loop/0', 'e1/loop/0']);
    expect(hub.workflowOf('e1/loop/0')).toBe('wf');
  });

  it('bounds memory: per-execution ring buffer and a maximum number of executions', () => {
    const hub = new EventHub({ perExecution: 3, maxExecutions: 2 });
    hub.publish(started('a', 'wf'));
    for (let i = 0; i < 5; i++) hub.publish(token('a', i));
    const replay = hub.replay('a', 0);
    expect(replay.events.map((e) => e.seq)).toEqual([4, 5, 6]);
    expect(replay.firstSeq).toBe(4);
    hub.publish(started('b', 'wf'));
    hub.publish(started('c', 'wf'));
    expect(hub.size).toBe(2);
    expect(hub.replay('a', 0).known).toBe(false);
  });

  it('keeps counting when a dropped stream comes back, so old cursors never point at new events', async () => {
    const hub = new EventHub({
      maxExecutions: 1,
      lookup: async () => ({ workflowId: 'wf' }),
    });
    hub.publish(started('a', 'wf'));
    hub.publish(token('a', 1));
    hub.publish(started('b', 'wf')); // drops a (last seq 2)
    hub.publish(token('a', 2));
    await new Promise((r) => setTimeout(r, 0));
    expect(hub.replay('a', 0).events.map((e) => e.seq)).toEqual([3]);
  });

  it('looks up executions it did not see start, delivering their events in order', async () => {
    const hub = new EventHub({ lookup: async (id) => (id === 'old' ? { workflowId: 'wf' } : undefined) });
    const seen: string[] = [];
    hub.subscribe('wf', (e) => seen.push(`${e.seq}:${(e as { delta?: string }).delta}`));
    hub.publish(token('old', 7, 'a'));
    hub.publish(token('old', 8, 'b'));
    hub.publish(token('unknown', 1, 'z'));
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual(['1:a', '2:b']);
  });

  it('feeds subscriptions: replay after a seq, then live events, filtered to one execution', async () => {
    const hub = new EventHub();
    hub.publish(started('e1', 'wf'));
    hub.publish(token('e1', 1, 'a'));
    const iterator = eventIterator(hub, 'wf', { executionId: 'e1', after: 1 });
    hub.publish(started('e2', 'wf'));
    hub.publish(token('e1', 2, 'b'));
    const first = await iterator.next();
    const second = await iterator.next();
    expect([first.value?.seq, second.value?.seq]).toEqual([2, 3]);
    await iterator.return?.();
    expect((await iterator.next()).done).toBe(true);
  });
});
