import type { Workflow } from '@agentflow/protocol';
import { describe, expect, it } from 'vitest';
import { credentialsOf } from './publish-dialog.js';

describe('publish as template: the credentials a workflow needs', () => {
  it('lists one per model provider its agents call, fallbacks included, sorted, local Ollama left out', () => {
    const workflow = {
      name: 'w',
      agents: [
        { id: 'in', type: 'input', config: {} },
        { id: 'a', type: 'agent', config: { provider: 'openai', model: 'm' } },
        {
          id: 'b',
          type: 'agent',
          config: {
            provider: 'openai',
            model: 'm',
            fallback: [
              { provider: 'anthropic', model: 'c' },
              { provider: 'ollama', model: 'l' },
            ],
          },
        },
        { id: 'c', type: 'agent', config: { provider: 'ollama', model: 'llama3' } },
        { id: 'd', type: 'agent', config: { provider: 'my.proxy', model: 'x' } },
        { id: 'out', type: 'output', config: {} },
      ],
      connections: [],
    } as unknown as Workflow;
    expect(credentialsOf(workflow)).toEqual([
      { key: 'anthropic', type: 'anthropic' },
      { key: 'my-proxy', type: 'my.proxy' },
      { key: 'openai', type: 'openai' },
    ]);
  });
});
