import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { StepRecord } from '../queries.js';
import type { ToolCall } from '../use-live-execution.js';
import { StepPanel } from './step-panel.js';

afterEach(cleanup);

const T0 = 1_700_000_000_000;
const finished: StepRecord = {
  id: 'e:bot:0',
  executionId: 'e',
  agentId: 'bot',
  iteration: 0,
  seq: 2,
  status: 'succeeded',
  attempt: 1,
  startedAt: T0,
  completedAt: T0 + 900,
  output: 'done',
  toolCalls: [
    {
      toolName: 'http_request',
      toolCallId: 'call_1',
      status: 'ok',
      attempt: 1,
      startedAt: T0 + 10,
      latencyMs: 120,
      args: { url: 'https://example.com', headers: { authorization: '[redacted]' } },
      result: { status: 200 },
      approval: { approved: true, reason: 'looks fine' },
    },
    {
      toolName: 'send_email',
      toolCallId: 'call_2',
      status: 'rejected',
      attempt: 1,
      startedAt: T0 + 200,
      latencyMs: 0,
      error: { code: 'AF_TOOL_REJECTED', message: 'rejected by a human: no' },
      approval: { approved: false, reason: 'no' },
    },
  ],
};

function panel(steps: StepRecord[], toolCalls: ToolCall[] = []) {
  return render(
    <StepPanel
      agentId="bot"
      steps={steps}
      iteration={undefined}
      onIteration={() => {}}
      toolCalls={toolCalls}
      logs={[]}
    />,
  );
}

describe('StepPanel tool calls', () => {
  it("shows a finished step's stored tool calls without any live event", () => {
    panel([finished]);
    const list = screen.getByTestId('tool-calls');
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.dataset.status)).toEqual(['ok', 'rejected']);
    expect(items[0]?.textContent).toContain('http_request');
    expect(items[0]?.textContent).toContain('120 ms');
    expect(items[0]?.textContent).toContain('approved by a person: looks fine');
    expect(items[0]?.textContent).toContain('[redacted]');
    expect(items[1]?.textContent).toContain('AF_TOOL_REJECTED');
    expect(items[1]?.textContent).toContain('rejected by a person: no');
  });

  it('adds the calls seen live that are not stored yet, once', () => {
    const live: ToolCall[] = [
      {
        toolCallId: 'call_1',
        toolName: 'http_request',
        agentId: 'bot',
        stepId: 'e:bot:0',
        input: {},
        at: T0,
      },
      {
        toolCallId: 'call_3',
        toolName: 'search',
        agentId: 'bot',
        stepId: 'e:bot:0',
        input: { q: 'x' },
        at: T0,
      },
    ];
    panel([finished], live);
    const items = within(screen.getByTestId('tool-calls')).getAllByRole('listitem');
    expect(items.map((li) => li.dataset.status)).toEqual(['ok', 'rejected', 'running']);
    expect(items[2]?.textContent).toContain('search');
  });

  it('shows no tool call list for a step without calls', () => {
    const { toolCalls: _none, ...plain } = finished;
    panel([plain]);
    expect(screen.queryByTestId('tool-calls')).toBeNull();
  });
});
