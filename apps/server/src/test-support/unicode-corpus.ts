/**
 * Unusual text sent through the real server to every place a string is stored (workflow name, description and
 * agent config, execution inputs, templates, credentials, GraphQL variables and literals): what AgentFlow refuses
 * (NUL, lone surrogates) must be a 400 `AF_VALIDATION` naming the field, never a 500 from the database; what it
 * accepts (BOM, right-to-left text and overrides, combining marks, 4-byte emoji, non-characters) must come back
 * exactly as sent. Shared by the PGlite test and the PostgreSQL integration test.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { bearer, greetWorkflow, waitForStatus } from './fixtures.js';

/** JSON string literals (the text between the quotes, escapes as sent on the wire) that must be refused. */
export const REFUSED_LITERALS: readonly string[] = [
  '\\u00e9\\udfff', // the issue's example: a lone low surrogate after a non-ASCII character
  '\\ud800', // a lone high surrogate
  'abc\\ud83d', // a high surrogate cut off at the end (a truncated emoji)
  '\\udc00\\ud800', // a pair in the wrong order
  '\\ud83d\\u0041', // a high surrogate followed by a non-surrogate
  'a\\u0000b', // NUL
  '\\u0000', // NUL alone
];

/** Strings that must be stored and returned unchanged. */
export const ACCEPTED_TEXT: readonly string[] = [
  '\ufeffleading BOM',
  'trailing BOM\ufeff',
  '\u202eevil.exe\u202c right-to-left override',
  '\u200f\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627', // RLM, Hebrew, Arabic
  'e\u0301 Z\u0351\u0360\u0489a\u0334\u0335lgo', // combining marks
  '\u{1F680} \u{1F469}\u200d\u{1F469}\u200d\u{1F467} \u{1D54F} \u{10FFFF}', // 4-byte characters, ZWJ sequence
  '\uffff\ufffe non-characters',
  'tab\tnew line\ncarriage\r',
];

type Inject = (options: {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  payload?: string;
}) => Promise<LightMyRequestResponse>;

function injector(app: FastifyInstance): Inject {
  return (options) =>
    app.inject({
      ...options,
      headers: { ...bearer('owner'), 'content-type': 'application/json' },
    });
}

/** The body of `value` as JSON, with the string `"@@"` replaced by the literal as sent on the wire. */
function withLiteral(value: unknown, literal: string): string {
  const text = JSON.stringify(value);
  if (!text.includes('"@@"')) throw new Error('template has no "@@" slot');
  return text.replace('"@@"', `"${literal}"`);
}

interface Refusal {
  code: string;
  issues?: { path: string; code: string }[];
}

/** The REST error, or the first GraphQL error (its `extensions`). */
function refusalOf(res: LightMyRequestResponse): Refusal | undefined {
  const body = res.json() as { error?: Refusal; errors?: { extensions?: Refusal }[] };
  return body.error ?? body.errors?.[0]?.extensions;
}

function expectRefused(res: LightMyRequestResponse, path: string | undefined, what: string): void {
  expect(res.statusCode, `${what}: ${res.body}`).toBe(400);
  const refusal = refusalOf(res);
  expect(refusal?.code, `${what}: ${res.body}`).toBe('AF_VALIDATION');
  if (path !== undefined)
    expect(
      refusal?.issues?.map((i) => i.path),
      what,
    ).toContain(path);
}

/** Each refused literal in each stored field: 400 AF_VALIDATION with the field's path; nothing stored. */
export async function checkRefusals(app: FastifyInstance): Promise<number> {
  const inject = injector(app);
  const created = await inject({
    method: 'POST',
    url: '/api/v1/workflows',
    payload: JSON.stringify(greetWorkflow()),
  });
  expect(created.statusCode).toBe(201);
  const workflowId = (created.json() as { id: string }).id;
  const before = (await inject({ method: 'GET', url: '/api/v1/workflows?limit=500' })).json() as {
    items: [];
  };

  const wf = greetWorkflow();
  const agentSlot = {
    ...wf,
    agents: wf.agents.map((a, i) => (i === 1 ? { ...a, config: { ...a.config, systemPrompt: '@@' } } : a)),
  };
  const cases: { what: string; method: 'POST' | 'PUT'; url: string; body: unknown; path: string }[] = [
    {
      what: 'workflow name',
      method: 'POST',
      url: '/api/v1/workflows',
      body: { ...wf, name: '@@' },
      path: 'name',
    },
    {
      what: 'description',
      method: 'POST',
      url: '/api/v1/workflows',
      body: { ...wf, description: '@@' },
      path: 'description',
    },
    {
      what: 'agent config',
      method: 'POST',
      url: '/api/v1/workflows',
      body: agentSlot,
      path: 'agents[1].config.systemPrompt',
    },
    {
      what: 'update',
      method: 'PUT',
      url: `/api/v1/workflows/${workflowId}`,
      body: { ...wf, name: '@@' },
      path: 'name',
    },
    {
      what: 'validate',
      method: 'POST',
      url: '/api/v1/workflows/validate',
      body: { ...wf, name: '@@' },
      path: 'name',
    },
    {
      what: 'input',
      method: 'POST',
      url: `/api/v1/workflows/${workflowId}/execute`,
      body: { input: { name: '@@' } },
      path: 'input.name',
    },
    {
      what: 'input key',
      method: 'POST',
      url: `/api/v1/workflows/${workflowId}/execute`,
      body: { input: { name: 'x', '@@': 1 } },
      path: '',
    },
    {
      what: 'template',
      method: 'POST',
      url: '/api/v1/templates',
      body: { name: '@@', configSchema: {} },
      path: 'name',
    },
    {
      what: 'template config',
      method: 'POST',
      url: '/api/v1/templates',
      body: { name: 't', configSchema: { title: '@@' } },
      path: 'configSchema.title',
    },
    {
      what: 'credential name',
      method: 'POST',
      url: '/api/v1/credentials',
      body: { name: '@@', type: 'api_key', value: 'v' },
      path: 'name',
    },
    {
      what: 'credential value',
      method: 'POST',
      url: '/api/v1/credentials',
      body: { name: 'openai', type: 'api_key', value: '@@' },
      path: 'value',
    },
    {
      what: 'graphql variable',
      method: 'POST',
      url: '/graphql',
      body: {
        query: 'mutation ($input: WorkflowInput!) { createWorkflow(input: $input) { id } }',
        variables: { input: { ...wf, name: '@@' } },
      },
      path: 'variables.input.name',
    },
  ];
  let checked = 0;
  for (const literal of REFUSED_LITERALS) {
    for (const c of cases) {
      const payload =
        c.what === 'input key'
          ? JSON.stringify(c.body).replace('"@@"', `"${literal}"`)
          : withLiteral(c.body, literal);
      const res = await inject({ method: c.method, url: c.url, payload });
      expectRefused(res, c.what === 'input key' ? undefined : c.path, `${c.what} with "${literal}"`);
      checked++;
    }
    // A GraphQL string literal holding the escape (a valid workflow otherwise): refused before anything runs.
    const agents = '[{ id: "in", type: "input" }, { id: "out", type: "output" }]';
    const connections = '[{ id: "c", sourceAgentId: "in", targetAgentId: "out" }]';
    const gql = await inject({
      method: 'POST',
      url: '/graphql',
      payload: JSON.stringify({
        query: `mutation { createWorkflow(input: { name: "${literal}", agents: ${agents}, connections: ${connections} }) { id } }`,
      }),
    });
    expectRefused(gql, undefined, `graphql literal "${literal}"`);
  }
  const after = (await inject({ method: 'GET', url: '/api/v1/workflows?limit=500' })).json() as { items: [] };
  expect(after.items.length).toBe(before.items.length);
  return checked;
}

/**
 * Each accepted string in a workflow's name, description and agent config and in an input: stored exactly, and
 * read back exactly by one workflow's GET and by the list (a leading BOM included: PGlite's text decoding drops
 * it from `text` columns, which the store makes up for).
 */
export async function checkRoundTrips(app: FastifyInstance): Promise<number> {
  const inject = injector(app);
  let checked = 0;
  for (const text of ACCEPTED_TEXT) {
    const wf = greetWorkflow();
    const body = {
      ...wf,
      name: text.slice(0, 200),
      description: text,
      agents: wf.agents.map((a, i) => (i === 1 ? { ...a, config: { ...a.config, systemPrompt: text } } : a)),
    };
    const created = await inject({ method: 'POST', url: '/api/v1/workflows', payload: JSON.stringify(body) });
    expect(created.statusCode, `${JSON.stringify(text)}: ${created.body}`).toBe(201);
    const id = (created.json() as { id: string }).id;
    const read = (await inject({ method: 'GET', url: `/api/v1/workflows/${id}` })).json() as {
      name: string;
      description: string;
      definition: { agents: { config: { systemPrompt?: string } }[] };
    };
    expect(read.name).toBe(body.name);
    expect(read.description).toBe(text);
    const listed = (await inject({ method: 'GET', url: '/api/v1/workflows?limit=500' })).json() as {
      items: { id: string; name: string; description?: string }[];
    };
    expect(listed.items.find((w) => w.id === id)).toMatchObject({ name: body.name, description: text });
    expect((read.definition as { description?: string }).description).toBe(text);
    expect(read.definition.agents[1]?.config.systemPrompt).toBe(text);
    const run = await inject({
      method: 'POST',
      url: `/api/v1/workflows/${id}/execute`,
      payload: JSON.stringify({ input: { name: text } }),
    });
    expect(run.statusCode, run.body).toBe(202);
    const { executionId } = run.json() as { executionId: string };
    const detail = (await waitForStatus(app, executionId, ['succeeded', 'failed'])) as {
      execution: { status: string; input: unknown };
      messages: unknown[];
    };
    expect(detail.execution.status).toBe('succeeded');
    expect(detail.execution.input).toEqual({ name: text });
    // The agent's reply ("Hello, <text>!") went through the messages table and back.
    expect(JSON.stringify(detail.messages)).toContain(JSON.stringify(text).slice(1, -1));
    checked++;
  }
  return checked;
}
