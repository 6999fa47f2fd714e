import { describe, expect, it } from 'vitest';
import { buildServer } from './app.js';
import {
  auth,
  bearer,
  greetWorkflow,
  json,
  useTestServer,
  WS1,
  waitForStatus,
} from './test-support/fixtures.js';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * A strict reader of the Prometheus text format (0.0.4): every line is a comment (`# HELP`/`# TYPE`) or a sample
 * `name{label="value",...} number`; every sample belongs to a declared metric family. Throws on anything else.
 */
function parseExposition(text: string): { types: Map<string, string>; samples: Sample[] } {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
  const sampleLine = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)(?: -?\\d+)?$`);
  const label = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('# HELP ')) continue;
    if (line.startsWith('# TYPE ')) {
      const [name, type] = line.slice(7).split(' ');
      if (!name || !['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(type ?? '')) {
        throw new Error(`bad TYPE line: ${line}`);
      }
      types.set(name, type!);
      continue;
    }
    const match = sampleLine.exec(line);
    if (!match) throw new Error(`bad sample line: ${line}`);
    const [, name, rawLabels, rawValue] = match;
    const labels: Record<string, string> = {};
    let rest = rawLabels ?? '';
    while (rest !== '') {
      const l = label.exec(rest);
      if (!l) throw new Error(`bad labels in: ${line}`);
      labels[l[1]!] = l[2]!;
      rest = rest.slice(l[0].length);
    }
    const value = rawValue === '+Inf' ? Infinity : rawValue === '-Inf' ? -Infinity : Number(rawValue);
    if (rawValue !== 'NaN' && Number.isNaN(value)) throw new Error(`bad value in: ${line}`);
    const family = name!.replace(/_(bucket|sum|count|total|created)$/, '');
    if (!types.has(name!) && !types.has(family)) throw new Error(`sample of an undeclared metric: ${line}`);
    samples.push({ name: name!, labels, value });
  }
  return { types, samples };
}

function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

describe('/metrics', () => {
  const t = useTestServer();

  async function scrape() {
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseExposition(res.body);
  }

  it('serves the process defaults and every AgentFlow family in the text format to a loopback caller', async () => {
    const { types } = await scrape();
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(types.has(name), name).toBe(true);
    }
    expect(Object.fromEntries([...types].filter(([n]) => n.startsWith('agentflow_')))).toEqual({
      agentflow_requests_refused_total: 'counter',
      agentflow_workflow_executions_started_total: 'counter',
      agentflow_workflow_executions_resumed_total: 'counter',
      agentflow_workflow_executions_completed_total: 'counter',
      agentflow_workflow_executions_paused_total: 'counter',
      agentflow_workflow_execution_duration_seconds: 'histogram',
      agentflow_agent_executions_total: 'counter',
      agentflow_agent_step_duration_seconds: 'histogram',
      agentflow_model_calls_total: 'counter',
      agentflow_model_tokens_total: 'counter',
      agentflow_model_cost_usd_total: 'counter',
      agentflow_http_request_duration_seconds: 'histogram',
      agentflow_executions_running: 'gauge',
      agentflow_budget_refusals_total: 'counter',
    });
    // Queue depth is exported in distributed mode only (metrics-queue.int.test.ts).
    expect(types.has('agentflow_queue_depth')).toBe(false);
    // The brief's names (issue 17 item 2), fed by the same events.
    expect(types.get('workflow_executions_total')).toBe('counter');
    expect(types.get('agent_executions_total')).toBe('counter');
    expect(types.get('api_request_duration_seconds')).toBe('histogram');
  });

  it('counts executions, steps, model tokens and API requests as an execution runs', async () => {
    const before = (await scrape()).samples;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers: bearer('member'),
      payload: greetWorkflow(),
    });
    expect(created.statusCode).toBe(201);
    const { id } = json<{ id: string }>(created);
    const started = await t.app.inject({
      method: 'POST',
      url: `/api/v1/workflows/${id}/execute`,
      headers: bearer('member'),
      payload: { input: { name: 'Ada' } },
    });
    expect(started.statusCode).toBe(202);
    await waitForStatus(t.app, json<{ executionId: string }>(started).executionId, ['succeeded']);
    const after = (await scrape()).samples;
    const delta = (name: string, labels: Record<string, string> = {}) =>
      value(after, name, labels) - value(before, name, labels);

    expect(delta('agentflow_workflow_executions_started_total', { kind: 'root' })).toBe(1);
    expect(delta('agentflow_workflow_executions_completed_total', { status: 'succeeded' })).toBe(1);
    expect(delta('agentflow_workflow_execution_duration_seconds_count', { status: 'succeeded' })).toBe(1);
    expect(delta('agentflow_workflow_execution_duration_seconds_bucket', { le: '+Inf' })).toBe(1);
    for (const nodeType of ['input', 'agent', 'output']) {
      expect(delta('agentflow_agent_executions_total', { node_type: nodeType, status: 'succeeded' })).toBe(1);
      expect(
        delta('agentflow_agent_step_duration_seconds_count', { node_type: nodeType, status: 'succeeded' }),
      ).toBe(1);
    }
    expect(delta('agentflow_model_calls_total', { status: 'ok' })).toBe(1);
    // gpt-test is not in the price table: counted, under `other`.
    const model = after.find((s) => s.name === 'agentflow_model_tokens_total')?.labels;
    expect(model).toMatchObject({ provider: 'openai', model: 'other' });
    expect(delta('agentflow_model_tokens_total', { provider: 'openai', model: 'other' })).toBeGreaterThan(0);
    expect(
      delta('agentflow_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/v1/workflows/:id/execute',
        status_code: '202',
      }),
    ).toBe(1);
    expect(value(after, 'agentflow_executions_running')).toBe(0);
    expect(delta('workflow_executions_total', { status: 'succeeded' })).toBe(1);
    expect(delta('agent_executions_total', { node_type: 'agent', outcome: 'succeeded' })).toBe(1);
    expect(
      delta('api_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/v1/workflows/:id/execute',
        status_code: '202',
      }),
    ).toBe(1);
  });

  it("keeps tenants' ids and model names out of every label; price-table models keep their name", async () => {
    const run = async (model: string, provider = 'openai') => {
      const workflow = greetWorkflow(`secret-project-${model}`);
      Object.assign(workflow.agents[1]!.config as Record<string, unknown>, { model, provider });
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/workflows',
        headers: bearer('member'),
        payload: workflow,
      });
      const { id } = json<{ id: string }>(created);
      const started = await t.app.inject({
        method: 'POST',
        url: `/api/v1/workflows/${id}/execute`,
        headers: bearer('member'),
        payload: { input: { name: 'Ada' } },
      });
      const executionId = json<{ executionId: string }>(started).executionId;
      await waitForStatus(t.app, executionId, ['succeeded', 'failed']);
      return { id, executionId };
    };
    const tenant = await run('acme-internal-finetune-7');
    await run('gpt-4o-mini');
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    for (const secret of ['acme-internal', 'secret-project', WS1, tenant.id, tenant.executionId]) {
      expect(res.body, secret).not.toContain(secret);
    }
    const { samples } = parseExposition(res.body);
    const labelNames = new Set(samples.flatMap((s) => Object.keys(s.labels)));
    for (const name of labelNames) expect(name).not.toMatch(/workspace|workflow|execution|user|tenant/);
    expect(value(samples, 'agentflow_model_calls_total', { provider: 'openai', model: 'gpt-4o-mini' })).toBe(
      1,
    );
  });

  it('refuses anonymous callers that are not on this machine, or come through a proxy', async () => {
    const remote = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9' });
    expect(remote.statusCode).toBe(401);
    expect(json<{ error: { code: string } }>(remote).error.code).toBe('AF_UNAUTHENTICATED');
    expect(remote.body).not.toContain('agentflow_');
    const forwarded = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(forwarded.statusCode).toBe(401);
    // A user's token does not open it either.
    const user = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: bearer('owner'),
      remoteAddress: '203.0.113.9',
    });
    expect(user.statusCode).toBe(401);
  });

  it('behind a trusted proxy, needs the token even from loopback (real listener)', async () => {
    const proxied = await buildServer({
      runtime: t.runtime,
      auth,
      rateLimiter: false,
      logger: false,
      trustProxy: true,
    });
    const withToken = await buildServer({
      runtime: t.runtime,
      auth,
      rateLimiter: false,
      logger: false,
      trustProxy: true,
      metrics: { token: 'scrape-secret' },
    });
    try {
      const a = await proxied.listen({ host: '127.0.0.1', port: 0 });
      expect((await fetch(`${a}/metrics`)).status).toBe(401);
      const b = await withToken.listen({ host: '127.0.0.1', port: 0 });
      expect((await fetch(`${b}/metrics`)).status).toBe(401);
      const scraped = await fetch(`${b}/metrics`, { headers: { authorization: 'Bearer scrape-secret' } });
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('agentflow_executions_running');
    } finally {
      await proxied.close();
      await withToken.close();
    }
  });

  it('labels unknown URLs as one route, not one series per URL', async () => {
    await t.app.inject({ method: 'GET', url: '/no/such/thing-1' });
    await t.app.inject({ method: 'GET', url: '/no/such/thing-2' });
    const { samples } = await scrape();
    const unmatched = samples.filter(
      (s) => s.name === 'agentflow_http_request_duration_seconds_count' && s.labels.route === 'unmatched',
    );
    expect(unmatched).toHaveLength(1);
    expect(unmatched[0]!.value).toBeGreaterThanOrEqual(2);
    expect(samples.some((s) => JSON.stringify(s.labels).includes('thing-1'))).toBe(false);
  });

  it('requires the bearer token when one is configured', async () => {
    const guarded = await buildServer({
      runtime: t.runtime,
      auth,
      rateLimiter: false,
      logger: false,
      metrics: { token: 'scrape-secret' },
    });
    try {
      const none = await guarded.inject({ method: 'GET', url: '/metrics' });
      expect(none.statusCode).toBe(401);
      expect(json<{ error: { code: string } }>(none).error.code).toBe('AF_UNAUTHENTICATED');
      expect(none.headers['www-authenticate']).toContain('Bearer');
      const wrong = await guarded.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: 'Bearer scrape-secreT' },
      });
      expect(wrong.statusCode).toBe(401);
      // A user's API token is not the metrics token.
      const user = await guarded.inject({ method: 'GET', url: '/metrics', headers: bearer('owner') });
      expect(user.statusCode).toBe(401);
      const right = await guarded.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: 'Bearer scrape-secret' },
      });
      expect(right.statusCode).toBe(200);
      expect(parseExposition(right.body).types.get('agentflow_executions_running')).toBe('gauge');
    } finally {
      await guarded.close();
    }
  });

  it('can be turned off', async () => {
    const bare = await buildServer({
      runtime: t.runtime,
      auth,
      rateLimiter: false,
      logger: false,
      metrics: false,
    });
    try {
      expect((await bare.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
      expect(bare.agentflow.metrics).toBeUndefined();
    } finally {
      await bare.close();
    }
  });

  it('rejects a malformed exposition (the parser used above is strict)', () => {
    expect(() => parseExposition('# TYPE x counter\nx{a="1" 2\n')).toThrow(/bad sample/);
    expect(() => parseExposition('y 1\n')).toThrow(/undeclared/);
  });
});
