/** Sort keys, search patterns and cursors of the template list (keyset paging: sort key, then id). */
import { and, eq, gt, lt, or, type SQL, sql } from 'drizzle-orm';
import { agentTemplates } from './schema.js';
import type { TemplateRow, TemplateSortOrder } from './template-records.js';

export const RATING_KEY = sql`coalesce(${agentTemplates.rating}, 0)`;
export const CREATED_MS = sql`date_trunc('milliseconds', ${agentTemplates.createdAt})`;

export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

interface CursorKey {
  key: string;
  id: string;
}

export function encodeCursor(sort: TemplateSortOrder, row: TemplateRow): string {
  const key =
    sort === 'popular'
      ? String(row.downloads)
      : sort === 'rating'
        ? String(row.rating ?? '0')
        : sort === 'new'
          ? String(row.createdAt.getTime())
          : row.name;
  return Buffer.from(JSON.stringify([sort, key, row.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, sort: TemplateSortOrder): CursorKey | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v[0] === sort && typeof v[1] === 'string' && typeof v[2] === 'string') {
      if (sort !== 'name' && !/^\d+(\.\d+)?$/.test(v[1])) return undefined;
      return { key: v[1], id: v[2] };
    }
    // Cursors of the name order from before issue 16: [name, id].
    if (sort === 'name' && Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string')
      return { key: v[0], id: v[1] };
  } catch {
    // not ours
  }
  return undefined;
}

export function afterCursor(sort: TemplateSortOrder, after: CursorKey): SQL | undefined {
  const id = agentTemplates.id;
  switch (sort) {
    case 'popular': {
      const n = Number(after.key);
      return or(lt(agentTemplates.downloads, n), and(eq(agentTemplates.downloads, n), gt(id, after.id)));
    }
    case 'rating': {
      const r = sql`${after.key}::numeric`;
      return or(sql`${RATING_KEY} < ${r}`, and(sql`${RATING_KEY} = ${r}`, gt(id, after.id)));
    }
    case 'new': {
      const at = sql`(timestamptz 'epoch' + ${Number(after.key)} * interval '1 millisecond')`;
      return or(sql`${CREATED_MS} < ${at}`, and(sql`${CREATED_MS} = ${at}`, gt(id, after.id)));
    }
    default:
      return or(
        gt(agentTemplates.name, after.key),
        and(eq(agentTemplates.name, after.key), gt(id, after.id)),
      );
  }
}
