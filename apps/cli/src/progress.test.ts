import type { AgentFlowEvent, Workflow } from '@agentflow/protocol';
import { describe, expect, it } from 'vitest';
import { ProgressView } from './progress.js';

const workflow = {
  name: 'wf',
  status: 'draft',
  config: { maxSteps: 1000, concurrency: 64 },
  agents: ['in', 'each', 'writer', 'never', 'ask', 'flaky'].map((id) => ({ id, type: 'x', config: {} })),
  connections: [],
} as unknown as Workflow;

const base = { executionId: 'e1', seq: 0 };
const step = (agentId: string, iteration = 0) => ({
  ...base,
  agentId,
  iteration,
  stepId: `e1:${agentId}:${iteration}`,
});
const usage = (n: number) => ({ inputTokens: n, outputTokens: n, costUsd: 0 });

describe('ProgressView', () => {
  it('shows each node state, elapsed time, tokens, re-runs and child runs', () => {
    let now = 1000;
    let written = '';
    const view = new ProgressView(workflow, 'e1', {
      out: {
        write: (s) => {
          written += s;
        },
      },
      color: false,
      now: () => now,
    });
    const events: AgentFlowEvent[] = [
      { ...step('in'), type: 'step.started', at: 1000, attempt: 1, nodeType: 'input' },
      { ...step('in'), type: 'step.completed', at: 1001, output: null, durationMs: 1 },
      { ...step('each'), type: 'step.started', at: 1001, attempt: 1, nodeType: 'loop' },
      // A loop iteration: a child execution whose id starts with the loop's step id.
      {
        ...base,
        executionId: 'e1:each:0/0',
        parentExecutionId: 'e1',
        type: 'execution.started',
        at: 1002,
        workflowId: 'b',
        input: 1,
      },
      {
        ...step('a'),
        executionId: 'e1:each:0/0',
        type: 'step.completed',
        at: 1003,
        output: 1,
        durationMs: 1,
        usage: usage(5),
      },
      {
        ...base,
        executionId: 'e1:each:0/0',
        type: 'execution.completed',
        at: 1004,
        status: 'succeeded',
        durationMs: 2,
        usage: usage(5),
      },
      {
        ...base,
        executionId: 'e1:each:0/1',
        parentExecutionId: 'e1',
        type: 'execution.started',
        at: 1004,
        workflowId: 'b',
        input: 2,
      },
      { ...step('writer'), type: 'step.started', at: 1000, attempt: 1, nodeType: 'agent' },
      { ...step('writer'), type: 'step.completed', at: 1200, output: 'a', durationMs: 200, usage: usage(10) },
      { ...step('writer', 1), type: 'step.started', at: 1300, attempt: 1, nodeType: 'agent' },
      {
        ...step('writer', 1),
        type: 'step.completed',
        at: 1400,
        output: 'b',
        durationMs: 100,
        usage: usage(10),
      },
      { ...step('never'), type: 'step.skipped', at: 1400 },
      { ...step('ask'), type: 'step.waiting', at: 1400 },
      { ...step('flaky'), type: 'step.started', at: 1000, attempt: 1, nodeType: 'tool' },
      {
        ...step('flaky'),
        type: 'step.failed',
        at: 1100,
        willRetry: true,
        error: { code: 'AF_TOOL_ERROR', message: 'x' },
      },
      {
        ...step('flaky'),
        type: 'step.retrying',
        at: 1100,
        attempt: 2,
        delayMs: 10,
        error: { code: 'AF_TOOL_ERROR', message: 'x' },
      },
    ];
    for (const e of events) view.onEvent(e);
    now = 2500;
    let lines = view.lines();
    expect(lines[0]).toBe('wf  e1');
    expect(lines[1]).toMatch(/^✓ in +x +done +1ms/);
    expect(lines[2]).toMatch(/^› each +x +running +1\.5s +10 tok +1\/2 runs$/);
    expect(lines[3]).toMatch(/^✓ writer +x +done +300ms +40 tok +×2$/);
    expect(lines[4]).toMatch(/^- never +x +skipped +$/);
    expect(lines[5]).toMatch(/^‖ ask +x +paused/);
    expect(lines[6]).toMatch(/^↻ flaky +x +retrying +1\.5s/);
    expect(lines[7]).toBe('3/6 nodes · 1.5s · 50 tokens');

    view.onEvent({
      ...step('flaky'),
      type: 'step.failed',
      at: 2600,
      willRetry: false,
      error: { code: 'AF_TOOL_ERROR', message: 'x' },
    });
    lines = view.lines();
    expect(lines[6]).toMatch(/^✗ flaky +x +failed +1\.6s/);
    expect(written).toBe('');
  });

  it('redraws in place: moves the cursor up over the previous frame', () => {
    let written = '';
    const view = new ProgressView(workflow, 'e1', {
      out: {
        write: (s) => {
          written += s;
        },
      },
      color: true,
    });
    view.start(10_000);
    view.onEvent({ ...step('in'), type: 'step.started', at: Date.now(), attempt: 1, nodeType: 'input' });
    view.stop();
    view.stop(); // idempotent
    const frames = written.split('\x1b[8A\r');
    expect(frames).toHaveLength(2); // first frame, then one redraw moving up its 8 lines
    expect(frames[1]).toContain('\x1b[33m› \x1b[0m');
    expect(written.endsWith('\x1b[?25h')).toBe(true);
  });

  it('marks running nodes cancelled and waiting nodes not run when the execution ends early', () => {
    const view = new ProgressView(workflow, 'e1', {
      out: { write: () => {} },
      color: false,
      now: () => 3000,
    });
    view.onEvent({ ...step('in'), type: 'step.started', at: 1000, attempt: 1, nodeType: 'input' });
    view.onEvent({ ...step('each'), type: 'step.started', at: 1000, attempt: 1, nodeType: 'loop' });
    view.onEvent({ ...step('in'), type: 'step.completed', at: 1000, output: null, durationMs: 0 });
    view.onEvent({
      ...base,
      type: 'execution.completed',
      at: 2000,
      status: 'cancelled',
      durationMs: 1000,
      usage: usage(0),
      error: { code: 'AF_CANCELLED', message: 'Ctrl-C' },
    });
    const lines = view.lines();
    expect(lines[1]).toMatch(/^✓ in +x +done/);
    expect(lines[2]).toMatch(/^✗ each +x +cancelled +1\.0s/);
    expect(lines[3]).toMatch(/^· writer +x +not run +$/);
  });
});
