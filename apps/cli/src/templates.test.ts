/**
 * `agentflow templates list|show|install|publish` against a real `agentflow start` on 127.0.0.1 (embedded
 * PGlite), through @agentflow/client with an API key from the environment.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import { type TestIo, testIo } from './test-support/io.js';

const dataDir = mkdtempSync(join(tmpdir(), 'agentflow-templates-'));

describe('agentflow templates (against agentflow start)', () => {
  let server: TestIo;
  let running: Promise<number>;
  let url: string;
  let apiKey: string;
  let access: string;

  beforeAll(async () => {
    server = testIo({ cwd: dataDir, env: { LOG_LEVEL: 'warn' } });
    running = main(['start', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir], server);
    const deadline = Date.now() + 60_000;
    while (!/listening on (http:\/\/\S+)/.test(server.out())) {
      if (Date.now() > deadline) throw new Error(`not started: ${server.out()} ${server.err()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    url = /listening on (http:\/\/[\d.:]+)/.exec(server.out())![1]!;
    // The first account owns a new workspace; it makes an API key for the CLI.
    const registered = await fetch(`${url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@cli.test', password: 'correct horse battery staple' }),
    });
    expect(registered.status).toBe(201);
    const cookie = registered.headers.getSetCookie().find((c) => c.startsWith('af_access='))!;
    access = cookie.slice('af_access='.length).split(';')[0]!;
    const key = await api('POST', '/api/v1/api-keys', { name: 'cli' });
    apiKey = (key as { key: string }).key;
  }, 90_000);
  afterAll(async () => {
    server?.interrupt();
    await running;
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function api(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${access}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text === '' ? undefined : JSON.parse(text);
  }

  /** Runs the CLI with the server and key in the environment (as a user would export them). */
  async function cli(args: string[], env: Record<string, string> = {}) {
    const io = testIo({ cwd: dataDir, env: { AGENTFLOW_SERVER: url, AGENTFLOW_API_KEY: apiKey, ...env } });
    const code = await main(['templates', ...args], io);
    return { code, out: io.out(), err: io.err() };
  }

  it('lists the gallery as a table and as JSON, with search, filters, sort and paging', async () => {
    const table = await cli(['list']);
    expect(table.code, table.err).toBe(0);
    const lines = table.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+KIND\s+CATEGORY\s+RATING\s+INSTALLS\s+VISIBILITY$/);
    expect(table.out).toMatch(
      /^gallery-research-team\s+Research team\s+workflow\s+research\s+0\s+built-in$/m,
    );

    const json = await cli(['list', '--json', '--kind', 'agent']);
    expect(json.code).toBe(0);
    const agents = JSON.parse(json.out) as { items: { kind: string }[] };
    expect(agents.items.length).toBeGreaterThan(0);
    expect(agents.items.every((t) => t.kind === 'agent')).toBe(true);

    const searched = JSON.parse((await cli(['list', '--json', '--search', 'RESEARCH TEAM'])).out) as {
      items: { id: string }[];
    };
    expect(searched.items.map((t) => t.id)).toContain('gallery-research-team');

    const first = await cli(['list', '--limit', '2', '--kind', 'workflow']);
    const cursor = /more: --cursor (\S+)/.exec(first.out)?.[1];
    expect(cursor).toBeTruthy();
    const second = JSON.parse(
      (await cli(['list', '--json', '--limit', '2', '--kind', 'workflow', '--cursor', cursor!])).out,
    ) as {
      items: { id: string }[];
    };
    const firstIds = JSON.parse(
      (await cli(['list', '--json', '--limit', '2', '--kind', 'workflow'])).out,
    ) as {
      items: { id: string }[];
    };
    expect(second.items).toHaveLength(2);
    expect(second.items.map((t) => t.id)).not.toContain(firstIds.items[0]!.id);

    const none = await cli(['list', '--search', 'no template is called this']);
    expect(none).toMatchObject({ code: 0, out: 'no templates\n' });
  });

  it('refuses bad input with a clear message and exit 2; a bad key or server with exit 1', async () => {
    const sort = await cli(['list', '--sort', 'loudest']);
    expect(sort.code).toBe(2);
    expect(sort.err).toContain('--sort loudest: expected one of popular, rating, new, name');
    const limit = await cli(['list', '--limit', '0']);
    expect(limit.code).toBe(2);
    expect(limit.err).toContain('--limit 0');
    const missing = await cli(['show', 'no-such-template']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('template no-such-template not found');

    const noKey = await cli(['list'], { AGENTFLOW_API_KEY: '' });
    expect(noKey.code).toBe(2);
    expect(noKey.err).toContain('AGENTFLOW_API_KEY');
    const badKey = await cli(['list', '--api-key', 'af_not_a_real_key']);
    expect(badKey.code).toBe(1);
    expect(badKey.err).toContain('AF_UNAUTHENTICATED');
    const badUrl = await cli(['list', '--server', 'ftp://127.0.0.1']);
    expect(badUrl.code).toBe(2);
    const closed = await cli(['list', '--server', 'http://127.0.0.1:9']);
    expect(closed.code).toBe(1);
    expect(closed.err).toContain('cannot reach the server');
  });

  it('shows a template by id or by the slug of its name', async () => {
    const bySlug = await cli(['show', 'research-team']);
    expect(bySlug.code, bySlug.err).toBe(0);
    expect(bySlug.out).toContain('Research team');
    expect(bySlug.out).toMatch(/^id\s+gallery-research-team$/m);
    expect(bySlug.out).toMatch(/openai: openai \(optional\)/);
    expect(bySlug.out).toContain('offline script  yes');
    expect(bySlug.out).toContain('install: agentflow templates install gallery-research-team');
    const byId = JSON.parse((await cli(['show', 'gallery-research-team', '--json'])).out) as {
      id: string;
      versions: unknown[];
      reviews: unknown[];
    };
    expect(byId.id).toBe('gallery-research-team');
    expect(byId.versions.length).toBeGreaterThan(0);
    // The slug of the beginning of a name, or of the end of an id.
    const prefix = JSON.parse((await cli(['show', 'sql-analyst', '--json'])).out) as { id: string };
    expect(prefix.id).toBe('gallery-sql-analyst');
    const idSuffix = JSON.parse((await cli(['show', 'map-over-list', '--json'])).out) as { id: string };
    expect(idSuffix.id).toBe('gallery-map-over-list');
  });

  it('rates a template, again replacing the rating', async () => {
    const rated = await cli(['rate', 'research-team', '4', '--review', 'Clear briefs']);
    expect(rated).toMatchObject({ code: 0, out: 'rated "Research team" 4/5; now ★ 4.0 (1)\n' });
    const again = JSON.parse((await cli(['rate', 'gallery-research-team', '2', '--json'])).out);
    expect(again).toEqual({ rating: 2, ratingCount: 1, myRating: 2 });
    const shown = await cli(['show', 'research-team']);
    expect(shown.out).toMatch(/^rating\s+★ 2\.0 \(1\)$/m);
    const bad = await cli(['rate', 'research-team', '6']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('stars 6: expected a whole number from 1 to 5');
  });

  it('installs a gallery template only once its targets are confirmed, and prints the workflow id', async () => {
    const unconfirmed = await cli(['install', 'research-team', '--name', 'My research']);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.err).toContain('reaches outside AgentFlow');
    expect(unconfirmed.err).toMatch(/model \S+\/\S+/);
    expect(unconfirmed.err).toContain('--yes');

    const installed = await cli(['install', 'research-team', '--name', 'My research', '--yes']);
    expect(installed.code, installed.err).toBe(0);
    const id = installed.out.trim();
    expect(id).toMatch(/^\S+$/);
    expect(installed.err).toContain('installed "Research team" as workflow "My research"');
    const workflow = (await api('GET', `/api/v1/workflows/${id}`)) as { name: string };
    expect(workflow.name).toBe('My research');

    const badMapping = await cli(['install', 'gallery-research-team', '--credential', 'nokey=x', '--yes']);
    expect(badMapping.code).toBe(2);
    expect(badMapping.err).toContain('credentials.nokey');
    const malformed = await cli(['install', 'gallery-research-team', '--credential', 'justakey']);
    expect(malformed.code).toBe(2);
    expect(malformed.err).toContain('--credential justakey: expected key=credential-name');
  });

  it('publishes a workflow file and a server workflow as templates, maps credentials at install', async () => {
    const file = join(dataDir, 'greeter.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'Greeter',
        description: 'Says hello',
        agents: [
          { id: 'in', type: 'input' },
          {
            id: 'bot',
            type: 'agent',
            config: { provider: 'openai', model: 'gpt-4o-mini', prompt: 'Greet {{input.name}}' },
          },
          { id: 'out', type: 'output' },
        ],
        connections: [
          { id: 'a', sourceAgentId: 'in', targetAgentId: 'bot' },
          { id: 'b', sourceAgentId: 'bot', targetAgentId: 'out' },
        ],
      }),
    );
    const published = await cli([
      'publish',
      'greeter.json',
      '--category',
      'cli-test',
      '--tags',
      'greeting, demo',
      '--needs',
      'llm=openai',
      '--sample-input',
      '{"name": "Ada"}',
    ]);
    expect(published.code, published.err).toBe(0);
    const templateId = published.out.trim();
    expect(published.err).toContain('published "Greeter" (version 1, workspace)');
    const shown = JSON.parse((await cli(['show', templateId, '--json'])).out) as Record<string, unknown>;
    expect(shown).toMatchObject({
      name: 'Greeter',
      description: 'Says hello',
      category: 'cli-test',
      tags: ['greeting', 'demo'],
      credentials: [{ key: 'llm', type: 'openai', optional: false }],
      sampleInput: { name: 'Ada' },
      visibility: 'workspace',
    });
    const listed = await cli(['list', '--category', 'cli-test']);
    expect(listed.out).toMatch(
      new RegExp(`${templateId}\\s+Greeter\\s+workflow\\s+cli-test\\s+0\\s+workspace`),
    );

    // The required credential is not in the workspace: refused at its key.
    const unmapped = await cli(['install', templateId, '--yes']);
    expect(unmapped.code).toBe(2);
    expect(unmapped.err).toContain('credentials.llm: create a credential of type openai first');
    await api('POST', '/api/v1/credentials', {
      name: 'team-key',
      type: 'openai',
      value: 'value-0123456789abcdef',
    });
    const wrongName = await cli(['install', templateId, '--credential', 'llm=other', '--yes']);
    expect(wrongName.code).toBe(2);
    expect(wrongName.err).toContain('credentials.llm: no credential named other of type openai');
    const installed = await cli(['install', templateId, '--credential', 'llm=team-key', '--yes']);
    expect(installed.code, installed.err).toBe(0);
    expect(installed.err).toContain('credentials: llm=team-key');
    const workflowId = installed.out.trim();

    // A new version from the installed workflow on the server (by id).
    const updated = await cli([
      'publish',
      workflowId,
      '--update',
      templateId,
      '--needs',
      'llm=openai',
      '--changelog',
      'from the server',
    ]);
    expect(updated.code, updated.err).toBe(0);
    expect(updated.err).toContain('updated "Greeter" (version 2, workspace)');
    const versions = (
      JSON.parse((await cli(['show', templateId, '--json'])).out) as {
        versions: { version: number; changelog?: string }[];
      }
    ).versions;
    expect(versions[0]).toMatchObject({ version: 2, changelog: 'from the server' });
    expect(JSON.parse((await cli(['show', templateId, '--json'])).out).downloads).toBe(1);

    // Secrets and bad fields are refused by the server with their paths.
    const leaky = await cli([
      'publish',
      'greeter.json',
      '--description',
      'uses value-0123456789abcdef',
      '--tags',
      'Bad Tag',
    ]);
    expect(leaky.code).toBe(2);
    expect(leaky.err).toContain('tags[0]');
    const secret = await cli(['publish', 'greeter.json', '--description', 'uses value-0123456789abcdef']);
    expect(secret.code).toBe(2);
    expect(secret.err).toMatch(/description: .*credential team-key/);
    const nothing = await cli(['publish', 'no-such-file-or-workflow']);
    expect(nothing.code).toBe(2);
    expect(nothing.err).toContain(
      'no-such-file-or-workflow: neither a file nor a workflow of this workspace',
    );
    // Your own template is not yours to rate (403: exit 1); unpublished, it is gone, the workflow stays.
    const own = await cli(['rate', templateId, '5']);
    expect(own.code).toBe(1);
    expect(own.err).toContain('AF_FORBIDDEN');
    const gone = await cli(['unpublish', templateId]);
    expect(gone).toMatchObject({ code: 0, out: `unpublished ${templateId}\n` });
    expect((await cli(['show', templateId])).code).toBe(2);
    expect(((await api('GET', `/api/v1/workflows/${workflowId}`)) as { id: string }).id).toBe(workflowId);
    const visibility = await cli(['publish', 'greeter.json', '--visibility', 'everyone']);
    expect(visibility.code).toBe(2);
    expect(visibility.err).toContain('--visibility everyone: expected one of workspace, public');
  });
});
