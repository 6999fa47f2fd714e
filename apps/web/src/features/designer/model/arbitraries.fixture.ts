/** fast-check arbitraries of valid workflows (unique ids, connections between existing agents). */
import type { Workflow } from '@agentflow/protocol';
import fc from 'fast-check';

const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
const json: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)));
const config = fc.dictionary(fc.string({ maxLength: 8 }), json, { maxKeys: 4 });
const position = fc.record({
  x: fc
    .double({ min: -5000, max: 5000, noNaN: true, noDefaultInfinity: true })
    .map((n) => (Object.is(n, -0) ? 0 : n)),
  y: fc.integer({ min: -5000, max: 5000 }),
});

export const workflowArbitrary: fc.Arbitrary<Workflow> = fc
  .uniqueArray(id, { minLength: 1, maxLength: 12 })
  .chain((ids) =>
    fc.record({
      agents: fc.tuple(
        ...ids.map((agentId) =>
          fc.record(
            {
              id: fc.constant(agentId),
              type: fc.constantFrom('input', 'agent', 'router', 'transform', 'output', 'human', 'tool'),
              name: fc.string({ maxLength: 20 }),
              description: fc.string({ maxLength: 20 }),
              config,
              position,
              retry: fc.record({ maxAttempts: fc.integer({ min: 1, max: 20 }) }),
              timeoutMs: fc.integer({ min: 1, max: 86_400_000 }),
              fallback: json,
            },
            { requiredKeys: ['id', 'type', 'config'] },
          ),
        ),
      ),
      connections: fc.uniqueArray(
        fc.record(
          {
            id,
            sourceAgentId: fc.constantFrom(...ids),
            targetAgentId: fc.constantFrom(...ids),
            condition: fc.string({ minLength: 1, maxLength: 30 }),
            sourceHandle: fc.stringMatching(/^[a-z]{1,8}$/),
            on: fc.constantFrom('success' as const, 'error' as const),
          },
          { requiredKeys: ['id', 'sourceAgentId', 'targetAgentId', 'on'] },
        ),
        { selector: (c) => c.id, maxLength: 15 },
      ),
      name: fc.string({ minLength: 1, maxLength: 30 }),
      description: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
      status: fc.constantFrom('draft' as const, 'active' as const, 'archived' as const),
      version: fc.integer({ min: 1, max: 50 }),
      config: fc.record({
        maxSteps: fc.integer({ min: 1, max: 1000 }),
        concurrency: fc.integer({ min: 1, max: 64 }),
      }),
    }),
  )
  // Workflows are JSON: plain objects, no undefined fields.
  .map((w) => JSON.parse(JSON.stringify(w)) as Workflow);
