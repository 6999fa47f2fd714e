import {
  type AgentStat,
  type AnalyticsQuery,
  analyticsRange,
  type CostQuery,
  type CostSummary,
  costPeriods,
  type ExecutionBucket,
  type ExecutionRecord,
  isTerminal,
  type ListWaitingQuery,
  type ModelStat,
  type StepRecord,
  type StepStats,
  type WaitingNode,
  type WorkflowCost,
} from '@agentflow/protocol';
import type { OperationsStore } from '../ports/operations.js';
import type { Page, Store } from '../ports/store.js';
import { createStoreExecutionReads } from './execution-reads.js';

/**
 * The reference implementation of `OperationsStore` over any Store: it reads every execution of the workspace
 * through `listExecutions` and the steps of those in range through `listSteps`, and computes in memory. The SQL
 * store computes the same figures in SQL; the contract suite holds both to these definitions.
 */
export function createStoreOperations(store: Store): OperationsStore {
  async function allExecutions(workspaceId: string | undefined, since?: number): Promise<ExecutionRecord[]> {
    const out: ExecutionRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.listExecutions({
        parentExecutionId: null,
        limit: 500,
        ...(workspaceId !== undefined ? { workspaceId } : {}),
        ...(since !== undefined ? { since } : {}),
        ...(cursor !== undefined ? { cursor } : {}),
      });
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return out;
  }

  async function inRange(query: AnalyticsQuery) {
    const range = analyticsRange(query);
    const executions = (await allExecutions(query.workspaceId, range.from)).filter(
      (x) => x.createdAt < range.to && (query.workflowId === undefined || x.workflowId === query.workflowId),
    );
    return { range, executions };
  }

  return {
    ...createStoreExecutionReads(store),
    async executionStats(query) {
      const { range, executions } = await inRange(query);
      const n = Math.ceil((range.to - range.from) / range.bucketMs);
      const groups: ExecutionRecord[][] = Array.from({ length: n }, () => []);
      for (const x of executions) groups[Math.floor((x.createdAt - range.from) / range.bucketMs)]!.push(x);
      const buckets = groups.map((g, i) => ({ start: range.from + i * range.bucketMs, ...summarize(g) }));
      const all = summarize(executions);
      const finished = all.succeeded + all.failed + all.cancelled;
      return {
        from: range.from,
        to: range.to,
        bucketMs: range.bucketMs,
        buckets,
        totals: { ...all, successRate: finished === 0 ? null : all.succeeded / finished },
      };
    },

    async stepStats(query) {
      const { range, executions } = await inRange(query);
      const agents = new Map<string, AgentStat>();
      const models = new Map<string, ModelStat>();
      for (const x of executions) {
        for (const s of await store.listSteps(x.id)) {
          if (s.reusedFrom !== undefined) continue;
          if (s.status === 'succeeded' || s.status === 'failed') {
            const key = `${x.workflowId}\u0000${s.agentId}`;
            let a = agents.get(key);
            if (!a) {
              a = {
                workflowId: x.workflowId,
                agentId: s.agentId,
                steps: 0,
                failed: 0,
                errorRate: 0,
                inputTokens: 0,
                outputTokens: 0,
                costUsd: 0,
              };
              agents.set(key, a);
            }
            a.steps++;
            if (s.status === 'failed') a.failed++;
          }
          addStepUsage(agents, x.workflowId, s);
          for (const c of s.modelCalls ?? []) {
            const key = `${c.provider}\u0000${c.model}\u0000${x.workflowId}`;
            let m = models.get(key);
            if (!m) {
              m = {
                provider: c.provider,
                model: c.model,
                workflowId: x.workflowId,
                calls: 0,
                errors: 0,
                inputTokens: 0,
                outputTokens: 0,
                costUsd: 0,
              };
              models.set(key, m);
            }
            m.calls++;
            if (c.status === 'error') m.errors++;
            m.inputTokens += c.inputTokens ?? 0;
            m.outputTokens += c.outputTokens ?? 0;
            m.costUsd += c.costUsd ?? 0;
          }
        }
      }
      for (const a of agents.values()) a.errorRate = a.steps === 0 ? 0 : a.failed / a.steps;
      const result: StepStats = {
        from: range.from,
        to: range.to,
        agents: [...agents.values()].sort(byKey((a) => `${a.workflowId}\u0000${a.agentId}`)),
        models: [...models.values()].sort(byKey((m) => `${m.provider}\u0000${m.model}\u0000${m.workflowId}`)),
      };
      return result;
    },

    async costSummary(query: CostQuery): Promise<CostSummary> {
      const now = query.now ?? Date.now();
      const { dayStart, monthStart } = costPeriods(now, query.utcOffsetMinutes);
      const since = Math.min(dayStart, monthStart);
      const per = new Map<string, WorkflowCost>();
      let todayUsd = 0;
      let monthUsd = 0;
      for (const x of await allExecutions(query.workspaceId, since)) {
        if (x.createdAt >= now) continue;
        const cost = x.usage.costUsd;
        let w = per.get(x.workflowId);
        if (!w) {
          w = { workflowId: x.workflowId, todayUsd: 0, monthUsd: 0, monthExecutions: 0 };
          per.set(x.workflowId, w);
        }
        if (x.createdAt >= monthStart) {
          monthUsd += cost;
          w.monthUsd += cost;
          w.monthExecutions++;
        }
        if (x.createdAt >= dayStart) {
          todayUsd += cost;
          w.todayUsd += cost;
        }
      }
      const workflows = [...per.values()]
        .filter((w) => w.monthExecutions > 0)
        .sort((a, b) => b.monthUsd - a.monthUsd || (a.workflowId < b.workflowId ? -1 : 1));
      return { currency: 'USD', dayStart, monthStart, todayUsd, monthUsd, workflows };
    },

    async listWaiting(query: ListWaitingQuery): Promise<Page<WaitingNode>> {
      const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
      const items: WaitingNode[] = [];
      for (const x of await allExecutions(query.workspaceId)) {
        if (isTerminal(x.status) || x.waiting.length === 0) continue;
        if (query.workflowId !== undefined && x.workflowId !== query.workflowId) continue;
        const steps = await store.listSteps(x.id);
        for (const agentId of x.waiting) {
          const step = steps.findLast((s) => s.agentId === agentId && s.status === 'waiting');
          if (!step) continue;
          const item: WaitingNode = {
            executionId: x.id,
            workflowId: x.workflowId,
            workflowVersion: x.workflowVersion,
            agentId,
            stepId: step.id,
            waitingSince: step.completedAt,
            execution: x,
          };
          if (step.output !== undefined) item.state = step.output;
          items.push(item);
        }
      }
      items.sort((a, b) => a.waitingSince - b.waitingSince || (a.stepId < b.stepId ? -1 : 1));
      const start = query.cursor === undefined ? 0 : waitingCursorPosition(query.cursor, items);
      const page: Page<WaitingNode> = { items: items.slice(start, start + limit) };
      const last = page.items.at(-1);
      if (start + limit < items.length && last) page.nextCursor = waitingCursor(last);
      return page;
    },
  };
}

function addStepUsage(agents: Map<string, AgentStat>, workflowId: string, s: StepRecord): void {
  const a = agents.get(`${workflowId}\u0000${s.agentId}`);
  if (!a || !s.usage) return;
  a.inputTokens += s.usage.inputTokens;
  a.outputTokens += s.usage.outputTokens;
  a.costUsd += s.usage.costUsd;
}

/** Cursor of the waiting list: the last item's (waitingSince, stepId). */
export function waitingCursor(item: Pick<WaitingNode, 'waitingSince' | 'stepId'>): string {
  return Buffer.from(JSON.stringify([item.waitingSince, item.stepId]), 'utf8').toString('base64url');
}

export function decodeWaitingCursor(cursor: string): [number, string] | undefined {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'string') return [v[0], v[1]];
  } catch {}
  return undefined;
}

function waitingCursorPosition(cursor: string, items: WaitingNode[]): number {
  const after = decodeWaitingCursor(cursor);
  if (!after) return items.length;
  const i = items.findIndex(
    (x) => x.waitingSince > after[0] || (x.waitingSince === after[0] && x.stepId > after[1]),
  );
  return i === -1 ? items.length : i;
}

function byKey<T>(key: (x: T) => string) {
  return (a: T, b: T) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
}

/** Counts, p50/p95 of the finished ones' durations (linear interpolation, as SQL's percentile_cont) and cost. */
function summarize(xs: ExecutionRecord[]): Omit<ExecutionBucket, 'start'> {
  const out = { total: xs.length, succeeded: 0, failed: 0, cancelled: 0, active: 0, costUsd: 0 };
  const durations: number[] = [];
  for (const x of xs) {
    if (x.status === 'succeeded') out.succeeded++;
    else if (x.status === 'failed') out.failed++;
    else if (x.status === 'cancelled') out.cancelled++;
    else out.active++;
    out.costUsd += x.usage.costUsd;
    if (isTerminal(x.status) && x.startedAt !== undefined && x.completedAt !== undefined)
      durations.push(x.completedAt - x.startedAt);
  }
  durations.sort((a, b) => a - b);
  return { ...out, p50DurationMs: percentile(durations, 0.5), p95DurationMs: percentile(durations, 0.95) };
}

/** percentile_cont over sorted values. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
