/**
 * Completion notifications in distributed mode on real PostgreSQL and Redis (issue 13 item 14): the API process and
 * two workers all poll the outbox, yet each execution's webhook gets exactly one request (rows are claimed with
 * FOR UPDATE SKIP LOCKED and a lock lease), signed with the workflow's secret.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { schema } from '@agentflow/store-sql';
import { waitFor } from '@agentflow/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from './auth/permissions.js';
import { type Deployment, openDeployment } from './test-support/distributed.js';

const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;

const WS = 'ws-notify';
const member: Principal = {
  kind: 'user',
  userId: 'user-notify',
  workspaceId: WS,
  role: 'member',
  plan: 'pro',
};

describe.skipIf(!databaseUrl || !redisUrl)(
  'notifications, distributed (needs DATABASE_URL and REDIS_URL)',
  () => {
    let deployment: Deployment | undefined;
    let server: Server | undefined;
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    let url = '';
    beforeAll(async () => {
      server = createServer((req, res) => {
        let body = '';
        req.setEncoding('utf8');
        req.on('data', (c) => {
          body += c;
        });
        req.on('end', () => {
          received.push({ headers: req.headers, body });
          res.writeHead(204).end();
        });
      });
      await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      deployment = await openDeployment('dnotify', {
        workers: 2,
        env: { AGENTFLOW_EGRESS_ALLOW: '127.0.0.1' },
      });
      await deployment.api.store.db
        .insert(schema.users)
        .values([{ id: member.userId, email: 'notify@test' }]);
      await deployment.api.store.db
        .insert(schema.workspaces)
        .values([{ id: WS, name: 'notify', plan: 'pro' }]);
    });
    afterAll(async () => {
      await deployment?.close();
      await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
    });

    it('delivers each execution once although every process polls', async () => {
      const { api } = deployment!;
      const scope = { workspaceId: WS, userId: member.userId };
      const wf = await api.workflows.create(
        {
          name: 'notified',
          agents: [
            { id: 'in', type: 'input' },
            { id: 'echo', type: 'transform', config: { expression: 'input' } },
          ],
          connections: [{ id: 'c', sourceAgentId: 'in', targetAgentId: 'echo' }],
          config: { notifications: [{ url }] },
        },
        scope,
      );
      const { secret } = await api.notifications.rotateSecret(member, wf.id);
      const ids: string[] = [];
      for (let i = 0; i < 8; i++) ids.push((await api.workflows.execute(wf.id, i, scope)).executionId);
      await waitFor(() => received.length >= ids.length, 20_000);
      // Every process keeps polling: give them a few more rounds to (wrongly) deliver again.
      await waitFor(async () => {
        const rows = await Promise.all(ids.map((id) => api.notifications.list(member, id)));
        return rows.every((r) => r.length === 1 && r[0]?.status === 'delivered');
      }, 10_000);
      await new Promise((r) => setTimeout(r, 2500));
      const byExecution = new Map<string, number>();
      for (const r of received) {
        const body = JSON.parse(r.body) as { execution: { id: string; status: string; output: number } };
        byExecution.set(body.execution.id, (byExecution.get(body.execution.id) ?? 0) + 1);
        const [t, v1] = String(r.headers['x-agentflow-signature']).split(',');
        const mac = createHmac('sha256', secret)
          .update(`${t?.slice(2)}.${r.body}`)
          .digest('hex');
        expect(v1).toBe(`v1=${mac}`);
        expect(body.execution.status).toBe('succeeded');
      }
      expect([...byExecution.keys()].sort()).toEqual([...ids].sort());
      expect([...byExecution.values()].every((n) => n === 1)).toBe(true);
    });
  },
);
