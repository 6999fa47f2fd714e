import {
  type ContractReply,
  defineModelProviderContract,
  type FakeStep,
  startFakeAnthropic,
  startFakeOpenAI,
} from '@agentflow/testing';
import { createModelProvider, modelSettingsFromEnv } from './index.js';

function toStep(reply: ContractReply): FakeStep {
  if ('text' in reply) return { text: reply.text };
  if ('toolCalls' in reply) return { toolCalls: reply.toolCalls };
  if ('json' in reply) return { json: reply.json };
  if ('error' in reply) return { kind: 'error', status: 400, message: 'bad request' };
  return { kind: 'hang' };
}

for (const [name, start, provider, model, env] of [
  ['openai (AI SDK, chat completions)', startFakeOpenAI, 'openai', 'gpt-4o-mini', 'OPENAI'],
  ['anthropic (AI SDK, messages)', startFakeAnthropic, 'anthropic', 'claude-3-5-haiku-latest', 'ANTHROPIC'],
] as const) {
  defineModelProviderContract(name, async () => {
    const server = await start({ record: false });
    const models = createModelProvider({
      fetch: globalThis.fetch,
      ...modelSettingsFromEnv({ [`${env}_API_KEY`]: 'test-key', [`${env}_BASE_URL`]: server.baseURL }),
      retry: { maxAttempts: 1 },
    });
    return {
      target: { provider, model },
      next(reply) {
        server.enqueue(toStep(reply));
        return models;
      },
      cleanup: () => server.close(),
    };
  });
}
