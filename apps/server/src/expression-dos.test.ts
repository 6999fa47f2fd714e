/**
 * Regular-expression and expression denial of service against a real server: a CEL condition with a
 * catastrophic-backtracking `matches`, an input schema with the same `pattern`, and nested comprehensions over a
 * large list. Each attack used to hold the event loop for seconds (27 s, 19 s, 2.4 s measured); now `matches` and
 * `pattern` run on RE2 and CEL evaluation has a cost budget. The event-loop delay is measured while each attack
 * runs; the bound (200 ms) leaves a wide margin for a busy machine and is still 100 times below the old freezes.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { bearer, json, useTestServer, waitForStatus } from './test-support/fixtures.js';

const t = useTestServer();
const EVIL = `${'a'.repeat(30)}!`;
const MAX_DELAY_MS = 200;

async function create(definition: object): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/workflows',
    headers: bearer('member'),
    payload: { ...definition, status: 'active' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return json<{ id: string }>(res).id;
}

/** Starts the workflow with `input` and waits for the outcome; returns it with the event loop's worst delay. */
async function attack(workflowId: string, input: unknown) {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const started = await t.app.inject({
    method: 'POST',
    url: `/api/v1/workflows/${workflowId}/execute`,
    headers: bearer('member'),
    payload: { input },
  });
  let detail: Record<string, unknown> | undefined;
  if (started.statusCode === 202) {
    const { executionId } = json<{ executionId: string }>(started);
    detail = await waitForStatus(t.app, executionId, ['succeeded', 'failed'], bearer('member'), 30_000);
  }
  histogram.disable();
  return { started, detail, maxDelayMs: histogram.max / 1e6 };
}

const conditionWorkflow = {
  name: 'redos-condition',
  agents: [
    { id: 'in', type: 'input' },
    { id: 'yes', type: 'transform', config: { expression: "'matched'" } },
    { id: 'no', type: 'transform', config: { expression: "'not matched'" } },
    { id: 'out', type: 'output' },
  ],
  connections: [
    { id: 'c1', sourceAgentId: 'in', targetAgentId: 'yes', condition: "input.s.matches('^(a+)+$')" },
    { id: 'c2', sourceAgentId: 'in', targetAgentId: 'no', condition: "!input.s.matches('^(a+)+$')" },
    { id: 'c3', sourceAgentId: 'yes', targetAgentId: 'out' },
    { id: 'c4', sourceAgentId: 'no', targetAgentId: 'out' },
  ],
};

const schemaWorkflow = {
  name: 'redos-schema',
  agents: [
    {
      id: 'in',
      type: 'input',
      config: {
        schema: {
          type: 'object',
          properties: { s: { type: 'string', pattern: '^(a+)+$' } },
          required: ['s'],
        },
      },
    },
    { id: 'out', type: 'output' },
  ],
  connections: [{ id: 'c1', sourceAgentId: 'in', targetAgentId: 'out' }],
};

const nestedWorkflow = {
  name: 'nested-all',
  agents: [
    { id: 'in', type: 'input' },
    {
      id: 'check',
      type: 'transform',
      config: { expression: 'input.a.all(x, input.a.all(y, input.a.all(z, x + y + z >= 0.0)))' },
    },
    { id: 'out', type: 'output' },
  ],
  connections: [
    { id: 'c1', sourceAgentId: 'in', targetAgentId: 'check' },
    { id: 'c2', sourceAgentId: 'check', targetAgentId: 'out' },
  ],
};

describe('expression denial of service', () => {
  it('answers a catastrophic `matches` in a condition without blocking the event loop', async () => {
    const id = await create(conditionWorkflow);
    const warm = await attack(id, { s: 'aaa' });
    expect(warm.detail).toMatchObject({ execution: { status: 'succeeded', output: { yes: 'matched' } } });

    const { detail, maxDelayMs } = await attack(id, { s: EVIL });
    expect(detail).toMatchObject({ execution: { status: 'succeeded', output: { no: 'not matched' } } });
    expect(maxDelayMs).toBeLessThan(MAX_DELAY_MS);
  });

  it('checks an input schema `pattern` on RE2 without blocking the event loop', async () => {
    const id = await create(schemaWorkflow);
    const warm = await attack(id, { s: 'aaaa' });
    expect(warm.detail).toMatchObject({ execution: { status: 'succeeded' } });

    const { started, detail, maxDelayMs } = await attack(id, { s: EVIL });
    // Refused with the path of the bad field, whether at the door or by the input node.
    if (started.statusCode === 202) {
      expect(detail).toMatchObject({ execution: { status: 'failed' } });
    } else {
      expect(started.statusCode).toBe(400);
      expect(started.json()).toMatchObject({
        error: { issues: [expect.objectContaining({ code: 'AF_INVALID_INPUT', path: 's' })] },
      });
    }
    expect(maxDelayMs).toBeLessThan(MAX_DELAY_MS);
  });

  it('stops nested all() over a large list with AF_EXPRESSION_LIMIT, without blocking the event loop', async () => {
    const id = await create(nestedWorkflow);
    const a = Array.from({ length: 250 }, (_, i) => i);
    const warm = await attack(id, { a: a.slice(0, 5) });
    expect(warm.detail).toMatchObject({ execution: { status: 'succeeded', output: true } });

    const { detail, maxDelayMs } = await attack(id, { a });
    expect(detail).toMatchObject({
      execution: { status: 'failed', error: { code: 'AF_EXPRESSION_LIMIT' } },
    });
    expect(maxDelayMs).toBeLessThan(MAX_DELAY_MS);
  });

  it('refuses a workflow whose pattern is not RE2, with the path of the field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers: bearer('member'),
      payload: {
        ...conditionWorkflow,
        connections: conditionWorkflow.connections.map((c) =>
          c.id === 'c1' ? { ...c, condition: "input.s.matches('(a)\\\\1')" } : c,
        ),
        agents: conditionWorkflow.agents.map((a) =>
          a.id === 'in' ? { ...a, config: { schema: { type: 'string', pattern: '(?=a)' } } } : a,
        ),
      },
    });
    expect(res.statusCode).toBe(400);
    const paths = json<{ error: { issues: { path: string; code: string }[] } }>(res).error.issues.map(
      (i) => `${i.code} ${i.path}`,
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^AF_INVALID_EXPRESSION connections\[0\]\.condition/),
        expect.stringMatching(/ agents\[0\]\.config\.schema/),
      ]),
    );
  });
});
