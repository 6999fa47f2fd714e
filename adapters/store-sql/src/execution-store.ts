/**
 * The Store port on SQL: the same semantics as core's in-memory reference store, one implementation for both
 * drivers (prepared statements in statements.ts). Lease expiry uses the database clock (`now()`), never the
 * worker's.
 */
import type {
  CreateExecutionOptions,
  ExecutionPatch,
  ListExecutionsQuery,
  ListLogsQuery,
  Page,
  Store,
} from '@agentflow/core';
import {
  AgentFlowError,
  type ExecutionRecord,
  type LogRecord,
  type MessageRecord,
} from '@agentflow/protocol';
import {
  COMMIT_KIND,
  CREATE_KIND,
  type CreateInput,
  createRow,
  UPDATE_KIND,
  writeExecutors,
} from './commit.js';
import { createWriteGroup, type GroupCommitOptions } from './group.js';
import { LARGE_KIND, type LargeParts, largeCommit, largeExecution, largePatch } from './large-values.js';
import type { Param, RawDb } from './raw.js';
import {
  EXECUTION_COLUMNS,
  type ExecutionRow,
  LOG_COLUMNS,
  type LogRow,
  type MessageRow,
  type StepRow,
  toExecution,
  toLog,
  toMessages,
  toStep,
} from './records.js';
import {
  ACQUIRE_LEASE,
  APPEND_LOGS,
  CLAIM_ORPHAN,
  CREATE_EXECUTIONS,
  GET_EXECUTION,
  INSERT_STEPS,
  LIST_MESSAGES,
  LIST_ORPHANS,
  LIST_STEPS,
  PRUNE,
  RELEASE_ALL_LEASES,
  RELEASE_LEASE,
  REOPEN_EXECUTION,
  STEP_ROW,
  STEP_VALUES,
} from './statements.js';
import { logRows, stepRow } from './step-commit.js';

const DEFAULT_PAGE = 50;
const MAX_PAGE = 500;
const DEFAULT_LOG_PAGE = 100;
const MAX_LOG_PAGE = 1000;

export interface ExecutionStore extends Store {
  /** Resolves when every queued write (step commits, creations, updates) has been applied (or refused). */
  flush(): Promise<void>;
  /**
   * Drops the lease of every queued or running execution; returns how many it dropped. Only for a store one process
   * holds (the embedded data directory's lock): there every lease found on start belongs to a process that died.
   */
  releaseAllLeases(): Promise<number>;
}

export function createExecutionStore(db: RawDb, groupCommit: GroupCommitOptions = {}): ExecutionStore {
  const writes = createWriteGroup(writeExecutors(db), groupCommit);

  /**
   * Queues a write's large values (large-values.ts) and then the write, under the execution's key: the parts land
   * first. The write's promise rejects if either did.
   */
  function afterParts<T>(parts: LargeParts, input: unknown, kind: string): Promise<T> {
    const written = writes.submit<void>(LARGE_KIND, parts.executionId, parts);
    const applied = writes.submit<T>(kind, parts.executionId, input);
    return Promise.all([written, applied]).then(([, result]) => result);
  }

  /** A fork (an execution with reused steps): its large values first, then the one statement that creates it. */
  async function createForked(execution: ExecutionRecord, options: CreateExecutionOptions): Promise<void> {
    const seed = options.seed!;
    const steps = largeCommit({
      executionId: execution.id,
      steps: seed.steps,
      messages: seed.messages,
      ready: [],
      waiting: [],
    });
    const input = largeExecution(execution);
    const values = [...(steps?.parts.values ?? []), ...(input?.parts.values ?? [])];
    if (values.length > 0)
      await writes.submit<void>(LARGE_KIND, execution.id, { executionId: execution.id, values });
    const reused = steps ? { steps: steps.commit.steps, messages: steps.commit.messages } : seed;
    return createSeeded(db, input?.execution ?? execution, { ...options, seed: reused });
  }

  return {
    createExecution(execution: ExecutionRecord, options?: CreateExecutionOptions) {
      if (options?.seed && options.seed.steps.length > 0) return createForked(execution, options);
      const large = largeExecution(execution);
      if (!large) return writes.submit<void>(CREATE_KIND, execution.id, { execution, options });
      return afterParts(
        large.parts,
        { execution: large.execution, options } satisfies CreateInput,
        CREATE_KIND,
      );
    },

    async getExecution(id) {
      const [row] = await db.run<ExecutionRow>(GET_EXECUTION, [id]);
      return row ? toExecution(row) : undefined;
    },

    updateExecution(id, patch: ExecutionPatch) {
      const large = largePatch(id, patch);
      if (!large) return writes.submit<boolean>(UPDATE_KIND, id, patch);
      return afterParts<boolean>(large.parts, large.patch, UPDATE_KIND);
    },

    commitStep(commit) {
      const large = largeCommit(commit);
      if (!large) return writes.submit<void>(COMMIT_KIND, commit.executionId, commit);
      return afterParts<void>(large.parts, large.commit, COMMIT_KIND);
    },

    flush() {
      return writes.drain();
    },

    async listSteps(executionId) {
      return (await db.run<StepRow>(LIST_STEPS, [executionId])).map(toStep);
    },

    async listMessages(executionId) {
      return toMessages(executionId, await db.run<MessageRow>(LIST_MESSAGES, [executionId]));
    },

    async listExecutions(query: ListExecutionsQuery = {}): Promise<Page<ExecutionRecord>> {
      const limit = Math.min(Math.max(query.limit ?? DEFAULT_PAGE, 1), MAX_PAGE);
      const where: string[] = [];
      const params: Param[] = [];
      const param = (value: Param, cast: string) => {
        params.push(value);
        return `$${params.length}::${cast}`;
      };
      if (query.workflowId !== undefined) where.push(`workflow_id = ${param(query.workflowId, 'text')}`);
      const statuses = typeof query.status === 'string' ? [query.status] : (query.status ?? []);
      if (query.status !== undefined && statuses.length === 0) return { items: [] };
      if (query.workspaceId !== undefined) where.push(`workspace_id = ${param(query.workspaceId, 'text')}`);
      if (query.parentExecutionId === null) where.push('parent_execution_id IS NULL');
      else if (typeof query.parentExecutionId === 'string') {
        where.push(`parent_execution_id = ${param(query.parentExecutionId, 'text')}`);
      }
      if (query.since !== undefined) {
        where.push(`created_at >= to_timestamp(${param(query.since, 'float8')} / 1000)`);
      }
      if (query.until !== undefined) {
        where.push(`created_at < to_timestamp(${param(query.until, 'float8')} / 1000)`);
      }
      if (query.cursor !== undefined) {
        const after = decodeCursor(query.cursor);
        if (!after) return { items: [] }; // like the memory store: an unknown cursor has nothing after it
        const at = param(after.createdAt, 'float8');
        where.push(`(created_at, seq) < (to_timestamp(${at} / 1000), ${param(after.seq, 'bigint')})`);
      }
      const take = param(limit + 1, 'int');
      const select = (extra: string[]) => {
        const all = [...where, ...extra];
        return `SELECT ${EXECUTION_COLUMNS} FROM workflow_executions
        ${all.length > 0 ? `WHERE ${all.join(' AND ')}` : ''}
        ORDER BY workflow_executions.created_at DESC NULLS LAST, workflow_executions.seq DESC NULLS LAST
        LIMIT ${take}`;
      };
      // The table's columns, not the selected aliases of the same names (milliseconds as float8, which no index
      // orders): the page is an index range, not a sort of every matching execution.
      // Several statuses: one ordered index range per status (idx_executions_status), merged; an IN list made
      // the planner gather and sort every matching execution.
      const text =
        statuses.length <= 1
          ? select(statuses.length === 1 ? [`status = ${param(statuses[0]!, 'text')}`] : [])
          : `SELECT * FROM (${statuses
              .map((st) => `(${select([`status = ${param(st, 'text')}`])})`)
              .join(' UNION ALL ')}) u
            ORDER BY created_at DESC, seq DESC LIMIT ${take}`;
      const found = await db.query<ExecutionRow>(text, params);
      const page: Page<ExecutionRecord> = { items: found.slice(0, limit).map(toExecution) };
      const last = found[limit - 1];
      if (found.length > limit && last) page.nextCursor = encodeCursor(last.created_at, last.seq);
      return page;
    },

    async appendLogs(logs: LogRecord[]) {
      if (logs.length === 0) return;
      await db.run(APPEND_LOGS, [`[${logRows(0, logs)}]`]);
    },

    async listLogs(executionId, query: ListLogsQuery = {}): Promise<Page<LogRecord>> {
      const limit = Math.min(Math.max(query.limit ?? DEFAULT_LOG_PAGE, 1), MAX_LOG_PAGE);
      const params: Param[] = [executionId];
      const param = (value: Param, cast: string) => {
        params.push(value);
        return `$${params.length}::${cast}`;
      };
      const where = ['execution_id = $1::text'];
      if (query.levels)
        where.push(
          `level IN (SELECT jsonb_array_elements_text(${param(JSON.stringify(query.levels), 'jsonb')}))`,
        );
      if (query.agentId !== undefined) where.push(`agent_id = ${param(query.agentId, 'text')}`);
      if (query.cursor !== undefined) {
        const after = decodeLogCursor(query.cursor);
        if (after === undefined) return { items: [] }; // like the memory store: nothing after an unknown cursor
        where.push(`id > ${param(after, 'bigint')}`);
      }
      const found = await db.query<LogRow>(
        `SELECT ${LOG_COLUMNS} FROM agent_logs WHERE ${where.join(' AND ')}
        ORDER BY id LIMIT ${param(limit + 1, 'int')}`,
        params,
      );
      const page: Page<LogRecord> = { items: found.slice(0, limit).map(toLog) };
      const last = found[limit - 1];
      if (found.length > limit && last) page.nextCursor = Buffer.from(`l${last.id}`).toString('base64url');
      return page;
    },

    async acquireLease(executionId, owner, ttlMs) {
      const [r] = await db.run<{ taken: number; found: boolean }>(ACQUIRE_LEASE, [executionId, owner, ttlMs]);
      if (!r?.found) throw new AgentFlowError('AF_NOT_FOUND', `execution ${executionId} not found`);
      return r.taken > 0;
    },

    async releaseLease(executionId, owner) {
      await db.run(RELEASE_LEASE, [executionId, owner]);
    },

    async releaseAllLeases() {
      const [r] = await db.query<{ n: number }>(RELEASE_ALL_LEASES, []);
      return r?.n ?? 0;
    },

    async listOrphans(limit = 100) {
      const found = await db.run<{ id: string }>(LIST_ORPHANS, [Math.max(0, Math.floor(limit))]);
      return found.map((r) => r.id);
    },

    async claimOrphan(executionId, owner, ttlMs) {
      const [r] = await db.run<{ recoveries: number }>(CLAIM_ORPHAN, [executionId, owner, ttlMs]);
      return r?.recoveries;
    },

    async reopenExecution(executionId) {
      // After the writes in flight: the update that failed it may still be queued behind a commit.
      await writes.drain();
      const rows = await db.run<{ reopened: number }>(REOPEN_EXECUTION, [executionId]);
      return rows.length > 0;
    },

    async pruneExecutions(before) {
      const [r] = await db.run<{ n: number }>(PRUNE, [before]);
      return r?.n ?? 0;
    },
  };
}

/** The id after which a log cursor (`l<id>`, base64url) continues. */
function decodeLogCursor(cursor: string): number | undefined {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^l\d{1,15}$/.test(text)) return undefined;
  return Number(text.slice(1));
}

function encodeCursor(createdAt: number, seq: number): string {
  return Buffer.from(JSON.stringify([createdAt, seq]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: number; seq: number } | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && v.every((n) => typeof n === 'number' && Number.isFinite(n))) {
      return { createdAt: v[0] as number, seq: v[1] as number };
    }
  } catch {
    // not ours
  }
  return undefined;
}

/**
 * A fork: the execution and its reused steps (each with the messages it sent, `reused_from` set) in one
 * statement, so either both are written or neither.
 */
const CREATE_SEEDED = `WITH ins AS (${CREATE_EXECUTIONS.text})
  ${INSERT_STEPS}
  SELECT ins.id, ${STEP_VALUES}
  FROM ins, jsonb_to_recordset($2::jsonb) AS s(${STEP_ROW})
  RETURNING execution_id`;

async function createSeeded(
  db: RawDb,
  execution: ExecutionRecord,
  options: CreateExecutionOptions,
): Promise<void> {
  const seed = options.seed!;
  const sent = new Map<string, MessageRecord[]>();
  for (const m of seed.messages) {
    const list = sent.get(m.stepId);
    if (list) list.push(m);
    else sent.set(m.stepId, [m]);
  }
  const rows = seed.steps.map((s) => stepRow('{', s, sent.get(s.id)));
  const created = await db.query<{ execution_id: string }>(CREATE_SEEDED, [
    JSON.stringify([createRow(0, { execution, options })]),
    `[${rows.join(',')}]`,
  ]);
  if (created.length === 0) {
    throw new AgentFlowError('AF_DUPLICATE_ID', `execution ${execution.id} already exists`);
  }
}
