/**
 * Templates through the real server on PGlite (issue 16): install with credential mapping, where the installed
 * workflow really runs with the mapped credential (a fake OpenAI-compatible server on 127.0.0.1 checks the
 * Authorization header), and the canary test: a secret planted in any field of a publish request is refused with
 * its path, and nothing is stored.
 */
import type { Runtime } from '@agentflow/runtime';
import { type FakeProviderServer, startFakeOpenAI } from '@agentflow/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestRuntime,
  createTestServer,
  json,
  principal,
  WS1,
  WS2,
  waitForStatus,
} from './test-support/fixtures.js';

interface ErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}
interface Preview {
  digest: string;
  credentials: { key: string; type: string; candidates: string[]; mapped?: string }[];
}

const KEY_A = 'sk-team-a-1111111111111111';
const KEY_B = 'sk-team-b-2222222222222222';
const KEY_SOLO = 'sk-solo-3333333333333333';

let fake: FakeProviderServer;
let runtime: Runtime;
let app: FastifyInstance;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  fake.setDefault({ text: 'Hello from the fake provider' });
  // The operator's endpoint on 127.0.0.1, no operator key: every call carries a workspace credential.
  runtime = await createTestRuntime({ env: { OPENAI_BASE_URL: fake.baseURL }, configuredModels: true });
  app = await createTestServer(runtime);
  for (const [workspace, name, value] of [
    [WS1, 'team-a', KEY_A],
    [WS1, 'team-b', KEY_B], // the newest: what an unbound workflow of WS1 would use
    [WS2, 'solo', KEY_SOLO],
  ] as const) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/credentials',
      headers: bearer('owner', workspace),
      payload: { name, type: 'openai', value },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(async () => {
  await app?.close();
  await runtime?.close();
  await fake?.close();
});

const greeter = {
  agents: [
    { id: 'in', type: 'input' },
    {
      id: 'bot',
      type: 'agent',
      config: { provider: 'openai', model: 'gpt-4o-mini', prompt: 'Say hello to {{input.name}}' },
    },
    { id: 'out', type: 'output' },
  ],
  connections: [
    { id: 'a', sourceAgentId: 'in', targetAgentId: 'bot' },
    { id: 'b', sourceAgentId: 'bot', targetAgentId: 'out' },
  ],
  config: { credentials: { openai: 'team-b' } },
};

async function publishGreeter(headers: Record<string, string>, extra: Record<string, unknown> = {}) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/templates',
    headers,
    payload: {
      name: 'Greeter',
      workflow: greeter,
      credentials: [{ key: 'llm', type: 'openai', description: 'The model key' }],
      ...extra,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return json<{ id: string; workflow: { config?: Record<string, unknown> } }>(res);
}

/** Preview, install with the preview's digest, run the installed workflow; the Authorization the model got. */
async function installAndRun(
  templateId: string,
  workspace: string,
  credentials?: Record<string, string>,
): Promise<{ authorization: string | undefined; config: Record<string, unknown> }> {
  const headers = bearer('member', workspace);
  const body = credentials ? { credentials } : {};
  const preview = await app.inject({
    method: 'POST',
    url: `/api/v1/templates/${templateId}/install-preview`,
    headers,
    payload: body,
  });
  expect(preview.statusCode, preview.body).toBe(200);
  const installed = await app.inject({
    method: 'POST',
    url: `/api/v1/templates/${templateId}/install`,
    headers,
    payload: { ...body, confirm: json<Preview>(preview).digest },
  });
  expect(installed.statusCode, installed.body).toBe(201);
  const workflow = json<{ id: string; definition: { config: Record<string, unknown> } }>(installed);
  // Counted before the start: the execution may reach the model before `execute` has answered.
  const before = fake.modelRequests().length;
  const started = await app.inject({
    method: 'POST',
    url: `/api/v1/workflows/${workflow.id}/execute`,
    headers,
    payload: { input: { name: 'Ada' } },
  });
  expect(started.statusCode, started.body).toBe(202);
  const done = await waitForStatus(
    app,
    json<{ executionId: string }>(started).executionId,
    ['succeeded', 'failed'],
    headers,
  );
  expect((done.execution as { status: string }).status, JSON.stringify(done)).toBe('succeeded');
  const requests = fake.modelRequests();
  expect(requests.length).toBeGreaterThan(before);
  return { authorization: requests.at(-1)?.headers.authorization, config: workflow.definition.config };
}

describe('templates: install with credential mapping', () => {
  it("the preview lists the caller's candidates; a bad or missing mapping is a 400 at credentials.<key>", async () => {
    const t = await publishGreeter(bearer('admin'));
    // The publisher's own choice of credential does not travel with the template.
    expect(t.workflow.config?.credentials).toBeUndefined();
    const preview = await app.inject({
      method: 'POST',
      url: `/api/v1/templates/${t.id}/install-preview`,
      headers: bearer('member'),
      payload: { credentials: { llm: 'team-a' } },
    });
    expect(json<Preview>(preview).credentials).toEqual([
      expect.objectContaining({
        key: 'llm',
        type: 'openai',
        candidates: ['team-a', 'team-b'],
        mapped: 'team-a',
      }),
    ]);
    for (const [credentials, path, message] of [
      [undefined, 'credentials.llm', /choose one of: team-a, team-b/],
      [{ llm: 'nope' }, 'credentials.llm', /no credential named nope/],
      [{ llm: 'team-a', other: 'team-b' }, 'credentials.other', /needs no such credential/],
    ] as const) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/templates/${t.id}/install`,
        headers: bearer('member'),
        payload: credentials ? { credentials } : {},
      });
      expect(res.statusCode, res.body).toBe(400);
      const issue = json<ErrorBody>(res).error.issues?.find((i) => i.path === path);
      expect(issue?.message, res.body).toMatch(message);
    }
  });

  it('the installed workflow runs with the mapped credential (not the newest one)', async () => {
    const t = await publishGreeter(bearer('admin'));
    const a = await installAndRun(t.id, WS1, { llm: 'team-a' });
    expect(a.config.credentials).toEqual({ openai: 'team-a' });
    expect(a.authorization).toBe(`Bearer ${KEY_A}`);
    const b = await installAndRun(t.id, WS1, { llm: 'team-b' });
    expect(b.authorization).toBe(`Bearer ${KEY_B}`);
  });

  it("an unmapped key takes the workspace's only credential of that type", async () => {
    const t = await publishGreeter(bearer('admin', WS2));
    const run = await installAndRun(t.id, WS2);
    expect(run.config.credentials).toEqual({ openai: 'solo' });
    expect(run.authorization).toBe(`Bearer ${KEY_SOLO}`);
  });
});

const CANARY = 'canary-5e0c1d9a7b';

describe('templates: the canary test on publish', () => {
  beforeAll(async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/credentials',
      headers: bearer('owner'),
      payload: { name: 'canary', type: 'api_key', value: CANARY },
    });
    expect(res.statusCode, res.body).toBe(201);
  });

  const base = () => ({
    name: 'Canary check',
    description: 'Says hello',
    category: 'canary',
    tags: ['hello'],
    icon: '🐤',
    author: 'Someone',
    iconUrl: 'https://cdn.example/icon.png',
    workflow: structuredClone(greeter) as Record<string, unknown>,
    credentials: [{ key: 'llm', type: 'openai', description: 'The model key' }],
    script: { replies: ['Hello!'] },
    sampleInput: { name: 'Ada' },
    changelog: 'first',
  });
  type Body = ReturnType<typeof base>;
  const agentConfig = (b: Body) => (b.workflow.agents as { config: Record<string, unknown> }[])[1]!.config;
  const plant = (secret: string): [string, (b: Body) => void][] => [
    [
      'name',
      (b) => {
        b.name = `Hello ${secret}`;
      },
    ],
    [
      'description',
      (b) => {
        b.description = `uses ${secret} to log in`;
      },
    ],
    [
      'category',
      (b) => {
        b.category = secret;
      },
    ],
    [
      'tags[1]',
      (b) => {
        b.tags.push(secret);
      },
    ],
    [
      'icon',
      (b) => {
        b.icon = secret;
      },
    ],
    [
      'author',
      (b) => {
        b.author = secret;
      },
    ],
    [
      'iconUrl',
      (b) => {
        b.iconUrl = `https://cdn.example/icon.png?k=${secret}`;
      },
    ],
    [
      'workflow.agents[1].config.prompt',
      (b) => {
        agentConfig(b).prompt = secret;
      },
    ],
    [
      'workflow.agents[1].config.headers.authorization',
      (b) => {
        agentConfig(b).headers = {
          authorization: `Bearer ${secret}`,
        };
      },
    ],
    [
      `workflow.agents[1].config.${secret}`,
      (b) => {
        agentConfig(b)[secret] = 1;
      },
    ],
    [
      'credentials[0].key',
      (b) => {
        b.credentials[0]!.key = secret;
      },
    ],
    [
      'credentials[0].description',
      (b) => {
        b.credentials[0]!.description = `paste ${secret}`;
      },
    ],
    [
      'script.replies[0]',
      (b) => {
        b.script.replies[0] = secret;
      },
    ],
    [
      'sampleInput.name',
      (b) => {
        b.sampleInput.name = secret;
      },
    ],
    [
      'changelog',
      (b) => {
        b.changelog = secret;
      },
    ],
  ];

  async function count(): Promise<number> {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/templates?limit=500',
      headers: bearer('admin'),
    });
    return json<{ items: unknown[] }>(res).items.length;
  }

  it('a clean request publishes (the control)', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/templates',
      headers: bearer('admin'),
      payload: base(),
    });
    expect(res.statusCode, res.body).toBe(201);
  });

  const secrets: [string, string][] = [
    ['a credential value of the workspace', CANARY],
    ["the workspace's id", WS1],
    ["the publisher's user id", principal('admin').userId],
    ['an API key shape', 'sk-proj-abcdefghijklmnopqrstuvwx'],
  ];
  it.each(secrets)('refuses %s in every field, at its path, and stores nothing', async (_what, secret) => {
    const before = await count();
    const id = json<{ id: string }>(
      await app.inject({
        method: 'POST',
        url: '/api/v1/templates',
        headers: bearer('admin'),
        payload: base(),
      }),
    ).id;
    for (const [path, mutate] of plant(secret)) {
      const body = base();
      mutate(body);
      for (const [method, url] of [
        ['POST', '/api/v1/templates'],
        ['PUT', `/api/v1/templates/${id}`],
      ] as const) {
        const res = await app.inject({ method, url, headers: bearer('admin'), payload: body });
        expect(res.statusCode, `${method} ${path}: ${res.body}`).toBe(400);
        const error = json<ErrorBody>(res).error;
        expect(error.code).toBe('AF_VALIDATION');
        expect(
          error.issues?.map((i) => i.path),
          `${method} ${path}`,
        ).toContain(path);
      }
    }
    expect(await count()).toBe(before + 1);
    const stored = await app.inject({
      method: 'GET',
      url: `/api/v1/templates/${id}`,
      headers: bearer('admin'),
    });
    expect(json<{ version: number }>(stored).version).toBe(1);
    // A workspace template shows its workspace and publisher (the contract); nothing else carries the secret.
    const { workspaceId: _ws, createdBy: _by, ...content } = json<Record<string, unknown>>(stored);
    expect(JSON.stringify(content)).not.toContain(secret);
  });

  it('refuses a field the API does not know (metadata) with its path, so nothing rides along unchecked', async () => {
    const before = await count();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/templates',
      headers: bearer('admin'),
      payload: { ...base(), metadata: { note: CANARY } },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(json<ErrorBody>(res).error.issues?.map((i) => i.path)).toContain('metadata');
    expect(await count()).toBe(before);
  });
});
