/**
 * Test fixtures: one in-memory runtime (real PGlite) per test file, two workspaces with a user of every role,
 * and a table-driven AuthPort where each token stands for one of them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createRuntime,
  type Principal,
  ROLES,
  type Role,
  type Runtime,
  type RuntimeOptions,
} from '@agentflow/runtime';
import { schema } from '@agentflow/store-sql';
import { createScriptedProvider, type ScriptRule } from '@agentflow/testing';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildServer } from '../app.js';
import { createStaticAuth } from '../auth-port.js';

export const WS1 = 'ws-one';
export const WS2 = 'ws-two';

/** `token(role)` authenticates as that role in WS1; `token(role, WS2)` in WS2. */
export function token(role: Role, workspaceId = WS1): string {
  return `tok-${workspaceId}-${role}`;
}

export function principal(role: Role, workspaceId = WS1): Principal {
  return { kind: 'user', userId: `user-${workspaceId}-${role}`, workspaceId, role, plan: 'pro' };
}

export const auth = createStaticAuth(
  Object.fromEntries(
    [WS1, WS2].flatMap((ws) => ROLES.map((role) => [token(role, ws), principal(role, ws)] as const)),
  ),
);

export function bearer(role: Role, workspaceId = WS1): Record<string, string> {
  return { authorization: `Bearer ${token(role, workspaceId)}` };
}

/** A model that greets: replies "Hello, <name>!" to prompts "Greet <name>". */
export const greetRules: ScriptRule[] = [
  {
    when: (r) => r.messages.some((m) => m.role === 'user' && m.content.startsWith('Greet ')),
    reply: (r) => {
      const last = r.messages.filter((m) => m.role === 'user').at(-1);
      const name = String(last?.content ?? '').slice('Greet '.length);
      return { text: `Hello, ${name}!`, tokens: 3 };
    },
  },
];

export async function createTestRuntime(
  options: {
    rules?: ScriptRule[];
    env?: Record<string, string>;
    security?: RuntimeOptions['security'];
    /** Use the runtime's configured model providers (behind the egress guard) instead of a scripted one. */
    configuredModels?: boolean;
    /** Trigger options (issue 19): the schedule loop, its clock. */
    triggers?: RuntimeOptions['triggers'];
    /** Alert evaluation (issue 17): whether this process evaluates, its clock. */
    alerts?: RuntimeOptions['alerts'];
    /** Notification delivery: whether this process delivers, its clock and backoff. */
    notifications?: RuntimeOptions['notifications'];
    /**
     * The embedded store in this data directory, as `agentflow start` opens it, instead of in memory. (In memory,
     * Emscripten's file system copies a whole file each time it grows past 1 MB by 12.5%: not what users run.)
     */
    dataDir?: string;
  } = {},
): Promise<Runtime> {
  const models = options.configuredModels
    ? undefined
    : createScriptedProvider({ rules: options.rules ?? greetRules });
  const runtime = await createRuntime({
    ...(options.dataDir ? { config: { dataDir: options.dataDir } } : { inMemory: true }),
    ...(models ? { models } : {}),
    env: options.env ?? {},
    ...(options.security ? { security: options.security } : {}),
    ...(options.triggers ? { triggers: options.triggers } : {}),
    ...(options.alerts ? { alerts: options.alerts } : {}),
    ...(options.notifications ? { notifications: options.notifications } : {}),
  });
  await runtime.store.db
    .insert(schema.users)
    .values(
      [WS1, WS2].flatMap((ws) =>
        ROLES.map((role) => ({ id: principal(role, ws).userId, email: `${role}@${ws}.test` })),
      ),
    );
  // On the plan the principals below carry (the per-workspace execution limit reads it from here).
  await runtime.store.db.insert(schema.workspaces).values([
    { id: WS1, name: 'one', plan: 'pro' },
    { id: WS2, name: 'two', plan: 'pro' },
  ]);
  return runtime;
}

/** A server on the runtime with the token table above (no rate limits: tests send many requests). */
export async function createTestServer(runtime: Runtime): Promise<FastifyInstance> {
  const app = await buildServer({
    runtime,
    auth,
    rateLimiter: false,
    logger: process.env.AF_TEST_LOG ? { level: 'error' } : false,
  });
  await app.ready();
  return app;
}

export interface TestServer {
  runtime: Runtime;
  app: FastifyInstance;
}

/**
 * The runtime and server of one test file: opened (then `setup`) before its tests, closed after them. The
 * fields are filled in `beforeAll`: read them inside tests and hooks.
 */
export function useTestServer(
  setup?: (t: TestServer) => Promise<void>,
  options: { onDisk?: boolean } = {},
): TestServer {
  const t = {} as TestServer;
  let dataDir: string | undefined;
  beforeAll(async () => {
    if (options.onDisk) dataDir = mkdtempSync(join(tmpdir(), 'af-server-test-'));
    t.runtime = await createTestRuntime(dataDir ? { dataDir } : {});
    t.app = await createTestServer(t.runtime);
    await setup?.(t);
  });
  afterAll(async () => {
    await t.app?.close();
    await t.runtime?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  return t;
}

/** input -> agent (greets input.name) -> output. */
export function greetWorkflow(name = 'greeter') {
  return {
    name,
    agents: [
      {
        id: 'in',
        type: 'input',
        config: { schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } },
      },
      {
        id: 'bot',
        type: 'agent',
        config: { provider: 'openai', model: 'gpt-test', prompt: 'Greet {{input.name}}' },
      },
      { id: 'out', type: 'output' },
    ],
    connections: [
      { id: 'in-bot', sourceAgentId: 'in', targetAgentId: 'bot' },
      { id: 'bot-out', sourceAgentId: 'bot', targetAgentId: 'out' },
    ],
  };
}

/** input -> human approval (schema: {approved: boolean}) -> output. */
export function approvalWorkflow() {
  return {
    name: 'approval',
    agents: [
      { id: 'in', type: 'input' },
      {
        id: 'review',
        type: 'human',
        config: {
          prompt: 'Approve?',
          schema: {
            type: 'object',
            properties: { approved: { type: 'boolean' } },
            required: ['approved'],
            additionalProperties: false,
          },
        },
      },
      { id: 'out', type: 'output' },
    ],
    connections: [
      { id: 'in-review', sourceAgentId: 'in', targetAgentId: 'review' },
      { id: 'review-out', sourceAgentId: 'review', targetAgentId: 'out' },
    ],
  };
}

export function json<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  return response.json() as T;
}

/** Polls an execution over the API until its status is one of `statuses`. */
export async function waitForStatus(
  app: FastifyInstance,
  executionId: string,
  statuses: string[],
  headers = bearer('viewer'),
  timeoutMs = 10_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await app.inject({ method: 'GET', url: `/api/v1/executions/${executionId}`, headers });
    const body = res.json() as { execution: { status: string } };
    if (res.statusCode === 200 && statuses.includes(body.execution.status)) return body;
    if (Date.now() > deadline) throw new Error(`execution ${executionId} stayed ${body.execution?.status}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
