/**
 * The role x route matrix: every declared route (REST and WebSocket) and every GraphQL field, called as each
 * role and anonymously. Expectations come from the route's declared permission and ROLE_PERMISSIONS, so a new
 * route is covered the moment it is added.
 */
import { type Permission, ROLE_PERMISSIONS, ROLES, type Role, type Runtime } from '@agentflow/runtime';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app.js';
import { FIELD_PERMISSIONS } from './graphql/resolvers.js';
import { createTestRuntime } from './test-support/fixtures.js';

type Caller = Role | 'anonymous';
const CALLERS: Caller[] = [...ROLES, 'anonymous'];

function expected(
  caller: Caller,
  permission: Permission | 'authenticated' | 'instance-admin',
): 'allowed' | 401 | 403 {
  if (caller === 'anonymous') return 401;
  if (permission === 'authenticated') return 'allowed';
  // No workspace role makes an instance admin (none of these callers is listed in AGENTFLOW_INSTANCE_ADMINS).
  if (permission === 'instance-admin') return 403;
  return ROLE_PERMISSIONS[caller].has(permission) ? 'allowed' : 403;
}

/** Routes that end the caller's session or membership: the caller signs in again after each. */
const DESTRUCTIVE = new Set([
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/logout-all',
  'DELETE /api/v1/members/me',
]);

/** A concrete URL for a route pattern: ids that exist nowhere (allowed callers get 404 or 400, never data). */
function concrete(url: string): string {
  return url
    .replace(':version', '1')
    .replace(':name', 'matrix-model')
    .replace(/:(\w+)/g, 'matrix-missing');
}

/** A minimal operation for each GraphQL root field (the test fails if a field is missing here). */
const OPERATIONS: Record<string, string> = {
  'Query.workflow': '{ workflow(id: "x") { id } }',
  'Query.workflows': '{ workflows { items { id } } }',
  'Query.execution': '{ execution(id: "x") { id } }',
  'Query.executions': '{ executions { items { id } } }',
  'Query.template': '{ template(id: "x") { id } }',
  'Query.templates': '{ templates { items { id } } }',
  'Query.nodeTypes': '{ nodeTypes { type } }',
  'Query.approvals': '{ approvals { items { executionId } } }',
  'Query.analyticsExecutions': '{ analyticsExecutions(window: "1h") { from } }',
  'Query.analyticsSteps': '{ analyticsSteps(window: "1h") { from } }',
  'Query.analyticsCosts': '{ analyticsCosts { todayUsd } }',
  'Query.workspaceSettings': '{ workspaceSettings { effectiveDefaultModel { provider } } }',
  'Query.budgets': '{ budgets { day { spentUsd } } }',
  'Mutation.setBudget': 'mutation { setBudget(workflowId: "x", input: {}) { day { spentUsd } } }',
  'Mutation.createWorkflow': 'mutation { createWorkflow(input: { name: "m", agents: [] }) { id } }',
  'Mutation.updateWorkflow': 'mutation { updateWorkflow(id: "x", input: { name: "m", agents: [] }) { id } }',
  'Mutation.deleteWorkflow': 'mutation { deleteWorkflow(id: "x") }',
  'Mutation.executeWorkflow': 'mutation { executeWorkflow(id: "x") { executionId } }',
  'Mutation.cancelExecution': 'mutation { cancelExecution(id: "x") }',
  'Mutation.approveExecution': 'mutation { approveExecution(id: "x", agentId: "a") { executionId } }',
  'Mutation.instantiateTemplate': 'mutation { instantiateTemplate(id: "x") { id } }',
  'Query.templateCategories': '{ templateCategories { category } }',
  'Query.templateInstallPreview': '{ templateInstallPreview(id: "x") { digest } }',
  'Mutation.publishTemplate':
    'mutation { publishTemplate(input: { name: "matrix", configSchema: { type: "object" } }) { id } }',
  'Mutation.updateTemplate': 'mutation { updateTemplate(id: "x", input: { name: "matrix" }) { id } }',
  'Mutation.unpublishTemplate': 'mutation { unpublishTemplate(id: "x") }',
  'Mutation.rateTemplate': 'mutation { rateTemplate(id: "x", stars: 3) { ratingCount } }',
  'Mutation.unrateTemplate': 'mutation { unrateTemplate(id: "x") { ratingCount } }',
  'Mutation.installTemplate': 'mutation { installTemplate(id: "x") { id } }',
  'Mutation.rerunExecution': 'mutation { rerunExecution(id: "x") { executionId } }',
  'Mutation.forkExecution': 'mutation { forkExecution(id: "x", nodeId: "a") { executionId } }',
  'Mutation.updateWorkspaceSettings':
    'mutation { updateWorkspaceSettings(input: {}) { effectiveDefaultModel { provider } } }',
};

describe('role x route matrix', () => {
  let runtime: Runtime;
  let app: FastifyInstance;
  let workspaceId: string;
  const tokens = new Map<Caller, string>();
  const password = 'correct horse battery staple';
  const emailOf = (role: Role) => `${role}@matrix.test`;
  const headersOf = (caller: Caller): Record<string, string> =>
    caller === 'anonymous' ? {} : { authorization: `Bearer ${tokens.get(caller)}` };

  async function signIn(role: Role): Promise<void> {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: emailOf(role), password, workspaceId },
    });
    expect(res.statusCode, res.body).toBe(200);
    tokens.set(role, res.cookies.find((c) => c.name === 'af_access')!.value);
  }

  /** After a destructive route: back in the workspace with the same role, with a fresh session. */
  async function restore(caller: Caller): Promise<void> {
    if (caller === 'anonymous') return;
    if (caller !== 'owner') {
      // Members join by invitation: the owner invites, the caller (signed in anywhere) accepts.
      const invited = await app.inject({
        method: 'POST',
        url: '/api/v1/members',
        headers: headersOf('owner'),
        payload: { email: emailOf(caller), role: caller },
      });
      expect(invited.statusCode, invited.body).toBe(202);
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: emailOf(caller), password },
      });
      const access = login.cookies.find((c) => c.name === 'af_access')!.value;
      const accepted = await app.inject({
        method: 'POST',
        url: '/api/v1/invitations/accept',
        headers: { authorization: `Bearer ${access}` },
        payload: { token: (invited.json() as { token: string }).token },
      });
      expect(accepted.statusCode, accepted.body).toBe(200);
    }
    await signIn(caller);
  }

  beforeAll(async () => {
    // Ollama on a closed port: provider routes fail fast instead of reaching a real server.
    runtime = await createTestRuntime({ env: { OLLAMA_BASE_URL: 'http://127.0.0.1:9' } });
    app = await buildServer({ runtime, logger: false, rateLimiter: false });
    // Real accounts through the real auth service: the owner registers, the others join with their role.
    for (const role of ROLES) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: { email: emailOf(role), password },
      });
      expect(res.statusCode, res.body).toBe(201);
      if (role === 'owner') workspaceId = (res.json() as { workspace: { id: string } }).workspace.id;
    }
    await signIn('owner');
    for (const role of ROLES.filter((r) => r !== 'owner')) await restore(role);
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
  });

  it('declares a permission on every REST and WebSocket route', () => {
    const urls = app.agentflow.routes.map((r) => r.url);
    expect(urls).toEqual(
      expect.arrayContaining(['/api/v1/workflows', '/ws/workflows/:id/monitor', '/health']),
    );
    expect(app.agentflow.routes.filter((r) => r.url.startsWith('/api/')).length).toBeGreaterThanOrEqual(20);
    // Only signing in and a shared chat (its unguessable token is the key, issue 19) are open to anyone;
    // everything else under /api and /ws needs a caller.
    const open = app.agentflow.routes.filter(
      (r) => r.permission === 'public' && (r.url.startsWith('/api/') || r.url.startsWith('/ws/')),
    );
    expect(open.map((r) => r.url).sort()).toEqual([
      '/api/v1/auth/login',
      '/api/v1/auth/logout',
      '/api/v1/auth/refresh',
      '/api/v1/auth/register',
      '/api/v1/chat/:token',
      '/api/v1/chat/:token/conversations/:id',
      '/api/v1/chat/:token/messages',
    ]);
  });

  it('lets each role call exactly the REST routes its permissions allow', async () => {
    const guarded = app.agentflow.routes.filter(
      (r): r is typeof r & { permission: Permission | 'authenticated' | 'instance-admin' } =>
        r.permission !== 'public' && r.permission !== 'per-field',
    );
    const failures: string[] = [];
    for (const route of guarded) {
      for (const caller of CALLERS) {
        const res = await app.inject({
          method: route.method as 'GET',
          url: concrete(route.url),
          headers: headersOf(caller),
          ...(route.method === 'POST' || route.method === 'PUT' || route.method === 'PATCH'
            ? { payload: {} }
            : {}),
        });
        const want = expected(caller, route.permission);
        const authorized = res.statusCode !== 401 && res.statusCode !== 403;
        // 502: Ollama unreachable, a provider error after authorization passed.
        const ok =
          want === 'allowed'
            ? authorized && (res.statusCode < 500 || res.statusCode === 502)
            : res.statusCode === want;
        if (!ok) failures.push(`${caller} ${route.method} ${route.url}: ${res.statusCode}, wanted ${want}`);
        if (DESTRUCTIVE.has(`${route.method} ${route.url}`)) await restore(caller);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers public routes the same whoever calls', async () => {
    for (const route of app.agentflow.routes.filter((r) => r.permission === 'public')) {
      const statuses = new Set<number>();
      for (const caller of CALLERS) {
        const res = await app.inject({
          method: route.method as 'GET',
          url: route.url,
          headers: headersOf(caller),
          ...(route.method === 'POST' ? { payload: {} } : {}),
        });
        statuses.add(res.statusCode);
        if (DESTRUCTIVE.has(`${route.method} ${route.url}`)) await restore(caller);
      }
      expect([...statuses], `${route.method} ${route.url}`).toHaveLength(1);
      expect([...statuses][0]).not.toBe(403);
    }
  });

  it('applies the same table to every GraphQL field', async () => {
    const roots = Object.keys(FIELD_PERMISSIONS).filter(
      (f) => f.startsWith('Query.') || f.startsWith('Mutation.'),
    );
    expect(Object.keys(OPERATIONS).sort()).toEqual(roots.sort());
    const failures: string[] = [];
    for (const field of roots) {
      const permission = FIELD_PERMISSIONS[field as keyof typeof FIELD_PERMISSIONS];
      for (const caller of CALLERS) {
        const res = await app.inject({
          method: 'POST',
          url: '/graphql',
          headers: headersOf(caller),
          payload: { query: OPERATIONS[field] },
        });
        const codes = ((res.json() as { errors?: { extensions?: { code?: string } }[] }).errors ?? []).map(
          (e) => e.extensions?.code,
        );
        const want = expected(caller, permission);
        const got = codes.includes('AF_UNAUTHENTICATED')
          ? 401
          : codes.includes('AF_FORBIDDEN')
            ? 403
            : 'allowed';
        if (got !== want || codes.includes('AF_INTERNAL')) {
          failures.push(`${caller} ${field}: ${JSON.stringify(codes)}, wanted ${want}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
