/**
 * Dashboard queries (issue 14) over a large store: p50/p95 of each aggregate query of the operations API, per
 * window, after the data is seeded with bulk SQL (generate_series). Not part of `npm run bench` (PostgreSQL, and
 * minutes of seeding); reads the sources directly (no build needed).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/analytics.ts pg [executions=100000] [steps=10]
 *   npx tsx bench/analytics.ts pglite [executions=10000] [steps=10]
 *
 * Data: one workspace, `executions` top-level executions spread evenly over the last 30 days (20 workflows,
 * mostly succeeded, ~14% failed, some cancelled, a fifth of the last hour's still running, 0.1% paused waiting for
 * a person at any age), each with
 * `steps` steps (one model call each: 2 providers, 3 models, 5% errors). Then the first step query folds the
 * hourly rollups (timed apart: `initial fold`), VACUUM ANALYZE, and every query runs `runs` times.
 */
import { performance } from 'node:perf_hooks';
import type { SqlStore } from '../adapters/store-sql/src/index.js';
import { createPgliteStore } from '../adapters/store-sql/src/pglite.js';
import { createPostgresStore } from '../adapters/store-sql/src/postgres.js';
import type { AnalyticsWindow } from '../packages/protocol/src/index.js';

const driver = process.argv[2] === 'pg' ? 'pg' : 'pglite';
const executions = Number(process.argv[3] ?? (driver === 'pg' ? 100_000 : 10_000));
const stepsPer = Number(process.argv[4] ?? 10);
const runs = Number(process.env.RUNS ?? 40);
const WS = 'ws-bench';

const url = process.env.DATABASE_URL;
if (driver === 'pg' && !url) {
  console.error('bench/analytics.ts pg needs DATABASE_URL');
  process.exit(2);
}
// SCHEMA=name reuses (and keeps) a schema seeded by an earlier run with KEEP=1.
const schema = process.env.SCHEMA ?? `bench_analytics_${process.pid}`;
const keep = process.env.KEEP === '1' || process.env.SCHEMA !== undefined;
const store: SqlStore =
  driver === 'pg'
    ? await createPostgresStore({ url: url!, schema })
    : await createPgliteStore({ inMemory: true });

function timeIt<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  return f().then((value) => ({ ms: performance.now() - t, value }));
}

async function exec(text: string) {
  const { sql } = await import('drizzle-orm');
  await store.db.execute(sql.raw(text));
}

try {
  const span = 30 * 86_400; // seconds
  const { sql: sqlTag } = await import('drizzle-orm');
  const existing = await store.db.execute(sqlTag.raw('SELECT count(*)::int AS n FROM workflow_executions'));
  const seeded = (existing as unknown as { rows: { n: number }[] }).rows[0]!.n > 0;
  const seed = await timeIt(async () => {
    if (seeded) return;
    await exec(`INSERT INTO workflow_executions (id, workflow_id, workflow_version, workflow, workspace_id, status,
        input, ready, waiting, step_count, input_tokens, output_tokens, cost_usd, created_at, started_at, completed_at)
      SELECT 'bx-' || g, 'wf-' || (g % 20), 1, '{"name":"bench","agents":[],"connections":[],"config":{}}'::jsonb,
        '${WS}', s.status, '{}'::jsonb, '[]'::jsonb,
        CASE WHEN s.status = 'paused' THEN '["review"]'::jsonb ELSE '[]'::jsonb END, ${stepsPer},
        ${stepsPer * 100}, ${stepsPer * 50}, ${stepsPer * 0.001}, t.at, t.at + interval '100 milliseconds',
        CASE WHEN s.status IN ('succeeded', 'failed', 'cancelled')
          THEN t.at + ((g * 7919) % 20000) * interval '1 millisecond' END
      FROM generate_series(1, ${executions}) g,
        LATERAL (SELECT now() - interval '5 minutes' - (g * ${span / executions}) * interval '1 second' AS at) t,
        LATERAL (SELECT CASE WHEN g <= ${Math.ceil(executions / 720)} AND g % 5 = 0 THEN 'running'
          WHEN g % 997 = 0 THEN 'paused'
          WHEN g % 7 = 0 THEN 'failed' WHEN g % 31 = 0 THEN 'cancelled' ELSE 'succeeded' END AS status) s`);
    await exec(`INSERT INTO execution_steps (execution_id, seq, step_id, agent_id, iteration, status, attempt,
        started_at, completed_at, usage, model_calls)
      SELECT e.id, k, e.id || ':a' || k || ':0', 'a' || k, 0,
        CASE WHEN e.status = 'paused' AND k = ${stepsPer - 1} THEN 'waiting'
          WHEN (hashtext(e.id) + k) % 23 = 0 THEN 'failed' ELSE 'succeeded' END, 1,
        e.started_at + k * interval '1 millisecond', e.started_at + (k + 1) * interval '1 millisecond',
        '{"inputTokens":100,"outputTokens":50,"costUsd":0.001}'::jsonb,
        jsonb_build_array(jsonb_build_object('provider', CASE WHEN k % 2 = 0 THEN 'openai' ELSE 'anthropic' END,
          'model', 'm' || (k % 3), 'status', CASE WHEN (hashtext(e.id) + k) % 20 = 0 THEN 'error' ELSE 'ok' END,
          'latencyMs', 120, 'inputTokens', 100, 'outputTokens', 50, 'costUsd', 0.001))
      FROM workflow_executions e, generate_series(0, ${stepsPer - 1}) k`);
  });
  const fold = await timeIt(() => store.foldAnalytics());
  const vacuum = await timeIt(() => exec('VACUUM ANALYZE'));
  const { sql } = await import('drizzle-orm');
  const counted = await store.db.execute(
    sql.raw(
      'SELECT (SELECT count(*) FROM workflow_executions)::int AS x, (SELECT count(*) FROM execution_steps)::int AS s',
    ),
  );
  const counts = (counted as unknown as { rows: { x: number; s: number }[] }).rows[0]!;
  console.log(
    `${driver}: ${counts.x} executions, ${counts.s} steps; seeded in ${(seed.ms / 1000).toFixed(1)} s, ` +
      `initial fold ${(fold.ms / 1000).toFixed(1)} s, vacuum analyze ${(vacuum.ms / 1000).toFixed(1)} s; ${runs} runs per query`,
  );

  const windows: AnalyticsWindow[] = ['1h', '24h', '7d', '30d'];
  const queries: [string, () => Promise<unknown>][] = [];
  for (const window of windows) {
    queries.push([`executions ${window}`, () => store.executionStats({ workspaceId: WS, window })]);
    queries.push([`steps ${window}`, () => store.stepStats({ workspaceId: WS, window })]);
  }
  queries.push([
    'executions 30d, one workflow',
    () => store.executionStats({ workspaceId: WS, window: '30d', workflowId: 'wf-3' }),
  ]);
  queries.push(['costs', () => store.costSummary({ workspaceId: WS })]);
  queries.push(['approvals inbox', () => store.listWaiting({ workspaceId: WS, limit: 50 })]);
  queries.push([
    'executions list, 2 statuses',
    () =>
      store.listExecutions({
        workspaceId: WS,
        status: ['failed', 'cancelled'],
        parentExecutionId: null,
        limit: 50,
      }),
  ]);

  console.log('| query | p50 ms | p95 ms | max ms | target p95 ≤ 50 ms |');
  console.log('| --- | ---: | ---: | ---: | --- |');
  for (const [name, run] of queries) {
    for (let i = 0; i < 3; i++) await run(); // warm-up (plans, caches)
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push((await timeIt(run)).ms);
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
    console.log(
      `| ${name} | ${at(0.5).toFixed(1)} | ${at(0.95).toFixed(1)} | ${times.at(-1)!.toFixed(1)} | ${at(0.95) <= 50 ? 'met' : 'MISSED'} |`,
    );
  }
  const load = (await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(
    `load average ${load}, ${(await import('node:os')).cpus().length} cores, ${new Date().toISOString()}`,
  );
} finally {
  if (driver === 'pg' && !keep) await exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => {});
  await store.close();
}
