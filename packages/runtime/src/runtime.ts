import { createEngine, type Store, silentLogger } from '@agentflow/core';
import { AgentFlowError } from '@agentflow/protocol';
import {
  createConversationRepository,
  createDeadLetterRepository,
  createNotificationOutboxRepository,
  createScheduleRepository,
  createTriggerFiringRepository,
  createTriggerRepository,
  createWorkspaceSettingsRepository,
  loadPostgresDriver,
  type SqlStore,
} from '@agentflow/store-sql';
import { createEgressGuard, createGuardedFetch } from '@agentflow/tools';
import { alertChannelDelivery, createAlertService } from './alerts/index.js';
import { loadKeyMaterial } from './auth/key-material.js';
import { createSecretBox } from './auth/secret-box.js';
import { createBudgetService } from './budgets.js';
import { createTemplateService } from './catalog.js';
import { composeEngineParts, engineSettings } from './compose.js';
import { loadConfig, processEnv } from './config.js';
import { createDeadLetterService } from './dead-letters.js';
import { createDispatcher, type Dispatcher } from './dispatch.js';
import { createEventFeed } from './distributed.js';
import { installGallery } from './gallery/install.js';
import { createHealthService } from './health.js';
import { createLeaseLoop, type LeaseLoop } from './lease-loop.js';
import { createMcpService } from './mcp.js';
import { createNodeTypeService } from './node-types.js';
import { createNotificationService } from './notifications.js';
import { createOperationsService } from './operations.js';
import { createProviderService } from './providers.js';
import type { Runtime, RuntimeOptions } from './runtime-types.js';
import { createSecurity } from './security.js';
import { createExecutionService, createWorkflowService } from './services.js';
import { currentWorkspaceId } from './tenancy/context.js';
import { assertRunnable } from './tenancy/execution-limit.js';
import { withSmtp } from './tenancy/invitation-mail.js';
import { auditWorkflows, scopeEngine } from './tenancy/scoped-engine.js';
import { startTracing } from './tracing.js';
import { createTriggers } from './triggers/index.js';
import { createWorkspaceSettingsService, withDefaultModel } from './workspace-settings.js';

export type { Runtime, RuntimeOptions } from './runtime-types.js';

export async function createRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const env = options.env ?? processEnv();
  const config = loadConfig(env, options.config);
  const distributed = config.databaseUrl !== undefined;
  const role = options.role ?? 'all';
  if (role !== 'all' && !(distributed && config.redisUrl)) {
    throw new AgentFlowError(
      'AF_VALIDATION',
      `the ${role} role needs DATABASE_URL (PostgreSQL) and REDIS_URL (Redis) set`,
    );
  }
  // Key material first: a bad AGENTFLOW_ENCRYPTION_KEY must stop the start before anything opens.
  const keys = loadKeyMaterial({
    configured: config,
    dataDir: config.dataDir,
    ephemeral: options.inMemory === true,
    ...(options.keyFiles === false ? { keyFiles: false } : {}),
  });
  // Each driver loads only where it is used: an embedded server does not load pg, a distributed one not PGlite.
  const store: SqlStore = distributed
    ? await (await loadPostgresDriver()).createPostgresStore({
        url: config.databaseUrl!,
        ...(config.databaseSchema ? { schema: config.databaseSchema } : {}),
      })
    : await (await import('@agentflow/store-sql/pglite')).createPgliteStore(
        options.inMemory ? { inMemory: true } : { dataDir: config.dataDir },
      );
  const security = createSecurity({
    ...options.security,
    db: store.db,
    keys,
    ...(options.logger ? { logger: options.logger } : {}),
    rateLimit: {
      ...options.security?.rateLimit,
      ...(config.redisUrl && !options.security?.rateLimit?.redisUrl ? { redisUrl: config.redisUrl } : {}),
    },
    // Invitation mail when AGENTFLOW_SMTP_URL is set; otherwise admins see the token.
    invitations: withSmtp(options.security?.invitations, config, options.logger),
    instanceAdmins: options.security?.instanceAdmins ?? config.instanceAdmins,
  });
  if (distributed && (keys.sources.encryption === 'file' || keys.sources.jwt === 'file')) {
    options.logger?.warn(
      'distributed mode with key files in the data directory: set AGENTFLOW_ENCRYPTION_KEY and ' +
        'AGENTFLOW_JWT_SECRET to the same values on every process',
      { dataDir: config.dataDir },
    );
  }
  const { credentials, audit } = security.tenancy;
  // The same engine parts as every CLI command (compose.ts). Model calls go through the egress guard; a
  // workspace's key only to the base URLs it is bound to.
  const parts = composeEngineParts(config, {
    ...(options.models ? { models: options.models } : {}),
    ...(options.tools ? { tools: options.tools } : {}),
    ...(options.nodeTypes ? { nodeTypes: options.nodeTypes } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    // SQL, mail, Slack and Gmail tools: the running execution's workspace credentials, else the instance's.
    toolCredentials: credentials,
    // Workspace credentials first (named like the provider), then the operator's keys.
    resolveKey: (provider) => {
      const workspaceId = currentWorkspaceId();
      return workspaceId === undefined ? undefined : credentials.findProviderKey(workspaceId, provider);
    },
  });
  const models = parts.models;
  const settings = createWorkspaceSettingsService({
    repository: createWorkspaceSettingsRepository(store.db),
    audit,
    instanceDefault: { provider: config.defaultProvider, model: config.defaultModel },
    checkProvider: (provider, model) => void models.capabilities?.(provider, model),
  });
  const budgets = createBudgetService({ store, audit });
  // Loads the OpenTelemetry SDK only when tracing is on.
  const tracing = await startTracing(config, { exporter: options.traceExporter });
  const engine = createEngine({
    store: store as Store,
    // Agents that name no model run on their workspace's default, else the instance's; every call is checked
    // against its workspace's and workflow's budgets with the provider and model that will answer.
    models: withDefaultModel(budgets.guard(models), (workspaceId) => settings.defaultModel(workspaceId)),
    tools: parts.tools,
    nodeTypes: parts.nodeTypes,
    ...(options.logger ? { logger: options.logger } : {}),
    ...engineSettings(config),
    toolApproval: parts.toolApproval,
    ...(tracing ? { tracer: tracing.tracer } : {}),
    // Subworkflows: only the running execution's own workspace (no workspace: a local CLI run).
    workflows: async (id) => {
      const workspaceId = currentWorkspaceId();
      const found = await store.getWorkflow(id, workspaceId === undefined ? {} : { workspaceId });
      // An archived workflow never runs, as a subworkflow neither (a draft does: its parent's run is an editor's).
      if (found) assertRunnable({ workflowId: id, status: found.status, via: 'api' });
      return found?.definition;
    },
    secrets: credentials.secretSource,
  });
  // Executions started, resumed or approved through the services run in their workspace's context.
  const scoped = scopeEngine(engine, store, credentials);
  const deadLetterService = createDeadLetterService(createDeadLetterRepository(store.db), audit);
  // Completion notifications: an outbox row per webhook when an execution this process runs ends.
  const providers = createProviderService(models, config);
  const notificationGuard = createEgressGuard({ allow: config.egressAllow });
  const { deliver = true, ...notificationTuning } = options.notifications ?? {};
  const notifications = createNotificationService({
    outbox: createNotificationOutboxRepository(store.db),
    box: createSecretBox(keys),
    // A redirect is a failed attempt: a signed POST is not replayed elsewhere.
    fetch: createGuardedFetch(notificationGuard, {
      timeoutMs: 30_000,
      maxResponseBytes: 64 * 1024,
      maxRedirects: 0,
    }),
    audit,
    ...(options.logger ? { logger: options.logger } : {}),
    loadExecution: (id) => store.getExecution(id),
    // Alerts' Slack and email rows: the built-in tools, in the row's workspace.
    channels: alertChannelDelivery(parts.tools, options.logger ?? silentLogger),
    ...notificationTuning,
  });
  const { evaluate = true, ...alertTuning } = options.alerts ?? {};
  const alerts = createAlertService({
    store,
    audit,
    evaluator: {
      evalEveryMs: config.alertIntervalMs,
      ...(options.logger ? { logger: options.logger } : {}),
      ...alertTuning,
    },
  });
  if (evaluate) alerts.evaluator.start();
  engine.on('event', (event) => {
    if (event.type !== 'execution.completed') return;
    store
      .getExecution(event.executionId)
      .then((record) => (record ? notifications.enqueue(record) : 0))
      .catch((error) =>
        options.logger?.error('notification enqueue failed', {
          executionId: event.executionId,
          error: String(error),
        }),
      );
  });
  if (deliver) notifications.start();
  // The built-in template gallery (issue 16): public templates that run offline with their scripts.
  await installGallery(store);
  // The embedded store has one writer, this process, so its workflow reads can be cached (services.ts).
  const workflowCacheMs = store.driver === 'pglite' ? 2_000 : 0;
  const events = await createEventFeed(config, engine, role, options.logger);
  // API and worker roles share work through the queue; `all` runs what it starts, as one process does.
  const dispatcher: Dispatcher | undefined =
    role === 'all'
      ? undefined
      : createDispatcher({
          config,
          store,
          engine: scoped,
          events,
          ...(options.logger ? { logger: options.logger } : {}),
          ...(tracing ? { tracer: tracing.tracer } : {}),
          deadLetters: deadLetterService,
        });
  const dispatch = dispatcher ? { dispatch: dispatcher } : {};
  const workflows = auditWorkflows(
    createWorkflowService(store, scoped, {
      cacheMs: workflowCacheMs,
      ...dispatch,
      gate: security.executionGate,
    }),
    audit,
  );
  const triggers = createTriggers({
    triggers: createTriggerRepository(store.db, store.raw),
    firings: createTriggerFiringRepository(store.db),
    schedules: createScheduleRepository(store.db),
    conversations: createConversationRepository(store.db),
    box: createSecretBox(keys),
    audit,
    limiter: security.rateLimiter,
    workflows,
    statusOf: async (id) => (await store.getExecution(id))?.status,
    load: (id) => store.getExecution(id),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.triggers ? { options: options.triggers } : {}),
  });
  // Workflow events: an execution this process ran ended; its workflow's event triggers start theirs.
  engine.on('event', (event) => {
    if (event.type !== 'execution.completed') return;
    store
      .getExecution(event.executionId)
      .then((record) => (record ? triggers.onExecutionCompleted(record) : 0))
      .catch((error) =>
        options.logger?.error('workflow event trigger failed', {
          executionId: event.executionId,
          error: String(error),
        }),
      );
  });
  if (options.triggers?.schedules !== false) {
    triggers.schedules.start();
    triggers.events.start();
  }
  let closed: Promise<void> | undefined;
  /** A `recover` in progress: `close` lets it finish (its statements need the store, which close ends). */
  let recovering: Promise<unknown> | undefined;
  /** Started by the first `recover` that resumes, in a process without a queue (see `recover`). */
  let sweeper: LeaseLoop | undefined;
  const recoverNow = async (recoverOptions: { resume?: boolean }) => {
    if (!distributed) {
      // This process holds the data directory's lock, so any lease in it belongs to a process that died.
      await store.releaseAllLeases();
    }
    if (config.retentionDays > 0) {
      await store.pruneExecutions(Date.now() - config.retentionDays * 86_400_000);
    }
    if (recoverOptions.resume === false) return store.listOrphans();
    // Orphans go to the queue, for whichever worker is free.
    if (dispatcher) return dispatcher.requeueOrphans();
    return scoped.recoverOrphans();
  };
  return {
    config,
    mode: distributed ? 'distributed' : 'embedded',
    role,
    store,
    engine,
    models,
    workflows,
    operations: createOperationsService({
      store: store as Store,
      engine: scoped,
      gate: security.executionGate,
      ...dispatch,
      workflowOf: async (workflowId, scope) =>
        store.getWorkflow(
          workflowId,
          scope.workspaceId === undefined ? {} : { workspaceId: scope.workspaceId },
        ),
    }),
    executions: createExecutionService(store, scoped, {
      ...dispatch,
      gate: security.executionGate,
      statusOf: async (workflowId, scope) =>
        (
          await store.getWorkflow(
            workflowId,
            scope.workspaceId === undefined ? {} : { workspaceId: scope.workspaceId },
          )
        )?.status,
    }),
    templates: createTemplateService(store, workflows, {
      instanceAdmins: config.instanceAdmins,
      audit,
      credentials: {
        list: (workspaceId) => security.repos.credentials.listCredentials(workspaceId),
        reveal: (workspaceId, name) => credentials.resolveSecret(workspaceId, name, 'template:publish-check'),
      },
    }),
    nodeTypes: createNodeTypeService(engine),
    providers,
    tools: parts.tools,
    settings,
    budgets,
    notifications,
    alerts,
    queueCounts: async () => dispatcher?.counts(),
    triggers,
    deadLetters: {
      list: (principal) => deadLetterService.list(principal),
      async retry(principal, id, meta) {
        // Only a queue-backed process can put it back (dead letters arise in distributed mode only).
        if (!dispatcher) {
          throw new AgentFlowError('AF_CONFLICT', 'dead letters are retried by a distributed (api) process');
        }
        return deadLetterService.retry(principal, id, (executionId) => dispatcher.requeue(executionId), meta);
      },
    },
    mcp: createMcpService(workflows),
    health: createHealthService(store),
    tracing,
    auth: security.auth,
    tenancy: security.tenancy,
    rateLimiter: security.rateLimiter,
    executionGate: security.executionGate,
    recover(recoverOptions = {}) {
      const run = recoverNow(recoverOptions);
      recovering = run.catch(() => {});
      // The process that takes up orphans at start runs them. Without a queue (a queue's workers have their
      // orphan sweep), it also takes up, every lease time to live, the running executions whose lease expired
      // here: a store failure (a lost connection, a full disk) interrupted them, and they would otherwise show
      // `running` until the next start. `recoverOrphans` claims each and fails one taken up too often without a
      // committed step, so a commit that keeps failing does not re-run its step forever. Queued executions are
      // left to whoever queued them (a request starting one must not race the sweep).
      if (recoverOptions.resume !== false && !dispatcher && !closed && !sweeper) {
        sweeper = createLeaseLoop({
          name: 'recovery sweep',
          claim: () => scoped.recoverOrphans({ statuses: ['running'] }),
          handle: async (ids) => ids.length,
          pollMs: config.leaseTtlMs,
          ...(options.logger ? { logger: options.logger } : {}),
        });
        sweeper.start();
      }
      return run;
    },
    onEvent: (listener) => events.on(listener),
    work(workOptions) {
      if (role !== 'worker' || !dispatcher) {
        throw new AgentFlowError('AF_VALIDATION', `a runtime with the ${role} role does not run queued work`);
      }
      return dispatcher.work(workOptions);
    },
    close() {
      closed ??= (async () => {
        await sweeper?.stop();
        await recovering;
        // Stop taking queued work, interrupt what runs (it is checkpointed and given back to the queue).
        if (dispatcher) await dispatcher.close(() => engine.close());
        await triggers.schedules.stop();
        await triggers.events.stop();
        await engine.close();
        // Write this process's budget spend and give back its unused leases while the store is open.
        await budgets.close().catch(() => {});
        await events.close();
        await alerts.evaluator.stop();
        await notifications.stop();
        await notificationGuard.close();
        await providers.close();
        await parts.close();
        await security.close();
        await store.close();
        await tracing?.shutdown();
      })();
      return closed;
    },
  };
}
