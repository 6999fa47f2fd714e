import { schema } from '@agentflow/store-sql';
import { createScriptedProvider } from '@agentflow/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, loadConfig, type Runtime } from './index.js';

const definition = {
  name: 'greet',
  agents: [
    { id: 'in', type: 'input', config: { schema: { type: 'object', required: ['name'] } } },
    {
      id: 'bot',
      type: 'agent',
      config: { provider: 'openai', model: 'gpt-test', prompt: 'Greet {{input.name}}' },
    },
  ],
  connections: [{ id: 'c', sourceAgentId: 'in', targetAgentId: 'bot' }],
};

describe('runtime', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    const models = createScriptedProvider({
      rules: [{ when: { lastUserIncludes: 'Greet' }, reply: 'Hello, Ada!' }],
    });
    runtime = await createRuntime({ inMemory: true, models, env: {} });
    // Workspaces arrive with the users service; insert two directly for now.
    await runtime.store.db.insert(schema.workspaces).values([
      { id: 'ws1', name: 'one' },
      { id: 'ws2', name: 'two' },
    ]);
  });
  afterAll(() => runtime.close());

  it('stores, versions and executes workflows through the services', async () => {
    const wf = await runtime.workflows.create(definition, { workspaceId: 'ws1' });
    expect(wf.version).toBe(1);
    const { executionId, done } = await runtime.workflows.execute(
      wf.id,
      { name: 'Ada' },
      { workspaceId: 'ws1' },
    );
    const result = await done;
    expect(result).toMatchObject({ status: 'succeeded', output: 'Hello, Ada!' });
    const detail = await runtime.executions.detail(executionId, { workspaceId: 'ws1' });
    expect(detail.execution.workflowId).toBe(wf.id);
    expect(detail.steps.map((s) => s.agentId)).toEqual(['in', 'bot']);
    expect(detail.messages).toHaveLength(1);

    const v2 = await runtime.workflows.update(
      wf.id,
      { ...definition, description: 'v2' },
      { workspaceId: 'ws1' },
    );
    expect(v2.version).toBe(2);
    const restored = await runtime.workflows.restore(wf.id, 1, { workspaceId: 'ws1' });
    expect(restored.version).toBe(3);
    expect(restored.definition.description).toBeUndefined();
  });

  it('hides another workspace objects as not found and rejects invalid definitions with every issue', async () => {
    const wf = await runtime.workflows.create(definition, { workspaceId: 'ws1' });
    await expect(runtime.workflows.get(wf.id, { workspaceId: 'ws2' })).rejects.toMatchObject({
      code: 'AF_NOT_FOUND',
    });
    const { executionId, done } = await runtime.workflows.execute(
      wf.id,
      { name: 'x' },
      { workspaceId: 'ws1' },
    );
    await done;
    await expect(runtime.executions.get(executionId, { workspaceId: 'ws2' })).rejects.toMatchObject({
      code: 'AF_NOT_FOUND',
    });
    await expect(
      runtime.workflows.create(
        { name: 'bad', agents: [{ id: 'a', type: 'agent', config: { model: 'm' } }] },
        {},
      ),
    ).rejects.toMatchObject({
      code: 'AF_VALIDATION',
      issues: expect.arrayContaining([expect.objectContaining({ path: 'agents[0].config.provider' })]),
    });
    await expect(runtime.workflows.execute(wf.id, { nope: 1 }, { workspaceId: 'ws1' })).rejects.toMatchObject(
      {
        code: 'AF_INVALID_INPUT',
      },
    );
  });

  it('runs sandboxed code nodes', async () => {
    const result = await runtime.engine.run(
      {
        name: 'code',
        agents: [
          { id: 'in', type: 'input' },
          { id: 'sum', type: 'code', config: { code: 'return input.values.reduce((a, b) => a + b, 0);' } },
          { id: 'escape', type: 'code', config: { code: 'return typeof process + ":" + typeof require;' } },
        ],
        connections: [
          { id: 'a', sourceAgentId: 'in', targetAgentId: 'sum' },
          { id: 'b', sourceAgentId: 'in', targetAgentId: 'escape' },
        ],
      },
      { values: [1, 2, 3] },
    );
    expect(result.status).toBe('succeeded');
    expect(result.output).toEqual({ sum: 6, escape: 'undefined:undefined' });
    expect(runtime.engine.nodeTypes().map((t) => t.type)).toContain('code');
  });

  it('reports every bad configuration value with its variable', () => {
    expect(() => loadConfig({ PORT: 'abc', DATABASE_URL: 'not a url' })).toThrow(
      expect.objectContaining({
        code: 'AF_VALIDATION',
        issues: expect.arrayContaining([
          expect.objectContaining({ path: 'PORT' }),
          expect.objectContaining({ path: 'DATABASE_URL' }),
        ]),
      }),
    );
  });
});
