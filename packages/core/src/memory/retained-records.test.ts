import type { MessageRecord, StepRecord } from '@agentflow/protocol';
import { describe, expect, it } from 'vitest';
import { createEngine, createMemoryStore } from '../index.js';
import { RetainedMessages, RetainedSteps } from './retained-records.js';

const ex = 'x1';
const at = 1_765_000_000_123.5;

function step(i: number, extra: Partial<StepRecord> = {}): StepRecord {
  return {
    id: `${ex}:a${i}:0`,
    executionId: ex,
    agentId: `a${i}`,
    iteration: 0,
    seq: i,
    status: 'succeeded',
    attempt: 1,
    input: { n: i },
    startedAt: at + i,
    completedAt: at + i + 0.25,
    output: [i],
    ...extra,
  };
}

function message(i: number): MessageRecord {
  return {
    executionId: ex,
    connectionId: `c${i}`,
    fromAgentId: `a${i}`,
    toAgentId: `a${i + 1}`,
    stepId: `${ex}:a${i}:0`,
    payload: { v: i },
    at: at + i,
  };
}

/** Enough ordinary records for an execution to be kept by column (a few stay as given). */
const moreSteps = Array.from({ length: 16 }, (_, i) => step(100 + i));
const moreMessages = Array.from({ length: 16 }, (_, i) => message(100 + i));

const skipped: StepRecord = {
  id: `${ex}:b:0:skipped`,
  executionId: ex,
  agentId: 'b',
  iteration: 0,
  seq: 3,
  status: 'skipped',
  attempt: 0,
  input: undefined,
  startedAt: at,
  completedAt: at,
};

describe('retained records (a finished execution kept by column)', () => {
  it('rebuilds the steps exactly: fields, their order, an absent output, an input undefined', () => {
    const steps = [step(0), step(1), { ...step(2), output: undefined }, skipped, ...moreSteps];
    const kept = RetainedSteps.of(ex, steps);
    expect(kept).toBeInstanceOf(RetainedSteps);
    const listed = (kept as RetainedSteps).list();
    expect(listed).toStrictEqual(steps);
    expect(listed.map((s) => Object.keys(s))).toEqual(steps.map((s) => Object.keys(s)));
    expect('output' in listed[3]!).toBe(false);
    expect('output' in listed[2]!).toBe(true);
    // Values are shared, records are new objects.
    expect(listed[0]!.input).toBe(steps[0]!.input);
    expect(listed[0]).not.toBe(steps[0]);
  });

  it('rebuilds ids: the usual ones (any iteration), and others kept as they were', () => {
    const steps = [
      step(0, { id: `${ex}:a0:2`, iteration: 2 }),
      step(1, { id: `${ex}:a:b:0`, agentId: 'a:b' }),
      step(2, { id: 'custom-id' }),
      step(3, { id: `${ex}:a3:0:retried` }),
      ...moreSteps,
    ];
    expect((RetainedSteps.of(ex, steps) as RetainedSteps).list()).toStrictEqual(steps);
    const messages = [
      { ...message(0), stepId: `${ex}:a0:2` },
      { ...message(1), fromAgentId: 'a:b', stepId: `${ex}:a:b:0` },
      { ...message(2), stepId: `${ex}:a20:0` },
      ...moreMessages,
    ];
    expect((RetainedMessages.of(ex, messages) as RetainedMessages).list()).toStrictEqual(messages);
  });

  it('rebuilds the messages exactly', () => {
    const messages = [message(0), message(1), ...moreMessages];
    const kept = RetainedMessages.of(ex, messages);
    expect(kept).toBeInstanceOf(RetainedMessages);
    expect((kept as RetainedMessages).list()).toStrictEqual(messages);
    // A few records stay as given (trimmed copies of the list).
    const few = [message(0)];
    expect(RetainedMessages.of(ex, few)).toStrictEqual(few);
    expect(RetainedMessages.of(ex, few)).not.toBe(few);
    expect(Array.isArray(RetainedSteps.of(ex, [step(0)]))).toBe(true);
  });

  it('keeps the records as given when one has another shape', () => {
    const usage = { inputTokens: 1, outputTokens: 2, costUsd: 0.5 };
    const error = { code: 'AF_NODE_FAILED', message: 'no' } as StepRecord['error'];
    for (const odd of [
      step(1, { usage }),
      step(1, { route: 'yes' }),
      { ...step(1, { status: 'failed', error }), output: undefined },
      step(1, { reusedFrom: 'x0:a1:0' }),
      step(1, { executionId: 'other' }),
      step(1, { fallbackUsed: true }),
      step(1, { attempts: [] }),
    ]) {
      const steps = [step(0), odd, ...moreSteps];
      const kept = RetainedSteps.of(ex, steps);
      expect(Array.isArray(kept)).toBe(true);
      expect(kept).toStrictEqual(steps);
      expect((kept as StepRecord[])[1]).toBe(odd);
    }
    const other = { ...message(0), executionId: 'other' };
    expect(Array.isArray(RetainedMessages.of(ex, [message(1), other, ...moreMessages]))).toBe(true);
  });

  it('the store returns the same steps and messages before and after the execution finishes', async () => {
    const store = createMemoryStore();
    const engine = createEngine({ store });
    // A chain of 20 nodes: enough steps and messages to be kept by column.
    const ids = ['in', ...Array.from({ length: 18 }, (_, i) => `t${i}`), 'out'];
    const wf = {
      name: 'w',
      agents: ids.map((id, i) =>
        i === 0
          ? { id, type: 'input' }
          : i === ids.length - 1
            ? { id, type: 'output' }
            : { id, type: 'transform', config: { expression: 'string(input) + "!"' } },
      ),
      connections: ids.slice(1).map((id, i) => ({ id: `c${i}`, sourceAgentId: ids[i]!, targetAgentId: id })),
    };
    const seen: { steps: StepRecord[]; messages: MessageRecord[] } = { steps: [], messages: [] };
    const real = store.commitStep.bind(store);
    store.commitStep = async (commit) => {
      seen.steps.push(...commit.steps);
      seen.messages.push(...commit.messages);
      return real(commit);
    };
    const result = await engine.run(wf, 'hi');
    expect(result.status).toBe('succeeded');
    const steps = await store.listSteps(result.executionId);
    expect(steps).toHaveLength(20);
    expect(steps).toStrictEqual(seen.steps);
    // Rebuilt from the columns (these steps have no extras), not the committed objects.
    expect(steps[0]).not.toBe(seen.steps[0]);
    expect(await store.listMessages(result.executionId)).toStrictEqual(seen.messages);
    await expect(
      real({ executionId: result.executionId, steps: [], messages: [], ready: [], waiting: [] }),
    ).rejects.toMatchObject({ code: 'AF_NOT_RESUMABLE' });
    await engine.close();
  });
});
