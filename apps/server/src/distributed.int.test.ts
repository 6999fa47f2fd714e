/**
 * Distributed mode through the server: an API-role runtime serves HTTP and the WebSocket monitor, a worker-role
 * runtime (another process in production) runs the execution, and the monitor streams its events (relayed over
 * Redis) as if they were local: numbered 1, 2, 3... with the tokens of the agent step.
 */
import { connect } from 'node:net';
import { createRuntime, ROLES, type Runtime } from '@agentflow/runtime';
import { schema } from '@agentflow/store-sql';
import { createScriptedProvider } from '@agentflow/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type RunningServer, startServer } from './start.js';
import { auth, greetRules, greetWorkflow, principal, token, WS1, WS2 } from './test-support/fixtures.js';

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
  'server in distributed mode (needs DATABASE_URL and REDIS_URL)',
  () => {
    const schemaName = `srvdist_${process.pid}_${Date.now()}`;
    const env = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, AGENTFLOW_DB_SCHEMA: schemaName };
    let api: Runtime;
    let worker: Runtime;
    let server: RunningServer;

    beforeAll(async () => {
      api = await createRuntime({ env, role: 'api' });
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
      worker = await createRuntime({
        env,
        role: 'worker',
        models: createScriptedProvider({ rules: greetRules }),
      });
      worker.work({ concurrency: 2 });
      server = await startServer({
        runtime: api,
        auth,
        logger: false,
        host: '127.0.0.1',
        port: 0,
        handleSignals: false,
        print: () => {},
      });
    });
    afterAll(async () => {
      await server?.close(); // closes the API runtime
      await worker?.store.db.execute(`drop schema if exists "${schemaName}" cascade`);
      await worker?.close();
      await deleteRedisKeys(redisUrl!, `agentflow:*${schemaName}*`);
    });

    it('answers 202 and streams the events of an execution a worker runs', async () => {
      const headers = { authorization: `Bearer ${token('member')}`, 'content-type': 'application/json' };
      const post = async (path: string, body: unknown) => {
        const res = await fetch(`${server.url}/api/v1${path}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(body),
        });
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      };
      const wf = (await post('/workflows', greetWorkflow())).body as { id: string };
      const frames: { type: string; seq?: number; delta?: string; executionId?: string }[] = [];
      const socket = new WebSocket(
        `${server.url.replace('http', 'ws')}/ws/workflows/${wf.id}/monitor?token=${token('viewer')}`,
      );
      const completed = new Promise<void>((resolve, reject) => {
        socket.on('message', (data) => {
          const frame = JSON.parse(String(data)) as (typeof frames)[number];
          frames.push(frame);
          if (frame.type === 'execution.completed') resolve();
        });
        socket.once('error', reject);
      });
      await new Promise<void>((resolve) => {
        socket.on('message', function ready(data) {
          if ((JSON.parse(String(data)) as { type: string }).type !== 'stream.ready') return;
          socket.off('message', ready);
          resolve();
        });
      });

      const local: string[] = [];
      const offLocal = api.engine.on('event', (e) => local.push(e.type));
      const started = await post(`/workflows/${wf.id}/execute`, { input: { name: 'Ada' } });
      expect(started.status).toBe(202);
      const executionId = started.body.executionId as string;
      await completed;
      socket.close();

      const events = frames.filter((f) => typeof f.seq === 'number');
      expect(events.every((e) => e.executionId === executionId)).toBe(true);
      expect(events[0]?.type).toBe('execution.started');
      expect(events.at(-1)).toMatchObject({ type: 'execution.completed', status: 'succeeded' });
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      const tokens = events.filter((e) => e.type === 'step.token').map((e) => e.delta);
      expect(tokens.join('')).toBe('Hello, Ada!');
      // The API process ran nothing: its own engine emitted no event.
      offLocal();
      expect(local).toEqual([]);
      expect((await api.store.getExecution(executionId))?.status).toBe('succeeded');
    });
  },
);
