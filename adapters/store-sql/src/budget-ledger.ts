/**
 * The spend ledger of budgets (issue 17 item 4; tables `budgets`, `budget_ledger`, `budget_leases`, functions
 * `af_budget_lease` and `af_budget_flush`, migrations 0014 and 0017). A process leases allowance from each limit
 * key in chunks and checks its calls against what it holds (the runtime's `budget-leases.ts`); the ledger's
 * `reserved_usd` is the sum of the key's leases. A lease is granted in one statement that locks the key rows in
 * key order (concurrent processes queue on the rows they share, never deadlock, never see a stale total) and
 * refuses when a key cannot give what a call needs, so `spent + reserved` never passes a limit. Spend is written
 * later per key (`flushBudget`), moving it from the holder's lease to `spent_usd`.
 */
import { type Param, type RawDb, statement } from './raw.js';

/** Keys and numbers travel as one text each, split in SQL on U+001F (the raw driver binds scalars only). */
const SEP = '\u001f';

const LEASE = statement(
  'budget_lease',
  ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'float8'],
  `SELECT refused, granted FROM af_budget_lease($1::text, $2::text, string_to_array($3::text, chr(31)),
     string_to_array($4::text, chr(31))::float8[], string_to_array($5::text, chr(31))::float8[],
     string_to_array($6::text, chr(31))::float8[], string_to_array($7::text, chr(31))::float8[], $8::float8)`,
);
const FLUSH = statement(
  'budget_flush',
  ['text', 'text', 'text', 'text', 'text', 'text', 'float8'],
  `SELECT af_budget_flush($1::text, string_to_array($2::text, chr(31)), string_to_array($3::text, chr(31))::float8[],
     string_to_array($4::text, chr(31))::integer[], string_to_array($5::text, chr(31))::float8[],
     string_to_array($6::text, chr(31))::boolean[], $7::float8) AS lost`,
);

/** One key of a lease request: the allowance wanted, the least that will do, what is held in flight. */
export interface LeaseAsk {
  key: string;
  limitUsd: number;
  /** Refused when the key cannot give this much (0: take what there is, up to `wantUsd`). */
  needUsd: number;
  wantUsd: number;
  /** What the holder's calls in flight hold on this key (counted as spent if the lease expires). */
  heldUsd: number;
}

/** What one holder reports for one key: spend since its last report, and its lease's state. */
export interface LeaseReport {
  key: string;
  spentUsd: number;
  calls: number;
  heldUsd: number;
  /** Give back the rest of the lease (the holder has nothing in flight on it). */
  release: boolean;
}

export interface BudgetRow {
  workspaceId: string;
  /** '' for the workspace's own budget. */
  workflowId: string;
  dailyUsd: number | null;
  monthlyUsd: number | null;
  executionUsd: number | null;
  onExceed: 'pause' | 'fail';
  updatedAt: number;
}

export interface LedgerRow {
  key: string;
  spentUsd: number;
  /** Held by processes: leased and not yet reported spent (calls in flight included). */
  reservedUsd: number;
  /** Of `reservedUsd`, what calls in flight held at their processes' last reports. */
  heldUsd: number;
  calls: number;
}

export interface BudgetLedger {
  /**
   * Leases allowance on every key (sorted here) to `holder` for `ttlMs`: each gets `wantUsd`, or what is left
   * under its limit if less, when every key can give its `needUsd`. Returns the grants in the order asked, or the
   * key that cannot (nothing granted then).
   */
  leaseBudget(
    workspaceId: string,
    holder: string,
    asks: readonly LeaseAsk[],
    ttlMs: number,
  ): Promise<{ granted: number[] } | { refused: string }>;
  /**
   * Writes `holder`'s spend per key and renews (or, with `release`, gives back) its leases. Returns the keys whose
   * lease was gone (expired and taken back): the holder must lease again before it uses them.
   */
  flushBudget(holder: string, reports: readonly LeaseReport[], ttlMs: number): Promise<string[]>;
  /** The workspace's budgets (its own: `workflowId` ''; its workflows'). */
  listBudgets(workspaceId: string): Promise<BudgetRow[]>;
  /** Creates or replaces one budget; `null` limits everywhere removes it. */
  putBudget(row: Omit<BudgetRow, 'updatedAt'>): Promise<BudgetRow | undefined>;
  /** Ledger rows of the workspace with these keys (absent keys: nothing spent). */
  ledger(workspaceId: string, keys: readonly string[]): Promise<LedgerRow[]>;
}

interface RawBudget {
  workspace_id: string;
  workflow_id: string;
  daily_usd: number | null;
  monthly_usd: number | null;
  execution_usd: number | null;
  on_exceed: string;
  updated_at: number | string;
}

const BUDGET_COLUMNS = `workspace_id, workflow_id, daily_usd, monthly_usd, execution_usd, on_exceed,
  (extract(epoch from updated_at) * 1000)::float8 AS updated_at`;

function toBudget(r: RawBudget): BudgetRow {
  return {
    workspaceId: r.workspace_id,
    workflowId: r.workflow_id,
    dailyUsd: r.daily_usd,
    monthlyUsd: r.monthly_usd,
    executionUsd: r.execution_usd,
    onExceed: r.on_exceed === 'pause' ? 'pause' : 'fail',
    updatedAt: Number(r.updated_at),
  };
}

export function createBudgetLedger(raw: RawDb): BudgetLedger {
  return {
    async leaseBudget(workspaceId, holder, asks, ttlMs) {
      const sorted = [...asks].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      const col = (f: (a: LeaseAsk) => string | number) => sorted.map((a) => String(f(a))).join(SEP);
      const rows = await raw.run<{ refused: number; granted: number[] | string }>(LEASE, [
        workspaceId,
        holder,
        col((a) => a.key),
        col((a) => a.limitUsd),
        col((a) => a.needUsd),
        col((a) => a.wantUsd),
        col((a) => a.heldUsd),
        ttlMs,
      ]);
      const refused = Number(rows[0]?.refused ?? 0);
      if (refused > 0) return { refused: sorted[refused - 1]!.key };
      const grants = floatArray(rows[0]?.granted);
      const byKey = new Map(sorted.map((a, i) => [a.key, grants[i] ?? 0]));
      return { granted: asks.map((a) => byKey.get(a.key) ?? 0) };
    },
    async flushBudget(holder, reports, ttlMs) {
      if (reports.length === 0) return [];
      const sorted = [...reports].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      const col = (f: (r: LeaseReport) => string | number) => sorted.map((r) => String(f(r))).join(SEP);
      const rows = await raw.run<{ lost: string[] | string | null }>(FLUSH, [
        holder,
        col((r) => r.key),
        col((r) => r.spentUsd),
        col((r) => r.calls),
        col((r) => r.heldUsd),
        col((r) => (r.release ? 't' : 'f')),
        ttlMs,
      ]);
      return textArray(rows[0]?.lost);
    },
    async listBudgets(workspaceId) {
      const rows = await raw.query<RawBudget>(
        `SELECT ${BUDGET_COLUMNS} FROM budgets WHERE workspace_id = $1 ORDER BY workflow_id`,
        [workspaceId],
      );
      return rows.map(toBudget);
    },
    async putBudget(row) {
      if (row.dailyUsd === null && row.monthlyUsd === null && row.executionUsd === null) {
        await raw.query('DELETE FROM budgets WHERE workspace_id = $1 AND workflow_id = $2', [
          row.workspaceId,
          row.workflowId,
        ]);
        return undefined;
      }
      const params: Param[] = [
        row.workspaceId,
        row.workflowId,
        row.dailyUsd,
        row.monthlyUsd,
        row.executionUsd,
        row.onExceed,
      ];
      const rows = await raw.query<RawBudget>(
        `INSERT INTO budgets (workspace_id, workflow_id, daily_usd, monthly_usd, execution_usd, on_exceed)
         VALUES ($1, $2, $3::float8, $4::float8, $5::float8, $6)
         ON CONFLICT (workspace_id, workflow_id) DO UPDATE SET daily_usd = EXCLUDED.daily_usd,
           monthly_usd = EXCLUDED.monthly_usd, execution_usd = EXCLUDED.execution_usd,
           on_exceed = EXCLUDED.on_exceed, updated_at = now()
         RETURNING ${BUDGET_COLUMNS}`,
        params,
      );
      return rows[0] ? toBudget(rows[0]) : undefined;
    },
    async ledger(workspaceId, keys) {
      if (keys.length === 0) return [];
      const rows = await raw.query<{
        key: string;
        spent_usd: number;
        reserved_usd: number;
        held_usd: number;
        calls: number;
      }>(
        `SELECT g.key, g.spent_usd, g.reserved_usd, g.calls,
           (SELECT coalesce(sum(held_usd), 0) FROM budget_leases l WHERE l.key = g.key)::float8 AS held_usd
         FROM budget_ledger g WHERE g.workspace_id = $1 AND g.key = ANY(string_to_array($2::text, chr(31)))`,
        [workspaceId, keys.join(SEP)],
      );
      return rows.map((r) => ({
        key: r.key,
        spentUsd: Number(r.spent_usd),
        reservedUsd: Number(r.reserved_usd),
        heldUsd: Math.min(Number(r.held_usd), Number(r.reserved_usd)),
        calls: Number(r.calls),
      }));
    },
  };
}

/** A PostgreSQL array as the drivers return it: parsed (node-postgres) or its text form (`{1,2.5}`). */
function textArray(value: string[] | string | null | undefined): string[] {
  if (Array.isArray(value)) return value;
  if (!value || value === '{}') return [];
  return value
    .slice(1, -1)
    .split(',')
    .map((v) => v.replace(/^"|"$/g, ''));
}

function floatArray(value: number[] | string | null | undefined): number[] {
  if (Array.isArray(value)) return value.map(Number);
  return textArray(value).map(Number);
}
