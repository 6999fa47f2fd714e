// Test plugin: a node type whose every step applies a side effect at an HTTP sink (SINK_URL), passing its
// idempotency key, then adds `n` to its input.
import { defineNodeType } from '@agentflow/core';
import { z } from 'zod';

export const nodeTypes = [
  defineNodeType({
    type: 'sink_step',
    configSchema: z.object({ n: z.number(), delayMs: z.number().default(0) }),
    async run({ input, config, context }) {
      if (config.delayMs > 0) await context.clock.sleep(config.delayMs, context.signal);
      const response = await fetch(process.env.SINK_URL, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': context.idempotencyKey },
        body: JSON.stringify({ n: config.n }),
        signal: context.signal,
      });
      if (!response.ok) throw new Error(`sink answered ${response.status}`);
      return (typeof input === 'number' ? input : 0) + config.n;
    },
  }),
];
