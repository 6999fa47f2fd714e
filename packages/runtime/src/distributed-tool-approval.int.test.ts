/**
 * Tool approval in distributed mode on real PostgreSQL and Redis: a tool call waiting for a person is approved
 * through the API runtime (recorded there, `engine.recordApproval`), and a worker runs the call, once, with its
 * idempotency key; a rejected call never runs.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deployment, openDeployment } from './test-support/distributed.js';

const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;

describe.skipIf(!databaseUrl || !redisUrl)(
  'distributed tool approval (needs DATABASE_URL and REDIS_URL)',
  () => {
    let deployment: Deployment | undefined;
    let target: Server;
    let url: string;
    const received: { method: string; key: unknown }[] = [];

    beforeAll(async () => {
      target = createServer((req, res) => {
        received.push({ method: req.method ?? '', key: req.headers['idempotency-key'] });
        req.resume();
        req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
      });
      await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(target.address() as AddressInfo).port}/hook`;
      deployment = await openDeployment('dtoolapp', {
        workers: 2,
        env: { AGENTFLOW_EGRESS_ALLOW: '127.0.0.1' },
      });
    });
    afterAll(async () => {
      await deployment?.close();
      await new Promise((resolve) => target?.close(resolve));
    });

    async function paused(): Promise<string> {
      const { api } = deployment!;
      const wf = await api.workflows.create({
        name: 'notify',
        agents: [
          { id: 'in', type: 'input' },
          { id: 'send', type: 'tool', config: { tool: 'http_request' } },
        ],
        connections: [{ id: 'c', sourceAgentId: 'in', targetAgentId: 'send' }],
      });
      const { executionId, done } = await api.workflows.execute(wf.id, {
        url,
        method: 'POST',
        json: { a: 1 },
      });
      expect(await done).toMatchObject({ status: 'paused' });
      await deployment!.drained();
      return executionId;
    }

    it('the API records the approval; a worker sends the request once, with its idempotency key', async () => {
      const { api } = deployment!;
      const id = await paused();
      const before = received.length;
      const detail = await api.executions.detail(id);
      expect(detail.execution.waiting).toEqual(['send']);
      expect(detail.steps.at(-1)).toMatchObject({
        status: 'waiting',
        output: {
          approval: { tool: 'http_request', args: { url, method: 'POST' }, idempotencyKey: `${id}:send:0` },
        },
      });
      expect(received).toHaveLength(before);

      const approved = await api.executions.submitApproval(id, 'send', { approved: true });
      const recorded = await api.executions.detail(id);
      expect(recorded.steps.filter((s) => s.agentId === 'send').map((s) => s.status)).toEqual(
        expect.arrayContaining(['waiting', 'resumed']),
      );
      expect(await approved.done).toMatchObject({ status: 'succeeded', output: { status: 200 } });
      await deployment!.drained();
      expect(received.slice(before)).toEqual([{ method: 'POST', key: `${id}:send:0` }]);
      await expect(api.executions.submitApproval(id, 'send', { approved: true })).rejects.toMatchObject({
        code: 'AF_NOT_RESUMABLE',
      });
    });

    it('a rejected call is never sent and the step fails with AF_TOOL_REJECTED', async () => {
      const { api } = deployment!;
      const id = await paused();
      const before = received.length;
      const rejected = await api.executions.submitApproval(id, 'send', { approved: false, reason: 'no' });
      expect(await rejected.done).toMatchObject({ status: 'failed', error: { code: 'AF_TOOL_REJECTED' } });
      await deployment!.drained();
      expect(received).toHaveLength(before);
    });
  },
);
