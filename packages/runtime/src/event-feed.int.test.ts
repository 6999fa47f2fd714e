/**
 * Distributed mode relays execution events over Redis: an API process sees the events of executions another
 * process runs, and a process sees its own events once (never echoed back by the relay).
 */
import type { AgentFlowEvent } from '@agentflow/protocol';
import { waitFor } from '@agentflow/testing';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from './index.js';

const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;

const definition = {
  name: 'relayed',
  agents: [
    { id: 'in', type: 'input' },
    { id: 'shout', type: 'transform', config: { expression: 'input.word + "!"' } },
  ],
  connections: [{ id: 'c', sourceAgentId: 'in', targetAgentId: 'shout' }],
};

describe.skipIf(!databaseUrl || !redisUrl)(
  'event feed across processes (needs DATABASE_URL and REDIS_URL)',
  () => {
    const schemaName = `relay_${process.pid}_${Date.now()}`;
    const env = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, AGENTFLOW_DB_SCHEMA: schemaName };
    let runner: Runtime;
    let api: Runtime;
    beforeAll(async () => {
      runner = await createRuntime({ env, role: 'all' });
      api = await createRuntime({ env, role: 'api' });
    });
    afterAll(async () => {
      await runner?.close();
      await api?.store.db.execute(sql.raw(`drop schema if exists "${schemaName}" cascade`));
      await api?.close();
      const redis = new Redis(redisUrl!);
      const keys = await redis.keys(`agentflow:*${schemaName}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    });

    it("delivers another process's events, and a process's own events once", async () => {
      const atRunner: AgentFlowEvent[] = [];
      const atApi: AgentFlowEvent[] = [];
      const offRunner = runner.onEvent((e) => atRunner.push(e));
      const offApi = api.onEvent((e) => atApi.push(e));
      const wf = await runner.workflows.create(definition);
      const { executionId, done } = await runner.workflows.execute(wf.id, { word: 'hey' });
      expect(await done).toMatchObject({ status: 'succeeded', output: 'hey!' });
      await waitFor(() => atApi.some((e) => e.type === 'execution.completed'), 5000);
      offRunner();
      offApi();
      const types = (events: AgentFlowEvent[]) =>
        events.filter((e) => e.executionId === executionId).map((e) => `${e.type}#${e.seq}`);
      expect(types(atRunner)[0]).toBe('execution.started#0');
      expect(types(atRunner).at(-1)).toMatch(/^execution.completed#/);
      expect(new Set(types(atRunner)).size).toBe(types(atRunner).length);
      expect(types(atApi)).toEqual(types(atRunner));
      expect(atApi.at(-1)).toMatchObject({
        type: 'execution.completed',
        status: 'succeeded',
        output: 'hey!',
      });
    });
  },
);
