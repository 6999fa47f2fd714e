import { randomUUID } from 'node:crypto';
import type { Store } from '@agentflow/core';
import type { ToolCallRecord } from '@agentflow/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeExecutionRecord, makeMessageRecord, makeStepRecord } from './fixtures.js';
import { defineStoreLeaseTests } from './store-contract-leases.js';
import { defineStoreQueryTests } from './store-contract-queries.js';

/** What a store contract factory returns: the store under test and how to dispose of it. */
export interface StoreFixture {
  store: Store;
  /** Called once after the suite, after `store.close()`. */
  cleanup?: () => Promise<void>;
}

/** Gives tests the store created in `beforeAll`. */
export type StoreGetter = () => Store;

/**
 * Registers the Store port's contract suite (vitest `describe`/`it`). `factory` is called once per suite, in
 * `beforeAll`; the store may be shared with other suites because every test makes its own random ids. Uses short
 * lease ttls (100 to 300 ms) and real waits, so the store's clock must be real time.
 */
export function defineStoreContract(name: string, factory: () => Promise<StoreFixture>): void {
  describe(`Store contract: ${name}`, () => {
    let fixture: StoreFixture | undefined;
    beforeAll(async () => {
      fixture = await factory();
    });
    afterAll(async () => {
      await fixture?.store.close?.();
      await fixture?.cleanup?.();
    });
    const store: StoreGetter = () => {
      if (!fixture) throw new Error('store factory did not run');
      return fixture.store;
    };
    defineExecutionTests(store);
    defineCommitTests(store);
    defineStoreQueryTests(store);
    defineStoreLeaseTests(store);
  });
}

function defineExecutionTests(store: StoreGetter): void {
  describe('executions', () => {
    it('creates and gets an execution; a missing one is undefined', async () => {
      const x = makeExecutionRecord({ workspaceId: 'ws-1', input: { n: 1, list: ['a', 'b'] } });
      await store().createExecution(x);
      expect(await store().getExecution(x.id)).toEqual(x);
      expect(await store().getExecution(randomUUID())).toBeUndefined();
    });

    it('returns a copy: changing a returned record does not change the stored one', async () => {
      const x = makeExecutionRecord();
      await store().createExecution(x);
      const got = (await store().getExecution(x.id))!;
      got.status = 'failed';
      got.ready = ['tampered'];
      const again = (await store().getExecution(x.id))!;
      expect(again.status).toBe('queued');
      expect(again.ready).toEqual(['in']);
    });

    it('rejects a duplicate id and keeps the first record', async () => {
      const x = makeExecutionRecord({ input: 'first' });
      await store().createExecution(x);
      await expect(store().createExecution({ ...x, input: 'second' })).rejects.toThrow();
      expect((await store().getExecution(x.id))?.input).toBe('first');
    });

    it('updates status and fields of a live execution', async () => {
      const x = makeExecutionRecord();
      await store().createExecution(x);
      expect(await store().updateExecution(x.id, { status: 'running', startedAt: 1000 })).toBe(true);
      expect(await store().getExecution(x.id)).toMatchObject({ status: 'running', startedAt: 1000 });
      expect(await store().updateExecution(x.id, { status: 'paused' })).toBe(true);
      expect(await store().updateExecution(x.id, { status: 'running' })).toBe(true);
      const done = { status: 'succeeded' as const, output: { answer: 42 }, completedAt: 2000 };
      expect(await store().updateExecution(x.id, done)).toBe(true);
      expect(await store().getExecution(x.id)).toMatchObject({ ...done, startedAt: 1000 });
    });

    it('never changes a terminal execution and returns false', async () => {
      for (const terminal of ['succeeded', 'failed', 'cancelled'] as const) {
        const x = makeExecutionRecord();
        await store().createExecution(x);
        expect(await store().updateExecution(x.id, { status: terminal, completedAt: 5 })).toBe(true);
        expect(await store().updateExecution(x.id, { status: 'running' })).toBe(false);
        expect(await store().updateExecution(x.id, { output: 'late', completedAt: 9 })).toBe(false);
        const got = await store().getExecution(x.id);
        expect(got?.status).toBe(terminal);
        expect(got?.output).toBeUndefined();
        expect(got?.completedAt).toBe(5);
      }
    });

    it('returns false when updating a missing execution', async () => {
      expect(await store().updateExecution(randomUUID(), { status: 'running' })).toBe(false);
    });

    it('stores an error on failure', async () => {
      const x = makeExecutionRecord({ status: 'running' });
      await store().createExecution(x);
      const error = { code: 'AF_NODE_FAILED' as const, message: 'boom', retryable: false };
      await store().updateExecution(x.id, { status: 'failed', error, completedAt: Date.now() });
      expect((await store().getExecution(x.id))?.error).toMatchObject(error);
    });
  });
}

function defineCommitTests(store: StoreGetter): void {
  describe('commitStep', () => {
    it('writes steps, messages, ready and waiting sets, step count and usage totals', async () => {
      const x = makeExecutionRecord({ status: 'running', ready: ['a'] });
      await store().createExecution(x);
      const a = makeStepRecord(x.id, 'a', 1, { usage: { inputTokens: 10, outputTokens: 5, costUsd: 0.25 } });
      await store().commitStep({
        executionId: x.id,
        steps: [a],
        messages: [
          makeMessageRecord(x.id, a.id, 'a', 'b', { v: 1 }),
          makeMessageRecord(x.id, a.id, 'a', 'c', { v: 2 }),
        ],
        ready: ['b', 'c'],
        waiting: [],
        usage: { inputTokens: 10, outputTokens: 5, costUsd: 0.25 },
      });
      let got = await store().getExecution(x.id);
      expect(got).toMatchObject({ ready: ['b', 'c'], waiting: [], stepCount: 1 });
      expect(got?.usage).toEqual({ inputTokens: 10, outputTokens: 5, costUsd: 0.25 });

      const b = makeStepRecord(x.id, 'b', 2);
      const skipped = makeStepRecord(x.id, 'd', 3, { status: 'skipped', output: undefined });
      await store().commitStep({
        executionId: x.id,
        steps: [b, skipped],
        messages: [makeMessageRecord(x.id, b.id, 'b', 'h', 'to human')],
        ready: ['c'],
        waiting: ['h'],
        usage: { inputTokens: 1, outputTokens: 2, costUsd: 0.5 },
      });
      got = await store().getExecution(x.id);
      expect(got).toMatchObject({ ready: ['c'], waiting: ['h'], stepCount: 3 });
      expect(got?.usage.inputTokens).toBe(11);
      expect(got?.usage.outputTokens).toBe(7);
      expect(got?.usage.costUsd).toBeCloseTo(0.75, 10);

      const steps = await store().listSteps(x.id);
      expect(steps.map((s) => [s.agentId, s.seq, s.status])).toEqual([
        ['a', 1, 'succeeded'],
        ['b', 2, 'succeeded'],
        ['d', 3, 'skipped'],
      ]);
      expect(steps[0]).toMatchObject({ id: a.id, input: a.input, output: a.output, usage: a.usage });
      const messages = await store().listMessages(x.id);
      expect(messages.map((m) => [m.fromAgentId, m.toAgentId, m.payload])).toEqual([
        ['a', 'b', { v: 1 }],
        ['a', 'c', { v: 2 }],
        ['b', 'h', 'to human'],
      ]);
      expect(messages[0]).toMatchObject({ stepId: a.id, connectionId: 'a-b', executionId: x.id });
    });

    it('commits without usage leave the totals unchanged', async () => {
      const x = makeExecutionRecord({
        status: 'running',
        usage: { inputTokens: 3, outputTokens: 4, costUsd: 1 },
      });
      await store().createExecution(x);
      await store().commitStep({
        executionId: x.id,
        steps: [makeStepRecord(x.id, 'a', 1)],
        messages: [],
        ready: [],
        waiting: [],
      });
      expect((await store().getExecution(x.id))?.usage).toEqual({
        inputTokens: 3,
        outputTokens: 4,
        costUsd: 1,
      });
    });

    it("keeps a step's tool calls as written; a step without any has none", async () => {
      const x = makeExecutionRecord({ status: 'running' });
      await store().createExecution(x);
      const toolCalls: ToolCallRecord[] = [
        {
          toolName: 'http_request',
          toolCallId: 'call-1',
          status: 'ok',
          attempt: 1,
          startedAt: 1_700_000_000_100,
          latencyMs: 12,
          args: { url: 'https://example.com', headers: { authorization: '[redacted]' } },
          result: { status: 200, body: { ok: true, ü: [1, null] } },
        },
        {
          toolName: 'send_email',
          toolCallId: 'call-2',
          status: 'rejected',
          attempt: 1,
          startedAt: 1_700_000_000_200,
          latencyMs: 0,
          error: { code: 'AF_TOOL_REJECTED', message: 'not today' },
          approval: { approved: false, reason: 'not today' },
        },
        {
          toolName: 'slow',
          toolCallId: 'call-3',
          status: 'running',
          attempt: 2,
          startedAt: 1_700_000_000_300,
        },
      ];
      const a = makeStepRecord(x.id, 'a', 1, { toolCalls });
      const b = makeStepRecord(x.id, 'b', 2);
      await store().commitStep({ executionId: x.id, steps: [a, b], messages: [], ready: [], waiting: [] });
      const [gotA, gotB] = await store().listSteps(x.id);
      expect(gotA?.toolCalls).toEqual(toolCalls);
      expect(gotB).not.toHaveProperty('toolCalls');

      // A fork's reused step keeps them too (the execution and its seed in one write).
      const fork = makeExecutionRecord({ status: 'queued' });
      const reused = { ...gotA!, id: `${fork.id}:a:0`, executionId: fork.id, seq: 0, reusedFrom: a.id };
      await store().createExecution(fork, { seed: { steps: [reused], messages: [] } });
      expect((await store().listSteps(fork.id))[0]?.toolCalls).toEqual(toolCalls);
    });

    it('lists steps in seq order', async () => {
      const x = makeExecutionRecord({ status: 'running' });
      await store().createExecution(x);
      for (const seq of [1, 2, 3, 4, 5]) {
        await store().commitStep({
          executionId: x.id,
          steps: [makeStepRecord(x.id, `n${seq}`, seq)],
          messages: [],
          ready: [],
          waiting: [],
        });
      }
      expect((await store().listSteps(x.id)).map((s) => s.seq)).toEqual([1, 2, 3, 4, 5]);
    });

    it('throws on a commit to a terminal execution and writes nothing', async () => {
      const x = makeExecutionRecord({ status: 'running', ready: ['a'] });
      await store().createExecution(x);
      await store().commitStep({
        executionId: x.id,
        steps: [makeStepRecord(x.id, 'a', 1)],
        messages: [],
        ready: ['b'],
        waiting: [],
        usage: { inputTokens: 1, outputTokens: 1, costUsd: 0 },
      });
      await store().updateExecution(x.id, { status: 'cancelled', completedAt: Date.now() });
      const late = makeStepRecord(x.id, 'b', 2);
      await expect(
        store().commitStep({
          executionId: x.id,
          steps: [late],
          messages: [makeMessageRecord(x.id, late.id, 'b', 'c', 'late')],
          ready: ['c'],
          waiting: ['h'],
          usage: { inputTokens: 100, outputTokens: 100, costUsd: 9 },
        }),
      ).rejects.toThrow();
      const got = await store().getExecution(x.id);
      expect(got).toMatchObject({ status: 'cancelled', ready: ['b'], waiting: [], stepCount: 1 });
      expect(got?.usage).toEqual({ inputTokens: 1, outputTokens: 1, costUsd: 0 });
      expect((await store().listSteps(x.id)).map((s) => s.agentId)).toEqual(['a']);
      expect(await store().listMessages(x.id)).toEqual([]);
    });

    it('throws on a commit to a missing execution', async () => {
      const id = randomUUID();
      await expect(
        store().commitStep({ executionId: id, steps: [], messages: [], ready: [], waiting: [] }),
      ).rejects.toThrow();
      expect(await store().listSteps(id)).toEqual([]);
    });

    it('lists no steps or messages for an unknown execution', async () => {
      expect(await store().listSteps(randomUUID())).toEqual([]);
      expect(await store().listMessages(randomUUID())).toEqual([]);
    });
  });
}
