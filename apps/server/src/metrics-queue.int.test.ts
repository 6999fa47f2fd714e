/**
 * `agentflow_queue_depth{state}` in distributed mode: read from Redis at scrape time through the Queue port
 * (BullMQ's job counts), so an API process with no worker sees the executions it enqueued waiting, on real
 * PostgreSQL and Redis.
 */
import { connect } from 'node:net';
import { createRuntime, ROLES, type Runtime } from '@agentflow/runtime';
import { schema } from '@agentflow/store-sql';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestServer,
  greetWorkflow,
  json,
  principal,
  WS1,
  WS2,
} from './test-support/fixtures.js';

const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;

/** Deletes the keys matching `pattern` (one EVAL over a bare connection: this package has no Redis client). */
function deleteRedisKeys(url: string, pattern: string): Promise<void> {
  const { hostname, port } = new URL(url);
  const script = "for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) end return 1";
  const args = ['EVAL', script, '0', pattern];
  const command = `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port || 6379), hostname, () => socket.end(command));
    socket.once('data', () => resolve());
    socket.once('error', reject);
  });
}

describe.skipIf(!databaseUrl || !redisUrl)(
  'queue depth on /metrics (needs DATABASE_URL and REDIS_URL)',
  () => {
    const schemaName = `qdepth_${process.pid}_${Date.now()}`;
    const env = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, AGENTFLOW_DB_SCHEMA: schemaName };
    let api: Runtime;
    let app: FastifyInstance;

    beforeAll(async () => {
      api = await createRuntime({ env, role: 'api', alerts: { evaluate: false } });
      await api.store.db
        .insert(schema.users)
        .values(
          [WS1, WS2].flatMap((ws) =>
            ROLES.map((role) => ({ id: principal(role, ws).userId, email: `${role}@${ws}.test` })),
          ),
        );
      await api.store.db.insert(schema.workspaces).values([
        { id: WS1, name: 'one' },
        { id: WS2, name: 'two' },
      ]);
      app = await createTestServer(api);
    });
    afterAll(async () => {
      await app?.close();
      await api?.store.db.execute(`drop schema if exists "${schemaName}" cascade`);
      await api?.close();
      await deleteRedisKeys(redisUrl!, `agentflow:*${schemaName}*`);
    });

    const depth = async () => {
      const res = await app.inject({ method: 'GET', url: '/metrics' });
      expect(res.statusCode).toBe(200);
      const read = (state: string) => {
        const m = new RegExp(`^agentflow_queue_depth\\{state="${state}"\\} (\\d+)$`, 'm').exec(res.body);
        return m ? Number(m[1]) : undefined;
      };
      return { waiting: read('waiting'), active: read('active'), delayed: read('delayed') };
    };

    it('reports what waits in Redis with no worker to take it', async () => {
      expect(await depth()).toEqual({ waiting: 0, active: 0, delayed: 0 });
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/workflows',
        headers: bearer('member'),
        payload: greetWorkflow(),
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = json<{ id: string }>(created).id;
      for (let i = 0; i < 3; i++) {
        const res = await app.inject({
          method: 'POST',
          url: `/api/v1/workflows/${id}/execute`,
          headers: bearer('member'),
          payload: { input: { name: `n${i}` } },
        });
        expect(res.statusCode, res.body).toBe(202);
      }
      expect(await depth()).toEqual({ waiting: 3, active: 0, delayed: 0 });
      // The same figure the Queue port gives (no BullMQ internals read by the server).
      expect(await api.queueCounts()).toEqual({ waiting: 3, active: 0, delayed: 0 });
    });
  },
);
