/**
 * The TypeScript API, as the README shows it (examples/examples.test.ts checks that the README's snippets are
 * taken from this file and that it runs). Run it: `npx tsx examples/embed.ts`.
 */
import { readFile } from 'node:fs/promises';
import { createEngine, defineNodeType } from '@agentflow/core';
import { createScriptedProvider } from '@agentflow/testing';
import { z } from 'zod';

// A node type: a Zod schema for its config, and `run`, which gets the input, the parsed config and a context
// (signal, logger, emit, models, tools, secrets, idempotencyKey...).
const upper = defineNodeType({
  type: 'upper',
  description: 'Upper-cases its input.',
  configSchema: z.object({ suffix: z.string().default('') }),
  run: async ({ input, config, context }) => {
    context.logger.debug('shouting', { agentId: context.agentId });
    return String(input).toUpperCase() + config.suffix;
  },
});

const workflow = {
  name: 'shout',
  agents: [
    { id: 'in', type: 'input' },
    { id: 'loud', type: 'upper', config: { suffix: '!' } },
    { id: 'out', type: 'output' },
  ],
  connections: [
    { id: 'in-loud', sourceAgentId: 'in', targetAgentId: 'loud' },
    { id: 'loud-out', sourceAgentId: 'loud', targetAgentId: 'out' },
  ],
};

const engine = createEngine({ nodeTypes: [upper] }); // in-memory store and queue by default
engine.on('event', (e) => {
  if (e.type === 'step.completed') console.log(`${e.agentId} done in ${e.durationMs} ms`);
});
const result = await engine.run(workflow, 'hello'); // { executionId, status, output, usage, stepCounts, durationMs }
console.log(result.status, result.output); // succeeded HELLO!
// Each step's input and output, on demand (while the store keeps the execution):
const steps = await engine.getSteps(result.executionId);
console.log(steps.map((s) => s.agentId)); // [ 'in', 'loud', 'out' ]

// A human node pauses the execution durably; approve() checks the payload against the node's schema and
// continues. Agents need a model provider: here the scripted one from @agentflow/testing.
const approvalFlow = JSON.parse(await readFile(new URL('./human-approval.json', import.meta.url), 'utf8'));
const withModels = createEngine({ models: createScriptedProvider({ fallback: 'Berlin, here we come!' }) });
const paused = await withModels.run(approvalFlow, { news: 'Berlin office opens' }); // status: 'paused'
const approved = await withModels.approve(paused.executionId, 'approval', { approved: true });
console.log(approved.status, approved.output); // succeeded { post: 'Berlin, here we come!', approved: true, note: '' }

// start() returns once the execution is recorded; cancel() aborts it through the one AbortSignal every node
// gets. With a durable store, resume(executionId) continues an interrupted execution: completed steps never
// re-run.
const slow = { name: 'slow', agents: [{ id: 'wait', type: 'delay', config: { ms: 60_000 } }] };
const { executionId, done } = await engine.start(slow, null);
await engine.cancel(executionId);
console.log((await done).status); // cancelled
