/**
 * The CLI's in-memory engine (createLocalEngine) runs an agent that names no model on the instance's default
 * model (AGENTFLOW_DEFAULT_PROVIDER / AGENTFLOW_DEFAULT_MODEL), as the server does for a workspace without one.
 */
import { createScriptedProvider } from '@agentflow/testing';
import { describe, expect, it } from 'vitest';
import { createLocalEngine } from './compose.js';

const workflow = {
  name: 'defaulted',
  agents: [
    { id: 'in', type: 'input' },
    { id: 'bot', type: 'agent', config: { prompt: 'hi' } },
  ],
  connections: [{ id: 'c', sourceAgentId: 'in', targetAgentId: 'bot' }],
};

describe('createLocalEngine', () => {
  it.each([
    [{}, { provider: 'gemini', model: 'gemini-2.5-flash' }],
    [
      { AGENTFLOW_DEFAULT_PROVIDER: 'openai', AGENTFLOW_DEFAULT_MODEL: 'gpt-4o-mini' },
      { provider: 'openai', model: 'gpt-4o-mini' },
    ],
  ])('runs an agent without a model on the instance default (%o)', async (env, expected) => {
    const models = createScriptedProvider({ fallback: 'ok' });
    const local = createLocalEngine({ env, models });
    try {
      const result = await local.engine.run(workflow, {});
      expect(result.status).toBe('succeeded');
      expect(models.calls[0]).toMatchObject(expected);
    } finally {
      await local.close();
    }
  });
});
