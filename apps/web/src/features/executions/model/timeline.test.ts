import { describe, expect, it } from 'vitest';
import { axisTicks, buildTimeline, maxConcurrency, overlaps, type TimelineStep } from './timeline.js';

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
// in -> a -> join, in -> b -> join, join -> out (a and b are parallel branches)
const diamond = [
  { sourceAgentId: 'in', targetAgentId: 'a' },
  { sourceAgentId: 'in', targetAgentId: 'b' },
  { sourceAgentId: 'a', targetAgentId: 'join' },
  { sourceAgentId: 'b', targetAgentId: 'join' },
  { sourceAgentId: 'join', targetAgentId: 'out' },
];

describe('buildTimeline', () => {
  it('puts parallel branches on one axis, overlapping, and follows the slower branch on the critical path', () => {
    const t = buildTimeline({
      steps: [
        step('in', 0, 2),
        step('a', 3, 103),
        step('b', 3, 503),
        step('join', 505, 510),
        step('out', 511, 512),
      ],
      connections: diamond,
      executionStart: T0,
      executionEnd: T0 + 515,
      now: T0 + 10_000,
    });
    expect(t.start).toBe(T0);
    expect(t.end).toBe(T0 + 515);
    const row = (id: string) => t.rows.find((r) => r.agentId === id)!;
    expect(overlaps(row('a'), row('b'))).toBe(true);
    expect(overlaps(row('in'), row('a'))).toBe(false);
    expect(t.maxConcurrency).toBe(2);
    expect(t.criticalPath).toEqual(['in#0', 'b#0', 'join#0', 'out#0']);
    expect(row('a').critical).toBe(false);
    expect(row('b').critical).toBe(true);
    // Rows in start order.
    expect(t.rows.map((r) => r.agentId)).toEqual(['in', 'a', 'b', 'join', 'out']);
  });

  it('switches the critical path when the other branch is the slow one', () => {
    const t = buildTimeline({
      steps: [
        step('in', 0, 2),
        step('a', 3, 900),
        step('b', 3, 50),
        step('join', 901, 905),
        step('out', 906, 907),
      ],
      connections: diamond,
      now: T0 + 10_000,
    });
    expect(t.criticalPath).toEqual(['in#0', 'a#0', 'join#0', 'out#0']);
  });

  it('adds the implied last attempt after the recorded failures (the engine stores failed attempts only)', () => {
    const t = buildTimeline({
      steps: [
        step('a', 0, 900, {
          attempt: 2,
          attempts: [{ attempt: 1, startedAt: T0, durationMs: 500, error: { message: 'HTTP 500' } }],
        }),
      ],
      connections: [],
      now: T0 + 1000,
    });
    const [row] = t.rows;
    expect(row!.attempts).toBe(2);
    expect(row!.segments.map((s) => [s.kind, s.start - T0, s.end - T0, s.attempt])).toEqual([
      ['failed-attempt', 0, 500, 1],
      ['attempt', 500, 900, 2],
    ]);
    expect(row!.segments[1]!.startUnknown).toBe(true);
  });

  it('shows retries as attempts with the failed one marked and the backoff between them', () => {
    const t = buildTimeline({
      steps: [
        step('a', 0, 460, {
          attempt: 2,
          attempts: [
            { attempt: 1, startedAt: T0, durationMs: 60, error: { message: 'HTTP 500' } },
            { attempt: 2, startedAt: T0 + 300, durationMs: 160 },
          ],
        }),
      ],
      connections: [],
      now: T0 + 1000,
    });
    const [row] = t.rows;
    expect(row!.attempts).toBe(2);
    expect(row!.segments.map((s) => [s.kind, s.start - T0, s.end - T0])).toEqual([
      ['failed-attempt', 0, 60],
      ['attempt', 300, 460],
    ]);
    expect(row!.segments[0]!.error).toBe('HTTP 500');
  });

  it('draws a wait from the pause to the answer, and an open wait to now', () => {
    const answered = buildTimeline({
      steps: [
        step('review', 10, 10, { id: 'e:review:0:waiting', status: 'waiting' }),
        step('review', 5000, 5002),
      ],
      connections: [],
      now: T0 + 9000,
    });
    expect(answered.rows).toHaveLength(1);
    const segs = answered.rows[0]!.segments;
    expect(segs.map((s) => [s.kind, s.start - T0, s.end - T0])).toEqual([
      ['wait', 10, 5000],
      ['attempt', 5000, 5002],
    ]);
    expect(answered.rows[0]!.status).toBe('succeeded');

    const open = buildTimeline({
      steps: [step('review', 10, 10, { id: 'e:review:0:waiting', status: 'waiting' })],
      connections: [],
      now: T0 + 9000,
    });
    expect(open.rows[0]!.status).toBe('waiting');
    expect(open.rows[0]!.segments).toEqual([{ kind: 'wait', start: T0 + 10, end: T0 + 9000 }]);
  });

  it('adds a node running now as an open bar up to now, in its own row', () => {
    const t = buildTimeline({
      steps: [step('in', 0, 2)],
      connections: [{ sourceAgentId: 'in', targetAgentId: 'a' }],
      running: { a: { startedAt: T0 + 3, iteration: 0 } },
      now: T0 + 400,
    });
    const a = t.rows.find((r) => r.agentId === 'a')!;
    expect(a.status).toBe('running');
    expect(a.segments).toEqual([{ kind: 'running', start: T0 + 3, end: T0 + 400 }]);
    expect(t.criticalPath).toEqual(['in#0', 'a#0']);
  });

  it('keeps iterations of a loop apart and skips skipped nodes without a bar', () => {
    const t = buildTimeline({
      steps: [
        step('loop', 0, 10),
        step('loop', 20, 30, { id: 'e:loop:1', iteration: 1 }),
        step('dead', 31, 31, { id: 'e:dead:0:skipped', status: 'skipped' }),
      ],
      connections: [{ sourceAgentId: 'loop', targetAgentId: 'loop' }],
      now: T0 + 100,
    });
    expect(t.rows.map((r) => r.key)).toEqual(['loop#0', 'loop#1', 'dead#0']);
    expect(t.rows[2]!.segments).toEqual([]);
    expect(t.criticalPath).toEqual(['loop#0', 'loop#1']);
  });

  it('keeps the steps a fork reused off the axis and the critical path', () => {
    const t = buildTimeline({
      steps: [
        step('in', -9000, -8990, { reusedFrom: 'src:in:0' }),
        step('a', -8990, -8000, { reusedFrom: 'src:a:0' }),
        step('b', 0, 400),
        step('out', 401, 402),
      ],
      connections: [
        { sourceAgentId: 'in', targetAgentId: 'a' },
        { sourceAgentId: 'a', targetAgentId: 'b' },
        { sourceAgentId: 'b', targetAgentId: 'out' },
      ],
      executionStart: T0,
      executionEnd: T0 + 402,
      now: T0 + 1000,
    });
    expect(t.start).toBe(T0);
    expect(t.end).toBe(T0 + 402);
    expect(t.rows.map((r) => [r.agentId, r.status, r.segments.length])).toEqual([
      ['in', 'reused', 0],
      ['a', 'reused', 0],
      ['b', 'succeeded', 1],
      ['out', 'succeeded', 1],
    ]);
    expect(t.criticalPath).toEqual(['b#0', 'out#0']);
  });

  it('is empty but well-formed without steps', () => {
    const t = buildTimeline({ steps: [], connections: [], now: T0 });
    expect(t.rows).toEqual([]);
    expect(t.criticalPath).toEqual([]);
    expect(t.end).toBeGreaterThan(t.start);
  });
});

describe('maxConcurrency and axisTicks', () => {
  it('counts the most intervals open at one instant (touching ends do not overlap)', () => {
    expect(maxConcurrency([])).toBe(0);
    expect(
      maxConcurrency([
        { start: 0, end: 10 },
        { start: 10, end: 20 },
      ]),
    ).toBe(1);
    expect(
      maxConcurrency([
        { start: 0, end: 10 },
        { start: 5, end: 20 },
        { start: 6, end: 7 },
        { start: 15, end: 30 },
      ]),
    ).toBe(3);
  });

  it('picks round steps', () => {
    expect(axisTicks(1000)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(axisTicks(0)).toEqual([0]);
    const long = axisTicks(3_600_000);
    expect(long[1]).toBe(600_000);
  });
});
