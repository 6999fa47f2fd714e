/**
 * Property test: validation never throws, never hangs and always answers with structured issues, whatever it is
 * fed. Over 10,000 malformed definitions per run: arbitrary JSON, non-JSON values, random graphs, and valid
 * workflows broken by random mutations (dropped fields, wrong types, random ids and edges, cycles, huge strings,
 * deep nesting, duplicates, prototype keys, BigInt, functions, symbols, cyclic and shared references, throwing
 * getters). Inputs are bounded in size, so "never hangs" is checked by the suite finishing within its timeout.
 * validate.targeted.property.test.ts adds targeted breaks whose exact issue is known.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../engine/engine.js';
import { type CompileOptions, type CompileResult, compileWorkflow } from './compile.js';
import { malformation, registry, validExamples } from './test/fixtures.js';

const engine = createEngine();
/** Multiplies every run count, for deeper local fuzzing: `AGENTFLOW_FUZZ_RUNS=10 npx vitest run ...`. */
const scale = Math.max(1, Number(process.env.AGENTFLOW_FUZZ_RUNS) || 1);
const runs = (n: number) => ({ numRuns: n * scale });
let fed = 0;
let rejected = 0;

/**
 * Validates through compileWorkflow and engine.validate; both must agree and be well formed. For input that JSON
 * can express, the compiler's catch-all ("validation failed: ...", an internal error) must never fire.
 */
function check(raw: unknown, options?: CompileOptions, json = false): CompileResult {
  fed++;
  const result = compileWorkflow(raw, registry, options);
  expect(malformation(result)).toBeUndefined();
  if (json && !result.ok)
    expect(result.issues.filter((i) => i.message.startsWith('validation failed'))).toEqual([]);
  if (!result.ok) rejected++;
  if (options === undefined) {
    const viaEngine = engine.validate(raw);
    expect(viaEngine.ok).toBe(result.ok);
    if (!viaEngine.ok && !result.ok) expect(viaEngine.issues).toEqual(result.issues);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Arbitraries

const ids = ['in', 'a', 'b', 'c', 'out', 'x y', '', '__proto__', 'constructor', 'toString', 'a'.repeat(65)];
const id = fc.oneof(fc.constantFrom(...ids), fc.string({ maxLength: 8 }));
const expression = fc.oneof(
  fc.constantFrom(
    'input',
    'true',
    'output.ok == true',
    '1 +',
    '((',
    'input.',
    '"\\x"',
    '[1,2].all(x, x > 0)',
  ),
  fc.string({ maxLength: 20 }),
);
const json = fc.jsonValue({ maxDepth: 3 });
const weird = fc.anything({
  maxDepth: 3,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
});
const configKeys = [
  ...['expression', 'mapping', 'provider', 'model', 'schema', 'routes', 'default', 'maxIterations', 'body'],
  ...[
    'mode',
    'items',
    'until',
    'workflow',
    'workflowId',
    'input',
    'tool',
    'args',
    'value',
    'ms',
    '__proto__',
  ],
];
const configValue = fc.oneof(json, expression, fc.constant({ agents: [{ id: 'i', type: 'input' }] }));
const config = fc.oneof(
  fc.dictionary(fc.constantFrom(...configKeys), configValue, { maxKeys: 5 }),
  json,
  weird,
);
const agent = fc.record(
  {
    id,
    type: fc.oneof(fc.constantFrom(...registry.keys(), 'nope', 'constructor', '__proto__'), fc.string()),
    config,
    retry: fc.oneof(json, fc.record({ maxAttempts: fc.integer({ min: -1, max: 30 }) })),
    timeoutMs: fc.oneof(fc.integer(), fc.double()),
    fallback: weird,
  },
  { requiredKeys: ['id', 'type'] },
);
const connection = fc.record(
  {
    id,
    sourceAgentId: id,
    targetAgentId: id,
    condition: expression,
    sourceHandle: fc.oneof(fc.constantFrom('again', 'done'), fc.string({ maxLength: 4 })),
    on: fc.constantFrom('success', 'error', 'bogus'),
  },
  { requiredKeys: ['id', 'sourceAgentId', 'targetAgentId'] },
);
const randomWorkflow = fc.record(
  {
    name: fc.oneof(fc.string({ maxLength: 10 }), weird),
    agents: fc.oneof(fc.array(agent, { maxLength: 12 }), weird),
    connections: fc.oneof(fc.array(connection, { maxLength: 24 }), weird),
    config: fc.oneof(json, fc.record({ maxSteps: fc.integer(), concurrency: fc.integer() })),
    status: fc.oneof(fc.constantFrom('draft', 'active', 'nope'), weird),
  },
  { requiredKeys: [] },
);
const limits = fc.option(
  fc.record(
    {
      maxAgents: fc.integer({ min: 0, max: 20 }),
      maxConnections: fc.integer({ min: 0, max: 30 }),
      maxStringLength: fc.integer({ min: 0, max: 200 }),
      maxDepth: fc.integer({ min: 0, max: 40 }),
      maxDefinitionBytes: fc.integer({ min: 0, max: 10_000 }),
      maxExpressionLength: fc.integer({ min: 0, max: 100 }),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

// ---------------------------------------------------------------------------------------------------------------
// Mutations of valid workflows

const MUTATIONS = [
  'delete',
  'replaceJson',
  'replaceWeird',
  'nonJson',
  'hugeString',
  'deep',
  'duplicate',
  'protoKey',
  'cycle',
  'shared',
  'randomEdge',
  'backEdge',
  'throwingGetter',
] as const;
/** Mutations whose result JSON can still express (JSON.parse makes `__proto__` an own key, as protoKey does). */
const JSON_MUTATIONS = new Set<string>([
  ...['delete', 'replaceJson', 'hugeString', 'deep', 'duplicate', 'protoKey', 'randomEdge', 'backEdge'],
]);
const mutation = fc.record({
  op: fc.constantFrom(...MUTATIONS),
  at: fc.nat(),
  pick: fc.nat(),
  json,
  weird,
});
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;
type Slot = { parent: Record<PropertyKey, unknown>; key: string | number };

/** Every (container, key) slot of a tree, skipping references already seen. */
function slots(root: unknown): Slot[] {
  const out: Slot[] = [];
  const seen = new Set<unknown>();
  const stack = [root];
  while (stack.length > 0 && out.length < 2000) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    const keys: (string | number)[] = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
    for (const key of keys) {
      out.push({ parent: v as Record<PropertyKey, unknown>, key });
      stack.push(read(v, key));
    }
  }
  return out;
}

/** Reads a property, or undefined when a (mutated-in) getter throws. */
function read(value: object, key: PropertyKey): unknown {
  try {
    return (value as Record<PropertyKey, unknown>)[key];
  } catch {
    return undefined;
  }
}

/** A deep copy, or the value itself when it cannot be cloned (functions, symbols): then it is shared. */
function copy(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}

function nonJsonValue(pick: number): unknown {
  const values: (() => unknown)[] = [
    () => 10n ** 30n,
    () => () => 'fn',
    () => Symbol('s'),
    () => undefined,
    () => Number.NaN,
    () => Number.NEGATIVE_INFINITY,
    () => new Date(0),
    () => new Map([['k', 1]]),
    () => new Uint8Array(4),
    () => Object.create(null),
    () => new (class Custom {})(),
    () => Object.assign(new Array(5), { 2: 'x' }),
  ];
  return values[pick % values.length]!();
}

function mutate(root: Record<string, unknown>, m: Mutation): void {
  const all = slots(root);
  const slot = all[m.at % Math.max(1, all.length)];
  const rawAgents = read(root, 'agents');
  const rawConnections = read(root, 'connections');
  const agents = Array.isArray(rawAgents) ? (rawAgents as { id?: unknown }[]) : [];
  const connections = Array.isArray(rawConnections) ? (rawConnections as unknown[]) : undefined;
  const agentId = (k: number) => {
    const agent = agents[k % Math.max(1, agents.length)];
    return (agent && read(agent, 'id')) ?? 'ghost';
  };
  const set = (value: unknown) => {
    if (slot) slot.parent[slot.key] = value;
  };
  switch (m.op) {
    case 'delete':
      if (slot && Array.isArray(slot.parent)) slot.parent.splice(Number(slot.key), 1);
      else if (slot) delete slot.parent[slot.key];
      return;
    case 'replaceJson':
      set(m.json);
      return;
    case 'replaceWeird':
      set(m.weird);
      return;
    case 'nonJson':
      set(nonJsonValue(m.pick));
      return;
    case 'hugeString':
      set('x'.repeat(100_001));
      return;
    case 'deep': {
      let value: unknown = 'leaf';
      for (let i = 0; i < 40 + (m.pick % 20); i++) value = m.pick % 2 ? { a: value } : [value];
      set(value);
      return;
    }
    case 'duplicate':
      if (slot && Array.isArray(slot.parent)) slot.parent.push(copy(slot.parent[Number(slot.key)]));
      else if (agents.length > 0) agents.push(copy(agents[m.pick % agents.length]) as { id?: unknown });
      return;
    case 'protoKey': {
      // An own key, as JSON.parse makes it; on a plain object (JSON arrays have no named keys).
      const value = slot?.parent[slot.key];
      const target = typeof value === 'object' && value !== null && !Array.isArray(value) ? value : root;
      const key = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'][m.pick % 5]!;
      Object.defineProperty(target, key, {
        value: m.json,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return;
    }
    case 'cycle':
      set(m.pick % 2 ? root : slot?.parent);
      return;
    case 'shared':
      set(all[m.pick % Math.max(1, all.length)]?.parent);
      return;
    case 'randomEdge':
    case 'backEdge': {
      const [s, t] =
        m.op === 'backEdge'
          ? [agentId(agents.length - 1), agentId(m.pick)]
          : [agentId(m.at), agentId(m.pick)];
      connections?.push({ id: `m${m.pick}`, sourceAgentId: s, targetAgentId: t });
      return;
    }
    case 'throwingGetter':
      if (slot)
        Object.defineProperty(slot.parent, slot.key, {
          enumerable: true,
          configurable: true,
          get() {
            throw new Error('getter says no');
          },
        });
      return;
  }
}

const examples = Object.values(validExamples);

// ---------------------------------------------------------------------------------------------------------------

describe('validation never throws, never hangs, always returns structured issues', () => {
  it('arbitrary JSON at the root (1,500 runs)', () => {
    fc.assert(
      fc.property(json, (raw) => {
        check(raw, undefined, true);
      }),
      runs(1_500),
    );
  });

  it('non-JSON values at the root and in every top-level field (1,500 runs)', () => {
    fc.assert(
      fc.property(
        weird,
        fc.constantFrom('root', 'name', 'agents', 'connections', 'config'),
        (value, where) => {
          check(where === 'root' ? value : { ...validExamples.chain, [where]: value });
        },
      ),
      runs(1_500),
    );
  });

  it('random graphs: random types, configs, ids and edges, with and without custom limits (4,500 runs)', () => {
    fc.assert(
      fc.property(randomWorkflow, limits, (raw, custom) => {
        check(raw, custom === undefined ? undefined : { limits: custom });
      }),
      runs(4_500),
    );
  });

  it('valid workflows broken by random mutations (3,500 runs)', () => {
    fc.assert(
      fc.property(
        fc.nat(examples.length - 1),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (which, mutations) => {
          const raw = structuredClone(examples[which]!) as Record<string, unknown>;
          // A throwing getter goes in last: it would stop the mutator itself, not only the validator.
          const ordered = [...mutations].sort(
            (x, y) => Number(x.op === 'throwingGetter') - Number(y.op === 'throwingGetter'),
          );
          for (const m of ordered) {
            try {
              mutate(raw, m);
            } catch {
              // This mutation does not apply to what earlier ones made (a typed array, a frozen value): skip it.
            }
          }
          check(
            raw,
            undefined,
            mutations.every((m) => JSON_MUTATIONS.has(m.op)),
          );
        },
      ),
      runs(3_500),
    );
  });

  afterAll(() => {
    // Most but not all random inputs are invalid; the malformed ones alone must reach 10,000.
    expect(fed).toBeGreaterThanOrEqual(10_000);
    expect(rejected).toBeGreaterThanOrEqual(10_000);
  });
});
