import { defineModelProviderContract } from './model-provider-contract.js';
import { createScriptedProvider, type ScriptedReply } from './scripted-provider.js';

defineModelProviderContract('scripted provider', async () => {
  const queue: Exclude<ScriptedReply, string | ((...args: never[]) => unknown)>[] = [];
  // The fallback reply is a function, so each test's reply is taken when the request arrives.
  const provider = createScriptedProvider({ fallback: () => queue.shift() ?? { text: '' } });
  return {
    target: { provider: 'scripted', model: 'test' },
    next(reply) {
      if ('text' in reply) queue.push({ text: reply.text, tokens: reply.text.split(/(?<= )/) });
      else if ('toolCalls' in reply) queue.push({ toolCalls: reply.toolCalls });
      else if ('json' in reply) queue.push({ object: reply.json });
      else if ('error' in reply)
        queue.push({ error: { code: 'AF_VALIDATION', message: 'bad request', retryable: false } });
      else queue.push({ delayMs: Number.POSITIVE_INFINITY });
      return provider;
    },
  };
});
