/**
 * The prepared statements of the execution store. Times travel as float8 milliseconds and JSON as jsonb text;
 * every parameter carries an explicit cast. Terminal statuses: succeeded, failed, cancelled.
 */

import { TERMINAL_SQL } from './db.js';
import { messagesText } from './large-values.js';
import { statement } from './raw.js';
import { EXECUTION_COLUMNS, MESSAGE_COLUMNS } from './records.js';
import { INSERT_STEPS, STEP_COLUMNS, STEP_ROW, STEP_VALUES } from './step-columns.js';

export { INSERT_STEPS, STEP_ROW, STEP_VALUES } from './step-columns.js';

const TERMINAL = TERMINAL_SQL;
/** `to_timestamp` of a millisecond parameter (PostgreSQL rounds to microseconds, so ms values are exact). */
const ts = (param: string) => `to_timestamp(${param}::float8 / 1000)`;

/**
 * A condition on a batch's row number `i` (always true) that makes the planner expect one row from the batch.
 * PostgreSQL assumes 100 rows from a set-returning function and, for that many, joins the batch to
 * workflow_executions by hashing a sequential scan of the whole table. A prepared statement keeps the plan it got
 * when first run, typically on a near-empty table, and PGlite (no autovacuum, so no new statistics) never replans
 * it: every commit then read every execution (measured: 1.1 ms per commit after 2,000 executions instead of
 * 0.25 ms). The planner estimates a two-sided range on a column without statistics at 0.5% of the rows, so it
 * plans a batch as one row: a nested loop of primary-key lookups, whatever the size of the table.
 */
const ONE_ROW = (i: string) => `${i} BETWEEN 0 AND 2147483647`;

/** The log lines of step commits: rows `l` of a jsonb document, for executions whose UPDATE matched. */
const insertLogs = (param: string, where: string) => `ins_logs AS (
    INSERT INTO agent_logs (execution_id, step_id, agent_id, attempt, level, message, data, at)
    SELECT l.execution_id, l.step_id, l.agent_id, l.attempt, l.level, l.message, l.data -> 0,
      to_timestamp(l.at / 1000)
    FROM jsonb_to_recordset(${param}::jsonb) AS l(i int, execution_id text, step_id text, agent_id text,
      attempt int, level text, message text, data jsonb, at float8)
    WHERE ${where}
    ORDER BY l.i
  )`;

/**
 * One step commit (see step-commit.ts), the common case: an UPDATE of the execution guarded by
 * `status NOT IN (terminal)`, and the INSERT of its steps only if the UPDATE matched, so a refused or failing
 * commit writes nothing. $1 id, $2 ready, $3 waiting, $4 number of steps, $5-$7 usage to add, $8 step rows (the
 * commit's messages in the first one's `messages`); with `logs`, $9 the number of log lines and $10 the lines
 * (a separate statement, so that the commits of steps that logged nothing pay nothing for logs). Returns the id
 * if applied.
 */
function commitOne(logs: boolean) {
  return statement(
    logs ? 'commit_step_logs' : 'commit_step',
    [
      'text',
      'jsonb',
      'jsonb',
      'int',
      'float8',
      'float8',
      'float8',
      'jsonb',
      ...(logs ? ['int', 'jsonb'] : []),
    ],
    `WITH upd AS (
    UPDATE workflow_executions e SET
      ready = $2::jsonb, waiting = $3::jsonb, step_count = e.step_count + $4::int, recoveries = 0,
      input_tokens = e.input_tokens + $5::float8::bigint, output_tokens = e.output_tokens + $6::float8::bigint,
      cost_usd = e.cost_usd + $7::float8${logs ? ', log_count = e.log_count + $9::int' : ''}
    WHERE e.id = $1::text AND e.status NOT IN ${TERMINAL}
    RETURNING e.id
  ), ins_steps AS (
    ${INSERT_STEPS}
    SELECT $1::text, ${STEP_VALUES}
    FROM jsonb_to_recordset($8::jsonb) AS s(${STEP_ROW})
    WHERE EXISTS (SELECT FROM upd)
  )${logs ? `, ${insertLogs('$10', 'EXISTS (SELECT FROM upd)')}` : ''}
  SELECT id FROM upd`,
  );
}

export const COMMIT_ONE = commitOne(false);
export const COMMIT_ONE_LOGS = commitOne(true);

/**
 * Step commits of several executions (or one without steps but with messages) in one statement, as COMMIT_ONE
 * row by row: $1 = [{i, id, ready, waiting, n, input_tokens, output_tokens, cost_usd, logs}], $2 = step rows
 * (with `execution_id`), $3 = messages of commits without steps, placed after the execution's last step; with
 * `logs`, $4 = log lines (with `execution_id`; `logs` in $1 counts them).
 */
function commitMany(logs: boolean) {
  return statement(
    logs ? 'commit_steps_logs' : 'commit_steps',
    ['jsonb', 'jsonb', 'jsonb', ...(logs ? ['jsonb'] : [])],
    `WITH c AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS c(
      i int, id text, ready jsonb, waiting jsonb, n int, input_tokens float8, output_tokens float8, cost_usd float8,
      logs int)
    WHERE ${ONE_ROW('c.i')}
  ), upd AS (
    UPDATE workflow_executions e SET
      ready = c.ready, waiting = c.waiting, step_count = e.step_count + c.n, recoveries = 0,
      input_tokens = e.input_tokens + c.input_tokens::bigint,
      output_tokens = e.output_tokens + c.output_tokens::bigint,
      cost_usd = e.cost_usd + c.cost_usd${logs ? ', log_count = e.log_count + coalesce(c.logs, 0)' : ''}
    FROM c WHERE e.id = c.id AND e.status NOT IN ${TERMINAL}
    RETURNING e.id
  ), ins_steps AS (
    ${INSERT_STEPS}
    SELECT s.execution_id, ${STEP_VALUES}
    FROM jsonb_to_recordset($2::jsonb) AS s(execution_id text, ${STEP_ROW})
    WHERE s.execution_id IN (SELECT id FROM upd)
  ), ins_messages AS (
    INSERT INTO agent_messages (execution_id, connection_id, from_agent_id, to_agent_id, step_id, payload, at,
      after_seq)
    SELECT m.execution_id, m.connection_id, m.from_agent_id, m.to_agent_id, m.step_id, m.payload -> 0,
      to_timestamp(m.at / 1000),
      coalesce((SELECT max(x.seq) FROM execution_steps x WHERE x.execution_id = m.execution_id), -1)
    FROM jsonb_to_recordset($3::jsonb) AS m(i int, execution_id text, connection_id text, from_agent_id text,
      to_agent_id text, step_id text, payload jsonb, at float8)
    WHERE m.execution_id IN (SELECT id FROM upd)
    ORDER BY m.i
  )${logs ? `, ${insertLogs('$4', 'l.execution_id IN (SELECT id FROM upd)')}` : ''}
  SELECT id FROM upd`,
  );
}

export const COMMIT = commitMany(false);
export const COMMIT_LOGS = commitMany(true);

/** Statuses of executions ($1: jsonb array of ids), to explain refused commits. */
export const STATUSES = statement(
  'statuses',
  ['jsonb'],
  `SELECT e.id, e.status
  FROM jsonb_array_elements_text($1::jsonb) WITH ORDINALITY AS x(id, i)
  JOIN workflow_executions e ON e.id = x.id
  WHERE ${ONE_ROW('x.i')}`,
);

/**
 * $1: jsonb rows in call order (`i`); a taken id inserts nothing (no row returned). A row with `lease_owner` is
 * created with its lease taken until `now() + lease_ttl_ms` (database time, as in ACQUIRE_LEASE).
 */
export const CREATE_EXECUTIONS = statement(
  'create_executions',
  ['jsonb'],
  `INSERT INTO workflow_executions (id, workflow_id, workflow_version, workflow, workspace_id, parent_execution_id,
    status, input, output, error, ready, waiting, step_count, input_tokens, output_tokens, cost_usd, created_at,
    started_at, completed_at, lease_owner, lease_expires_at, forked_from_execution_id, forked_from_node,
    forked_from_input)
  SELECT x.id, x.workflow_id, x.workflow_version, x.workflow -> 0, x.workspace_id, x.parent_execution_id, x.status,
    x.input -> 0, x.output -> 0, x.error -> 0, x.ready -> 0, x.waiting -> 0, x.step_count, x.input_tokens::bigint,
    x.output_tokens::bigint, x.cost_usd, to_timestamp(x.created_at / 1000), to_timestamp(x.started_at / 1000),
    to_timestamp(x.completed_at / 1000), x.lease_owner,
    CASE WHEN x.lease_owner IS NULL THEN NULL ELSE now() + x.lease_ttl_ms * interval '1 millisecond' END,
    x.forked_from_execution_id, x.forked_from_node, x.forked_from_input -> 0
  FROM jsonb_to_recordset($1::jsonb) AS x(i int, id text, workflow_id text, workflow_version int, workflow jsonb,
    workspace_id text, parent_execution_id text, status text, input jsonb, output jsonb, error jsonb, ready jsonb,
    waiting jsonb, step_count int, input_tokens float8, output_tokens float8, cost_usd float8, created_at float8,
    started_at float8, completed_at float8, lease_owner text, lease_ttl_ms float8, forked_from_execution_id text,
    forked_from_node text, forked_from_input jsonb)
  ORDER BY x.i
  ON CONFLICT (id) DO NOTHING
  RETURNING id`,
);

export const GET_EXECUTION = statement(
  'get_execution',
  ['text'],
  `SELECT ${EXECUTION_COLUMNS} FROM workflow_executions WHERE id = $1::text`,
);

/**
 * $1: jsonb rows {i, id, status?, set_output, output, set_error, error, started_at?, completed_at?}; absent fields
 * keep their value. Refuses (no row returned) executions that are terminal; a terminal status drops the lease.
 */
export const UPDATE_EXECUTIONS = statement(
  'update_executions',
  ['jsonb'],
  `WITH u AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS u(i int, id text, status text, set_output boolean, output jsonb,
      set_error boolean, error jsonb, started_at float8, completed_at float8)
    WHERE ${ONE_ROW('u.i')}
  )
  UPDATE workflow_executions e SET
    status = coalesce(u.status, e.status),
    output = CASE WHEN u.set_output THEN u.output -> 0 ELSE e.output END,
    error = CASE WHEN u.set_error THEN u.error -> 0 ELSE e.error END,
    started_at = coalesce(to_timestamp(u.started_at / 1000), e.started_at),
    completed_at = coalesce(to_timestamp(u.completed_at / 1000), e.completed_at),
    lease_owner = CASE WHEN u.status IN ${TERMINAL} THEN NULL ELSE e.lease_owner END,
    lease_expires_at = CASE WHEN u.status IN ${TERMINAL} THEN NULL ELSE e.lease_expires_at END
  FROM u WHERE e.id = u.id AND e.status NOT IN ${TERMINAL}
  RETURNING e.id`,
);

export const LIST_STEPS = statement(
  'list_steps',
  ['text'],
  `SELECT ${STEP_COLUMNS} FROM execution_steps WHERE execution_id = $1::text ORDER BY seq`,
);

/**
 * Messages in commit order: agent_messages rows from before migration 0003 (after_seq null) by id, then by step:
 * the messages stored with a step (`messages`, a JSON array), then those of commits without steps placed after it.
 */
export const LIST_MESSAGES = statement(
  'list_messages',
  ['text'],
  `SELECT messages, ${MESSAGE_COLUMNS} FROM (
    SELECT 1 AS grp, seq AS pos, 0 AS kind, 0::bigint AS id, ${messagesText('messages')} AS messages, NULL::text AS execution_id,
      NULL::text AS connection_id, NULL::text AS from_agent_id, NULL::text AS to_agent_id, NULL::text AS step_id,
      NULL::jsonb AS payload, NULL::timestamptz AS at
    FROM execution_steps WHERE execution_id = $1::text AND messages IS NOT NULL
    UNION ALL
    SELECT CASE WHEN after_seq IS NULL THEN 0 ELSE 1 END, coalesce(after_seq, 0), 1, id, NULL, execution_id,
      connection_id, from_agent_id, to_agent_id, step_id, payload, at
    FROM agent_messages WHERE execution_id = $1::text
  ) m
  ORDER BY grp, pos, kind, id`,
);

/** $1: jsonb rows; logs of unknown executions are dropped (as in the memory store). */
export const APPEND_LOGS = statement(
  'append_logs',
  ['jsonb'],
  `INSERT INTO agent_logs (execution_id, step_id, agent_id, attempt, level, message, data, at)
  SELECT x.execution_id, x.step_id, x.agent_id, x.attempt, x.level, x.message, x.data -> 0,
    to_timestamp(x.at / 1000)
  FROM jsonb_to_recordset($1::jsonb) AS x(i int, execution_id text, step_id text, agent_id text, attempt int,
    level text, message text, data jsonb, at float8)
  WHERE ${ONE_ROW('x.i')} AND EXISTS (SELECT 1 FROM workflow_executions e WHERE e.id = x.execution_id)
  ORDER BY x.i`,
);

/** $1 id, $2 owner, $3 ttl ms. Database time decides expiry. */
export const ACQUIRE_LEASE = statement(
  'acquire_lease',
  ['text', 'text', 'float8'],
  `WITH taken AS (
    UPDATE workflow_executions
    SET lease_owner = $2::text, lease_expires_at = now() + $3::float8 * interval '1 millisecond'
    WHERE id = $1::text AND (lease_owner IS NULL OR lease_owner = $2::text OR lease_expires_at <= now())
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM taken)::int AS taken,
    EXISTS (SELECT 1 FROM workflow_executions WHERE id = $1::text) AS found`,
);

export const RELEASE_LEASE = statement(
  'release_lease',
  ['text', 'text'],
  `UPDATE workflow_executions SET lease_owner = NULL, lease_expires_at = NULL
  WHERE id = $1::text AND lease_owner = $2::text`,
);

/**
 * Every queued or running execution's lease: an embedded store's one process takes over what it left behind.
 * Run once per start, so not prepared.
 */
export const RELEASE_ALL_LEASES = `WITH released AS (
    UPDATE workflow_executions SET lease_owner = NULL, lease_expires_at = NULL
    WHERE status IN ('queued', 'running') AND (lease_owner IS NOT NULL OR lease_expires_at IS NOT NULL)
    RETURNING 1
  ) SELECT count(*)::int AS n FROM released`;

export const LIST_ORPHANS = statement(
  'list_orphans',
  ['int'],
  `SELECT id FROM workflow_executions
  WHERE status IN ('queued', 'running') AND (lease_expires_at IS NULL OR lease_expires_at <= now())
  ORDER BY seq
  LIMIT $1::int`,
);

/**
 * Takes an orphan's lease for $2 for $3 ms and counts the take-up, only if it is still an orphan (LIST_ORPHANS'
 * condition, under the row lock): returns the take-ups since its last commit, or no row.
 */
export const CLAIM_ORPHAN = statement(
  'claim_orphan',
  ['text', 'text', 'float8'],
  `UPDATE workflow_executions
  SET lease_owner = $2::text, lease_expires_at = now() + $3::float8 * interval '1 millisecond',
    recoveries = recoveries + 1
  WHERE id = $1::text AND status IN ('queued', 'running')
    AND (lease_expires_at IS NULL OR lease_expires_at <= now())
  RETURNING recoveries`,
);

/** A failed execution back to queued (`reopenExecution`): its error, end, lease and take-ups cleared. */
export const REOPEN_EXECUTION = statement(
  'reopen_execution',
  ['text'],
  `UPDATE workflow_executions
  SET status = 'queued', error = NULL, completed_at = NULL, lease_owner = NULL, lease_expires_at = NULL,
    recoveries = 0
  WHERE id = $1::text AND status = 'failed'
  RETURNING 1 AS reopened`,
);

/** Deletes terminal executions completed before $1 (ms) with their steps, messages and logs. */
export const PRUNE = statement(
  'prune',
  ['float8'],
  `WITH gone AS (
    DELETE FROM workflow_executions
    WHERE status IN ${TERMINAL} AND completed_at IS NOT NULL AND completed_at < ${ts('$1')}
    RETURNING id
  ), steps AS (
    DELETE FROM execution_steps WHERE execution_id IN (SELECT id FROM gone)
  ), messages AS (
    DELETE FROM agent_messages WHERE execution_id IN (SELECT id FROM gone)
  ), logs AS (
    DELETE FROM agent_logs WHERE execution_id IN (SELECT id FROM gone)
  ), large AS (
    DELETE FROM large_values WHERE execution_id IN (SELECT id FROM gone)
  )
  SELECT count(*)::int AS n FROM gone`,
);
