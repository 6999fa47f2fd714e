/**
 * The audit log: append-only records of security-relevant actions, listed newest first with an opaque cursor
 * (the row id, which only grows).
 *
 * Appends are grouped: entries that arrive while an insert is in flight go in the next one, a single multi-row
 * INSERT (under load, one statement for many executes instead of one each). Each append still resolves only once
 * its row is committed; if a grouped insert fails, its entries are retried one by one so only a faulty one fails.
 */
import type { Page } from '@agentflow/core';
import { and, desc, eq, gte, like, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from './db.js';
import { createWriteGroup, type Write } from './group.js';
import { encodeJson, safeText, unwrapJson } from './json.js';
import { auditLog } from './schema.js';

export type AuditActorType = 'user' | 'apiKey' | 'system' | 'anonymous';

export interface AuditEntry {
  workspaceId?: string;
  actorId?: string;
  actorType?: AuditActorType;
  /** `auth.login`, `member.role_change`, `credential.use`, `workflow.execute`, ... */
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
  ip?: string;
  /** The client's User-Agent (cut to 512 characters). */
  userAgent?: string;
}

export interface AuditRecord extends AuditEntry {
  id: string;
  at: number;
}

export interface ListAuditQuery {
  workspaceId?: string;
  /** Exact action, or a prefix ending in `.` (`credential.` lists every credential action). */
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  /** Inclusive bounds, ms since the epoch. */
  since?: number;
  until?: number;
  /** (Default: 50, max 500) */
  limit?: number;
  cursor?: string;
}

export interface AuditRepository {
  appendAudit(entry: AuditEntry): Promise<AuditRecord>;
  listAudit(query?: ListAuditQuery): Promise<Page<AuditRecord>>;
}

type AuditRow = typeof auditLog.$inferSelect;

export function createAuditRepository(db: Db): AuditRepository {
  let sequence = 0;
  const group = createWriteGroup(
    {
      audit: {
        async run(writes: Write[]) {
          const rows = await db
            .insert(auditLog)
            .values(writes.map((w) => toRow(w.input as AuditEntry)))
            .returning();
          // Ids come from one sequence in VALUES order: sorted by id, rows line up with the writes.
          rows.sort((a, b) => a.id - b.id);
          for (const [i, w] of writes.entries()) w.resolve(toAudit(rows[i]!));
        },
      },
    },
    { maxBatch: 256 },
  );
  return {
    appendAudit(entry) {
      sequence = (sequence + 1) % Number.MAX_SAFE_INTEGER;
      return group.submit<AuditRecord>('audit', String(sequence), entry);
    },

    async listAudit(query = {}) {
      const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
      const where: (SQL | undefined)[] = [];
      if (query.workspaceId !== undefined) where.push(eq(auditLog.workspaceId, query.workspaceId));
      if (query.action !== undefined) {
        where.push(
          query.action.endsWith('.')
            ? like(auditLog.action, `${query.action.replace(/[\\%_]/g, '\\$&')}%`)
            : eq(auditLog.action, query.action),
        );
      }
      if (query.actorId !== undefined) where.push(eq(auditLog.actorId, query.actorId));
      if (query.targetType !== undefined) where.push(eq(auditLog.targetType, query.targetType));
      if (query.targetId !== undefined) where.push(eq(auditLog.targetId, query.targetId));
      if (query.since !== undefined) where.push(gte(auditLog.at, new Date(query.since)));
      if (query.until !== undefined) where.push(lte(auditLog.at, new Date(query.until)));
      if (query.cursor !== undefined) {
        const after = decodeCursor(query.cursor);
        if (after === undefined) return { items: [] };
        where.push(lt(auditLog.id, after));
      }
      const found = await db
        .select()
        .from(auditLog)
        .where(and(...where))
        .orderBy(desc(auditLog.id))
        .limit(limit + 1);
      const items = found.slice(0, limit).map(toAudit);
      const page: Page<AuditRecord> = { items };
      const last = items.at(-1);
      if (found.length > limit && last) page.nextCursor = Buffer.from(last.id, 'utf8').toString('base64url');
      return page;
    },
  };
}

function toRow(entry: AuditEntry) {
  return {
    workspaceId: entry.workspaceId ?? null,
    actorId: entry.actorId ?? null,
    actorType: entry.actorType ?? null,
    action: safeText(entry.action),
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    details: entry.details === undefined ? null : sql`${encodeJson(entry.details)}::jsonb`,
    ip: entry.ip ?? null,
    userAgent: entry.userAgent === undefined ? null : safeText(entry.userAgent.slice(0, 512)),
  };
}

function decodeCursor(cursor: string): number | undefined {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  return /^[1-9]\d{0,17}$/.test(text) ? Number(text) : undefined;
}

function toAudit(row: AuditRow): AuditRecord {
  const r: AuditRecord = { id: String(row.id), action: row.action, at: row.at.getTime() };
  if (row.workspaceId !== null) r.workspaceId = row.workspaceId;
  if (row.actorId !== null) r.actorId = row.actorId;
  if (row.actorType !== null) r.actorType = row.actorType as AuditActorType;
  if (row.targetType !== null) r.targetType = row.targetType;
  if (row.targetId !== null) r.targetId = row.targetId;
  const details = unwrapJson(row.details);
  if (details !== undefined) r.details = details as Record<string, unknown>;
  if (row.ip !== null) r.ip = row.ip;
  if (row.userAgent !== null) r.userAgent = row.userAgent;
  return r;
}
