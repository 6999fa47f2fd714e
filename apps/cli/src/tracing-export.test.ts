/**
 * OpenTelemetry export from a real `agentflow start` process (issue 17 item 1): with OTEL_EXPORTER_OTLP_ENDPOINT
 * pointing at an OTLP/HTTP receiver on 127.0.0.1 (a tiny server taking the exporter's JSON), an execution started
 * over the API arrives as one trace: the request's server span, the execution's span under it, its steps, and the
 * GenAI `chat` span of the agent's call to a fake OpenAI server, with the resource's `service.name`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createAgentFlowClient } from '@agentflow/client';
import { type FakeProviderServer, startFakeOpenAI } from '@agentflow/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
  arrayValue?: { values: OtlpValue[] };
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: OtlpValue }[];
  status?: { code?: number };
}
interface OtlpRequest {
  resourceSpans: {
    resource: { attributes: { key: string; value: OtlpValue }[] };
    scopeSpans: { spans: OtlpSpan[] }[];
  }[];
}

function plain(value: OtlpValue): unknown {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.arrayValue) return value.arrayValue.values.map(plain);
  return undefined;
}

function attrs(list: { key: string; value: OtlpValue }[]): Record<string, unknown> {
  return Object.fromEntries(list.map((a) => [a.key, plain(a.value)]));
}

/** An OTLP/HTTP traces receiver: keeps every JSON export request it is sent. */
async function startReceiver(): Promise<{
  url: string;
  exports: OtlpRequest[];
  types: string[];
  server: Server;
}> {
  const exports: OtlpRequest[] = [];
  const types: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      types.push(String(req.headers['content-type']));
      exports.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpRequest);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, exports, types, server };
}

const workflow = {
  name: 'traced-over-http',
  agents: [
    { id: 'in', type: 'input' },
    {
      id: 'bot',
      type: 'agent',
      config: { provider: 'openai', model: 'gpt-4o', prompt: 'Say hi.', maxTokens: 64 },
    },
    { id: 'out', type: 'output' },
  ],
  connections: [
    { id: 'a', sourceAgentId: 'in', targetAgentId: 'bot' },
    { id: 'b', sourceAgentId: 'bot', targetAgentId: 'out' },
  ],
};

describe('agentflow start with OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'agentflow-otel-'));
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let openai: FakeProviderServer;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    receiver = await startReceiver();
    openai = await startFakeOpenAI();
    openai.setDefault({ text: 'hi', usage: { inputTokens: 12, outputTokens: 3 } });
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await openai?.close();
    await new Promise((r) => receiver?.server.close(r));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('exports the execution as one trace under the request that started it', async () => {
    child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(root, 'apps/cli/src/main.ts'),
        'start',
        '--port',
        '0',
        '--host',
        '127.0.0.1',
      ].concat(['--data-dir', dataDir]),
      {
        cwd: root,
        env: {
          ...process.env,
          NO_COLOR: '1',
          OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
          OTEL_SERVICE_NAME: 'agentflow-e2e',
          OPENAI_API_KEY: 'sk-test',
          OPENAI_BASE_URL: openai.baseURL,
          DATABASE_URL: '',
          REDIS_URL: '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout!.on('data', (c) => {
      out += c;
    });
    child.stderr!.on('data', (c) => {
      err += c;
    });
    const deadline = Date.now() + 90_000;
    while (!/listening on (http:\/\/[\d.:]+)/.test(out)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`not started: ${out} ${err}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const url = /listening on (http:\/\/[\d.:]+)/.exec(out)![1]!;

    const { api } = createAgentFlowClient({ baseUrl: url, cookies: 'memory' });
    const registered = await api.POST('/api/v1/auth/register', {
      body: { email: 'otel@example.test', password: 'correct horse battery staple' },
    });
    expect(registered.response.status, JSON.stringify(registered.error)).toBe(201);
    const created = await api.POST('/api/v1/workflows', { body: workflow as never });
    expect(created.response.status, JSON.stringify(created.error)).toBe(201);
    const workflowId = (created.data as { id: string }).id;
    const started = await api.POST('/api/v1/workflows/{id}/execute', {
      params: { path: { id: workflowId } },
      body: { input: { topic: 'traces' } },
    });
    expect(started.response.status, JSON.stringify(started.error)).toBe(202);
    const executionId = (started.data as { executionId: string }).executionId;
    await expect
      .poll(
        async () =>
          (await api.GET('/api/v1/executions/{id}', { params: { path: { id: executionId } } })).data
            ?.execution.status,
        { timeout: 30_000, interval: 200 },
      )
      .toBe('succeeded');

    // A graceful stop flushes the batch of spans still in the exporter.
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child!.once('exit', (c) => r(c)));
    expect(code, err).toBe(0);

    expect(receiver.exports.length).toBeGreaterThan(0);
    expect(receiver.types.every((t) => t.startsWith('application/json'))).toBe(true);
    const resource = attrs(receiver.exports[0]!.resourceSpans[0]!.resource.attributes);
    expect(resource['service.name']).toBe('agentflow-e2e');
    const spans = receiver.exports.flatMap((e) =>
      e.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)),
    );

    const execution = spans.find(
      (s) => s.name === 'workflow.execute' && attrs(s.attributes)['agentflow.execution.id'] === executionId,
    );
    expect(execution, spans.map((s) => s.name).join(', ')).toBeDefined();
    expect(attrs(execution!.attributes)).toMatchObject({
      'agentflow.workflow.id': workflowId,
      'agentflow.execution.status': 'succeeded',
    });
    // Its parent is the server span of the request that started it.
    const request = spans.find((s) => s.spanId === execution!.parentSpanId);
    expect(request?.name).toBe('POST /api/v1/workflows/:id/execute');
    expect(request!.kind).toBe(2); // SERVER
    expect(request!.traceId).toBe(execution!.traceId);
    expect(attrs(request!.attributes)).toMatchObject({
      'http.request.method': 'POST',
      'http.route': '/api/v1/workflows/:id/execute',
      'http.response.status_code': 202,
      'url.path': `/api/v1/workflows/${workflowId}/execute`,
    });
    const trace = spans.filter((s) => s.traceId === execution!.traceId);
    const chat = trace.find((s) => s.name === 'chat gpt-4o');
    expect(chat).toBeDefined();
    expect(chat!.kind).toBe(3); // CLIENT
    expect(attrs(chat!.attributes)).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.request.max_tokens': 64,
      'gen_ai.usage.input_tokens': 12,
      'gen_ai.usage.output_tokens': 3,
    });
    expect(
      trace
        .filter((s) => s.name.startsWith('step '))
        .map((s) => s.name)
        .sort(),
    ).toEqual(['step bot', 'step in', 'step out']);
    // Other requests are traced too, each its own trace (the registration, say).
    const register = spans.find((s) => s.name === 'POST /api/v1/auth/register');
    expect(attrs(register!.attributes)['http.response.status_code']).toBe(201);
    expect(register!.traceId).not.toBe(execution!.traceId);
  }, 180_000);
});
