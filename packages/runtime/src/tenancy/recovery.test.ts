/**
 * Executions recovered after a crash run in their own workspace, like the ones started through the services:
 * they see that workspace's credentials and subworkflows, and no other workspace's.
 */
import { randomUUID } from 'node:crypto';
import { defineNodeType } from '@agentflow/core';
import type { Workflow } from '@agentflow/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRuntime, type Runtime } from '../runtime.js';
import { uniqueEmail } from '../test-support/security-fixture.js';

const probe = defineNodeType({
  type: 'secret-probe',
  configSchema: z.object({ name: z.string() }),
  run: ({ config, context }) => ({ found: context.secrets.get(config.name) === 'the-token' }),
});

const probing = {
  name: 'probe',
  agents: [
    { id: 'in', type: 'input' },
    { id: 'probe', type: 'secret-probe', config: { name: 'tool-token' } },
  ],
  connections: [{ id: 'c', sourceAgentId: 'in', targetAgentId: 'probe' }],
};

const calling = (workflowId: string) => ({
  name: 'caller',
  agents: [
    { id: 'in', type: 'input' },
    { id: 'sub', type: 'subworkflow', config: { workflowId } },
  ],
  connections: [{ id: 'c', sourceAgentId: 'in', targetAgentId: 'sub' }],
});

let runtime: Runtime;
beforeAll(async () => {
  runtime = await createRuntime({ inMemory: true, env: {}, nodeTypes: [probe] });
});
afterAll(() => runtime?.close());

async function workspace(label: string) {
  const reg = await runtime.auth.register({ email: uniqueEmail(label), password: `${label}-password-1` });
  const principal = await runtime.auth.authenticateToken(reg.tokens.accessToken);
  return { principal, scope: { workspaceId: principal.workspaceId, userId: principal.userId } };
}

/** An execution a crashed process left queued, with no lease: what recovery finds on startup. */
async function orphan(workflowId: string, workflow: Workflow, workspaceId: string): Promise<string> {
  const id = randomUUID();
  await runtime.store.createExecution({
    id,
    workflowId,
    workflowVersion: 1,
    workflow,
    workspaceId,
    status: 'queued',
    input: {},
    createdAt: Date.now(),
    ready: ['in'],
    waiting: [],
    stepCount: 0,
    usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
  });
  return id;
}

async function settled(id: string) {
  for (let i = 0; i < 200; i++) {
    const found = await runtime.store.getExecution(id);
    if (found && ['succeeded', 'failed', 'cancelled'].includes(found.status)) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`execution ${id} did not finish`);
}

describe('crash recovery', () => {
  it("resumes an orphan with its own workspace's credentials", async () => {
    const { principal, scope } = await workspace('owner');
    await runtime.tenancy.credentials.create(principal, {
      name: 'tool-token',
      type: 'http-header',
      value: 'the-token',
    });
    const wf = await runtime.workflows.create(probing, scope);
    const id = await orphan(wf.id, wf.definition, scope.workspaceId);
    expect(await runtime.recover()).toContain(id);
    expect((await settled(id)).output).toEqual({ found: true });
  });

  it("never lets a subworkflow node load another workspace's workflow", async () => {
    const mine = await workspace('mine');
    const theirs = await workspace('theirs');
    const secret = await runtime.workflows.create(probing, theirs.scope);
    const wf = await runtime.workflows.create(calling(secret.id), mine.scope);
    const run = await runtime.workflows.execute(wf.id, {}, mine.scope);
    const result = await run.done;
    expect(result.status).toBe('failed');
    expect(JSON.stringify(result.error)).toContain(secret.id);
    // The same lookup after a crash, through recovery.
    const id = await orphan(wf.id, wf.definition, mine.scope.workspaceId);
    await runtime.recover();
    expect((await settled(id)).status).toBe('failed');
  });
});
