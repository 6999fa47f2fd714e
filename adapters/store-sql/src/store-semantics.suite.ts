/**
 * SQL-store behaviour beyond the shared Store contract, run on both drivers by pglite.test.ts and
 * postgres.int.test.ts: exact JSON round trips, group commit (atomic per commit, ordered per execution),
 * forward-only statuses under racing updates, stable pagination with equal timestamps.
 */
import { randomUUID } from 'node:crypto';
import type { StepCommit } from '@agentflow/core';
import type { AgentFlowError, ExecutionRecord } from '@agentflow/protocol';
import { makeExecutionRecord, makeMessageRecord, makeStepRecord } from '@agentflow/testing';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { defineJsonValueTests } from './json-values.suite.js';
import { MIGRATIONS_TABLE, migrationsSchemaFor } from './migrate.js';
import type { SqlStore } from './sql-store.js';

function commitOf(x: ExecutionRecord, seq: number, extra: Partial<StepCommit> = {}): StepCommit {
  const agent = `n${seq}`;
  const step = makeStepRecord(x.id, agent, seq);
  return {
    executionId: x.id,
    steps: [step],
    messages: [makeMessageRecord(x.id, step.id, agent, `n${seq + 1}`, { seq })],
    ready: [`n${seq + 1}`],
    waiting: [],
    usage: { inputTokens: 1, outputTokens: 2, costUsd: 0.5 },
    ...extra,
  };
}

export function defineSqlStoreTests(store: () => SqlStore): void {
  defineJsonValueTests(store);

  describe('listExecutions with equal timestamps', () => {
    it('pages in creation order, newest first, without gaps or repeats', async () => {
      const workflowId = `wf-${randomUUID()}`;
      const createdAt = Date.now();
      const xs: ExecutionRecord[] = [];
      for (let i = 0; i < 12; i++) {
        // Ids in no particular order: ties are broken by creation order, not by id.
        const x = makeExecutionRecord({ id: `${randomUUID()}-${i}`, workflowId, createdAt });
        await store().createExecution(x);
        xs.push(x);
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store().listExecutions({ workflowId, limit: 5, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((x) => x.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(xs.map((x) => x.id).reverse());
    });

    it('returns an empty page for a cursor it did not issue', async () => {
      expect(await store().listExecutions({ cursor: 'not-a-cursor' })).toEqual({ items: [] });
    });
  });

  describe('step commits', () => {
    it('reports the reason of a refused commit with its error code', async () => {
      const missing = randomUUID();
      await expect(
        store().commitStep({ executionId: missing, steps: [], messages: [], ready: [], waiting: [] }),
      ).rejects.toMatchObject({ code: 'AF_NOT_FOUND' });
      const x = makeExecutionRecord({ status: 'running' });
      await store().createExecution(x);
      await store().updateExecution(x.id, { status: 'failed', completedAt: 1 });
      await expect(store().commitStep(commitOf(x, 1))).rejects.toMatchObject({ code: 'AF_NOT_RESUMABLE' });
    });

    it('a failing commit writes nothing (a repeated step id, within the commit or already stored)', async () => {
      const x = makeExecutionRecord({ status: 'running' });
      await store().createExecution(x);
      await store().commitStep(commitOf(x, 1));
      const before = await store().getExecution(x.id);
      const again = commitOf(x, 1, {
        ready: ['changed'],
        usage: { inputTokens: 9, outputTokens: 9, costUsd: 9 },
      });
      again.steps[0] = { ...again.steps[0]!, seq: 2 };
      await expect(store().commitStep(again)).rejects.toMatchObject({ code: 'AF_DUPLICATE_ID' });
      const twice = commitOf(x, 3);
      twice.steps.push({ ...twice.steps[0]!, seq: 4 });
      await expect(store().commitStep(twice)).rejects.toMatchObject({ code: 'AF_DUPLICATE_ID' });
      expect(await store().getExecution(x.id)).toStrictEqual(before);
      expect((await store().listSteps(x.id)).map((s) => s.seq)).toEqual([1]);
      expect(await store().listMessages(x.id)).toHaveLength(1);
    });

    it('lists messages in commit order, with their step or (commits without steps) after it', async () => {
      const x = makeExecutionRecord({ status: 'running' });
      const y = makeExecutionRecord({ status: 'running' });
      for (const e of [x, y]) await store().createExecution(e);
      const alone = (e: ExecutionRecord, payload: unknown): StepCommit => ({
        executionId: e.id,
        steps: [],
        messages: [makeMessageRecord(e.id, `${e.id}:h:0`, 'h', 'a', payload)],
        ready: [],
        waiting: [],
      });
      await store().commitStep(alone(x, 'before any step'));
      const first = commitOf(x, 1);
      const second = makeMessageRecord(x.id, first.steps[0]!.id, 'n1', 'n9', undefined, 'n1-n9');
      first.messages.push(second);
      await store().commitStep(first);
      await store().commitStep(alone(x, null));
      const skipping = commitOf(x, 2);
      skipping.steps.push(makeStepRecord(x.id, 'n9', 3, { status: 'skipped' }));
      await store().commitStep(skipping);
      // One group: commits of two executions, one without steps, then the next commit of each.
      await Promise.all([
        store().commitStep(alone(x, 'after seq 3')),
        store().commitStep(commitOf(y, 1)),
        store().commitStep(commitOf(x, 4)),
        store().commitStep(alone(y, 'y after seq 1')),
      ]);
      const listed = await store().listMessages(x.id);
      expect(listed.map((m) => m.payload)).toStrictEqual([
        'before any step',
        { seq: 1 },
        undefined,
        null,
        { seq: 2 },
        'after seq 3',
        { seq: 4 },
      ]);
      expect(listed[2]).toStrictEqual(second);
      expect((await store().listMessages(y.id)).map((m) => m.payload)).toEqual([{ seq: 1 }, 'y after seq 1']);
      expect((await store().getExecution(x.id))?.stepCount).toBe(4);
    });

    it('group commit: concurrent commits of many executions all land, each in order', async () => {
      const xs: ExecutionRecord[] = [];
      for (let i = 0; i < 30; i++) {
        const x = makeExecutionRecord({ status: 'running' });
        await store().createExecution(x);
        xs.push(x);
      }
      // Fire every commit at once, without waiting between commits of the same execution.
      await Promise.all(
        xs.flatMap((x) => [1, 2, 3, 4, 5].map((seq) => store().commitStep(commitOf(x, seq)))),
      );
      for (const x of xs) {
        const got = await store().getExecution(x.id);
        expect(got).toMatchObject({ ready: ['n6'], stepCount: 5 });
        expect(got?.usage).toEqual({ inputTokens: 5, outputTokens: 10, costUsd: 2.5 });
        expect((await store().listSteps(x.id)).map((s) => s.seq)).toEqual([1, 2, 3, 4, 5]);
        expect((await store().listMessages(x.id)).map((m) => m.payload)).toEqual(
          [1, 2, 3, 4, 5].map((seq) => ({ seq })),
        );
      }
    });

    it('group commit: a bad or refused commit fails alone; the others in its group land', async () => {
      const good = makeExecutionRecord({ status: 'running' });
      const bad = makeExecutionRecord({ status: 'running' });
      const done = makeExecutionRecord({ status: 'running' });
      for (const x of [good, bad, done]) await store().createExecution(x);
      await store().commitStep(commitOf(bad, 1));
      await store().updateExecution(done.id, { status: 'succeeded', completedAt: 1 });
      const repeat = commitOf(bad, 1);
      repeat.steps[0] = { ...repeat.steps[0]!, seq: 2 };
      const results = await Promise.allSettled([
        store().commitStep(commitOf(good, 1)),
        store().commitStep(repeat),
        store().commitStep(commitOf(done, 1)),
        store().commitStep(commitOf(good, 2)),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
      const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as AgentFlowError).code : 'ok'));
      expect(codes).toEqual(['ok', 'AF_DUPLICATE_ID', 'AF_NOT_RESUMABLE', 'ok']);
      expect((await store().listSteps(good.id)).map((s) => s.seq)).toEqual([1, 2]);
      expect((await store().listSteps(bad.id)).map((s) => s.seq)).toEqual([1]);
      expect(await store().listSteps(done.id)).toEqual([]);
      expect((await store().getExecution(bad.id))?.stepCount).toBe(1);
    });

    it('group commit: log lines travel with their commits, in order; a refused commit writes none', async () => {
      const xs: ExecutionRecord[] = [];
      for (let i = 0; i < 12; i++) {
        const x = makeExecutionRecord({ status: 'running' });
        await store().createExecution(x);
        xs.push(x);
      }
      const done = makeExecutionRecord({ status: 'running' });
      await store().createExecution(done);
      await store().updateExecution(done.id, { status: 'succeeded', completedAt: 1 });
      const withLogs = (x: ExecutionRecord, seq: number): StepCommit => {
        const c = commitOf(x, seq);
        // Odd steps log two lines (one with data and NUL in its text), even ones none.
        if (seq % 2 === 1) {
          const line = { executionId: x.id, stepId: c.steps[0]!.id, agentId: `n${seq}`, attempt: 1, at: seq };
          c.logs = [
            { ...line, level: 'info', message: `s${seq} a\u0000b` },
            { ...line, level: 'error', message: `s${seq} b`, data: { seq } },
          ];
        }
        return c;
      };
      const results = await Promise.allSettled([
        ...xs.flatMap((x) => [1, 2, 3].map((seq) => store().commitStep(withLogs(x, seq)))),
        store().commitStep(withLogs(done, 1)),
      ]);
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
      for (const x of xs) {
        const { items } = await store().listLogs(x.id);
        expect(items.map((l) => [l.agentId, l.level, l.message])).toEqual([
          ['n1', 'info', 's1 a\uFFFDb'],
          ['n1', 'error', 's1 b'],
          ['n3', 'info', 's3 a\uFFFDb'],
          ['n3', 'error', 's3 b'],
        ]);
        expect(items[1]?.data).toEqual({ seq: 1 });
        expect((await store().getExecution(x.id))?.logCount).toBe(4);
      }
      expect(await store().listLogs(done.id)).toEqual({ items: [] });
      expect((await store().getExecution(done.id))?.logCount).toBeUndefined();
    });

    it('group: concurrent creates and updates all apply; a duplicate fails alone', async () => {
      const workflowId = `wf-${randomUUID()}`;
      const createdAt = Date.now();
      const existing = makeExecutionRecord({ workflowId, createdAt: createdAt - 1 });
      await store().createExecution(existing);
      const xs = Array.from({ length: 20 }, () => makeExecutionRecord({ workflowId, createdAt }));
      const created = await Promise.allSettled([
        ...xs.map((x) => store().createExecution(x)),
        store().createExecution({ ...existing, input: 'again' }),
      ]);
      expect(created.slice(0, 20).every((r) => r.status === 'fulfilled')).toBe(true);
      expect(created[20]).toMatchObject({ status: 'rejected', reason: { code: 'AF_DUPLICATE_ID' } });
      expect((await store().getExecution(existing.id))?.input).toEqual(existing.input);
      // Concurrent creations have no order among themselves (groups may run on several connections).
      const listed = (await store().listExecutions({ workflowId, limit: 100 })).items.map((x) => x.id);
      expect(listed.at(-1)).toBe(existing.id);
      expect(listed.slice(0, 20).sort()).toEqual(xs.map((x) => x.id).sort());

      const started = await Promise.all(xs.map((x) => store().updateExecution(x.id, { status: 'running' })));
      expect(started.every(Boolean)).toBe(true);
      // Two updates of one execution queued together apply one after the other: the second is refused.
      const [done, late] = await Promise.all([
        store().updateExecution(xs[0]!.id, { status: 'succeeded', output: 1, completedAt: 5 }),
        store().updateExecution(xs[0]!.id, { status: 'failed', output: 2 }),
        ...xs.slice(1).map((x) => store().updateExecution(x.id, { output: { id: x.id } })),
      ]);
      expect([done, late]).toEqual([true, false]);
      expect(await store().getExecution(xs[0]!.id)).toMatchObject({ status: 'succeeded', output: 1 });
      for (const x of xs.slice(1)) {
        expect(await store().getExecution(x.id)).toMatchObject({ status: 'running', output: { id: x.id } });
      }
    });

    it('flush() waits for queued commits', async () => {
      const x = makeExecutionRecord({ status: 'running' });
      await store().createExecution(x);
      const pending = [1, 2, 3].map((seq) => store().commitStep(commitOf(x, seq)));
      await store().flush();
      expect((await store().getExecution(x.id))?.stepCount).toBe(3);
      await Promise.all(pending);
    });
  });

  describe('migrations', () => {
    it('re-running is a no-op; a database migrated by a newer version is refused', async () => {
      await store().migrate();
      const table = `"${migrationsSchemaFor(store().schema)}"."${MIGRATIONS_TABLE}"`;
      const future = Date.now() + 10 * 365 * 86_400_000;
      await store().db.execute(
        sql.raw(`INSERT INTO ${table} (hash, created_at) VALUES ('future', ${future})`),
      );
      try {
        await expect(store().migrate()).rejects.toMatchObject({
          code: 'AF_VALIDATION',
          message: expect.stringContaining('migrated by a newer version of AgentFlow'),
        });
      } finally {
        await store().db.execute(sql.raw(`DELETE FROM ${table} WHERE hash = 'future'`));
      }
      await store().migrate();
    });

    it('migrationStatus counts the applied migrations against those shipped', async () => {
      const status = await store().migrationStatus();
      expect(status.expected).toBeGreaterThan(0);
      expect(status.applied).toBe(status.expected);
    });
  });

  describe('releaseAllLeases (embedded recovery)', () => {
    it('drops the lease of queued and running executions only, so each is an orphan again', async () => {
      const running = makeExecutionRecord({ status: 'running' });
      const queued = makeExecutionRecord({ status: 'queued' });
      const done = makeExecutionRecord({ status: 'running' });
      for (const x of [running, queued, done]) {
        await store().createExecution(x);
        expect(await store().acquireLease(x.id, 'dead-process', 600_000)).toBe(true);
      }
      await store().updateExecution(done.id, { status: 'succeeded', completedAt: 1 });
      expect(await store().listOrphans(100_000)).not.toContain(running.id);
      expect(await store().releaseAllLeases()).toBeGreaterThanOrEqual(2);
      const orphans = await store().listOrphans(100_000);
      expect(orphans).toEqual(expect.arrayContaining([running.id, queued.id]));
      expect(orphans).not.toContain(done.id);
      // Released: another owner takes each at once.
      expect(await store().acquireLease(running.id, 'me', 60_000)).toBe(true);
      expect(await store().releaseAllLeases()).toBeGreaterThanOrEqual(1);
    });
  });

  describe('statuses only move forward', () => {
    it('of two racing terminal updates exactly one wins, and it sticks', async () => {
      for (let i = 0; i < 20; i++) {
        const x = makeExecutionRecord({ status: 'running' });
        await store().createExecution(x);
        const [a, b] = await Promise.all([
          store().updateExecution(x.id, { status: 'succeeded', output: 'a', completedAt: 1 }),
          store().updateExecution(x.id, { status: 'failed', output: 'b', completedAt: 2 }),
        ]);
        expect([a, b].filter(Boolean)).toHaveLength(1);
        const got = await store().getExecution(x.id);
        expect(got).toMatchObject(
          a ? { status: 'succeeded', output: 'a' } : { status: 'failed', output: 'b' },
        );
      }
    });

    it('a terminal update drops the lease; a later acquire by anyone still works', async () => {
      const x = makeExecutionRecord({ status: 'running' });
      await store().createExecution(x);
      expect(await store().acquireLease(x.id, 'w1', 60_000)).toBe(true);
      await store().updateExecution(x.id, { status: 'succeeded', completedAt: 1 });
      expect(await store().acquireLease(x.id, 'w2', 60_000)).toBe(true);
      await expect(store().acquireLease(randomUUID(), 'w1', 1000)).rejects.toMatchObject({
        code: 'AF_NOT_FOUND',
      });
    });
  });
}
