/**
 * Canary secrets: a credential with a unique value is created and used for real (as the OpenAI key of an agent
 * node talking to a fake OpenAI server that accepts only that key, and through the engine's SecretSource), then
 * every service is exercised. The value must never appear in any return value, error, event, log line, audit
 * record, or anywhere in the database in plaintext.
 */
import { randomBytes } from 'node:crypto';
import { defineNodeType } from '@agentflow/core';
import type { AgentFlowEvent } from '@agentflow/protocol';
import { type FakeProviderServer, startFakeOpenAI } from '@agentflow/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRuntime, type Runtime } from '../runtime.js';
import { captureLogger, uniqueEmail } from '../test-support/security-fixture.js';

const CANARY = `sk-canary-${randomBytes(16).toString('hex')}`;
const TOOL_CANARY = `tool-canary-${randomBytes(16).toString('hex')}`;

/** Reads a secret through ctx.secrets and reports only whether it matched (never the value). */
const secretProbe = defineNodeType({
  type: 'secret-probe',
  configSchema: z.object({ name: z.string() }),
  run: ({ config, context }) => {
    const value = context.secrets.get(config.name);
    context.logger.info('probe ran', { found: value !== undefined });
    return { found: value !== undefined, matches: value === TOOL_CANARY, length: value?.length ?? 0 };
  },
});

const definition = {
  name: 'canary',
  agents: [
    { id: 'in', type: 'input', config: {} },
    { id: 'bot', type: 'agent', config: { provider: 'openai', model: 'gpt-test', prompt: 'Say hi' } },
    { id: 'probe', type: 'secret-probe', config: { name: 'tool-token' } },
  ],
  connections: [
    { id: 'c1', sourceAgentId: 'in', targetAgentId: 'bot' },
    { id: 'c2', sourceAgentId: 'bot', targetAgentId: 'probe' },
  ],
};

let fake: FakeProviderServer;
let runtime: Runtime;
const logger = captureLogger();
const events: AgentFlowEvent[] = [];
const seen: unknown[] = [];
const keep = <T>(value: T): T => {
  seen.push(value);
  return value;
};

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: CANARY });
  fake.setDefault({ text: 'hi there' });
  runtime = await createRuntime({
    inMemory: true,
    env: { OPENAI_BASE_URL: fake.baseURL },
    logger,
    nodeTypes: [secretProbe],
  });
  runtime.engine.on('event', (e) => events.push(e));
});
afterAll(async () => {
  await runtime?.close();
  await fake?.close();
});

describe('canary secrets', () => {
  it('are used where they belong and never appear in results, errors, events, logs, audit or the database', async () => {
    const auth = runtime.auth;
    const t = runtime.tenancy;
    const email = uniqueEmail('canary');
    const reg = keep(await auth.register({ email, password: 'canary-password-1' }));
    const owner = keep(await auth.authenticateToken(reg.tokens.accessToken));
    const scope = { workspaceId: owner.workspaceId, userId: owner.userId };

    keep(await t.credentials.create(owner, { name: 'openai', type: 'openai', value: CANARY }));
    keep(await t.credentials.create(owner, { name: 'tool-token', type: 'http-header', value: TOOL_CANARY }));
    keep(
      await t.credentials.create(owner, { name: 'openai', type: 'openai', value: CANARY }).catch((e) => e),
    );
    keep(await t.credentials.create(owner, { name: 'bad name!', type: 'x', value: CANARY }).catch((e) => e));

    // Used for real: the fake server answers only requests carrying the canary key.
    const wf = keep(await runtime.workflows.create(definition, scope));
    const run = await runtime.workflows.execute(wf.id, { q: 1 }, scope);
    const result = keep(await run.done);
    expect(result.status).toBe('succeeded');
    expect(fake.modelRequests()).toHaveLength(1);
    expect(fake.modelRequests()[0]!.headers.authorization).toBe(`Bearer ${CANARY}`);
    const detail = keep(await runtime.executions.detail(run.executionId, scope));
    const probe = detail.steps.find((s) => s.agentId === 'probe');
    expect(probe?.output).toEqual({ found: true, matches: true, length: TOOL_CANARY.length });

    // Another workspace cannot use these credentials: its run has no key at all.
    const other = keep(await auth.register({ email: uniqueEmail('other'), password: 'other-password-1' }));
    const otherScope = { workspaceId: other.workspace.id, userId: other.user.id };
    const wf2 = keep(await runtime.workflows.create(definition, otherScope));
    const run2 = await runtime.workflows.execute(wf2.id, {}, otherScope);
    const failed = keep(await run2.done);
    expect(failed.status).toBe('failed');
    expect(JSON.stringify(failed)).toContain('AF_PROVIDER_NOT_CONFIGURED');
    expect(fake.modelRequests()).toHaveLength(1);

    // Every other service.
    keep(await auth.me(owner));
    const login = keep(await auth.login({ email, password: 'canary-password-1' }, { ip: '127.0.0.1' }));
    keep(await auth.login({ email, password: CANARY }, { ip: '127.0.0.1' }).catch((e) => e));
    keep(await auth.refresh(login.tokens.refreshToken));
    keep(await t.credentials.list(owner));
    keep(await t.members.list(owner));
    keep(await t.workspaces.list(owner));
    keep(await t.workspaces.get(owner, owner.workspaceId));
    const key = keep(await t.apiKeys.create(owner, { name: 'ci' }));
    keep(await t.apiKeys.list(owner));
    const keyPrincipal = keep(await auth.authenticateApiKey(key.key));
    keep(await t.credentials.list(keyPrincipal));
    keep(await runtime.executions.list(scope));
    keep(await runtime.workflows.get(wf.id, scope));
    const creds = await t.credentials.list(owner);
    keep(await t.credentials.update(owner, creds.find((c) => c.name === 'tool-token')!.id, TOOL_CANARY));
    keep(await t.credentials.remove(owner, creds.find((c) => c.name === 'openai')!.id));
    keep(await runtime.workflows.remove(wf.id, scope));
    const audit = keep(await t.audit.list(owner, { limit: 500 }));
    expect(audit.items.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'credential.create',
        'credential.use',
        'credential.update',
        'credential.delete',
        'workflow.execute',
        'workflow.delete',
        'auth.login',
        'apikey.create',
      ]),
    );

    // The database, every table, as text (bytea as latin1).
    const tables = (await runtime.store.db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public'`,
    )) as unknown as { rows: { table_name: string }[] };
    const dump: string[] = [];
    for (const { table_name } of tables.rows) {
      const rows = (await runtime.store.db.execute(sql.raw(`select * from "${table_name}"`))) as unknown as {
        rows: Record<string, unknown>[];
      };
      for (const row of rows.rows) {
        for (const v of Object.values(row)) {
          dump.push(v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : (JSON.stringify(v) ?? ''));
        }
      }
    }
    expect(dump.join('\n').length).toBeGreaterThan(1000);

    const haystacks: Record<string, string> = {
      returns: JSON.stringify(seen, (_k, v) => (v instanceof Error ? { ...v, message: v.message } : v)),
      errors: seen
        .filter((v): v is Error => v instanceof Error)
        .map((e) => `${e.message} ${e.stack}`)
        .join('\n'),
      events: JSON.stringify(events),
      logs: logger.lines.join('\n'),
      audit: JSON.stringify(audit),
      database: dump.join('\n'),
    };
    expect(events.length).toBeGreaterThan(3);
    expect(logger.lines.length).toBeGreaterThan(0);
    for (const [where, text] of Object.entries(haystacks)) {
      expect(text.includes(CANARY), `canary in ${where}`).toBe(false);
      expect(text.includes(TOOL_CANARY), `tool canary in ${where}`).toBe(false);
    }
  });
});
