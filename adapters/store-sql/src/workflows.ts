/**
 * Workflow repository: the current definition of each workflow plus one immutable row per version. An update
 * never changes a version; it writes the next one. Every read and write can be scoped to a workspace: a workflow
 * of another workspace is reported exactly like a missing one.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '@agentflow/core';
import { AgentFlowError, Workflow, type WorkflowInput, type WorkflowStatus } from '@agentflow/protocol';
import { and, desc, eq, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from './db.js';
import { missingReference } from './errors.js';
import { encodeJson, unwrapJson } from './json.js';
import { chatConversations, workflows, workflowTriggers, workflowVersions } from './schema.js';
import { parseOrThrow } from './validation.js';

const MAX_INT32 = 2_147_483_647;

export interface WorkflowRecord {
  id: string;
  workspaceId?: string;
  name: string;
  description?: string;
  status: WorkflowStatus;
  /** Current version (1 on creation, +1 per update). */
  version: number;
  /** The current version's definition, with `id`, `version` and `workspaceId` filled in. */
  definition: Workflow;
  createdBy?: string;
  createdAt: number;
  updatedAt: number;
}

export interface WorkflowVersionRecord {
  workflowId: string;
  version: number;
  definition: Workflow;
  createdBy?: string;
  createdAt: number;
}

export interface WorkflowScope {
  /** Only see workflows of this workspace. */
  workspaceId?: string;
}

export interface CreateWorkflowOptions extends WorkflowScope {
  /** Id to use; else the definition's `id`; else a new UUID. */
  id?: string;
  createdBy?: string;
}

export interface ListWorkflowsQuery extends WorkflowScope {
  status?: WorkflowStatus;
  /** Max items. (Default: 50, max 500) */
  limit?: number;
  cursor?: string;
}

export interface WorkflowRepository {
  /** Validates the definition (AF_VALIDATION with every issue) and stores it as version 1. */
  createWorkflow(input: WorkflowInput, options?: CreateWorkflowOptions): Promise<WorkflowRecord>;
  getWorkflow(id: string, scope?: WorkflowScope): Promise<WorkflowRecord | undefined>;
  /** Newest first. */
  listWorkflows(query?: ListWorkflowsQuery): Promise<Page<WorkflowRecord>>;
  /** Stores `input` as the next version (AF_NOT_FOUND if missing); earlier versions are kept unchanged. */
  updateWorkflow(
    id: string,
    input: WorkflowInput,
    options?: WorkflowScope & { createdBy?: string },
  ): Promise<WorkflowRecord>;
  /** Newest version first. */
  listWorkflowVersions(id: string, scope?: WorkflowScope): Promise<WorkflowVersionRecord[]>;
  getWorkflowVersion(
    id: string,
    version: number,
    scope?: WorkflowScope,
  ): Promise<WorkflowVersionRecord | undefined>;
  /** Deletes the workflow and its versions (executions keep their own snapshot). */
  deleteWorkflow(id: string, scope?: WorkflowScope): Promise<boolean>;
}

/** Database time truncated to milliseconds, so cursors (in ms) compare exactly. */
const NOW_MS = sql`date_trunc('milliseconds', now())`;

type WorkflowRow = typeof workflows.$inferSelect;
type VersionRow = typeof workflowVersions.$inferSelect;

export function createWorkflowRepository(db: Db): WorkflowRepository {
  const scoped = (id: string, scope?: WorkflowScope): SQL | undefined =>
    scope?.workspaceId === undefined
      ? eq(workflows.id, id)
      : and(eq(workflows.id, id), eq(workflows.workspaceId, scope.workspaceId));

  async function getWorkflow(id: string, scope?: WorkflowScope): Promise<WorkflowRecord | undefined> {
    const [row] = await db.select().from(workflows).where(scoped(id, scope));
    return row ? toRecord(row) : undefined;
  }

  return {
    getWorkflow,

    async createWorkflow(input, options = {}) {
      const parsed = parseOrThrow(Workflow, input, 'workflow');
      const id = options.id ?? parsed.id ?? randomUUID();
      const workspaceId = options.workspaceId ?? parsed.workspaceId;
      try {
        return await db.transaction(async (tx) => {
          const meta = { id, workspaceId, createdBy: options.createdBy };
          const row = await insertWorkflow(tx as unknown as Db, parsed, meta);
          if (!row) throw new AgentFlowError('AF_DUPLICATE_ID', `workflow ${id} already exists`);
          return row;
        });
      } catch (error) {
        throw missingReference(error, workspaceId, options.createdBy);
      }
    },

    async listWorkflows(query = {}) {
      const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
      const where: (SQL | undefined)[] = [];
      if (query.workspaceId !== undefined) where.push(eq(workflows.workspaceId, query.workspaceId));
      if (query.status !== undefined) where.push(eq(workflows.status, query.status));
      if (query.cursor !== undefined) {
        const after = decodeCursor(query.cursor);
        if (!after) return { items: [] };
        const at = new Date(after.createdAt);
        where.push(
          or(lt(workflows.createdAt, at), and(eq(workflows.createdAt, at), lt(workflows.id, after.id))),
        );
      }
      const found = await db
        .select()
        .from(workflows)
        .where(and(...where))
        .orderBy(desc(workflows.createdAt), desc(workflows.id))
        .limit(limit + 1);
      const items = found.slice(0, limit).map(toRecord);
      const page: Page<WorkflowRecord> = { items };
      const last = items.at(-1);
      if (found.length > limit && last) page.nextCursor = encodeCursor(last.createdAt, last.id);
      return page;
    },

    async updateWorkflow(id, input, options = {}) {
      const parsed = parseOrThrow(Workflow, input, 'workflow');
      try {
        return await db.transaction(async (tx) => {
          const row = await nextVersion(tx as unknown as Db, id, parsed, options);
          if (!row) throw new AgentFlowError('AF_NOT_FOUND', `workflow ${id} not found`);
          return row;
        });
      } catch (error) {
        throw missingReference(error, options.workspaceId, options.createdBy);
      }
    },

    async listWorkflowVersions(id, scope) {
      if (scope?.workspaceId !== undefined && !(await getWorkflow(id, scope))) return [];
      const found = await db
        .select()
        .from(workflowVersions)
        .where(eq(workflowVersions.workflowId, id))
        .orderBy(desc(workflowVersions.version));
      return found.map(toVersion);
    },

    async getWorkflowVersion(id, version, scope) {
      // The column is a 32-bit integer: a version outside it names no row (and must not become a database error).
      if (!Number.isInteger(version) || version < 1 || version > MAX_INT32) return undefined;
      if (scope?.workspaceId !== undefined && !(await getWorkflow(id, scope))) return undefined;
      const [row] = await db
        .select()
        .from(workflowVersions)
        .where(and(eq(workflowVersions.workflowId, id), eq(workflowVersions.version, version)));
      return row ? toVersion(row) : undefined;
    },

    /**
     * Deletes the workflow with its versions (foreign key) and, in the same transaction, what exists only for it:
     * its triggers (a schedule would otherwise fire a missing workflow every tick, a webhook answer 404 forever) and
     * its chat conversations. Its executions and trigger firings stay: they are history.
     */
    async deleteWorkflow(id, scope) {
      return db.transaction(async (tx) => {
        const gone = await tx.delete(workflows).where(scoped(id, scope)).returning({ id: workflows.id });
        if (gone.length === 0) return false;
        await tx.delete(workflowTriggers).where(eq(workflowTriggers.workflowId, id));
        await tx.delete(chatConversations).where(eq(chatConversations.workflowId, id));
        return true;
      });
    },
  };
}

/** Inserts version 1 of a new workflow; undefined if the id is taken. Runs inside the caller's transaction. */
export async function insertWorkflow(
  tx: Db,
  parsed: Workflow,
  meta: { id: string; workspaceId?: string | undefined; createdBy?: string | undefined },
): Promise<WorkflowRecord | undefined> {
  const definition = withMeta(parsed, meta.id, 1, meta.workspaceId);
  const json = sql`${encodeJson(definition)}::jsonb`;
  const [row] = await tx
    .insert(workflows)
    .values({
      id: meta.id,
      workspaceId: meta.workspaceId ?? null,
      name: definition.name,
      description: definition.description ?? null,
      version: 1,
      status: definition.status,
      definition: json,
      createdBy: meta.createdBy ?? null,
      createdAt: NOW_MS,
      updatedAt: NOW_MS,
    })
    .onConflictDoNothing({ target: workflows.id })
    .returning();
  if (!row) return undefined;
  await tx.insert(workflowVersions).values({
    workflowId: meta.id,
    version: 1,
    definition: json,
    createdBy: meta.createdBy ?? null,
    createdAt: row.createdAt,
  });
  return toRecord(row);
}

/**
 * Writes `parsed` as the next version of workflow `id` (locked for the transaction); undefined if it does not
 * exist in scope. The workspace never changes on update.
 */
export async function nextVersion(
  tx: Db,
  id: string,
  parsed: Workflow,
  options: WorkflowScope & { createdBy?: string | undefined },
): Promise<WorkflowRecord | undefined> {
  const where =
    options.workspaceId === undefined
      ? eq(workflows.id, id)
      : and(eq(workflows.id, id), eq(workflows.workspaceId, options.workspaceId));
  const [current] = await tx
    .select({ version: workflows.version, workspaceId: workflows.workspaceId })
    .from(workflows)
    .where(where)
    .for('update');
  if (!current) return undefined;
  const version = current.version + 1;
  const definition = withMeta(parsed, id, version, current.workspaceId ?? undefined);
  const json = sql`${encodeJson(definition)}::jsonb`;
  const [row] = await tx
    .update(workflows)
    .set({
      name: definition.name,
      description: definition.description ?? null,
      status: definition.status,
      version,
      definition: json,
      updatedAt: NOW_MS,
    })
    .where(eq(workflows.id, id))
    .returning();
  await tx.insert(workflowVersions).values({
    workflowId: id,
    version,
    definition: json,
    createdBy: options.createdBy ?? null,
    createdAt: row!.updatedAt,
  });
  return toRecord(row!);
}

function withMeta(parsed: Workflow, id: string, version: number, workspaceId: string | undefined): Workflow {
  const definition: Workflow = { ...parsed, id, version };
  if (workspaceId === undefined) delete definition.workspaceId;
  else definition.workspaceId = workspaceId;
  return definition;
}

function toRecord(row: WorkflowRow): WorkflowRecord {
  const definition = unwrapJson(row.definition) as Workflow;
  const r: WorkflowRecord = {
    id: row.id,
    name: columnText(row.name, definition.name),
    status: row.status as WorkflowStatus,
    version: row.version,
    definition,
    createdAt: row.createdAt.getTime(),
    updatedAt: row.updatedAt.getTime(),
  };
  if (row.workspaceId !== null) r.workspaceId = row.workspaceId;
  if (row.description !== null) r.description = columnText(row.description, definition.description);
  if (row.createdBy !== null) r.createdBy = row.createdBy;
  return r;
}

/**
 * A `text` column's value as it was written. PGlite (0.5) decodes every text field of a result with a
 * TextDecoder that drops a leading BOM (U+FEFF), and its decoder is private; the `name` and `description`
 * columns are copies of the definition's fields (written together, above), and the definition is jsonb, whose
 * text keeps the BOM inside the JSON. So when the column is the definition's value less one leading BOM, the
 * definition's value is the one that was written. PostgreSQL returns the column exactly; this changes nothing
 * there.
 */
function columnText(column: string, written: unknown): string {
  return typeof written === 'string' &&
    written.length === column.length + 1 &&
    written.charCodeAt(0) === 0xfeff &&
    written.endsWith(column)
    ? written
    : column;
}

function toVersion(row: VersionRow): WorkflowVersionRecord {
  const r: WorkflowVersionRecord = {
    workflowId: row.workflowId,
    version: row.version,
    definition: unwrapJson(row.definition) as Workflow,
    createdAt: row.createdAt.getTime(),
  };
  if (row.createdBy !== null) r.createdBy = row.createdBy;
  return r;
}

function encodeCursor(createdAt: number, id: string): string {
  return Buffer.from(JSON.stringify([createdAt, id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: number; id: string } | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'string') {
      return { createdAt: v[0], id: v[1] };
    }
  } catch {
    // not ours
  }
  return undefined;
}
