import type { AgentInput, ConnectionInput, WorkflowInput } from '@agentflow/protocol';
import { z } from 'zod';
import { defineNodeType } from '../../nodes/define.js';
import type { Store } from '../../ports/store.js';

/** Builds a workflow from a compact edge list: `['a>b', 'b>c']`. */
export function graph(
  agents: AgentInput[],
  edges: (string | ConnectionInput)[],
  extra: Partial<WorkflowInput> = {},
): WorkflowInput {
  const connections = edges.map((e, i) => {
    if (typeof e !== 'string') return e;
    const [s, t] = e.split('>') as [string, string];
    return { id: `c${i}`, sourceAgentId: s, targetAgentId: t };
  });
  return { name: 'test', agents, connections, ...extra };
}

/** input -> draft -> `review`, a human node whose payload is `{approved: boolean, note?: string}`. */
export const reviewAgents: AgentInput[] = [
  { id: 'in', type: 'input' },
  { id: 'draft', type: 'transform', config: { expression: '"draft for " + input.topic' } },
  {
    id: 'review',
    type: 'human',
    config: {
      prompt: 'Approve the draft?',
      schema: {
        type: 'object',
        properties: { approved: { type: 'boolean' }, note: { type: 'string' } },
        required: ['approved'],
      },
    },
  },
];

export interface Trace {
  events: { agentId: string; kind: 'start' | 'end'; at: number; key: string }[];
  runs(agentId: string): number;
  maxConcurrent(): number;
}

export function createTrace(): Trace {
  const events: Trace['events'] = [];
  return {
    events,
    runs: (agentId) => events.filter((e) => e.agentId === agentId && e.kind === 'start').length,
    maxConcurrent() {
      let cur = 0;
      let max = 0;
      for (const e of events) {
        cur += e.kind === 'start' ? 1 : -1;
        max = Math.max(max, cur);
      }
      return max;
    },
  };
}

/**
 * A test node: records start/end in the trace, waits `ms`, fails `failTimes` times with `errorCode`, and
 * outputs `value` (or its input with its id appended when `value` is absent).
 */
export function workNode(trace: Trace, sequence: { n: number } = { n: 0 }) {
  return defineNodeType({
    type: 'work',
    configSchema: z.object({
      ms: z.number().default(0),
      value: z.unknown().optional(),
      failTimes: z.number().default(0),
      errorCode: z.string().default('AF_PROVIDER_ERROR'),
      retryable: z.boolean().default(true),
      /** Retry-After the failures carry, in ms (an open circuit's next probe, a 429's). */
      retryAfterMs: z.number().optional(),
      ignoreAbort: z.boolean().default(false),
    }),
    async run({ input, config, context }) {
      const at = sequence.n++;
      trace.events.push({ agentId: context.agentId, kind: 'start', at, key: context.idempotencyKey });
      try {
        if (config.ms > 0) {
          if (config.ignoreAbort) await new Promise((r) => setTimeout(r, config.ms));
          else await context.clock.sleep(config.ms, context.signal);
        }
        if (context.attempt <= config.failTimes) {
          throw Object.assign(new Error(`fail #${context.attempt}`), {
            code: config.errorCode,
            message: `fail #${context.attempt}`,
            retryable: config.retryable,
            ...(config.retryAfterMs !== undefined && { retryAfterMs: config.retryAfterMs }),
          });
        }
        if (config.value !== undefined) return config.value;
        return Array.isArray(input) ? [...input, context.agentId] : [context.agentId];
      } finally {
        trace.events.push({
          agentId: context.agentId,
          kind: 'end',
          at: sequence.n++,
          key: context.idempotencyKey,
        });
      }
    },
  });
}

/**
 * Wraps a store so that the commits `fails(n)` picks (n counts from 0) throw as if the process died just before
 * they were written; everything else goes to `inner`.
 */
export function failingCommits(inner: Store, fails: (n: number) => boolean): Store {
  let commits = 0;
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'commitStep') {
        return async (commit: Parameters<Store['commitStep']>[0]) => {
          const n = commits++;
          if (fails(n)) throw new Error(`the process died before commit ${n}`);
          return target.commitStep(commit);
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}
