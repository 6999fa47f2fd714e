/**
 * Model endpoints are behind the egress guard and keys stay bound to their endpoints (issue 10, item 1): attacks
 * by a workspace member through an agent's `baseURL`, against a real server and runtime whose model providers
 * are the configured ones, with fake OpenAI-compatible servers and plain listeners on 127.0.0.x.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Runtime } from '@agentflow/runtime';
import {
  type FakeOllamaServer,
  type FakeProviderServer,
  startFakeOllama,
  startFakeOpenAI,
} from '@agentflow/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestRuntime,
  createTestServer,
  json,
  WS1,
  WS2,
  waitForStatus,
} from './test-support/fixtures.js';

const OWNER_KEY = 'sk-owner-secret-1111';
const OPERATOR_KEY = 'sk-operator-custom-2222';
const OPENAI_KEY = 'sk-operator-openai-3333';
const GROQ_KEY = 'sk-operator-groq-4444';

/** A listener that records every request it gets and answers 404. */
interface Listener {
  url: string;
  requests: { url: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

async function listen(host: string, handler?: Parameters<typeof createServer>[1]): Promise<Listener> {
  const requests: Listener['requests'] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers });
    if (handler) return handler(req, res);
    res.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, host, done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    requests,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

function agentWorkflow(config: Record<string, unknown>) {
  return {
    name: 'probe',
    agents: [
      { id: 'in', type: 'input' },
      { id: 'bot', type: 'agent', config: { model: 'm', prompt: 'hello', ...config } },
      { id: 'out', type: 'output' },
    ],
    connections: [
      { id: 'a', sourceAgentId: 'in', targetAgentId: 'bot' },
      { id: 'b', sourceAgentId: 'bot', targetAgentId: 'out' },
    ],
  };
}

/** Creates and runs a workflow as a member; the terminal execution, or the refused creation's body. */
async function runAsMember(app: FastifyInstance, workspace: string, config: Record<string, unknown>) {
  const headers = bearer('member', workspace);
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/workflows',
    headers,
    payload: agentWorkflow(config),
  });
  if (created.statusCode !== 201)
    return { refused: created.statusCode, body: JSON.stringify(created.json()) };
  const { id } = json<{ id: string }>(created);
  const started = await app.inject({
    method: 'POST',
    url: `/api/v1/workflows/${id}/execute`,
    headers,
    payload: { input: {} },
  });
  if (started.statusCode !== 202)
    return { refused: started.statusCode, body: JSON.stringify(started.json()) };
  const { executionId } = json<{ executionId: string }>(started);
  const done = await waitForStatus(app, executionId, ['succeeded', 'failed'], headers);
  const execution = done.execution as { status: string };
  return { status: execution.status, body: JSON.stringify(done) };
}

async function addCredential(app: FastifyInstance, workspace: string, payload: Record<string, unknown>) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/credentials',
    headers: bearer('owner', workspace),
    payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  return json<{ id: string; baseURLs?: string[] }>(res);
}

function sentKeys(requests: { headers: IncomingHttpHeaders }[]): string[] {
  return requests.map((r) => JSON.stringify(r.headers)).filter((h) => /sk-/.test(h));
}

let victim: FakeProviderServer;
let openai: FakeProviderServer;
let ollama: FakeOllamaServer;

beforeAll(async () => {
  [victim, openai, ollama] = await Promise.all([
    startFakeOpenAI(),
    startFakeOpenAI({ apiKey: OPENAI_KEY }),
    startFakeOllama(),
  ]);
  victim.setDefault({ text: 'stolen' });
  openai.setDefault({ text: 'from the configured endpoint' });
});
afterAll(async () => {
  await Promise.all([victim?.close(), openai?.close(), ollama?.close()]);
});

/** The operator's configuration: keys in the environment, endpoints on 127.0.0.1 configured by the admin. */
function operatorEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    CUSTOM_API_KEY: OPERATOR_KEY,
    OPENAI_API_KEY: OPENAI_KEY,
    OPENAI_BASE_URL: openai.baseURL,
    OLLAMA_BASE_URL: ollama.url,
    ...extra,
  };
}

describe('without an egress allow-list', () => {
  let runtime: Runtime;
  let app: FastifyInstance;
  beforeAll(async () => {
    runtime = await createTestRuntime({ env: operatorEnv(), configuredModels: true });
    app = await createTestServer(runtime);
    // The owner's own key for the custom provider, bound (by the owner) to the loopback URL the member aims at.
    await addCredential(app, WS1, {
      name: 'custom',
      type: 'custom',
      value: OWNER_KEY,
      baseURLs: [victim.baseURL],
    });
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  it('refuses a custom baseURL on loopback: the listener gets no request, no key', async () => {
    victim.reset();
    for (const workspace of [WS1, WS2]) {
      const result = await runAsMember(app, workspace, { provider: 'custom', baseURL: victim.baseURL });
      expect(result.status).toBe('failed');
      expect(result.body).toContain('AF_EGRESS_REFUSED');
    }
    expect(victim.requests).toHaveLength(0);
  });

  it('refuses the metadata address and private ranges', async () => {
    for (const baseURL of ['http://169.254.169.254/v1', 'http://10.0.0.1/v1', 'http://[::1]:9/v1']) {
      const result = await runAsMember(app, WS2, { provider: 'custom', baseURL });
      expect(result.status, baseURL).toBe('failed');
      expect(result.body).toContain('AF_EGRESS_REFUSED');
    }
  });

  it("still reaches the admin's configured endpoints on 127.0.0.1, with the operator's key", async () => {
    openai.reset();
    const result = await runAsMember(app, WS2, { provider: 'openai', model: 'gpt-4o' });
    expect(result.status, result.body).toBe('succeeded');
    expect(openai.modelRequests()[0]?.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
  });

  it('refuses an ollama baseURL other than OLLAMA_BASE_URL, and uses OLLAMA_BASE_URL', async () => {
    victim.reset();
    const refused = await runAsMember(app, WS2, { provider: 'ollama', baseURL: victim.url });
    expect(refused.status ?? refused.refused).not.toBe('succeeded');
    expect(refused.body).toContain('OLLAMA_BASE_URL');
    expect(victim.requests).toHaveLength(0);
    const local = await runAsMember(app, WS2, { provider: 'ollama', model: 'llama3.2' });
    expect(local.status, local.body).toBe('succeeded');
    expect(ollama.modelRequests()).toHaveLength(1);
  });
});

describe('with loopback allow-listed by the admin', () => {
  let runtime: Runtime;
  let app: FastifyInstance;
  let redirector: Listener;
  let inner: Listener;
  let ownerCredential: string;
  beforeAll(async () => {
    // 127.0.0.2 is loopback too, but not on the allow-list.
    inner = await listen('127.0.0.2');
    redirector = await listen('127.0.0.1', (_req, res) => {
      res.writeHead(307, { location: `${inner.url}/v1/chat/completions` }).end();
    });
    runtime = await createTestRuntime({
      env: operatorEnv({ AGENTFLOW_EGRESS_ALLOW: '127.0.0.1', GROQ_API_KEY: GROQ_KEY }),
      configuredModels: true,
    });
    app = await createTestServer(runtime);
    // The owner's key is bound to the owner's own endpoint, not to the member's listener.
    ({ id: ownerCredential } = await addCredential(app, WS1, {
      name: 'custom',
      type: 'custom',
      value: OWNER_KEY,
      baseURLs: ['http://127.0.0.1:1/v1'],
    }));
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
    await Promise.all([redirector?.close(), inner?.close()]);
  });

  it('never sends a workspace credential to a URL it is not bound to (AF_CREDENTIAL_SCOPE, nothing sent)', async () => {
    victim.reset();
    const result = await runAsMember(app, WS1, { provider: 'custom', baseURL: victim.baseURL });
    expect(result.status ?? result.refused).not.toBe('succeeded');
    expect(result.body).toContain('AF_CREDENTIAL_SCOPE');
    expect(result.body).not.toContain(OWNER_KEY);
    expect(victim.requests).toHaveLength(0);
  });

  it('never sends the operator CUSTOM_API_KEY to a baseURL taken from a workflow', async () => {
    victim.reset();
    const result = await runAsMember(app, WS2, { provider: 'custom', baseURL: victim.baseURL });
    expect(result.status, result.body).toBe('succeeded');
    expect(victim.requests.length).toBeGreaterThan(0);
    expect(sentKeys(victim.requests)).toEqual([]);
  });

  it("never sends the operator's keys of other providers to a baseURL an agent names (openai, groq)", async () => {
    victim.reset();
    // openai is reached only at its configured endpoint: the workflow's baseURL is refused outright.
    const openaiRun = await runAsMember(app, WS2, {
      provider: 'openai',
      model: 'gpt-4o',
      baseURL: victim.baseURL,
    });
    expect(openaiRun.status ?? openaiRun.refused).not.toBe('succeeded');
    expect(openaiRun.body).toContain('OPENAI_BASE_URL');
    // groq is OpenAI-compatible (a baseURL is honoured) but its operator key needs its configured endpoint.
    const groqRun = await runAsMember(app, WS2, {
      provider: 'groq',
      model: 'llama',
      baseURL: victim.baseURL,
    });
    expect(groqRun.status ?? groqRun.refused).not.toBe('succeeded');
    expect(groqRun.body).toContain('AF_CREDENTIAL_SCOPE');
    for (const body of [openaiRun.body, groqRun.body]) {
      expect(body).not.toContain(OPENAI_KEY);
      expect(body).not.toContain(GROQ_KEY);
    }
    expect(victim.requests).toHaveLength(0);
  });

  it('refuses a redirect to an address that is not allowed: nothing reaches it', async () => {
    const result = await runAsMember(app, WS2, {
      provider: 'custom',
      baseURL: `${redirector.url}/v1`,
    });
    expect(result.status).toBe('failed');
    expect(result.body).toContain('AF_EGRESS_REFUSED');
    expect(redirector.requests.length).toBeGreaterThan(0);
    expect(inner.requests).toHaveLength(0);
  });

  it('sends a credential bound to the URL (normalized) to that URL', async () => {
    victim.reset();
    const record = await addCredential(app, WS2, {
      name: 'custom',
      type: 'custom',
      value: OWNER_KEY,
      baseURLs: [`${victim.baseURL}/`],
    });
    expect(record.baseURLs).toEqual([victim.baseURL]);
    const result = await runAsMember(app, WS2, { provider: 'custom', baseURL: victim.baseURL });
    expect(result.status, result.body).toBe('succeeded');
    expect(victim.modelRequests()[0]?.headers.authorization).toBe(`Bearer ${OWNER_KEY}`);
  });

  it('only a credential manager rebinds a key; once rebound, the key goes to the new URL', async () => {
    const rebind = (role: 'member' | 'owner', baseURLs: string[] | null) =>
      app.inject({
        method: 'PUT',
        url: `/api/v1/credentials/${ownerCredential}`,
        headers: bearer(role, WS1),
        payload: { baseURLs },
      });
    expect((await rebind('member', [victim.baseURL])).statusCode).toBe(403);
    victim.reset();
    expect((await runAsMember(app, WS1, { provider: 'custom', baseURL: victim.baseURL })).body).toContain(
      'AF_CREDENTIAL_SCOPE',
    );
    expect(victim.requests).toHaveLength(0);

    const rebound = await rebind('owner', [victim.baseURL]);
    expect(rebound.statusCode, rebound.body).toBe(200);
    expect(json<{ baseURLs: string[] }>(rebound).baseURLs).toEqual([victim.baseURL]);
    const result = await runAsMember(app, WS1, { provider: 'custom', baseURL: victim.baseURL });
    expect(result.status, result.body).toBe('succeeded');
    expect(victim.modelRequests()[0]?.headers.authorization).toBe(`Bearer ${OWNER_KEY}`);

    // Back to the configured endpoint (custom has none here): the key goes nowhere.
    expect((await rebind('owner', null)).statusCode).toBe(200);
    victim.reset();
    expect((await runAsMember(app, WS1, { provider: 'custom', baseURL: victim.baseURL })).body).toContain(
      'AF_CREDENTIAL_SCOPE',
    );
    expect(victim.requests).toHaveLength(0);
  });
});
