/**
 * The timeline (Gantt) of an execution, as pure data: one row per activation of a node (agent id and
 * iteration), its attempts and waits as segments on one time axis, the critical path, and the ticks of the
 * axis. Drawn by `timeline-view.tsx`; tested without a browser (`timeline.test.ts`).
 *
 * - A row's attempts come from the step's `attempts` (the failed ones, with the backoff gaps between them), then
 *   the last attempt (that succeeded) up to `completedAt`; a step without them is one attempt from `startedAt`.
 * - A human node (or a tool call waiting for approval) records a `waiting` step when it pauses and its result
 *   when it is answered: the row shows the wait from the pause to the answer (or to now, still waiting).
 * - A node running now (from the live monitor) has an open attempt ending at `now`.
 * - Steps a fork reused (`reusedFrom`) ran in the source execution: their rows come first, without a bar, and
 *   stay off the axis and the critical path.
 * - The critical path is the chain that decided the end: from the row that ended last, back through the
 *   upstream row (a source of one of its incoming connections) that ended last before it started, and so on.
 */

export interface TimelineStep {
  id: string;
  agentId: string;
  iteration: number;
  status: string;
  attempt: number;
  startedAt: number;
  completedAt: number;
  attempts?: { attempt: number; startedAt: number; durationMs: number; error?: { message: string } }[];
  /** A fork reused this step from its source execution (it did not run here). */
  reusedFrom?: string;
}

export interface TimelineConnection {
  sourceAgentId: string;
  targetAgentId: string;
}

export type SegmentKind = 'attempt' | 'failed-attempt' | 'wait' | 'running';

export interface Segment {
  kind: SegmentKind;
  start: number;
  end: number;
  /** The attempt number (attempt segments). */
  attempt?: number;
  error?: string;
  /** The attempt's start is not recorded: the segment starts where the previous attempt ended. */
  startUnknown?: boolean;
}

export interface TimelineRow {
  /** `${agentId}#${iteration}` */
  key: string;
  agentId: string;
  iteration: number;
  /** The final status of the activation (the last record's), or `running`. */
  status: string;
  start: number;
  end: number;
  segments: Segment[];
  /** Attempts made (more than 1 means retries). */
  attempts: number;
  /** The last record's id (to select the step). */
  stepId?: string;
  critical: boolean;
}

export interface Timeline {
  start: number;
  end: number;
  rows: TimelineRow[];
  /** Keys of the critical path's rows, first to last. */
  criticalPath: string[];
  /** The most rows active at one instant (2 or more: parallel branches overlapped). */
  maxConcurrency: number;
}

export interface TimelineInput {
  steps: readonly TimelineStep[];
  connections: readonly TimelineConnection[];
  /** Nodes running now, from the live monitor: agent id -> start and iteration. */
  running?: Readonly<Record<string, { startedAt: number; iteration?: number }>>;
  /** The execution's own bounds, when known. */
  executionStart?: number;
  executionEnd?: number;
  /** The current time (for open waits and running nodes). */
  now: number;
}

/** Clock skew tolerated between a step's end and the next one's start (ms). */
const TOLERANCE = 5;

export function buildTimeline(input: TimelineInput): Timeline {
  const groups = new Map<string, TimelineStep[]>();
  for (const step of input.steps) {
    const key = `${step.agentId}#${step.iteration}`;
    const list = groups.get(key);
    if (list) list.push(step);
    else groups.set(key, [step]);
  }
  const rows: TimelineRow[] = [];
  const reused: TimelineRow[] = [];
  for (const [key, records] of groups) {
    if (records.every((r) => r.reusedFrom !== undefined)) {
      // Reused by a fork: it ran in the source execution, at its time; here it takes no time.
      const last = records[records.length - 1]!;
      reused.push({
        key,
        agentId: last.agentId,
        iteration: last.iteration,
        status: 'reused',
        start: 0,
        end: 0,
        segments: [],
        attempts: 0,
        stepId: last.id,
        critical: false,
      });
      continue;
    }
    records.sort((a, b) => a.startedAt - b.startedAt || a.completedAt - b.completedAt);
    const segments: Segment[] = [];
    let attempts = 0;
    let waitOpen: number | undefined;
    for (const record of records) {
      if (record.status === 'waiting') {
        waitOpen = record.startedAt;
        continue;
      }
      if (waitOpen !== undefined) {
        segments.push({ kind: 'wait', start: waitOpen, end: Math.max(waitOpen, record.startedAt) });
        waitOpen = undefined;
      }
      if (record.status === 'skipped') continue;
      const tries =
        record.attempts && record.attempts.length > 0
          ? record.attempts
          : [
              {
                attempt: record.attempt || 1,
                startedAt: record.startedAt,
                durationMs: record.completedAt - record.startedAt,
                ...(record.status === 'failed' ? { error: { message: 'failed' } } : {}),
              },
            ];
      for (const t of tries) {
        const failed = t.error !== undefined;
        segments.push({
          kind: failed ? 'failed-attempt' : 'attempt',
          start: t.startedAt,
          end: t.startedAt + Math.max(0, t.durationMs),
          attempt: t.attempt,
          ...(t.error ? { error: t.error.message } : {}),
        });
      }
      attempts += tries.length;
      // The engine records the failed attempts; the last one (that succeeded) is implied by `attempt`. Its start
      // is not recorded: it is drawn from the end of the last failure (so it includes the backoff before it).
      const lastTry = tries[tries.length - 1]!;
      if (record.status !== 'failed' && record.attempts?.length && record.attempt > record.attempts.length) {
        const from = lastTry.startedAt + Math.max(0, lastTry.durationMs);
        segments.push({
          kind: 'attempt',
          start: from,
          end: Math.max(from, record.completedAt),
          attempt: record.attempt,
          startUnknown: true,
        });
        attempts += 1;
      }
    }
    const last = records[records.length - 1]!;
    let status = last.status;
    if (waitOpen !== undefined) {
      const end = Math.max(waitOpen, input.executionEnd ?? input.now);
      segments.push({ kind: 'wait', start: waitOpen, end });
      status = 'waiting';
    }
    const start = Math.min(...records.map((r) => r.startedAt), ...segments.map((s) => s.start));
    const end = Math.max(...records.map((r) => r.completedAt), ...segments.map((s) => s.end));
    rows.push({
      key,
      agentId: last.agentId,
      iteration: last.iteration,
      status,
      start,
      end,
      segments,
      attempts,
      stepId: last.id,
      critical: false,
    });
  }
  for (const [agentId, live] of Object.entries(input.running ?? {})) {
    const iteration = live.iteration ?? 0;
    const key = `${agentId}#${iteration}`;
    const existing = rows.find((r) => r.key === key);
    const segment: Segment = {
      kind: 'running',
      start: live.startedAt,
      end: Math.max(live.startedAt, input.now),
    };
    if (existing) {
      if (existing.status === 'waiting' || existing.end >= live.startedAt) continue;
      existing.segments.push(segment);
      existing.status = 'running';
      existing.end = segment.end;
    } else {
      rows.push({
        key,
        agentId,
        iteration,
        status: 'running',
        start: segment.start,
        end: segment.end,
        segments: [segment],
        attempts: 1,
        critical: false,
      });
    }
  }
  rows.sort((a, b) => a.start - b.start || a.end - b.end || a.key.localeCompare(b.key));

  const criticalPath = criticalPathOf(rows, input.connections);
  const onPath = new Set(criticalPath);
  for (const row of rows) row.critical = onPath.has(row.key);

  const starts = rows.map((r) => r.start);
  const ends = rows.map((r) => r.end);
  const start = Math.min(input.executionStart ?? Number.POSITIVE_INFINITY, ...starts);
  const endCandidates = [input.executionEnd ?? Number.NEGATIVE_INFINITY, ...ends];
  let end = Math.max(...endCandidates);
  const safeStart = Number.isFinite(start) ? start : input.now;
  if (!Number.isFinite(end) || end <= safeStart) end = safeStart + 1;
  for (const row of reused) {
    row.start = safeStart;
    row.end = safeStart;
  }
  return {
    start: safeStart,
    end,
    rows: [...reused, ...rows],
    criticalPath,
    maxConcurrency: maxConcurrency(rows),
  };
}

/** The chain of rows that decided when the execution ended (see the module comment). */
export function criticalPathOf(
  rows: readonly TimelineRow[],
  connections: readonly TimelineConnection[],
): string[] {
  const measured = rows.filter((r) => r.segments.length > 0);
  if (measured.length === 0) return [];
  const sources = new Map<string, Set<string>>();
  for (const c of connections) {
    const set = sources.get(c.targetAgentId) ?? new Set<string>();
    set.add(c.sourceAgentId);
    sources.set(c.targetAgentId, set);
  }
  let current = measured.reduce((a, b) => (b.end > a.end || (b.end === a.end && b.start > a.start) ? b : a));
  const path = [current.key];
  const seen = new Set(path);
  for (;;) {
    const from = sources.get(current.agentId);
    if (!from) break;
    const start = current.start;
    let best: TimelineRow | undefined;
    for (const row of measured) {
      if (seen.has(row.key) || !from.has(row.agentId)) continue;
      if (row.end > start + TOLERANCE) continue;
      if (!best || row.end > best.end) best = row;
    }
    if (!best) break;
    path.push(best.key);
    seen.add(best.key);
    current = best;
  }
  return path.reverse();
}

/** The most rows whose [start, end) intervals contain one instant. */
export function maxConcurrency(rows: readonly Pick<TimelineRow, 'start' | 'end'>[]): number {
  const points: [number, number][] = [];
  for (const r of rows) {
    if (r.end <= r.start) continue;
    points.push([r.start, 1], [r.end, -1]);
  }
  points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let max = rows.length > 0 ? 1 : 0;
  for (const [, delta] of points) {
    now += delta;
    if (now > max) max = now;
  }
  return max;
}

/** Whether two rows ran at the same time for a while. */
export function overlaps(a: Pick<TimelineRow, 'start' | 'end'>, b: Pick<TimelineRow, 'start' | 'end'>) {
  return a.start < b.end && b.start < a.end;
}

/** Round tick positions for an axis from `start` to `end` (ms), about `count` of them, relative to start. */
export function axisTicks(durationMs: number, count = 6): number[] {
  if (durationMs <= 0) return [0];
  const raw = durationMs / count;
  const steps = [1, 2, 5, 10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000];
  let step = steps.find((s) => s >= raw);
  if (step === undefined) {
    const minute = 60_000;
    step = Math.ceil(raw / minute) * minute;
  }
  const ticks: number[] = [];
  for (let t = 0; t <= durationMs + 1e-9; t += step) ticks.push(t);
  return ticks;
}
