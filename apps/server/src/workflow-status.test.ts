/**
 * A workflow's status decides whether it runs (issue 13 item 10): an archived workflow never runs (REST, GraphQL,
 * MCP, an old version, a resume or approval of one of its executions, as a subworkflow); a draft runs for its
 * editors from the REST and GraphQL API but not through MCP (or triggers). Refusals are 409 with
 * AF_WORKFLOW_ARCHIVED / AF_WORKFLOW_DRAFT and record nothing.
 */
import type { AddressInfo } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { describe, expect, it } from 'vitest';
import {
  approvalWorkflow,
  bearer,
  greetWorkflow,
  json,
  useTestServer,
  WS1,
} from './test-support/fixtures.js';

type Status = 'draft' | 'active' | 'archived';
interface ErrorBody {
  error: { code: string; message: string };
}

describe('workflow status gates execution', () => {
  const t = useTestServer();
  const scope = { workspaceId: WS1 };

  async function create(status: Status, definition: Record<string, unknown> = greetWorkflow(status)) {
    return (await t.runtime.workflows.create({ ...definition, status } as never, scope)).id;
  }
  async function setStatus(id: string, status: Status) {
    const current = await t.runtime.workflows.get(id, scope);
    const { id: _id, version: _v, workspaceId: _ws, ...definition } = current.definition;
    await t.runtime.workflows.update(id, { ...definition, status }, scope);
  }
  const executeRest = (id: string, body: Record<string, unknown> = { input: { name: 'Ada' } }) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/workflows/${id}/execute`,
      headers: bearer('member'),
      payload: body,
    });
  /** Polls the execution (through the runtime) until its status is one of `statuses`. */
  async function waitForStatus(executionId: string, statuses: string[]) {
    for (let i = 0; i < 1000; i++) {
      const execution = await t.runtime.executions.get(executionId, scope);
      if (statuses.includes(execution.status)) return execution;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`execution ${executionId} never reached ${statuses.join('/')}`);
  }
  const executions = async (id: string) =>
    (await t.runtime.executions.list(scope, { workflowId: id })).items.length;

  it('REST: an archived workflow is 409 AF_WORKFLOW_ARCHIVED (current or old version), nothing recorded', async () => {
    const id = await create('active');
    await setStatus(id, 'archived');
    const refused = await executeRest(id);
    expect(refused.statusCode).toBe(409);
    expect(json<ErrorBody>(refused).error.code).toBe('AF_WORKFLOW_ARCHIVED');
    const oldVersion = await executeRest(id, { input: { name: 'Ada' }, version: 1 });
    expect(oldVersion.statusCode).toBe(409);
    expect(json<ErrorBody>(oldVersion).error.code).toBe('AF_WORKFLOW_ARCHIVED');
    expect(await executions(id)).toBe(0);
    // Active again: it runs.
    await setStatus(id, 'active');
    expect((await executeRest(id)).statusCode).toBe(202);
  });

  it('REST: a draft runs for its editors', async () => {
    const id = await create('draft');
    const started = await executeRest(id);
    expect(started.statusCode).toBe(202);
    const { executionId } = json<{ executionId: string }>(started);
    expect((await waitForStatus(executionId, ['succeeded'])).status).toBe('succeeded');
  });

  it('GraphQL: archived refused with AF_WORKFLOW_ARCHIVED, draft runs', async () => {
    const archived = await create('archived');
    const draft = await create('draft');
    const run = (id: string) =>
      t.app.inject({
        method: 'POST',
        url: '/graphql',
        headers: bearer('member'),
        payload: {
          query: 'mutation($id: ID!) { executeWorkflow(id: $id, input: {name: "Ada"}) { executionId } }',
          variables: { id },
        },
      });
    const refused = json<{ errors?: { extensions?: { code?: string } }[] }>(await run(archived));
    expect(refused.errors?.[0]?.extensions?.code).toBe('AF_WORKFLOW_ARCHIVED');
    expect(await executions(archived)).toBe(0);
    const ok = json<{ data?: { executeWorkflow: { executionId: string } }; errors?: unknown }>(
      await run(draft),
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data?.executeWorkflow.executionId).toEqual(expect.any(String));
  });

  it('MCP: lists active workflows only; the runtime refuses drafts and archived ones asked for by MCP', async () => {
    const active = await create('active', greetWorkflow('Shown tool'));
    const draft = await create('draft', greetWorkflow('Draft tool'));
    const archived = await create('archived', greetWorkflow('Archived tool'));
    const url = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${url}/mcp`), {
        requestInit: { headers: bearer('member') },
      }),
    );
    try {
      const { tools } = await client.listTools();
      const titles = tools.map((tool) => tool.title);
      expect(titles).toContain('Shown tool');
      expect(titles).not.toContain('Draft tool');
      expect(titles).not.toContain('Archived tool');
      const shown = tools.find((tool) => tool.title === 'Shown tool')!;
      // Archived after the client listed it: the call is refused (unknown tool, or the gate), not run.
      await setStatus(active, 'archived');
      const called = await client.callTool({ name: shown.name, arguments: { name: 'Ada' } }).then(
        (result) => result.isError === true,
        () => true,
      );
      expect(called).toBe(true);
      expect(await executions(active)).toBe(0);
    } finally {
      await client.close();
      void (t.app.server.address() as AddressInfo);
    }
    // The path the MCP route takes (`via: 'mcp'`) refuses a draft by id; the API path runs it.
    await expect(
      t.runtime.workflows.execute(draft, { name: 'Ada' }, scope, { via: 'mcp' }),
    ).rejects.toMatchObject({
      code: 'AF_WORKFLOW_DRAFT',
    });
    await expect(
      t.runtime.workflows.execute(archived, { name: 'Ada' }, scope, { via: 'mcp' }),
    ).rejects.toMatchObject({ code: 'AF_WORKFLOW_ARCHIVED' });
    await expect(
      t.runtime.workflows.execute(draft, { name: 'Ada' }, scope, { via: 'trigger' }),
    ).rejects.toMatchObject({ code: 'AF_WORKFLOW_DRAFT' });
    expect(await executions(draft)).toBe(0);
  });

  it("an archived workflow's paused execution is neither approved nor resumed", async () => {
    const id = await create('active', approvalWorkflow());
    const started = await executeRest(id, { input: {} });
    expect(started.statusCode).toBe(202);
    const { executionId } = json<{ executionId: string }>(started);
    await waitForStatus(executionId, ['paused']);
    await setStatus(id, 'archived');
    const approve = await t.app.inject({
      method: 'POST',
      url: `/api/v1/executions/${executionId}/approve`,
      headers: bearer('member'),
      payload: { agentId: 'review', payload: { approved: true } },
    });
    expect(approve.statusCode).toBe(409);
    expect(json<ErrorBody>(approve).error.code).toBe('AF_WORKFLOW_ARCHIVED');
    const resume = await t.app.inject({
      method: 'POST',
      url: `/api/v1/executions/${executionId}/resume`,
      headers: bearer('member'),
    });
    expect(resume.statusCode).toBe(409);
    expect(json<ErrorBody>(resume).error.code).toBe('AF_WORKFLOW_ARCHIVED');
    expect((await t.runtime.executions.get(executionId, scope)).status).toBe('paused');
    // A draft's paused execution continues (its editors started it).
    await setStatus(id, 'draft');
    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/executions/${executionId}/approve`,
      headers: bearer('member'),
      payload: { agentId: 'review', payload: { approved: true } },
    });
    expect(approved.statusCode).toBe(202);
  });

  it('an execution of an archived workflow is neither re-run nor forked', async () => {
    const id = await create('active');
    const started = await executeRest(id);
    const { executionId } = json<{ executionId: string }>(started);
    await waitForStatus(executionId, ['succeeded']);
    await setStatus(id, 'archived');
    const rerun = await t.app.inject({
      method: 'POST',
      url: `/api/v1/executions/${executionId}/rerun`,
      headers: bearer('member'),
    });
    expect(rerun.statusCode).toBe(409);
    expect(json<ErrorBody>(rerun).error.code).toBe('AF_WORKFLOW_ARCHIVED');
    const fork = await t.app.inject({
      method: 'POST',
      url: `/api/v1/executions/${executionId}/fork`,
      headers: bearer('member'),
      payload: { nodeId: 'bot' },
    });
    expect(fork.statusCode).toBe(409);
    expect(json<ErrorBody>(fork).error.code).toBe('AF_WORKFLOW_ARCHIVED');
    expect(await executions(id)).toBe(1);
  });

  it('an archived workflow does not run as a subworkflow', async () => {
    const child = await create('archived');
    const parent = await create('active', {
      name: 'parent',
      agents: [
        { id: 'in', type: 'input' },
        { id: 'child', type: 'subworkflow', config: { workflowId: child } },
        { id: 'out', type: 'output' },
      ],
      connections: [
        { id: 'a', sourceAgentId: 'in', targetAgentId: 'child' },
        { id: 'b', sourceAgentId: 'child', targetAgentId: 'out' },
      ],
    });
    const started = await executeRest(parent);
    const { executionId } = json<{ executionId: string }>(started);
    const done = await waitForStatus(executionId, ['failed', 'succeeded']);
    expect(done.status).toBe('failed');
    expect(JSON.stringify(done)).toContain('AF_WORKFLOW_ARCHIVED');
  });
});
