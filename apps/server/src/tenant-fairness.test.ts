/**
 * Tenants do not interfere through the shared code sandbox (issue 10, item 4a), against a real server: one
 * workspace's four `while (true) {}` code nodes hold at most its share of the pool, and another workspace's
 * `1 + 1` runs at once instead of waiting for them to time out. The assertion is on order, not on time: the
 * runaways have a 60 s limit, so the other workspace's run can only finish first if it got a worker of its own.
 */
import type { Runtime } from '@agentflow/runtime';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestRuntime,
  createTestServer,
  json,
  WS1,
  WS2,
  waitForStatus,
} from './test-support/fixtures.js';

function codeWorkflow(name: string, code: string, timeoutMs: number) {
  return {
    name,
    agents: [
      { id: 'in', type: 'input' },
      { id: 'code', type: 'code', config: { code, timeoutMs } },
      { id: 'out', type: 'output' },
    ],
    connections: [
      { id: 'c1', sourceAgentId: 'in', targetAgentId: 'code' },
      { id: 'c2', sourceAgentId: 'code', targetAgentId: 'out' },
    ],
  };
}

describe('sandbox fairness between workspaces (real server)', () => {
  let runtime: Runtime;
  let app: FastifyInstance;
  beforeAll(async () => {
    runtime = await createTestRuntime();
    app = await createTestServer(runtime);
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
  });

  async function start(workspace: string, workflow: object): Promise<string> {
    const headers = bearer('member', workspace);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers,
      payload: workflow,
    });
    expect(created.statusCode).toBe(201);
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/workflows/${json<{ id: string }>(created).id}/execute`,
      headers,
      payload: { input: {} },
    });
    expect(res.statusCode).toBe(202);
    return json<{ executionId: string }>(res).executionId;
  }

  it("runs workspace B's 1 + 1 while workspace A's four infinite loops are still running", async () => {
    // Warm the pool, so that A's loops take ready workers as they arrive (not a race with worker start-up).
    const warm = await start(WS1, codeWorkflow('warm', '1 + 1', 60_000));
    await waitForStatus(app, warm, ['succeeded'], bearer('viewer'), 30_000);
    // A code step's start is emitted just before its node hands the script to the pool, in the same tick.
    const started = new Set<string>();
    runtime.engine.on('event', (event) => {
      if (event.type === 'step.started' && event.agentId === 'code') started.add(event.executionId);
    });
    const runaway = codeWorkflow('runaway', 'while (true) {}', 60_000);
    const loops: string[] = [];
    for (let i = 0; i < 4; i++) loops.push(await start(WS1, runaway));
    try {
      // Every loop has reached the sandbox (on a worker, or waiting for one) before B asks.
      while (!loops.every((id) => started.has(id))) await new Promise((resolve) => setTimeout(resolve, 10));
      const quick = await start(WS2, codeWorkflow('quick', '1 + 1', 60_000));
      const done = (await waitForStatus(
        app,
        quick,
        ['succeeded', 'failed'],
        bearer('viewer', WS2),
        30_000,
      )) as {
        execution: { status: string; output: unknown };
      };
      expect(done.execution.status).toBe('succeeded');
      expect(done.execution.output).toBe(2);
      // None of A's loops has ended: B did not wait for them.
      for (const id of loops) {
        const res = await app.inject({
          method: 'GET',
          url: `/api/v1/executions/${id}`,
          headers: bearer('viewer'),
        });
        expect(json<{ execution: { status: string } }>(res).execution.status).toBe('running');
      }
    } finally {
      for (const id of loops)
        await app.inject({
          method: 'POST',
          url: `/api/v1/executions/${id}/cancel`,
          headers: bearer('member'),
        });
      for (const id of loops) await waitForStatus(app, id, ['cancelled', 'failed'], bearer('viewer'), 30_000);
    }
  }, 90_000);
});
