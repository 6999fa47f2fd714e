import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildTimeline, type TimelineStep } from '../model/timeline.js';
import { filterLines, type ViewerLine } from './log-viewer.js';
import { TimelineView } from './timeline-view.js';

const T0 = 1_700_000_000_000;
const step = (
  agentId: string,
  start: number,
  end: number,
  extra: Partial<TimelineStep> = {},
): TimelineStep => ({
  id: `e:${agentId}:0`,
  agentId,
  iteration: 0,
  status: 'succeeded',
  attempt: 1,
  startedAt: T0 + start,
  completedAt: T0 + end,
  ...extra,
});

afterEach(cleanup);

// happy-dom has no layout: the timeline's scroll box reports its CSS max height.
const height = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.dataset.testid === 'timeline-scroller' ? 384 : (height?.get?.call(this) ?? 0);
    },
  });
});
afterAll(() => {
  if (height) Object.defineProperty(HTMLElement.prototype, 'clientHeight', height);
});

describe('TimelineView', () => {
  const timeline = buildTimeline({
    steps: [
      step('in', 0, 10),
      step('a', 10, 510),
      step('b', 10, 1010, {
        attempt: 2,
        attempts: [{ attempt: 1, startedAt: T0 + 10, durationMs: 200, error: { message: 'HTTP 500' } }],
      }),
      step('out', 1010, 1000 + 20),
    ],
    connections: [
      { sourceAgentId: 'in', targetAgentId: 'a' },
      { sourceAgentId: 'in', targetAgentId: 'b' },
      { sourceAgentId: 'a', targetAgentId: 'out' },
      { sourceAgentId: 'b', targetAgentId: 'out' },
    ],
    executionStart: T0,
    executionEnd: T0 + 1020,
    now: T0 + 5000,
  });

  it('draws overlapping parallel rows at their place on one axis, the retry and the critical path', () => {
    const { container } = render(<TimelineView timeline={timeline} onSelect={() => {}} />);
    const rows = [...container.querySelectorAll<HTMLElement>('[data-testid="timeline-row"]')];
    expect(rows.map((r) => r.dataset.agent)).toEqual(['in', 'a', 'b', 'out']);
    const bar = (agent: string, index = 0) =>
      container.querySelectorAll<HTMLElement>(`[data-agent="${agent}"] [data-testid="timeline-segment"]`)[
        index
      ]!;
    // Percent positions on the shared axis (1020 ms wide).
    expect(bar('a').style.left).toBe(`${(10 / 1020) * 100}%`);
    expect(bar('b').style.left).toBe(`${(10 / 1020) * 100}%`);
    expect(Number.parseFloat(bar('a').style.width)).toBeCloseTo((500 / 1020) * 100, 5);
    expect(bar('b', 0).dataset.kind).toBe('failed-attempt');
    expect(bar('b', 1).dataset.kind).toBe('attempt');
    expect(rows.map((r) => r.dataset.critical)).toEqual(['true', 'false', 'true', 'true']);
    expect(screen.getByTestId('timeline').dataset.concurrency).toBe('2');
    expect(
      screen.getByRole('button', { name: /^b ?: succeeded, .*2 attempts, on the critical path/ }),
    ).toBeTruthy();
  });

  it('selects a row', () => {
    const picked: [string, number][] = [];
    render(<TimelineView timeline={timeline} onSelect={(a, i) => picked.push([a, i])} />);
    fireEvent.click(screen.getByRole('button', { name: /^a ?: succeeded/ }));
    expect(picked).toEqual([['a', 0]]);
  });

  it('keeps about a viewport of rows in the DOM for a 1,000-step execution', () => {
    const steps = Array.from({ length: 1000 }, (_, i) =>
      step(i % 2 === 0 ? 'work' : 'gate', i * 10, i * 10 + 9, { id: `e:${i}`, iteration: Math.floor(i / 2) }),
    );
    const big = buildTimeline({ steps, connections: [], now: T0 + 20_000 });
    expect(big.rows).toHaveLength(1000);
    const { container } = render(<TimelineView timeline={big} onSelect={() => {}} />);
    const rows = container.querySelectorAll('[data-testid="timeline-row"]');
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(40);
  });

  it('says so when nothing ran', () => {
    render(
      <TimelineView timeline={buildTimeline({ steps: [], connections: [], now: T0 })} onSelect={() => {}} />,
    );
    expect(screen.getByText('No step has run yet.')).toBeTruthy();
  });
});

describe('log filters', () => {
  const lines: ViewerLine[] = [
    { at: 1, level: 'debug', message: 'prompt rendered', agentId: 'fast' },
    { at: 2, level: 'info', message: 'model answered', agentId: 'fast' },
    { at: 3, level: 'warn', message: 'attempt 1 failed, retrying', agentId: 'flaky' },
    { at: 4, level: 'error', message: 'HTTP 500 from provider', agentId: 'flaky' },
  ];
  it('keep lines at or above the level that contain the text (message or node, any case)', () => {
    expect(filterLines(lines, 'debug', '')).toHaveLength(4);
    expect(filterLines(lines, 'warn', '').map((l) => l.at)).toEqual([3, 4]);
    expect(filterLines(lines, 'debug', 'FLAKY').map((l) => l.at)).toEqual([3, 4]);
    expect(filterLines(lines, 'error', 'retrying')).toEqual([]);
    expect(filterLines(lines, 'info', ' model ').map((l) => l.at)).toEqual([2]);
  });
});
