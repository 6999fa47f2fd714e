/**
 * Fuzzing every REST operation of the OpenAPI document with malformed requests (fast-check): wrong types,
 * missing required fields, huge strings, odd unicode, prototype-pollution keys, malformed JSON, bad path and
 * query values, odd content types; as the workspace owner, anonymously and with broken credentials.
 * Whatever comes in: never a 5xx, never a crash, never a stack; every 4xx is `{ error: { code: AF_..., message } }`
 * and validation failures list their issues with paths.
 *
 * Knobs: AF_FUZZ_RUNS (requests per operation for the owner, half that for each unauthenticated caller; default
 * 60, ~6,000 requests), AF_FUZZ_SEED (replay), AF_FUZZ_VERBOSE (print the status histogram), AF_TEST_LOG (server
 * errors to stderr).
 */
import { ERROR_CODES } from '@agentflow/protocol';
import type { Runtime } from '@agentflow/runtime';
import { type FakeOllamaServer, startFakeOllama } from '@agentflow/testing';
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestRuntime,
  createTestServer,
  greetWorkflow,
  json,
  principal,
} from './test-support/fixtures.js';
import { ACCEPTED_TEXT, REFUSED_LITERALS } from './test-support/unicode-corpus.js';

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
};

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}

interface Operation {
  method: string;
  /** OpenAPI template: `/api/v1/workflows/{id}`. */
  path: string;
  params: Parameter[];
  body?: JsonSchema;
}

/** How many requests each operation gets, per caller kind (owner, anonymous-or-broken). */
const RUNS_PER_OPERATION = Number(process.env.AF_FUZZ_RUNS ?? 60);
const SEED = process.env.AF_FUZZ_SEED === undefined ? undefined : Number(process.env.AF_FUZZ_SEED);
/**
 * A stack frame (`at fn (/path`, `(file:`, `(node:`), a dependency path or a source position. A frame needs its
 * location: an error message that names a field `at config.x (y` (the fuzzer's own key echoed back) is not a stack.
 */
const STACK = /\bat (?:async )?\S+ \((?:\/|file:|node:)|node_modules|\.ts:\d+|\.js:\d+/;
const CODE = /^AF_[A-Z_]+$/;
const POLLUTION_MARK = 'af-fuzz-polluted';

// ---------------------------------------------------------------------------------------------------------------
// Building blocks of malformed input.

/** The Unicode corpus (unicode-corpus.ts): lone surrogates after non-ASCII, NUL, BOM, RTL, combining marks, emoji. */
const UNICODE_CORPUS: string[] = [
  ...REFUSED_LITERALS.map((literal) => JSON.parse(`"${literal}"`) as string),
  ...ACCEPTED_TEXT,
];

/** Strings that break naive code: empty, control characters, lone surrogates, direction overrides, huge. */
const nastyString = fc.oneof(
  fc.constantFrom(
    ...UNICODE_CORPUS,
    '',
    ' ',
    '\u0000',
    '\ud800',
    '\udfff\ud800',
    '\u202e\u200b\ufeff',
    '𝕏🧨👩‍👩‍👧‍👦',
    'Ω≈ç√∫˜µ≤≥÷',
    '../../etc/passwd',
    '%00',
    '%',
    '$' + '{{7*7}}',
    '{{constructor.constructor("return process")()}}',
    "'; DROP TABLE workflows; --",
    '<script>alert(1)</script>',
    '__proto__',
    'constructor',
    'prototype',
    'NaN',
    'Infinity',
    '-0',
    '1e400',
    '9007199254740993',
    'true',
    'null',
    '[]',
    '{}',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer({ min: 1_000, max: 300_000 }).map((n) => 'x'.repeat(n)),
);

/** Prototype-pollution payloads: objects whose own keys are `__proto__` / `constructor`. */
const pollutionObject = fc.constantFrom(
  JSON.parse(`{"__proto__": {"${POLLUTION_MARK}": true}}`) as unknown,
  JSON.parse(`{"constructor": {"prototype": {"${POLLUTION_MARK}": true}}}`) as unknown,
  JSON.parse(`{"prototype": {"${POLLUTION_MARK}": true}}`) as unknown,
);

/** Values of the wrong kind for whatever was expected there. */
const evilValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, -0, 2 ** 53 + 2, -(2 ** 63), 1e308, [], {}, [
    [[[]]],
  ]),
  nastyString,
  pollutionObject,
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.integer({ min: 200, max: 2_000 }).map((n) => Array.from({ length: n }, (_, i) => i)),
);

/** Raw bodies that are not JSON, or JSON that parsers choke on. */
const malformedJson = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '}',
    '{"name": ',
    '[1, 2',
    'nul',
    'undefined',
    "{'single': 'quotes'}",
    '{"a": 1,}',
    '{"a": NaN}',
    '{"a": 1e999999}',
    '"\\ud800"',
    '\ufeff{}',
    '{"a": 1, "a": 2}',
    `{"__proto__": {"${POLLUTION_MARK}": true}}`,
    `{"constructor": {"prototype": {"${POLLUTION_MARK}": true}}}`,
    `{"name": "x", "agents": [], "connections": [], "__proto__": {"isAdmin": true}}`,
    '\u0000',
    '{"a":"\u0000"}',
  ),
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

// ---------------------------------------------------------------------------------------------------------------
// Values from the document's schemas (close to valid, so that mutations reach deep validation).

function arbOf(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.jsonValue({ maxDepth: 1 });
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives && alternatives.length > 0)
    return fc.oneof(...alternatives.map((s) => arbOf(s, depth + 1)));
  if (schema.allOf && schema.allOf.length > 0) return arbOf(schema.allOf[0], depth + 1);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => arbOf({ ...schema, type }, depth)));
  switch (types[0]) {
    case 'object': {
      const properties = schema.properties ?? {};
      const keys = Object.keys(properties);
      if (keys.length === 0) {
        const extra =
          typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
        return fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), arbOf(extra, depth + 1), {
          maxKeys: 3,
        });
      }
      return fc.record(Object.fromEntries(keys.map((k) => [k, arbOf(properties[k], depth + 1)])), {
        requiredKeys: (schema.required ?? []).filter((k) => keys.includes(k)),
      });
    }
    case 'array': {
      const min = schema.minItems ?? 0;
      return fc.array(arbOf(schema.items, depth + 1), {
        minLength: min,
        maxLength: Math.min(schema.maxItems ?? min + 3, min + 3),
      });
    }
    case 'string': {
      if (schema.format === 'email') return fc.emailAddress();
      if (schema.pattern) {
        try {
          return fc.stringMatching(new RegExp(schema.pattern), { size: 'xsmall' });
        } catch {
          // Not a JS pattern: any string.
        }
      }
      const min = schema.minLength ?? 0;
      return fc.string({ minLength: min, maxLength: Math.min(schema.maxLength ?? min + 12, min + 12) });
    }
    case 'integer':
      return fc.integer({
        min: Math.max(schema.minimum ?? schema.exclusiveMinimum ?? -1e6, Number.MIN_SAFE_INTEGER),
        max: Math.min(schema.maximum ?? schema.exclusiveMaximum ?? 1e6, Number.MAX_SAFE_INTEGER),
      });
    case 'number':
      return fc.double({
        min: schema.minimum ?? -1e6,
        max: schema.maximum ?? 1e6,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Percent-encodes; lone surrogates (which `encodeURIComponent` refuses) are sent raw-encoded elsewhere. */
function encode(value: string): string {
  return encodeURIComponent(
    value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'),
  );
}

type Path = (string | number)[];

function pathsOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (out.length > 200) return out;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) pathsOf(v, [...path, i], out);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...path, k], out);
  }
  return out;
}

type Mutation =
  | { kind: 'replace'; value: unknown }
  | { kind: 'delete' }
  | { kind: 'pollute'; key: '__proto__' | 'constructor' | 'prototype' };

/** Applies one mutation at `path` of a deep copy of `value`. */
function mutate(value: unknown, path: Path, mutation: Mutation): unknown {
  if (path.length === 0) {
    if (mutation.kind === 'replace') return mutation.value;
    if (mutation.kind === 'delete') return undefined;
    return withOwnKey({ ...(isObject(value) ? value : {}) }, mutation.key);
  }
  const copy: unknown = Array.isArray(value) ? [...value] : isObject(value) ? { ...value } : value;
  if (!isObject(copy) && !Array.isArray(copy)) return copy;
  const [head, ...rest] = path;
  const container = copy as Record<string | number, unknown>;
  if (rest.length === 0 && mutation.kind === 'delete') {
    if (Array.isArray(copy)) copy.splice(Number(head), 1);
    else delete container[head!];
    return copy;
  }
  // An earlier mutation may have made an array of what had a `length` key: an array's length takes only a
  // valid length (setting it to anything else throws a RangeError in this generator, not in the server).
  if (Array.isArray(copy) && head === 'length') return copy;
  container[head!] = mutate(container[head!], rest, mutation);
  return copy;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Adds an own `__proto__`-style key (a plain assignment would set the prototype instead). */
function withOwnKey(target: Record<string, unknown>, key: string): Record<string, unknown> {
  Object.defineProperty(target, key, {
    value: { [POLLUTION_MARK]: true },
    enumerable: true,
    configurable: true,
    writable: true,
  });
  return target;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: evilValue.map((value) => ({ kind: 'replace' as const, value })) },
  { weight: 3, arbitrary: fc.constant({ kind: 'delete' as const }) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom('__proto__' as const, 'constructor' as const, 'prototype' as const)
      .map((key) => ({ kind: 'pollute' as const, key })),
  },
);

/** A body close to the schema with 1-3 mutations anywhere in it. */
function mutatedBody(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  return arbOf(schema).chain((base) => {
    const paths = pathsOf(base);
    return fc
      .array(fc.tuple(fc.constantFrom(...paths), mutationArb), { minLength: 1, maxLength: 3 })
      .map((steps) => steps.reduce((v, [path, m]) => mutate(v, path, m), base));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Requests.

const contentTypes = fc.constantFrom<string | undefined>(
  'application/json',
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/JSON',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  '*/*',
  undefined,
);

const bodyArb = (schema: JsonSchema | undefined): fc.Arbitrary<string | undefined> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: mutatedBody(schema).map((v) => (v === undefined ? undefined : JSON.stringify(v))),
    },
    { weight: 3, arbitrary: malformedJson },
    { weight: 1, arbitrary: evilValue.map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );

/** Path parameter values: real ids (to get past the lookup), malformed ones, raw percent sequences. */
function pathValueArb(schema: JsonSchema, real: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 2, arbitrary: real.length > 0 ? fc.constantFrom(...real) : fc.constant('x') },
    { weight: 2, arbitrary: arbOf(schema).map((v) => encode(String(v))) },
    { weight: 4, arbitrary: nastyString.map((s) => encode(s.slice(0, 2_000))) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '%ZZ',
        '%',
        '%E0%A4%A',
        '%ED%A0%80',
        '%C0%AF',
        '%00',
        '..%2F..%2F',
        '%2e%2e',
        '__proto__',
        '-1',
        '0',
        '1.5',
        '1e309',
        '0x10',
        ' ',
        'a'.repeat(600),
      ),
    },
  );
}

function queryArb(params: Parameter[]): fc.Arbitrary<string> {
  const names = params.filter((p) => p.in === 'query').map((p) => p.name);
  const key = fc.oneof(
    { weight: 4, arbitrary: names.length > 0 ? fc.constantFrom(...names) : fc.constant('limit') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '__proto__',
        `__proto__[${POLLUTION_MARK}]`,
        'constructor[prototype][x]',
        'limit[]',
        'a'.repeat(2_000),
        '',
      ),
    },
  );
  const value = fc.oneof(
    ...params.filter((p) => p.in === 'query').map((p) => arbOf(p.schema).map((v) => String(v))),
    nastyString.map((s) => s.slice(0, 5_000)),
    fc.constantFrom('-1', '0', '1.5', '1e400', 'abc', 'true', '', '2026-13-45', '99999999999999999999'),
  );
  return fc
    .array(fc.tuple(key, value), { maxLength: 5 })
    .map((pairs) => pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&'));
}

type Caller = 'owner' | 'anonymous' | 'broken';

const callerHeaders: Record<Caller, fc.Arbitrary<Record<string, string>>> = {
  owner: fc.constant(bearer('owner')),
  anonymous: fc.constant({}),
  broken: fc.constantFrom<Record<string, string>>(
    { authorization: 'Bearer' },
    { authorization: 'Bearer not-a-token' },
    { authorization: `Bearer af_${'0'.repeat(40)}` },
    { authorization: 'Basic YTpi' },
    { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' },
    { cookie: 'af_access=garbage' },
    { cookie: 'af_access=%ZZ; af_csrf=x' },
    { authorization: `Bearer ${'a'.repeat(5_000)}` },
  ),
};

function requestArb(
  op: Operation,
  caller: Caller,
  real: Record<string, string[]>,
): fc.Arbitrary<InjectOptions> {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const pathArb = fc
    .tuple(...pathParams.map((p) => pathValueArb(p.schema, real[p.name] ?? [])))
    .map((values) => pathParams.reduce((url, p, i) => url.replace(`{${p.name}}`, values[i]!), op.path));
  const hasBody = op.body !== undefined || ['POST', 'PUT', 'PATCH'].includes(op.method);
  return fc
    .record({
      url: pathArb,
      query: queryArb(op.params),
      body: hasBody ? bodyArb(op.body) : fc.option(malformedJson, { freq: 4, nil: undefined }),
      contentType: contentTypes,
      headers: callerHeaders[caller],
      csrf: fc.option(
        nastyString.map((s) => s.slice(0, 200).replace(/[^\x21-\x7e]/g, '')),
        { nil: undefined },
      ),
    })
    .map(({ url, query, body, contentType, headers, csrf }) => {
      const all: Record<string, string> = { ...headers };
      if (body !== undefined && contentType !== undefined) all['content-type'] = contentType;
      if (csrf !== undefined && csrf !== '') all['x-csrf-token'] = csrf;
      return {
        method: op.method as InjectOptions['method'],
        url: query === '' ? url : `${url}?${query}`,
        headers: all,
        ...(body === undefined ? {} : { payload: body }),
      };
    });
}

// ---------------------------------------------------------------------------------------------------------------

interface ErrorShape {
  error?: {
    code?: unknown;
    message?: unknown;
    requestId?: unknown;
    issues?: { path?: unknown; message?: unknown; code?: unknown }[];
  };
}

/** Every problem with a response, as text (empty when it is fine). */
function problemsOf(res: LightMyRequestResponse, op: Operation): string[] {
  const problems: string[] = [];
  if (res.statusCode >= 500) problems.push(`status ${res.statusCode}: ${res.body.slice(0, 300)}`);
  if (STACK.test(res.body)) problems.push(`stack in body: ${res.body.slice(0, 300)}`);
  if (res.statusCode < 400) return problems;
  let body: ErrorShape;
  try {
    body = res.json() as ErrorShape;
  } catch {
    return [...problems, `non-JSON ${res.statusCode}: ${res.body.slice(0, 200)}`];
  }
  const error = body.error;
  if (!error || typeof error !== 'object') return [...problems, `no error object: ${res.body.slice(0, 200)}`];
  // /mcp speaks JSON-RPC (MCP Streamable HTTP) once past authentication: its errors are JSON-RPC errors.
  if (op.path === '/mcp' && (body as { jsonrpc?: unknown }).jsonrpc === '2.0') {
    if (typeof error.code !== 'number' || typeof error.message !== 'string')
      problems.push('bad JSON-RPC error');
    return problems;
  }
  if (typeof error.code !== 'string' || !CODE.test(error.code) || !(error.code in ERROR_CODES)) {
    problems.push(`bad code ${String(error.code)}`);
  }
  if (typeof error.message !== 'string' || error.message === '') problems.push('no message');
  if (typeof error.requestId !== 'string' || error.requestId !== res.headers['x-request-id']) {
    problems.push('no request id');
  }
  if (error.issues !== undefined) {
    if (!Array.isArray(error.issues) || error.issues.length === 0) problems.push('empty issues');
    for (const issue of error.issues ?? []) {
      if (typeof issue.path !== 'string') problems.push(`issue without path: ${JSON.stringify(issue)}`);
      if (typeof issue.message !== 'string' || issue.message === '') problems.push('issue without message');
      if (typeof issue.code !== 'string' || !CODE.test(issue.code)) problems.push('issue without code');
    }
  }
  // A request that did not match its schema lists each problem with where it is.
  if (
    error.code === 'AF_VALIDATION' &&
    typeof error.message === 'string' &&
    error.message.startsWith('invalid request') &&
    !(Array.isArray(error.issues) && error.issues.length > 0)
  ) {
    problems.push(`validation error without issues: ${res.body.slice(0, 200)}`);
  }
  return problems;
}

describe('fuzzing the REST API from its OpenAPI document', () => {
  let runtime: Runtime;
  let app: FastifyInstance;
  let ollama: FakeOllamaServer;
  let operations: Operation[];
  const real: Record<string, string[]> = {};
  const crashes: unknown[] = [];
  const onCrash = (error: unknown) => crashes.push(error);

  beforeAll(async () => {
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    ollama = await startFakeOllama({ pullDelayMs: 1 });
    runtime = await createTestRuntime({ env: { OLLAMA_BASE_URL: ollama.url } });
    app = await createTestServer(runtime);
    const document = (
      app as unknown as { swagger(): { paths: Record<string, Record<string, unknown>> } }
    ).swagger();
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, raw]) => {
        const op = raw as {
          parameters?: Parameter[];
          requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
        };
        return {
          method: method.toUpperCase(),
          path,
          params: op.parameters ?? [],
          ...(op.requestBody?.content?.['application/json']?.schema
            ? { body: op.requestBody.content['application/json'].schema }
            : {}),
        } satisfies Operation;
      }),
    );
    // Real ids for path parameters, so that mutated bodies reach the services behind the lookups.
    const workflow = await app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers: bearer('owner'),
      payload: greetWorkflow('fuzz'),
    });
    const workflowId = json<{ id: string }>(workflow).id;
    const execution = await app.inject({
      method: 'POST',
      url: `/api/v1/workflows/${workflowId}/execute`,
      headers: bearer('owner'),
      payload: { input: { name: 'Fuzz' } },
    });
    const templates = await app.inject({ method: 'GET', url: '/api/v1/templates', headers: bearer('owner') });
    real.id = [
      workflowId,
      json<{ executionId: string }>(execution).executionId,
      ...json<{ items: { id: string }[] }>(templates)
        .items.map((t) => t.id)
        .slice(0, 2),
    ];
    real.version = ['1', '2'];
    real.userId = [principal('member').userId, principal('owner').userId];
    real.name = ['llama3', 'missing-model'];
  });
  afterAll(async () => {
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    await app?.close();
    await runtime?.close();
    await ollama?.close();
  });

  it('covers every operation of the document', () => {
    expect(operations.length).toBeGreaterThanOrEqual(40);
    expect(operations.some((o) => o.path === '/api/v1/workflows/{id}/execute' && o.body)).toBe(true);
  });

  it('answers 5,000+ malformed requests with 4xx AF_ errors: no 5xx, no crash, no stack, no pollution', async () => {
    const failures = new Map<string, string>();
    const statuses = new Map<number, number>();
    let sent = 0;
    for (const op of operations) {
      for (const caller of ['owner', 'anonymous', 'broken'] as const) {
        // The owner gets the full share; the unauthenticated callers (stopped earlier) split the other.
        const numRuns = caller === 'owner' ? RUNS_PER_OPERATION : Math.ceil(RUNS_PER_OPERATION / 2);
        await fc
          .assert(
            fc.asyncProperty(requestArb(op, caller, real), async (request) => {
              const res = await app.inject(request);
              sent++;
              statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
              const problems = problemsOf(res, op);
              if (({} as Record<string, unknown>)[POLLUTION_MARK] !== undefined)
                problems.push('Object.prototype polluted');
              if (problems.length > 0) {
                const key = `${op.method} ${op.path} [${caller}] ${problems[0]!.slice(0, 120)}`;
                if (!failures.has(key)) {
                  failures.set(
                    key,
                    `${request.method} ${String(request.url).slice(0, 200)} -> ${problems.join('; ')}`,
                  );
                }
              }
              return problems.length === 0;
            }),
            { numRuns, ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: true },
          )
          .catch((error: unknown) => {
            // Failing requests are in `failures` already (reported all at once below); anything else is a
            // broken generator, which must not silently cut the run short.
            if (!String(error).includes('Property failed')) {
              const where = `${op.method} ${op.path} [${caller}] generator`;
              const stack =
                error instanceof Error ? (error.stack ?? '').split('\n').slice(1, 6).join(' | ') : '';
              failures.set(where, `${where}: ${String(error).slice(0, 300)} ${stack}`);
            }
          });
      }
    }
    if (process.env.AF_FUZZ_VERBOSE) console.log(sent, Object.fromEntries(statuses));
    expect([...failures.values()]).toEqual([]);
    expect(crashes).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(5_000);
    // Most requests are refused (400/401/404/413/415), some still succeed: both paths were exercised.
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
    expect(statuses.get(400)).toBeGreaterThan(500);
    expect(statuses.get(401)).toBeGreaterThan(500);
    // The server is still healthy afterwards.
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  }, 120_000);
});
