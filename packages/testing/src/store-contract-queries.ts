import { randomUUID } from 'node:crypto';
import type { ListExecutionsQuery, ListLogsQuery, Store } from '@agentflow/core';
import type { ExecutionRecord, LogRecord } from '@agentflow/protocol';
import { describe, expect, it } from 'vitest';
import { makeExecutionRecord, makeLogRecord, makeMessageRecord, makeStepRecord } from './fixtures.js';

/** Walks every page of a query and returns the ids in order, checking page sizes on the way. */
async function allPages(store: Store, query: ListExecutionsQuery): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await store.listExecutions(cursor === undefined ? query : { ...query, cursor });
    if (query.limit !== undefined) expect(page.items.length).toBeLessThanOrEqual(query.limit);
    pages.push(page.items.map((x) => x.id));
    if (page.nextCursor === undefined) return pages;
    cursor = page.nextCursor;
  }
  throw new Error('pagination did not end after 100 pages');
}

/** Creates `n` executions of one new workflow, created 1 ms apart, oldest first. */
async function createSeries(
  store: Store,
  n: number,
  each: (i: number) => Partial<ExecutionRecord> = () => ({}),
): Promise<ExecutionRecord[]> {
  const workflowId = `wf-${randomUUID()}`;
  const base = Date.now() - 10_000;
  const out: ExecutionRecord[] = [];
  for (let i = 0; i < n; i++) {
    const x = makeExecutionRecord({ workflowId, createdAt: base + i, ...each(i) });
    await store.createExecution(x);
    out.push(x);
  }
  return out;
}

export function defineStoreQueryTests(store: () => Store): void {
  describe('listExecutions', () => {
    it('lists newest first across pages with no duplicates or gaps', async () => {
      const xs = await createSeries(store(), 7);
      const expected = xs.map((x) => x.id).reverse();
      const pages = await allPages(store(), { workflowId: xs[0]!.workflowId, limit: 3 });
      expect(pages.flat()).toEqual(expected);
      expect(pages[0]).toEqual(expected.slice(0, 3));
      expect(pages[1]).toEqual(expected.slice(3, 6));

      const exact = await allPages(store(), { workflowId: xs[0]!.workflowId, limit: 7 });
      expect(exact.flat()).toEqual(expected);
      const whole = await store().listExecutions({ workflowId: xs[0]!.workflowId });
      expect(whole.items.map((x) => x.id)).toEqual(expected);
      expect(whole.nextCursor).toBeUndefined();
    });

    it('filters by workflowId, status and workspaceId', async () => {
      const workspaceId = `ws-${randomUUID()}`;
      const statuses = ['queued', 'running', 'succeeded', 'running', 'failed'] as const;
      const xs = await createSeries(store(), 5, (i) => ({
        status: statuses[i],
        workspaceId: i < 3 ? workspaceId : `other-${randomUUID()}`,
      }));
      const workflowId = xs[0]!.workflowId;
      const ids = (page: { items: ExecutionRecord[] }) => page.items.map((x) => x.id);
      expect(ids(await store().listExecutions({ workflowId, status: 'running' }))).toEqual([
        xs[3]!.id,
        xs[1]!.id,
      ]);
      expect(ids(await store().listExecutions({ workspaceId }))).toEqual([xs[2]!.id, xs[1]!.id, xs[0]!.id]);
      expect(ids(await store().listExecutions({ workspaceId, status: 'succeeded' }))).toEqual([xs[2]!.id]);
      expect(ids(await store().listExecutions({ workflowId: `wf-${randomUUID()}` }))).toEqual([]);
    });

    it('filters by parent execution (an id, or null for top-level ones)', async () => {
      const xs = await createSeries(store(), 1);
      const parent = xs[0]!;
      const children = await createSeries(store(), 2, () => ({
        workflowId: parent.workflowId,
        parentExecutionId: parent.id,
      }));
      const ids = (page: { items: ExecutionRecord[] }) => page.items.map((x) => x.id);
      expect(ids(await store().listExecutions({ parentExecutionId: parent.id }))).toEqual(
        children.map((c) => c.id).reverse(),
      );
      expect(
        ids(await store().listExecutions({ workflowId: parent.workflowId, parentExecutionId: null })),
      ).toEqual([parent.id]);
    });

    it('filters by creation time: since is inclusive, until exclusive', async () => {
      const xs = await createSeries(store(), 6);
      const base = xs[0]!.createdAt;
      const page = await store().listExecutions({
        workflowId: xs[0]!.workflowId,
        since: base + 2,
        until: base + 5,
      });
      expect(page.items.map((x) => x.id)).toEqual([xs[4]!.id, xs[3]!.id, xs[2]!.id]);
    });

    it('paginates a filtered query', async () => {
      const xs = await createSeries(store(), 9, (i) => ({ status: i % 2 === 0 ? 'succeeded' : 'queued' }));
      const pages = await allPages(store(), { workflowId: xs[0]!.workflowId, status: 'succeeded', limit: 2 });
      const expected = xs
        .filter((x) => x.status === 'succeeded')
        .map((x) => x.id)
        .reverse();
      expect(pages.flat()).toEqual(expected);
      expect(pages.length).toBeGreaterThanOrEqual(3);
    });
  });

  describe('logs', () => {
    it('appends and lists logs per execution in order', async () => {
      const a = makeExecutionRecord();
      const b = makeExecutionRecord();
      await store().createExecution(a);
      await store().createExecution(b);
      await store().appendLogs([
        makeLogRecord(a.id, 'a1'),
        makeLogRecord(b.id, 'b1', { level: 'warn', data: { k: 1 } }),
        makeLogRecord(a.id, 'a2', { stepId: `${a.id}:in:0`, level: 'error' }),
      ]);
      await store().appendLogs([makeLogRecord(a.id, 'a3')]);
      await store().appendLogs([]);
      const logsA = (await store().listLogs(a.id)).items;
      expect(logsA.map((l) => l.message)).toEqual(['a1', 'a2', 'a3']);
      expect(logsA[1]).toMatchObject({ level: 'error', stepId: `${a.id}:in:0` });
      const logsB = (await store().listLogs(b.id)).items;
      expect(logsB).toHaveLength(1);
      expect(logsB[0]).toMatchObject({ message: 'b1', level: 'warn', data: { k: 1 } });
      expect(await store().listLogs(randomUUID())).toEqual({ items: [] });
      expect((await store().getExecution(a.id))?.logCount).toBeUndefined();
    });

    it('stores the log lines of a step commit with the step and counts them on the execution', async () => {
      const x = makeExecutionRecord({ status: 'running' });
      await store().createExecution(x);
      const step = makeStepRecord(x.id, 'coder', 0);
      const line = (message: string, level: LogRecord['level'], attempt: number): LogRecord => ({
        executionId: x.id,
        stepId: step.id,
        agentId: 'coder',
        attempt,
        level,
        message,
        at: 1_700_000_000_000 + attempt,
      });
      const logs = [line('tried', 'warn', 1), { ...line('ok', 'info', 2), data: { n: 1, s: 'é' } }];
      await store().commitStep({
        executionId: x.id,
        steps: [step],
        messages: [],
        ready: [],
        waiting: [],
        logs,
      });
      expect((await store().listLogs(x.id)).items).toEqual(logs);
      expect((await store().getExecution(x.id))?.logCount).toBe(2);
      // A refused commit (terminal execution) stores no lines.
      await store().updateExecution(x.id, { status: 'succeeded', completedAt: Date.now() });
      const late = makeStepRecord(x.id, 'late', 0);
      await expect(
        store().commitStep({
          executionId: x.id,
          steps: [late],
          messages: [],
          ready: [],
          waiting: [],
          logs: [{ ...line('late', 'info', 1), stepId: late.id }],
        }),
      ).rejects.toThrow();
      expect((await store().listLogs(x.id)).items).toHaveLength(2);
      expect((await store().getExecution(x.id))?.logCount).toBe(2);
    });

    it('stores the lines of commits grouped with others, each with its execution', async () => {
      const xs = [makeExecutionRecord({ status: 'running' }), makeExecutionRecord({ status: 'running' })];
      for (const x of xs) await store().createExecution(x);
      await Promise.all(
        xs.map((x, k) => {
          const step = makeStepRecord(x.id, 'n', 0);
          const logs = Array.from({ length: k + 1 }, (_, j) => ({
            executionId: x.id,
            stepId: step.id,
            agentId: 'n',
            attempt: 1,
            level: 'info' as const,
            message: `x${k} line ${j}`,
            at: 1000 + j,
          }));
          return store().commitStep({
            executionId: x.id,
            steps: [step],
            messages: [],
            ready: [],
            waiting: [],
            logs,
          });
        }),
      );
      for (const [k, x] of xs.entries()) {
        const items = (await store().listLogs(x.id)).items;
        expect(items.map((l) => l.message)).toEqual(
          Array.from({ length: k + 1 }, (_, j) => `x${k} line ${j}`),
        );
        expect((await store().getExecution(x.id))?.logCount).toBe(k + 1);
      }
    });

    it('pages logs with a cursor and filters them by level and agent', async () => {
      const x = makeExecutionRecord();
      await store().createExecution(x);
      const levels = ['debug', 'info', 'warn', 'error'] as const;
      const all: LogRecord[] = Array.from({ length: 25 }, (_, i) => ({
        executionId: x.id,
        stepId: `${x.id}:${i % 2 === 0 ? 'a' : 'b'}:0`,
        agentId: i % 2 === 0 ? 'a' : 'b',
        attempt: 1,
        level: levels[i % 4]!,
        message: `m${i}`,
        at: 1000 + i,
      }));
      await store().appendLogs(all);
      const walk = async (query: Omit<ListLogsQuery, 'cursor'>) => {
        const seen: string[] = [];
        let cursor: string | undefined;
        for (let guard = 0; guard < 50; guard++) {
          const page = await store().listLogs(x.id, cursor === undefined ? query : { ...query, cursor });
          expect(page.items.length).toBeLessThanOrEqual(query.limit ?? 100);
          seen.push(...page.items.map((l) => l.message));
          if (page.nextCursor === undefined) return seen;
          cursor = page.nextCursor;
        }
        throw new Error('log pages did not end');
      };
      const messages = (pred: (l: LogRecord) => boolean) => all.filter(pred).map((l) => l.message);
      expect(await walk({ limit: 7 })).toEqual(messages(() => true));
      const first = await store().listLogs(x.id, { limit: 10 });
      expect(first.items).toHaveLength(10);
      expect(first.nextCursor).toBeDefined();
      expect(await walk({ limit: 3, levels: ['warn', 'error'] })).toEqual(
        messages((l) => l.level === 'warn' || l.level === 'error'),
      );
      expect(await walk({ limit: 4, agentId: 'b', levels: ['error'] })).toEqual(
        messages((l) => l.agentId === 'b' && l.level === 'error'),
      );
      expect(await walk({ agentId: 'nobody' })).toEqual([]);
      // The last full page says there is nothing more.
      expect((await store().listLogs(x.id, { limit: 25 })).nextCursor).toBeUndefined();
      expect(await store().listLogs(x.id, { cursor: 'not-a-cursor' })).toEqual({ items: [] });
    });
  });

  describe('pruneExecutions', () => {
    it('removes only terminal executions completed before the cutoff, with their records', async () => {
      const cutoff = Date.now() - 86_400_000;
      const old = async (status: ExecutionRecord['status'], completedAt?: number) => {
        const x = makeExecutionRecord({ status: 'running', createdAt: cutoff - 60_000 });
        await store().createExecution(x);
        const step = makeStepRecord(x.id, 'in', 1);
        await store().commitStep({
          executionId: x.id,
          steps: [step],
          messages: [makeMessageRecord(x.id, step.id, 'in', 'out', 'payload')],
          ready: ['out'],
          waiting: [],
        });
        await store().appendLogs([makeLogRecord(x.id, 'line')]);
        if (status !== 'running') await store().updateExecution(x.id, { status, completedAt });
        return x.id;
      };
      const oldSucceeded = await old('succeeded', cutoff - 1000);
      const oldFailed = await old('failed', cutoff - 1);
      const atCutoff = await old('cancelled', cutoff);
      const recent = await old('succeeded', cutoff + 1000);
      const stillRunning = await old('running');
      const paused = await old('paused');

      const removed = await store().pruneExecutions(cutoff);
      expect(removed).toBeGreaterThanOrEqual(2);
      for (const id of [oldSucceeded, oldFailed]) {
        expect(await store().getExecution(id)).toBeUndefined();
        expect(await store().listSteps(id)).toEqual([]);
        expect(await store().listMessages(id)).toEqual([]);
        expect(await store().listLogs(id)).toEqual({ items: [] });
      }
      for (const id of [atCutoff, recent, stillRunning, paused]) {
        expect(await store().getExecution(id)).toBeDefined();
        expect(await store().listSteps(id)).toHaveLength(1);
        expect(await store().listMessages(id)).toHaveLength(1);
        expect((await store().listLogs(id)).items).toHaveLength(1);
      }
    });
  });
}
