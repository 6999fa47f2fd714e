/**
 * The executions list's filters, kept in the URL (shareable, survive a reload): workflow, status and time
 * range (a preset window ending now, or custom bounds). `toQuery` turns them into the API's query parameters.
 */

export const EXECUTION_STATUSES = [
  'queued',
  'running',
  'paused',
  'succeeded',
  'failed',
  'cancelled',
] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

export const RANGES = {
  all: { label: 'Any time', ms: undefined },
  '1h': { label: 'Last hour', ms: 3_600_000 },
  '24h': { label: 'Last 24 hours', ms: 86_400_000 },
  '7d': { label: 'Last 7 days', ms: 7 * 86_400_000 },
  '30d': { label: 'Last 30 days', ms: 30 * 86_400_000 },
  custom: { label: 'Custom…', ms: undefined },
} as const;
export type RangeKey = keyof typeof RANGES;

export interface ExecutionFilters {
  workflowId?: string;
  status?: ExecutionStatus;
  range: RangeKey;
  /** Custom range bounds (ms since the epoch). */
  since?: number;
  until?: number;
}

export interface ExecutionQuery {
  workflowId?: string;
  status?: ExecutionStatus;
  since?: string;
  until?: string;
}

function isStatus(v: string | null): v is ExecutionStatus {
  return v !== null && (EXECUTION_STATUSES as readonly string[]).includes(v);
}

function time(v: string | null): number | undefined {
  if (v === null || v === '') return undefined;
  const n = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  return Number.isFinite(n) ? n : undefined;
}

/** Filters from the URL's search parameters; unknown or malformed values are ignored. */
export function parseFilters(params: URLSearchParams): ExecutionFilters {
  const filters: ExecutionFilters = { range: 'all' };
  const workflow = params.get('workflow');
  if (workflow) filters.workflowId = workflow;
  const status = params.get('status');
  if (isStatus(status)) filters.status = status;
  const range = params.get('range');
  if (range !== null && range in RANGES) filters.range = range as RangeKey;
  if (filters.range === 'custom') {
    const since = time(params.get('since'));
    const until = time(params.get('until'));
    if (since !== undefined) filters.since = since;
    if (until !== undefined) filters.until = until;
  }
  return filters;
}

/** The search parameters of `filters` (defaults left out). */
export function serializeFilters(filters: ExecutionFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.workflowId) params.set('workflow', filters.workflowId);
  if (filters.status) params.set('status', filters.status);
  if (filters.range !== 'all') params.set('range', filters.range);
  if (filters.range === 'custom') {
    if (filters.since !== undefined) params.set('since', String(filters.since));
    if (filters.until !== undefined) params.set('until', String(filters.until));
  }
  return params;
}

/**
 * The API query of `filters` at `now`. A preset window's lower bound is rounded down to the minute, so the
 * query (and its cache key) stays the same for a minute instead of changing on every render.
 */
export function toQuery(filters: ExecutionFilters, now: number): ExecutionQuery {
  const query: ExecutionQuery = {};
  if (filters.workflowId) query.workflowId = filters.workflowId;
  if (filters.status) query.status = filters.status;
  const window = RANGES[filters.range].ms;
  if (window !== undefined) query.since = String(Math.floor((now - window) / 60_000) * 60_000);
  if (filters.range === 'custom') {
    if (filters.since !== undefined) query.since = String(filters.since);
    if (filters.until !== undefined) query.until = String(filters.until);
  }
  return query;
}

/** Whether an execution (as listed) passes the filters: used to merge live updates into a filtered list. */
export function matches(
  e: { workflowId: string; status: string; createdAt: number },
  query: ExecutionQuery,
): boolean {
  if (query.workflowId && e.workflowId !== query.workflowId) return false;
  if (query.status && e.status !== query.status) return false;
  if (query.since !== undefined && e.createdAt < Number(query.since)) return false;
  if (query.until !== undefined && e.createdAt >= Number(query.until)) return false;
  return true;
}

/**
 * Rows newest first, each id once, `fresh` (the live first page) replacing older copies. `fresh` is complete
 * from its oldest row on: an older copy newer than that row and missing from `fresh` no longer matches the
 * filters (it changed status), so it is dropped. Pass `freshComplete: false` when `fresh` is not a full page.
 */
export function mergeRows<T extends { id: string; createdAt: number }>(
  fresh: readonly T[],
  pages: readonly T[],
  freshComplete = true,
): T[] {
  const byId = new Map<string, T>();
  const floor = freshComplete && fresh.length > 0 ? Math.min(...fresh.map((r) => r.createdAt)) : undefined;
  const inFresh = new Set(fresh.map((r) => r.id));
  for (const row of pages) {
    if (floor !== undefined && row.createdAt > floor && !inFresh.has(row.id)) continue;
    byId.set(row.id, row);
  }
  for (const row of fresh) byId.set(row.id, row);
  return [...byId.values()].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
}
