import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildServer } from './app.js';
import { auth, bearer, greetWorkflow, useTestServer, WS2, waitForStatus } from './test-support/fixtures.js';

interface GqlResponse<T = Record<string, unknown>> {
  data: T | null;
  errors?: { message: string; extensions?: { code?: string; issues?: { path: string }[] } }[];
}

describe('GraphQL', () => {
  const t = useTestServer();
  /** The test server on a real 127.0.0.1 listener (started once). */
  let url: string | undefined;
  const listening = async () => {
    url ??= await t.app.listen({ host: '127.0.0.1', port: 0 });
    return url;
  };

  async function gql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = bearer('member'),
  ): Promise<{ status: number; body: GqlResponse<T> }> {
    const res = await t.app.inject({
      method: 'POST',
      url: '/graphql',
      headers,
      payload: { query, variables },
    });
    return { status: res.statusCode, body: res.json() as GqlResponse<T> };
  }

  it("creates a workflow with the brief's mutation and reads it back with the brief's query", async () => {
    const created = await gql<{ createWorkflow: { id: string; name: string } }>(
      'mutation ($input: WorkflowInput!) { createWorkflow(input: $input) { id name } }',
      { input: greetWorkflow('from graphql') },
    );
    expect(created.body.errors).toBeUndefined();
    const id = created.body.data!.createWorkflow.id;
    expect(created.body.data!.createWorkflow.name).toBe('from graphql');

    const read = await gql<{
      workflow: { id: string; name: string; agents: { id: string; type: string; config: unknown }[] };
    }>(
      'query ($id: ID!) { workflow(id: $id) { id, name, agents { id, type, config } } }',
      { id },
      bearer('viewer'),
    );
    expect(read.body.data?.workflow).toMatchObject({ id, name: 'from graphql' });
    expect(read.body.data?.workflow.agents.map((a) => a.type)).toEqual(['input', 'agent', 'output']);

    const list = await gql<{ workflows: { items: { id: string }[] } }>(
      '{ workflows(limit: 10) { items { id } } }',
    );
    expect(list.body.data?.workflows.items.map((w) => w.id)).toContain(id);

    // Another workspace sees nothing: null, as if it did not exist.
    const theirs = await gql('query ($id: ID!) { workflow(id: $id) { id } }', { id }, bearer('owner', WS2));
    expect(theirs.body).toEqual({ data: { workflow: null } });
  });

  it('reports invalid definitions with the code and the path of every problem', async () => {
    const res = await gql('mutation ($input: WorkflowInput!) { createWorkflow(input: $input) { id } }', {
      input: { name: 'bad', agents: [{ id: 'bot', type: 'agent', config: { model: 'm' } }] },
    });
    expect(res.status).toBe(200);
    const error = res.body.errors?.[0];
    expect(error?.extensions?.code).toBe('AF_VALIDATION');
    expect(error?.extensions?.issues?.map((i) => i.path)).toContain('agents[0].config.provider');
  });

  it('executes a workflow and reads the execution with its steps, and templates', async () => {
    const id = (
      await gql<{ createWorkflow: { id: string } }>(
        'mutation ($input: WorkflowInput!) { createWorkflow(input: $input) { id } }',
        { input: greetWorkflow() },
      )
    ).body.data!.createWorkflow.id;
    // JSON arguments work as variables and as inline literals.
    const started = await gql<{ executeWorkflow: { executionId: string } }>(
      'mutation ($id: ID!) { executeWorkflow(id: $id, input: { name: "Grace" }) { executionId } }',
      { id },
    );
    const executionId = started.body.data!.executeWorkflow.executionId;
    await waitForStatus(t.app, executionId, ['succeeded']);
    const read = await gql<{ execution: { status: string; output: unknown; steps: { agentId: string }[] } }>(
      'query ($id: ID!) { execution(id: $id) { status output steps { agentId } } }',
      { id: executionId },
      bearer('viewer'),
    );
    expect(read.body.data?.execution).toMatchObject({ status: 'succeeded', output: 'Hello, Grace!' });
    expect(read.body.data?.execution.steps.map((s) => s.agentId)).toEqual(['in', 'bot', 'out']);
    const executions = await gql<{ executions: { items: { id: string }[] } }>(
      'query ($w: ID) { executions(workflowId: $w) { items { id } } }',
      { w: id },
    );
    expect(executions.body.data?.executions.items.map((e) => e.id)).toEqual([executionId]);
    // A new workspace sees the built-in gallery (public) and nothing else yet.
    const templates = await gql<{ templates: { items: { id: string; name: string }[] } }>(
      '{ templates { items { id name } } }',
    );
    const names = templates.body.data?.templates.items.map((t) => t.name) ?? [];
    expect(names).toContain('Research team');
    expect(names).toContain('Writer and reviewer with a quality gate');
  });

  it('applies the same permissions as REST', async () => {
    const anonymous = await gql('{ workflows { items { id } } }', {}, {});
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('AF_UNAUTHENTICATED');
    const viewer = await gql(
      'mutation ($input: WorkflowInput!) { createWorkflow(input: $input) { id } }',
      { input: greetWorkflow() },
      bearer('viewer'),
    );
    expect(viewer.body.errors?.[0]?.extensions?.code).toBe('AF_FORBIDDEN');
    expect(viewer.body.data).toBeNull();
    const badToken = await t.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { authorization: 'Bearer wrong' },
      payload: { query: '{ nodeTypes { type } }' },
    });
    expect(badToken.statusCode).toBe(401);
  });

  it('refuses anonymous callers before anything runs, introspection included (POST, GET, real listener)', async () => {
    const base = await listening();
    const introspection = '{ __schema { types { name } } }';
    const post = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: introspection }),
    });
    expect(post.status).toBe(401);
    const body = (await post.json()) as GqlResponse;
    expect(body.errors?.[0]?.extensions?.code).toBe('AF_UNAUTHENTICATED');
    expect(JSON.stringify(body)).not.toContain('WorkflowInput');
    const get = await fetch(`${base}/graphql?query=${encodeURIComponent(introspection)}`, {
      headers: { 'mercurius-require-preflight': 'true' },
    });
    expect(get.status).toBe(401);
    expect(await get.text()).not.toContain('WorkflowInput');
    const typename = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/graphql' },
      body: '{ __typename }',
    });
    expect(typename.status).toBe(401);
    // Signed in, introspection works (the default).
    const signedIn = await gql<{ __schema: { types: { name: string }[] } }>(
      introspection,
      {},
      bearer('viewer'),
    );
    expect(signedIn.body.data?.__schema.types.map((t) => t.name)).toContain('WorkflowInput');
  });

  it('refuses subscriptions on an anonymous WebSocket (no credentials on the upgrade or in connection_init)', async () => {
    const socket = new WebSocket(
      `${(await listening()).replace('http', 'ws')}/graphql`,
      'graphql-transport-ws',
    );
    const messages: { type: string; payload?: unknown }[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const until = async (predicate: () => boolean) => {
      const deadline = Date.now() + 10_000;
      while (!predicate() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    };
    socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    await until(() => messages.length > 0 || socket.readyState !== WebSocket.OPEN);
    if (socket.readyState === WebSocket.OPEN) {
      socket.send(
        JSON.stringify({
          id: '1',
          type: 'subscribe',
          payload: { query: 'subscription { executionEvents(workflowId: "x") { type } }' },
        }),
      );
      await until(() => messages.some((m) => m.type === 'error' || m.type === 'next'));
    }
    socket.close();
    expect(messages.some((m) => m.type === 'next')).toBe(false);
    expect(JSON.stringify(messages)).toContain('authentication required');
  });

  it('can turn introspection off for everyone', async () => {
    const closed = await buildServer({
      runtime: t.runtime,
      auth,
      logger: false,
      graphql: { introspection: false },
    });
    try {
      const res = await closed.inject({
        method: 'POST',
        url: '/graphql',
        headers: bearer('owner'),
        payload: { query: '{ __schema { types { name } } }' },
      });
      expect(res.statusCode).toBe(400);
      expect((res.json() as GqlResponse).errors?.[0]?.message).toMatch(/introspection/i);
      const normal = await closed.inject({
        method: 'POST',
        url: '/graphql',
        headers: bearer('owner'),
        payload: { query: '{ workflows(limit: 1) { items { id } } }' },
      });
      expect(normal.statusCode).toBe(200);
    } finally {
      await closed.close();
    }
  });

  it('refuses queries costlier than the cost limit, and accepts the same shape with small pages', async () => {
    const shape = (limit: string) =>
      `{ workflows${limit} { items { executions${limit} { items { steps { usage { inputTokens } } } } } } }`;
    const costly = await gql(shape(''));
    expect(costly.status).toBe(400);
    expect(costly.body.errors?.[0]?.message).toMatch(/cost \d+ exceeds the limit of 10000/);
    expect(costly.body.errors?.[0]?.extensions?.code).toBe('AF_LIMIT_EXCEEDED');
    const cheap = await gql(shape('(limit: 5)'));
    expect(cheap.status).toBe(200);
    expect(cheap.body.errors).toBeUndefined();
  });

  it('refuses queries deeper than the depth limit', async () => {
    const shallow = await buildServer({ runtime: t.runtime, auth, logger: false, graphql: { maxDepth: 3 } });
    try {
      const ask = (query: string) =>
        shallow.inject({ method: 'POST', url: '/graphql', headers: bearer('member'), payload: { query } });
      const ok = await ask('{ workflows(limit: 1) { items { id } } }');
      expect(ok.statusCode).toBe(200);
      const deep = await ask('{ workflows(limit: 1) { items { executions(limit: 1) { items { id } } } } }');
      expect(deep.statusCode).toBe(400);
      expect((deep.json() as GqlResponse).errors?.[0]?.message).toMatch(/depth/i);
    } finally {
      await shallow.close();
    }
  });

  it('answers syntax errors with 400 and no internals', async () => {
    const res = await gql('{ workflows { ');
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.message).toMatch(/Syntax Error/);
    expect(JSON.stringify(res.body)).not.toMatch(/node_modules|\.js:\d+/);
  });
});
