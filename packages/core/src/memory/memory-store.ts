import {
  AgentFlowError,
  addUsage,
  type ExecutionRecord,
  isTerminal,
  type LogRecord,
  type MessageRecord,
  type StepRecord,
} from '@agentflow/protocol';
import type { Clock } from '../ports/clock.js';
import type {
  ExecutionPatch,
  ListExecutionsQuery,
  ListLogsQuery,
  Page,
  StepCommit,
  Store,
} from '../ports/store.js';
import { RetainedMessages, RetainedSteps } from './retained-records.js';
import { systemClock } from './system-clock.js';

/** Every field is set when the entry is created, so entries keep one hidden class (memory matters here). */
interface Entry {
  execution: ExecutionRecord;
  /** Arrays while the execution runs; by column once it finished (see retained-records.ts). */
  steps: StepRecord[] | RetainedSteps;
  messages: MessageRecord[] | RetainedMessages;
  /** Created by the first log. */
  logs: LogRecord[] | undefined;
  /** Built once an execution has many steps; small ones are scanned (memory matters with many executions). */
  stepIds: Set<string> | undefined;
  lease: { owner: string; expiresAt: number } | undefined;
  /** Take-ups by `claimOrphan` since the last commit. */
  recoveries: number;
}

/**
 * How many finished (succeeded, failed, cancelled) executions an in-memory store keeps, and for how long: the
 * oldest finished one is dropped, with its steps, messages and logs, once more than `maxExecutions` are kept or
 * `maxAgeMs` after it finished (checked whenever an execution is created or finishes). Queued, running and
 * paused executions are never dropped. `Infinity` keeps everything.
 */
export interface MemoryRetention {
  /** (Default: 1000) */
  maxExecutions?: number;
  /** (Default: 300000, 5 minutes) */
  maxAgeMs?: number;
}

export interface MemoryStoreOptions {
  clock?: Clock;
  retention?: MemoryRetention;
}

export const DEFAULT_RETENTION = { maxExecutions: 1000, maxAgeMs: 5 * 60_000 } as const;

/** A finished execution in the retention queue: when it finished, by the store's clock. */
interface Finished {
  entry: Entry;
  at: number;
}

const DEFAULT_PAGE = 50;
const MAX_PAGE = 500;
const DEFAULT_LOG_PAGE = 100;
const MAX_LOG_PAGE = 1000;

/**
 * In-memory Store: the reference implementation of the port. Records are kept as given (no copies): callers
 * must not mutate a record after handing it over. Finished executions are kept within `retention` (see
 * `MemoryRetention`), so a long-running process that embeds the engine stays bounded.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): Store {
  const clock = options.clock ?? systemClock;
  const maxExecutions = options.retention?.maxExecutions ?? DEFAULT_RETENTION.maxExecutions;
  const maxAgeMs = options.retention?.maxAgeMs ?? DEFAULT_RETENTION.maxAgeMs;
  for (const [name, value] of [
    ['maxExecutions', maxExecutions],
    ['maxAgeMs', maxAgeMs],
  ] as const) {
    if (!(value >= 0)) {
      throw new AgentFlowError('AF_VALIDATION', `retention.${name} must be a number >= 0 (or Infinity)`);
    }
  }
  const entries = new Map<string, Entry>();
  // Insertion order = creation order; list pages walk it newest first. Dropped ids stay until compacted.
  let order: string[] = [];
  let dropped = 0;
  // Finished executions in the order they finished; `head` is the oldest still kept.
  let finished: (Finished | undefined)[] = [];
  let head = 0;

  function drop(e: Entry): void {
    const id = e.execution.id;
    // A pruned id may have been created again since: drop only the entry that finished.
    if (entries.get(id) !== e) return;
    entries.delete(id);
    if (++dropped > 64 && dropped * 2 > order.length) {
      order = order.filter((x) => entries.has(x));
      dropped = 0;
    }
  }

  /** Drops the finished executions beyond the retention, oldest first. */
  function evict(): void {
    if (head === finished.length) return;
    const cutoff = clock.now() - maxAgeMs;
    while (
      head < finished.length &&
      (finished.length - head > maxExecutions || finished[head]!.at <= cutoff)
    ) {
      const f = finished[head]!;
      finished[head++] = undefined;
      drop(f.entry);
    }
    if (head > 1024 && head * 2 > finished.length) {
      finished = finished.slice(head);
      head = 0;
    }
  }

  function finishedNow(e: Entry): void {
    finished.push({ entry: e, at: clock.now() });
    evict();
  }

  function entry(id: string): Entry {
    const e = entries.get(id);
    if (!e) throw new AgentFlowError('AF_NOT_FOUND', `execution ${id} not found`);
    return e;
  }

  return {
    async createExecution(execution, options) {
      if (entries.has(execution.id)) {
        throw new AgentFlowError('AF_DUPLICATE_ID', `execution ${execution.id} already exists`);
      }
      const lease = options?.lease;
      const e: Entry = {
        // Not `{ ...execution }`: V8 gives a spread copy a hidden class that adding `output` and `completedAt`
        // at the end of the execution then forks, for every record (~0.45 KB more each, and slower). Copies
        // made by Object.assign (same semantics) share their hidden classes.
        execution: Object.assign({}, execution),
        steps: options?.seed ? options.seed.steps.slice() : [],
        messages: options?.seed ? options.seed.messages.slice() : [],
        logs: undefined,
        stepIds: undefined,
        lease: lease ? { owner: lease.owner, expiresAt: clock.now() + lease.ttlMs } : undefined,
        recoveries: 0,
      };
      entries.set(execution.id, e);
      order.push(execution.id);
      if (isTerminal(execution.status)) finishedNow(e);
      else evict();
    },

    async getExecution(id) {
      const e = entries.get(id);
      return e ? { ...e.execution } : undefined;
    },

    async updateExecution(id, patch: ExecutionPatch) {
      const e = entries.get(id);
      if (!e || isTerminal(e.execution.status)) return false;
      // Updated in place: readers get copies (getExecution, listExecutions), so no one sees it change under them.
      const next = e.execution;
      if (patch.status !== undefined) next.status = patch.status;
      if (patch.output !== undefined) next.output = patch.output;
      if (patch.error !== undefined) next.error = patch.error;
      if (patch.startedAt !== undefined) next.startedAt = patch.startedAt;
      if (patch.completedAt !== undefined) next.completedAt = patch.completedAt;
      if (isTerminal(next.status)) {
        e.lease = undefined;
        // The duplicate check's index is only read by commitStep, which refuses a finished execution: a retained
        // execution would keep ~40 bytes a step in it.
        e.stepIds = undefined;
        finishedNow(e);
        // The lists of a finished execution that is kept never grow again: by column (or trimmed to their length).
        if (entries.get(id) === e) {
          if (Array.isArray(e.steps)) e.steps = RetainedSteps.of(id, e.steps);
          if (Array.isArray(e.messages)) e.messages = RetainedMessages.of(id, e.messages);
        }
      }
      return true;
    },

    async commitStep(commit: StepCommit) {
      const e = entry(commit.executionId);
      // Validate before mutating anything so the commit is all-or-nothing.
      if (isTerminal(e.execution.status) || !Array.isArray(e.steps) || !Array.isArray(e.messages)) {
        throw new AgentFlowError(
          'AF_NOT_RESUMABLE',
          `execution ${commit.executionId} is already ${e.execution.status}`,
        );
      }
      if (!e.stepIds && e.steps.length > 16) e.stepIds = new Set(e.steps.map((s) => s.id));
      for (const s of commit.steps) {
        if (e.stepIds ? e.stepIds.has(s.id) : e.steps.some((x) => x.id === s.id)) {
          throw new AgentFlowError(
            'AF_DUPLICATE_ID',
            `step ${s.id} of ${commit.executionId} is already committed`,
          );
        }
      }
      for (const s of commit.steps) {
        e.steps.push(s);
        e.stepIds?.add(s.id);
      }
      for (const m of commit.messages) e.messages.push(m);
      const x = e.execution;
      x.ready = commit.ready;
      x.waiting = commit.waiting;
      x.stepCount += commit.steps.length;
      e.recoveries = 0;
      if (commit.usage) x.usage = addUsage({ ...x.usage }, commit.usage);
      if (commit.logs && commit.logs.length > 0) {
        e.logs ??= [];
        for (const l of commit.logs) e.logs.push(l);
        x.logCount = (x.logCount ?? 0) + commit.logs.length;
      }
    },

    async listSteps(executionId) {
      const e = entries.get(executionId);
      if (!e) return [];
      return Array.isArray(e.steps) ? e.steps.slice() : e.steps.list();
    },

    async listMessages(executionId) {
      const e = entries.get(executionId);
      if (!e) return [];
      return Array.isArray(e.messages) ? e.messages.slice() : e.messages.list();
    },

    async listExecutions(query: ListExecutionsQuery = {}): Promise<Page<ExecutionRecord>> {
      const limit = Math.min(Math.max(query.limit ?? DEFAULT_PAGE, 1), MAX_PAGE);
      let start = order.length - 1;
      if (query.cursor) {
        const idx = order.lastIndexOf(decodeCursor(query.cursor));
        start = idx - 1;
      }
      const items: ExecutionRecord[] = [];
      let i = start;
      for (; i >= 0 && items.length < limit; i--) {
        const e = entries.get(order[i]!);
        if (!e) continue;
        const x = e.execution;
        if (query.workflowId !== undefined && x.workflowId !== query.workflowId) continue;
        if (query.status !== undefined) {
          if (typeof query.status === 'string' ? x.status !== query.status : !query.status.includes(x.status))
            continue;
        }
        if (query.workspaceId !== undefined && x.workspaceId !== query.workspaceId) continue;
        if (query.parentExecutionId === null && x.parentExecutionId !== undefined) continue;
        if (typeof query.parentExecutionId === 'string' && x.parentExecutionId !== query.parentExecutionId)
          continue;
        if (query.since !== undefined && x.createdAt < query.since) continue;
        if (query.until !== undefined && x.createdAt >= query.until) continue;
        items.push({ ...x });
      }
      const page: Page<ExecutionRecord> = { items };
      const last = items.at(-1);
      if (items.length === limit && i >= 0 && last) page.nextCursor = encodeCursor(last.id);
      return page;
    },

    async appendLogs(logs) {
      for (const l of logs) {
        const e = entries.get(l.executionId);
        if (!e) continue;
        e.logs ??= [];
        e.logs.push(l);
      }
    },

    async listLogs(executionId, query: ListLogsQuery = {}): Promise<Page<LogRecord>> {
      const limit = Math.min(Math.max(query.limit ?? DEFAULT_LOG_PAGE, 1), MAX_LOG_PAGE);
      const logs = entries.get(executionId)?.logs ?? [];
      // The cursor is the position after the last line returned (lines are only ever appended).
      const matches = (l: LogRecord) =>
        (!query.levels || query.levels.includes(l.level)) &&
        (query.agentId === undefined || l.agentId === query.agentId);
      let i = query.cursor === undefined ? 0 : logCursorPosition(query.cursor);
      const items: LogRecord[] = [];
      for (; i < logs.length && items.length < limit; i++) if (matches(logs[i]!)) items.push(logs[i]!);
      const page: Page<LogRecord> = { items };
      if (items.length === limit && logs.slice(i).some(matches)) {
        page.nextCursor = Buffer.from(String(i)).toString('base64url');
      }
      return page;
    },

    async acquireLease(executionId, owner, ttlMs) {
      const e = entry(executionId);
      const now = clock.now();
      if (e.lease && e.lease.owner !== owner && e.lease.expiresAt > now) return false;
      e.lease = { owner, expiresAt: now + ttlMs };
      return true;
    },

    async releaseLease(executionId, owner) {
      const e = entries.get(executionId);
      if (e?.lease?.owner === owner) e.lease = undefined;
    },

    async listOrphans(limit = 100) {
      const now = clock.now();
      const out: string[] = [];
      for (const id of order) {
        const e = entries.get(id);
        if (!e || !isOrphan(e, now)) continue;
        out.push(id);
        if (out.length >= limit) break;
      }
      return out;
    },

    async claimOrphan(executionId, owner, ttlMs) {
      const e = entries.get(executionId);
      const now = clock.now();
      if (!e || !isOrphan(e, now)) return undefined;
      e.lease = { owner, expiresAt: now + ttlMs };
      e.recoveries += 1;
      return e.recoveries;
    },

    async reopenExecution(executionId) {
      const e = entries.get(executionId);
      if (e?.execution.status !== 'failed') return false;
      const execution = Object.assign({}, e.execution, { status: 'queued' as const });
      delete execution.error;
      delete execution.completedAt;
      // A new entry: the retention queue still names the failed one, which it then no longer drops.
      entries.set(executionId, {
        execution,
        steps: Array.isArray(e.steps) ? e.steps : e.steps.list(),
        messages: Array.isArray(e.messages) ? e.messages : e.messages.list(),
        logs: e.logs,
        stepIds: undefined,
        lease: undefined,
        recoveries: 0,
      });
      return true;
    },

    async pruneExecutions(before) {
      let n = 0;
      for (const [id, e] of entries) {
        const x = e.execution;
        if (isTerminal(x.status) && x.completedAt !== undefined && x.completedAt < before) {
          entries.delete(id);
          n++;
        }
      }
      if (n > 0) {
        order = order.filter((id) => entries.has(id));
        dropped = 0;
        finished = finished.slice(head).filter((f) => f && entries.get(f.entry.execution.id) === f.entry);
        head = 0;
      }
      return n;
    },
  };
}

/** A log cursor's position; an unknown cursor has nothing after it. */
function logCursorPosition(cursor: string): number {
  const n = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  return Number.isSafeInteger(n) && n >= 0 ? n : Number.MAX_SAFE_INTEGER;
}

function encodeCursor(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}
function decodeCursor(cursor: string): string {
  return Buffer.from(cursor, 'base64url').toString('utf8');
}

/** Queued or running, and no process holds its lease (`listOrphans`, `claimOrphan`). */
function isOrphan(e: Entry, now: number): boolean {
  const s = e.execution.status;
  return (s === 'running' || s === 'queued') && !(e.lease && e.lease.expiresAt > now);
}
