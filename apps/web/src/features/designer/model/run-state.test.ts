import type { AgentFlowEvent } from '@agentflow/protocol';
import { describe, expect, it } from 'vitest';
import { applyEvent, IDLE, type RunState } from './run-state.js';

const base = { executionId: 'e1', at: 1000 };
const step = { ...base, stepId: 's', iteration: 0 };
const events: AgentFlowEvent[] = [
  { ...base, seq: 1, type: 'execution.started', workflowId: 'w', input: {} },
  { ...step, seq: 2, type: 'step.started', agentId: 'bot', attempt: 1, nodeType: 'agent' },
  {
    ...step,
    seq: 3,
    at: 1500,
    type: 'step.completed',
    agentId: 'bot',
    output: 'hi',
    durationMs: 500,
    usage: { inputTokens: 3, outputTokens: 2, costUsd: 0.01 },
  },
  { ...step, seq: 4, type: 'step.waiting', agentId: 'approve' },
  { ...base, seq: 5, type: 'execution.paused', waiting: ['approve'] },
  {
    ...step,
    seq: 6,
    type: 'step.failed',
    agentId: 'x',
    willRetry: true,
    error: { code: 'AF_TIMEOUT', message: 't' },
  },
  {
    ...step,
    seq: 7,
    type: 'step.failed',
    agentId: 'x',
    willRetry: false,
    error: { code: 'AF_TIMEOUT', message: 't' },
  },
  {
    ...base,
    seq: 8,
    type: 'execution.completed',
    status: 'failed',
    durationMs: 10,
    usage: { inputTokens: 3, outputTokens: 2, costUsd: 0.01 },
    error: { code: 'AF_NODE_FAILED', message: 'x failed' },
  },
];

describe('live run state', () => {
  it('folds the monitor events into node states, usage and the result', () => {
    const running = events.slice(0, 2).reduce(applyEvent, IDLE);
    expect(running.status).toBe('running');
    expect(running.nodes.bot).toMatchObject({ status: 'running', startedAt: 1000 });
    const state = events.reduce(applyEvent, IDLE);
    expect(state.nodes.bot).toMatchObject({
      status: 'succeeded',
      tokens: 5,
      costUsd: 0.01,
      output: 'hi',
      endedAt: 1500,
    });
    expect(events.slice(0, 5).reduce(applyEvent, IDLE).nodes.approve?.status).toBe('waiting');
    // The execution ended while the human node waited: nobody can answer it any more.
    expect(state.nodes.approve?.status).toBe('cancelled');
    expect(state.nodes.x).toMatchObject({ status: 'failed', error: { code: 'AF_TIMEOUT' } });
    expect(state).toMatchObject({ status: 'failed', error: { code: 'AF_NODE_FAILED' }, lastSeq: 8 });
  });

  it('stops the nodes a cancel interrupted: running and queued ones end cancelled, finished ones keep their state', () => {
    const state = [
      { ...base, seq: 1, type: 'execution.started', workflowId: 'w', input: {} },
      { ...step, seq: 2, type: 'step.started', agentId: 'in', attempt: 1, nodeType: 'input' },
      { ...step, seq: 3, type: 'step.completed', agentId: 'in', output: {}, durationMs: 1 },
      { ...base, seq: 4, type: 'message', fromAgentId: 'in', toAgentId: 'slow', connectionId: 'c1' },
      { ...step, seq: 5, at: 1200, type: 'step.started', agentId: 'slow', attempt: 1, nodeType: 'agent' },
      { ...base, seq: 6, type: 'message', fromAgentId: 'in', toAgentId: 'later', connectionId: 'c2' },
      { ...base, seq: 7, at: 4000, type: 'execution.completed', status: 'cancelled', durationMs: 3000 },
    ]
      .map((e) => e as unknown as AgentFlowEvent)
      .reduce(applyEvent, IDLE);
    expect(state.status).toBe('cancelled');
    expect(state.nodes.in?.status).toBe('succeeded');
    expect(state.nodes.slow).toMatchObject({ status: 'cancelled', startedAt: 1200, endedAt: 4000 });
    expect(state.nodes.later?.status).toBe('cancelled');
    expect(state.nodes.later?.endedAt).toBeUndefined();
  });

  it('ignores replayed events (a reconnect resumes without double counting)', () => {
    const once = events.reduce(applyEvent, IDLE);
    const twice = events.reduce<RunState>(applyEvent, once);
    expect(twice).toBe(once);
  });
});
