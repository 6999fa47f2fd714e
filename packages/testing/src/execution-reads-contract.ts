import type { OperationsStore, Store } from '@agentflow/core';
import { type MessageRecord, summarizeStep } from '@agentflow/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeExecutionRecord, makeMessageRecord, makeStepRecord } from './fixtures.js';

export interface ExecutionReadsFixture {
  store: Store;
  ops: OperationsStore;
  close?(): Promise<void>;
}

/**
 * The execution detail view's reads (`OperationsStore.listStepSummaries`, `getStep`, `countMessages`,
 * `listConnectionMessages`), held to what the Store's own `listSteps`/`listMessages` say: a loop that sent
 * messages along two connections (one of them many times), a commit without steps, a failed step with usage.
 */
export function defineExecutionReadsContract(
  name: string,
  setup: () => Promise<ExecutionReadsFixture>,
): void {
  describe(`execution detail reads: ${name}`, () => {
    let fx: ExecutionReadsFixture;
    const x = makeExecutionRecord({ status: 'running', workspaceId: 'ws-reads' });
    beforeAll(async () => {
      fx = await setup();
      await fx.store.createExecution(x);
      let seq = 0;
      for (let i = 0; i < 7; i++) {
        const step = makeStepRecord(x.id, 'work', seq++, {
          iteration: i,
          input: { big: 'x'.repeat(200), i },
          output: { i, nested: { deep: [i, null, 'ü'] } },
          usage: { inputTokens: i, outputTokens: 1, costUsd: 0.001 },
          modelCalls: [{ provider: 'p', model: 'm', status: 'ok', latencyMs: 3 }],
        });
        const messages: MessageRecord[] = [
          makeMessageRecord(x.id, step.id, 'work', 'gate', { i }, 'work-gate'),
          ...(i % 3 === 0 ? [makeMessageRecord(x.id, step.id, 'work', 'log', null, 'work-log')] : []),
        ];
        await fx.store.commitStep({ executionId: x.id, steps: [step], messages, ready: [], waiting: [] });
        if (i === 3) {
          // A commit without steps: its message is stored on its own.
          const loose = makeMessageRecord(x.id, step.id, 'work', 'gate', { loose: true }, 'work-gate');
          await fx.store.commitStep({
            executionId: x.id,
            steps: [],
            messages: [loose],
            ready: [],
            waiting: [],
          });
        }
      }
      const failed = makeStepRecord(x.id, 'gate', seq++, {
        status: 'failed',
        error: { code: 'AF_NODE_FAILED', message: 'no' },
        attempt: 2,
        attempts: [{ attempt: 1, startedAt: 1, durationMs: 2, error: { code: 'AF_TIMEOUT', message: 't' } }],
      });
      await fx.store.commitStep({ executionId: x.id, steps: [failed], messages: [], ready: [], waiting: [] });
    });
    afterAll(async () => {
      await fx?.close?.();
    });

    it('lists every step without its data, in seq order, otherwise as listSteps', async () => {
      const full = await fx.store.listSteps(x.id);
      const summaries = await fx.ops.listStepSummaries(x.id);
      expect(full).toHaveLength(8);
      expect(summaries).toEqual(full.map(summarizeStep));
      for (const s of summaries) {
        expect(s).not.toHaveProperty('input');
        expect(s).not.toHaveProperty('output');
      }
      expect(summaries[7]).toMatchObject({ status: 'failed', attempt: 2, attempts: [{ attempt: 1 }] });
      expect(await fx.ops.listStepSummaries('no-such-execution')).toEqual([]);
    });

    it('reads one step in full by id', async () => {
      const full = await fx.store.listSteps(x.id);
      for (const s of [full[0]!, full[4]!, full[7]!]) expect(await fx.ops.getStep(x.id, s.id)).toEqual(s);
      expect(await fx.ops.getStep(x.id, `${x.id}:work:99`)).toBeUndefined();
      expect(await fx.ops.getStep('no-such-execution', full[0]!.id)).toBeUndefined();
    });

    it('counts the messages of each connection', async () => {
      const counts = new Map<string, number>();
      for (const m of await fx.store.listMessages(x.id)) {
        counts.set(m.connectionId, (counts.get(m.connectionId) ?? 0) + 1);
      }
      expect(Object.fromEntries(counts)).toEqual({ 'work-gate': 8, 'work-log': 3 });
      const got = await fx.ops.countMessages(x.id);
      expect(Object.fromEntries(got.map((c) => [c.connectionId, c.count]))).toEqual(
        Object.fromEntries(counts),
      );
    });

    it("pages one connection's messages in listMessages's order", async () => {
      for (const connectionId of ['work-gate', 'work-log', 'none']) {
        const all = (await fx.store.listMessages(x.id)).filter((m) => m.connectionId === connectionId);
        const paged: MessageRecord[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await fx.ops.listConnectionMessages(x.id, {
            connectionId,
            limit: 3,
            ...(cursor ? { cursor } : {}),
          });
          expect(page.items.length).toBeLessThanOrEqual(3);
          paged.push(...page.items);
          cursor = page.nextCursor;
          pages++;
        } while (cursor !== undefined && pages < 10);
        expect(paged).toEqual(all);
      }
      const first = await fx.ops.listConnectionMessages(x.id, { connectionId: 'work-gate' });
      expect(first.items).toHaveLength(8);
      expect(first.nextCursor).toBeUndefined();
      expect(first.items.map((m) => m.payload)).toContainEqual({ loose: true });
      expect(
        await fx.ops.listConnectionMessages(x.id, { connectionId: 'work-gate', cursor: 'garbage' }),
      ).toEqual({ items: [] });
    });
  });
}
