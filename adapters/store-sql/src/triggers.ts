/**
 * Triggers (issue 19; table `workflow_triggers`): what starts a workflow on its own (a webhook, a schedule, another
 * workflow's end, a chat embed). The runtime's trigger services (packages/runtime/src/triggers/) check configs,
 * seal secrets, authorize and audit; this module only reads and writes rows. The schedule claim loop keeps its own
 * SQL (packages/runtime/src/triggers/schedules.ts). What each trigger started is in trigger-firings.ts.
 */
import type { TriggerKind } from '@agentflow/protocol';
import { and, eq, sql } from 'drizzle-orm';
import { type Db, MS, rows } from './db.js';
import { decodeJson } from './json.js';
import { type RawDb, statement } from './raw.js';
import { workflowTriggers as table } from './schema-triggers.js';

export interface TriggerRecord {
  id: string;
  workspaceId: string;
  workflowId: string;
  kind: TriggerKind;
  name: string;
  enabled: boolean;
  /** As stored: the runtime checks it for its kind before saving. */
  config: unknown;
  /** A webhook's secret or a chat trigger's share token, sealed by the runtime. */
  secret?: string;
  /** A chat trigger's share token, hashed (the public embed looks it up). */
  tokenHash?: string;
  /** A workflow-event trigger's source workflow. */
  sourceWorkflowId?: string;
  /** A schedule's first tick not yet claimed (ms). */
  nextRunAt?: number;
  createdBy?: string;
  createdAt: number;
  updatedAt: number;
}

export type NewTrigger = Omit<TriggerRecord, 'createdAt' | 'updatedAt'>;

/** Columns to change; a `null` clears one. */
export interface TriggerChange {
  name?: string;
  enabled?: boolean;
  config?: unknown;
  sourceWorkflowId?: string | null;
  nextRunAt?: number | null;
  secret?: string | null;
  tokenHash?: string;
  updatedAt: number;
}

export interface TriggerRepository {
  /** A trigger by id, in any workspace (a webhook's URL names only the id). */
  get(id: string): Promise<TriggerRecord | undefined>;
  /** A trigger by id in one workspace. */
  find(workspaceId: string, id: string): Promise<TriggerRecord | undefined>;
  /** A workflow's triggers, oldest first. */
  list(workspaceId: string, workflowId: string): Promise<TriggerRecord[]>;
  /** The id of one trigger of `kind` on a workflow, if it has one. */
  findIdOfKind(workspaceId: string, workflowId: string, kind: TriggerKind): Promise<string | undefined>;
  /** Every workflow-event trigger of a workspace (enabled or not) as an edge source -> target workflow. */
  eventEdges(workspaceId: string): Promise<{ id: string; workflowId: string; sourceWorkflowId?: string }[]>;
  create(trigger: NewTrigger): Promise<TriggerRecord>;
  /** Changes a trigger; undefined when there is none. */
  update(id: string, change: TriggerChange): Promise<TriggerRecord | undefined>;
  remove(id: string): Promise<void>;
  /** The chat trigger whose share token hashes to `tokenHash` (enabled or not). */
  findChatByTokenHash(tokenHash: string): Promise<TriggerRecord | undefined>;
  /** The enabled workflow-event triggers whose source is `sourceWorkflowId` in that workspace. */
  eventTriggersOf(workspaceId: string, sourceWorkflowId: string): Promise<TriggerRecord[]>;
  /**
   * Top-level executions that ended (succeeded or failed) between `lookbackMs` and `graceMs` ago by the database's
   * clock, after a matching enabled workflow-event trigger was last changed, with no firing of that trigger for
   * them yet: the ends no process acted on. At most 100 ids.
   */
  missedEventSources(window: { lookbackMs: number; graceMs: number }): Promise<string[]>;
}

type TriggerRow = typeof table.$inferSelect;

export function toTriggerRecord(row: TriggerRow): TriggerRecord {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    workflowId: row.workflowId,
    kind: row.kind as TriggerKind,
    name: row.name,
    enabled: row.enabled,
    config: row.config,
    ...(row.secret ? { secret: row.secret } : {}),
    ...(row.tokenHash ? { tokenHash: row.tokenHash } : {}),
    ...(row.sourceWorkflowId ? { sourceWorkflowId: row.sourceWorkflowId } : {}),
    ...(row.nextRunAt ? { nextRunAt: row.nextRunAt.getTime() } : {}),
    ...(row.createdBy ? { createdBy: row.createdBy } : {}),
    createdAt: row.createdAt.getTime(),
    updatedAt: row.updatedAt.getTime(),
  };
}

/**
 * The workflow-event triggers of a source workflow: run for every top-level execution that ends, so prepared
 * (raw.ts) rather than built and planned each time (measured on PGlite: 1.4-1.6 ms of CPU a call through the query
 * builder, 0.9-1.1 ms with Drizzle's own prepare, which PGlite still plans; about 0.2 ms prepared).
 */
const EVENT_TRIGGERS = statement(
  'event_triggers',
  ['text', 'text'],
  `SELECT id, workspace_id, workflow_id, kind, name, enabled, config::text AS config, secret, source_workflow_id,
    token_hash, created_by, ${MS('next_run_at')} AS next_run_at, ${MS('created_at')} AS created_at,
    ${MS('updated_at')} AS updated_at
  FROM workflow_triggers
  WHERE kind = 'workflow_event' AND enabled AND source_workflow_id = $1::text AND workspace_id = $2::text`,
);

interface RawTriggerRow {
  id: string;
  workspace_id: string;
  workflow_id: string;
  kind: string;
  name: string;
  enabled: boolean;
  config: string;
  secret: string | null;
  source_workflow_id: string | null;
  token_hash: string | null;
  created_by: string | null;
  next_run_at: number | null;
  created_at: number;
  updated_at: number;
}

function fromRawRow(row: RawTriggerRow): TriggerRecord {
  return toTriggerRecord({
    id: row.id,
    workspaceId: row.workspace_id,
    workflowId: row.workflow_id,
    kind: row.kind,
    name: row.name,
    enabled: row.enabled,
    config: decodeJson(row.config),
    secret: row.secret,
    sourceWorkflowId: row.source_workflow_id,
    tokenHash: row.token_hash,
    createdBy: row.created_by,
    nextRunAt: row.next_run_at === null ? null : new Date(row.next_run_at),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  });
}

/** `raw`: the store's prepared statements (`SqlStore.raw`), for the lookup every ended execution makes. */
export function createTriggerRepository(db: Db, raw?: RawDb): TriggerRepository {
  const one = async (query: Promise<TriggerRow[]>) => {
    const [row] = await query;
    return row ? toTriggerRecord(row) : undefined;
  };
  return {
    get: (id) => one(db.select().from(table).where(eq(table.id, id))),
    find: (workspaceId, id) =>
      one(
        db
          .select()
          .from(table)
          .where(and(eq(table.id, id), eq(table.workspaceId, workspaceId))),
      ),
    async list(workspaceId, workflowId) {
      const found = await db
        .select()
        .from(table)
        .where(and(eq(table.workspaceId, workspaceId), eq(table.workflowId, workflowId)))
        .orderBy(table.createdAt);
      return found.map(toTriggerRecord);
    },
    async findIdOfKind(workspaceId, workflowId, kind) {
      const [row] = await db
        .select({ id: table.id })
        .from(table)
        .where(
          and(eq(table.workspaceId, workspaceId), eq(table.workflowId, workflowId), eq(table.kind, kind)),
        );
      return row?.id;
    },
    async eventEdges(workspaceId) {
      const found = await db
        .select({ id: table.id, workflowId: table.workflowId, source: table.sourceWorkflowId })
        .from(table)
        .where(and(eq(table.workspaceId, workspaceId), eq(table.kind, 'workflow_event')));
      return found.map((r) => ({
        id: r.id,
        workflowId: r.workflowId,
        ...(r.source ? { sourceWorkflowId: r.source } : {}),
      }));
    },
    async create(trigger) {
      const [row] = await db
        .insert(table)
        .values({
          id: trigger.id,
          workspaceId: trigger.workspaceId,
          workflowId: trigger.workflowId,
          kind: trigger.kind,
          name: trigger.name,
          enabled: trigger.enabled,
          config: trigger.config,
          secret: trigger.secret ?? null,
          tokenHash: trigger.tokenHash ?? null,
          sourceWorkflowId: trigger.sourceWorkflowId ?? null,
          nextRunAt: trigger.nextRunAt === undefined ? null : new Date(trigger.nextRunAt),
          createdBy: trigger.createdBy ?? null,
        })
        .returning();
      return toTriggerRecord(row!);
    },
    update(id, change) {
      const set: Partial<typeof table.$inferInsert> = { updatedAt: new Date(change.updatedAt) };
      if (change.name !== undefined) set.name = change.name;
      if (change.enabled !== undefined) set.enabled = change.enabled;
      if (change.config !== undefined) set.config = change.config;
      if (change.sourceWorkflowId !== undefined) set.sourceWorkflowId = change.sourceWorkflowId;
      if (change.nextRunAt !== undefined)
        set.nextRunAt = change.nextRunAt === null ? null : new Date(change.nextRunAt);
      if (change.secret !== undefined) set.secret = change.secret;
      if (change.tokenHash !== undefined) set.tokenHash = change.tokenHash;
      return one(db.update(table).set(set).where(eq(table.id, id)).returning());
    },
    async remove(id) {
      await db.delete(table).where(eq(table.id, id));
    },
    findChatByTokenHash: (tokenHash) =>
      one(
        db
          .select()
          .from(table)
          .where(and(eq(table.tokenHash, tokenHash), eq(table.kind, 'chat'))),
      ),
    async eventTriggersOf(workspaceId, sourceWorkflowId) {
      if (raw) {
        const found = await raw.run<RawTriggerRow>(EVENT_TRIGGERS, [sourceWorkflowId, workspaceId]);
        return found.map(fromRawRow);
      }
      const found = await db
        .select()
        .from(table)
        .where(
          and(
            eq(table.kind, 'workflow_event'),
            eq(table.enabled, true),
            eq(table.sourceWorkflowId, sourceWorkflowId),
            eq(table.workspaceId, workspaceId),
          ),
        );
      return found.map(toTriggerRecord);
    },
    async missedEventSources({ lookbackMs, graceMs }) {
      const found = await rows<{ id: string }>(
        db,
        sql`
        select distinct e.id from workflow_executions e
        join workflow_triggers t on t.kind = 'workflow_event' and t.enabled
          and t.source_workflow_id = e.workflow_id and t.workspace_id = e.workspace_id
        where e.status in ('succeeded', 'failed') and e.parent_execution_id is null
          and e.completed_at > now() - make_interval(secs => ${lookbackMs / 1000})
          and e.completed_at < now() - make_interval(secs => ${graceMs / 1000})
          and e.completed_at >= t.updated_at
          and not exists (
            select 1 from trigger_firings f where f.trigger_id = t.id and f.source_execution_id = e.id)
        limit 100`,
      );
      return found.map((r) => r.id);
    },
  };
}
