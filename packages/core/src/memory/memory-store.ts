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
import { systemClock } from './system-clock.js';

/** Every field is set when the entry is created, so entries keep one hidden class (memory matters here). */
interface Entry {
  execution: ExecutionRecord;
  steps: StepRecord[];
  messages: MessageRecord[];
  /** Created by the first log. */
  logs: LogRecord[] | undefined;
  /** Built once an execution has many steps; small ones are scanned (memory matters with many executions). */
  stepIds: Set<string> | undefined;
  lease: { owner: string; expiresAt: number } | undefined;
}

const DEFAULT_PAGE = 50;
const MAX_PAGE = 500;
const DEFAULT_LOG_PAGE = 100;
const MAX_LOG_PAGE = 1000;

/**
 * In-memory Store: the reference implementation of the port. Records are kept as given (no copies): callers
 * must not mutate a record after handing it over.
 */
export function createMemoryStore(options: { clock?: Clock } = {}): Store {
  const clock = options.clock ?? systemClock;
  const entries = new Map<string, Entry>();
  // Insertion order = creation order; list pages walk it newest first.
  const order: string[] = [];

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
      };
      entries.set(execution.id, e);
      order.push(execution.id);
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
        // The lists of a finished execution never grow again: trim them to their length (an array grown by
        // push keeps spare room, 17 slots for the first few records).
        e.steps = e.steps.slice();
        e.messages = e.messages.slice();
      }
      return true;
    },

    async commitStep(commit: StepCommit) {
      const e = entry(commit.executionId);
      // Validate before mutating anything so the commit is all-or-nothing.
      if (isTerminal(e.execution.status)) {
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
      if (commit.usage) x.usage = addUsage({ ...x.usage }, commit.usage);
      if (commit.logs && commit.logs.length > 0) {
        e.logs ??= [];
        for (const l of commit.logs) e.logs.push(l);
        x.logCount = (x.logCount ?? 0) + commit.logs.length;
      }
    },

    async listSteps(executionId) {
      const e = entries.get(executionId);
      return e ? e.steps.slice() : [];
    },

    async listMessages(executionId) {
      const e = entries.get(executionId);
      return e ? e.messages.slice() : [];
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
        if (!e) continue;
        const s = e.execution.status;
        if (s !== 'running' && s !== 'queued') continue;
        if (e.lease && e.lease.expiresAt > now) continue;
        out.push(id);
        if (out.length >= limit) break;
      }
      return out;
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
        const keep = order.filter((id) => entries.has(id));
        order.length = 0;
        order.push(...keep);
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
