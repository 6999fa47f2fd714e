/**
 * Execution logs in distributed mode (real PostgreSQL and Redis): a worker runs the steps and writes their log
 * lines with them; the API process serves them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from './index.js';
import { type Deployment, openDeployment } from './test-support/distributed.js';

const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;

describe.skipIf(!databaseUrl || !redisUrl)(
  'distributed execution logs (needs DATABASE_URL and REDIS_URL)',
  () => {
    let deployment: Deployment | undefined;
    let api: Runtime;
    let worker: Runtime;
    beforeAll(async () => {
      deployment = await openDeployment('dlogs', { workers: 1 });
      api = deployment.api;
      worker = deployment.workers[0]!;
    });
    afterAll(async () => {
      await deployment?.close();
    });

    it("stores the lines a worker's steps log, served by the API process", async () => {
      let ranOnWorker = false;
      const off = worker.engine.on('event', (e) => {
        if (e.type === 'execution.started') ranOnWorker = true;
      });
      const wf = await api.workflows.create({
        name: 'logs',
        agents: [
          { id: 'in', type: 'input' },
          {
            id: 'a',
            type: 'code',
            config: { code: 'console.log("n is", input.n); console.error("oops"); input.n' },
          },
          { id: 'b', type: 'code', config: { code: 'console.warn("twice", input * 2); input * 2' } },
        ],
        connections: [
          { id: 'c1', sourceAgentId: 'in', targetAgentId: 'a' },
          { id: 'c2', sourceAgentId: 'a', targetAgentId: 'b' },
        ],
      });
      const { executionId, done } = await api.workflows.execute(wf.id, { n: 21 });
      expect((await done).status).toBe('succeeded');
      off();
      expect(ranOnWorker).toBe(true);
      const page = await api.executions.logs(executionId);
      expect(page.items.map((l) => [l.agentId, l.attempt, l.level, l.message])).toEqual([
        ['a', 1, 'info', 'n is 21'],
        ['a', 1, 'error', 'oops'],
        ['b', 1, 'warn', 'twice 42'],
      ]);
      expect((await api.executions.logs(executionId, {}, { level: 'warn' })).items).toHaveLength(2);
      expect((await api.executions.get(executionId, {})).logCount).toBe(3);
    });
  },
);
