/**
 * JSON values stored exactly, on both drivers through defineSqlStoreTests: values jsonb cannot hold as-is (the
 * $afJson envelope), and large values out of line (large-values.ts): stored once per write, in parts, read back
 * by every read, copied out of line by a fork, pruned with their execution.
 */
import { randomUUID } from 'node:crypto';
import { makeExecutionRecord, makeMessageRecord, makeStepRecord } from '@agentflow/testing';
import { describe, expect, it } from 'vitest';
import { createExecutionReads } from './execution-reads.js';
import { LARGE_VALUE_CHARS, PART_CHARS } from './large-values.js';
import type { SqlStore } from './sql-store.js';

/** Values jsonb cannot hold as-is (NUL, lone surrogates) next to ordinary tricky ones. */
export const TRICKY_VALUES: unknown[] = [
  null,
  '',
  'plain',
  'unicode: é ü 漢字 😀 \u2028',
  'nul:\u0000:end',
  'lone surrogate: \ud800 and \udfff',
  'escaped text: \\u0000 stays text',
  0,
  -1.5,
  1e21,
  Number.MAX_SAFE_INTEGER,
  true,
  [],
  {},
  [null, [null], { a: null }],
  { nested: { deep: { list: [1, 'two', { three: 3 }] } }, 'key with "quotes"': 'v' },
  { $afJson: 'looks like our envelope' },
  { $afJson: 'x', other: 1 },
  { $afLarge: 'looks like a large value reference' },
  { 'nul\u0000key': 'value' },
];

/** The value as the execution's input and output, its step's input and output, and its message's payload. */
async function expectStored(store: SqlStore, executionId: string, value: unknown): Promise<void> {
  const got = await store.getExecution(executionId);
  expect(got?.input).toStrictEqual(value);
  expect(got?.output).toStrictEqual(value);
  const [s] = await store.listSteps(executionId);
  expect(s?.input).toStrictEqual(value);
  expect(s?.output).toStrictEqual(value);
  const [m] = await store.listMessages(executionId);
  expect(m?.payload).toStrictEqual(value);
}

export function defineJsonValueTests(store: () => SqlStore): void {
  describe('JSON values round-trip exactly', () => {
    it('in execution input and output, step input/output/error and message payloads', async () => {
      for (const value of TRICKY_VALUES) {
        const x = makeExecutionRecord({ status: 'running', input: value });
        await store().createExecution(x);
        const step = makeStepRecord(x.id, 'a', 1, {
          input: value,
          output: value,
          error: { code: 'AF_NODE_FAILED', message: 'm', details: { value } },
        });
        await store().commitStep({
          executionId: x.id,
          steps: [step],
          messages: [makeMessageRecord(x.id, step.id, 'a', 'b', value)],
          ready: [],
          waiting: [],
        });
        await store().updateExecution(x.id, { status: 'succeeded', output: value, completedAt: Date.now() });
        await expectStored(store(), x.id, value);
        const [s] = await store().listSteps(x.id);
        expect(s?.error?.details?.value).toStrictEqual(value);
      }
    });

    it('keeps null and absent apart, and the whole record equal', async () => {
      const x = makeExecutionRecord({ input: null });
      await store().createExecution(x);
      let got = await store().getExecution(x.id);
      expect(got).toStrictEqual(x);
      expect(got && 'output' in got).toBe(false);
      await store().updateExecution(x.id, { output: null });
      got = await store().getExecution(x.id);
      expect(got?.output).toBeNull();
      const noInput = makeExecutionRecord({ input: undefined });
      await store().createExecution(noInput);
      expect((await store().getExecution(noInput.id))?.input).toBeUndefined();
    });

    it('keeps millisecond timestamps exact', async () => {
      const times = [0, 1, 999, 1_700_000_000_123, 4_102_444_800_001, Date.now()];
      for (const t of times) {
        const x = makeExecutionRecord({ createdAt: t, startedAt: t + 1, completedAt: t + 2 });
        await store().createExecution(x);
        expect(await store().getExecution(x.id)).toMatchObject({
          createdAt: t,
          startedAt: t + 1,
          completedAt: t + 2,
        });
      }
    });

    it('stores log text without NUL (as U+FFFD) and log data exactly', async () => {
      const x = makeExecutionRecord();
      await store().createExecution(x);
      await store().appendLogs([
        { executionId: x.id, level: 'info', message: 'a\u0000b', data: { v: 'c\u0000d' }, at: 5 },
        { executionId: randomUUID(), level: 'info', message: 'dropped: unknown execution', at: 6 },
      ]);
      expect((await store().listLogs(x.id)).items).toStrictEqual([
        { executionId: x.id, level: 'info', message: 'a\uFFFDb', data: { v: 'c\u0000d' }, at: 5 },
      ]);
    });
  });

  describe('large values are stored out of line, once, and read back exactly', () => {
    const LARGE_VALUES: [string, unknown][] = [
      ['40,000 numbers', { a: Array.from({ length: 40_000 }, (_, i) => i) }],
      ['a long string', 'x'.repeat(LARGE_VALUE_CHARS + 1)],
      // A surrogate pair straddling the first part's end, NUL and a lone surrogate (the $afJson envelope).
      [
        'parts, pairs and NUL',
        { s: `${'a'.repeat(PART_CHARS - 1)}😀${'b'.repeat(PART_CHARS)}\u0000\ud800 end` },
      ],
      ['looks like a reference', { $afLarge: 'y'.repeat(LARGE_VALUE_CHARS + 1) }],
    ];
    for (const [label, value] of LARGE_VALUES) {
      it(label, async () => {
        const x = makeExecutionRecord({ status: 'running', input: value });
        await store().createExecution(x);
        const step = makeStepRecord(x.id, 'a', 1, { input: value, output: value });
        const message = makeMessageRecord(x.id, step.id, 'a', 'b', value);
        await store().commitStep({
          executionId: x.id,
          steps: [step],
          messages: [message],
          ready: [],
          waiting: [],
        });
        await store().updateExecution(x.id, { status: 'succeeded', output: value, completedAt: Date.now() });
        // The input, the step's input, output and message, and the output: three writes, one stored value each.
        const stored = await store().raw.query<{ values: number; parts: number }>(
          'SELECT count(DISTINCT id)::int AS values, count(*)::int AS parts FROM large_values WHERE execution_id = $1',
          [x.id],
        );
        expect(stored[0]?.values).toBe(3);
        expect(stored[0]?.parts).toBe(3 * Math.ceil(JSON.stringify(value).length / PART_CHARS));
        await expectStored(store(), x.id, value);
        const reads = createExecutionReads(store().raw);
        expect((await reads.getStep(x.id, step.id))?.output).toStrictEqual(value);
        const [summary] = await reads.listStepSummaries(x.id);
        expect(summary).not.toHaveProperty('input');
        const page = await reads.listConnectionMessages(x.id, { connectionId: message.connectionId });
        expect(page.items.map((i) => i.payload)).toStrictEqual([value]);
        // A fork reusing the step: its input and the reused step's values out of line too, read back the same.
        const fork = makeExecutionRecord({ status: 'running', input: value, workflowId: x.workflowId });
        const reused = { ...step, id: `${fork.id}:a:1`, executionId: fork.id, reusedFrom: step.id };
        const sent = { ...message, executionId: fork.id, stepId: reused.id };
        await store().createExecution(fork, { seed: { steps: [reused], messages: [sent] } });
        const forked = await store().raw.query<{ values: number }>(
          'SELECT count(DISTINCT id)::int AS values FROM large_values WHERE execution_id = $1',
          [fork.id],
        );
        expect(forked[0]?.values).toBe(2);
        expect((await store().getExecution(fork.id))?.input).toStrictEqual(value);
        const [again] = await store().listSteps(fork.id);
        expect(again?.output).toStrictEqual(value);
        expect((await store().listMessages(fork.id))[0]?.payload).toStrictEqual(value);
        await store().updateExecution(fork.id, { status: 'succeeded', completedAt: Date.now() });
        // Pruned with their execution.
        await store().pruneExecutions(Date.now() + 1000);
        const left = await store().raw.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM large_values WHERE execution_id = ANY($1::text[])',
          [`{${x.id},${fork.id}}`],
        );
        expect(left[0]?.n).toBe(0);
      });
    }
  });
}
