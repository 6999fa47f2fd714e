import { describe, expect, it } from 'vitest';
import { buildServer } from './app.js';
import { auth, bearer, greetWorkflow, useTestServer, WS2, waitForStatus } from './test-support/fixtures.js';

interface GqlResponse<T = Record<string, unknown>> {
  data: T | null;
  errors?: { message: string; extensions?: { code?: string; issues?: { path: string }[] } }[];
}

describe('GraphQL', () => {
  const t = useTestServer();

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
      input: { name: 'bad', agents: [{ id: 'bot', type: 'agent', config: {} }] },
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
    const templates = await gql<{ templates: { items: unknown[] } }>('{ templates { items { id name } } }');
    expect(templates.body.data?.templates.items).toEqual([]);
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
