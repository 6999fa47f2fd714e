import type { StepRecord } from '@agentflow/protocol';
import { getTableColumns } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { executionSteps } from './schema-executions.js';
import { INSERT_STEPS, STEP_COLUMNS, STEP_ROW, STEP_VALUES, stepRow, toStep } from './step-columns.js';

const columns = Object.values(getTableColumns(executionSteps)).map((c) => c.name);

describe('step columns, derived from the execution_steps table', () => {
  it('write and read every column of the table', () => {
    for (const name of columns) {
      expect(INSERT_STEPS).toMatch(new RegExp(`[(, ]${name}[,)]`));
      if (name === 'execution_id') continue;
      expect(STEP_ROW).toMatch(new RegExp(`(^|, )${name} `));
      expect(STEP_VALUES).toMatch(new RegExp(`\\bs\\.${name}\\b`));
      if (name !== 'messages') expect(STEP_COLUMNS).toMatch(new RegExp(`\\b${name}\\b`));
    }
  });

  it('serialize a step with every field, and read it back as the same record', () => {
    const step: StepRecord = {
      id: 'e1:a:0',
      executionId: 'e1',
      agentId: 'a',
      iteration: 0,
      seq: 3,
      status: 'succeeded',
      attempt: 2,
      input: { q: 'x' },
      output: null,
      error: { code: 'AF_NODE_FAILED', message: 'no' },
      route: 'yes\u0000',
      fallbackUsed: false,
      startedAt: 1000,
      completedAt: 2000,
      usage: { inputTokens: 1, outputTokens: 2, costUsd: 0.5 },
      attempts: [],
      modelCalls: [],
      toolCalls: [],
      reusedFrom: 'e0:a:0',
    };
    const row = JSON.parse(stepRow('{', step, undefined)) as Record<string, unknown>;
    expect(Object.keys(row).sort()).toEqual(
      columns.filter((c) => c !== 'execution_id' && c !== 'messages').sort(),
    );
    expect(row.route).toBe('yes\uFFFD');
    // What PostgreSQL gives back for that row (jsonb `-> 0` read as text, times as epoch ms).
    const read: Record<string, unknown> = { execution_id: 'e1' };
    for (const [name, value] of Object.entries(row)) {
      read[name] = Array.isArray(value) && value.length === 1 ? JSON.stringify(value[0]) : value;
    }
    expect(toStep(read as never)).toEqual({ ...step, route: 'yes\uFFFD' });
    const bare = JSON.parse(stepRow('{', { ...step, input: undefined, route: undefined }, undefined));
    expect('input' in bare || 'route' in bare).toBe(false);
  });
});
