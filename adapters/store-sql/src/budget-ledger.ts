/**
 * The spend ledger of budgets (issue 17 item 4; tables `budgets`, `budget_ledger`, function `af_budget_reserve`,
 * migration 0014). A model call reserves its maximum cost against every limit that applies to it in one
 * statement (the limit rows are locked in key order, so concurrent callers on any number of processes queue on
 * the rows they share, never deadlock, and never see a stale total); after the call the reservation is replaced
 * by what it cost. So `spent + reserved` never passes a limit, whatever the concurrency: the ledger can only
 * be over by what a call cost beyond its reserved maximum (the price table's price times the tokens reported).
 */
import { type Param, type RawDb, statement } from './raw.js';

/** Keys and limits travel as one text each, split in SQL on U+001F (the raw driver binds scalars only). */
const SEP = '\u001f';

const RESERVE = statement(
  'budget_reserve',
  ['text', 'text', 'text', 'float8'],
  `SELECT af_budget_reserve($1::text, string_to_array($2::text, chr(31)), string_to_array($3::text, chr(31))::float8[], $4::float8) AS refused`,
);
const SETTLE = statement(
  'budget_settle',
  ['text', 'float8', 'float8'],
  `UPDATE budget_ledger SET reserved_usd = greatest(reserved_usd - $2::float8, 0), spent_usd = spent_usd + $3::float8,
     updated_at = now() WHERE key = ANY(string_to_array($1::text, chr(31)))`,
);

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
  reservedUsd: number;
  calls: number;
}

export interface BudgetLedger {
  /**
   * Reserves `amountUsd` against every key (sorted here) when none would pass its limit (`limits[i]` for
   * `keys[i]`). Returns the key that would be passed, or undefined once reserved.
   */
  reserveBudget(
    workspaceId: string,
    keys: readonly string[],
    limits: readonly number[],
    amountUsd: number,
  ): Promise<string | undefined>;
  /** Replaces a reservation of `reservedUsd` by `spentUsd` on every key. */
  settleBudget(keys: readonly string[], reservedUsd: number, spentUsd: number): Promise<void>;
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
    async reserveBudget(workspaceId, keys, limits, amountUsd) {
      const order = keys.map((_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : 1));
      const sortedKeys = order.map((i) => keys[i]!);
      const sortedLimits = order.map((i) => String(limits[i]!));
      const rows = await raw.run<{ refused: number }>(RESERVE, [
        workspaceId,
        sortedKeys.join(SEP),
        sortedLimits.join(SEP),
        amountUsd,
      ]);
      const refused = Number(rows[0]?.refused ?? 0);
      return refused > 0 ? sortedKeys[refused - 1] : undefined;
    },
    async settleBudget(keys, reservedUsd, spentUsd) {
      await raw.run(SETTLE, [keys.join(SEP), reservedUsd, spentUsd]);
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
      const rows = await raw.query<{ key: string; spent_usd: number; reserved_usd: number; calls: number }>(
        `SELECT key, spent_usd, reserved_usd, calls FROM budget_ledger
         WHERE workspace_id = $1 AND key = ANY(string_to_array($2::text, chr(31)))`,
        [workspaceId, keys.join(SEP)],
      );
      return rows.map((r) => ({
        key: r.key,
        spentUsd: Number(r.spent_usd),
        reservedUsd: Number(r.reserved_usd),
        calls: Number(r.calls),
      }));
    },
  };
}
