/**
 * What `createRuntime` takes and gives (runtime.ts composes it): the options of one AgentFlow process and the
 * services it exposes to the server, the CLI and embedders.
 */
import type {
  AnyNodeType,
  Engine,
  EventListener,
  Logger,
  ModelProvider,
  QueueCounts,
  ToolHost,
} from '@agentflow/core';
import type { SqlStore } from '@agentflow/store-sql';
import type { AlertEvaluatorOptions, AlertService } from './alerts/index.js';
import type { Principal } from './auth/permissions.js';
import type { RateLimiter } from './auth/rate-limit.js';
import type { AuthService } from './auth/service.js';
import type { BudgetService } from './budgets.js';
import type { TemplateService } from './catalog.js';
import type { RuntimeConfig } from './config.js';
import type { DeadLetter } from './dead-letters.js';
import type { WorkerLoop, WorkOptions } from './dispatch.js';
import type { RuntimeRole } from './distributed.js';
import type { HealthService } from './health.js';
import type { McpService } from './mcp.js';
import type { NodeTypeService } from './node-types.js';
import type { NotificationOptions, NotificationService } from './notifications.js';
import type { OperationsService } from './operations.js';
import type { ProviderService } from './providers.js';
import type { SecurityOptions, TenancyServices } from './security.js';
import type { ExecutionService, WorkflowService } from './services.js';
import type { RequestMeta } from './tenancy/audit.js';
import type { ExecutionGate } from './tenancy/execution-limit.js';
import type { RuntimeTracing } from './tracing.js';
import type { TriggerOptions, Triggers } from './triggers/index.js';
import type { WorkspaceSettingsService } from './workspace-settings.js';

export interface RuntimeOptions {
  /** Overrides for the configuration read from `env`. */
  config?: Partial<RuntimeConfig>;
  env?: Record<string, string | undefined>;
  /** Open the embedded store in memory (tests). */
  inMemory?: boolean;
  nodeTypes?: AnyNodeType[];
  /** Replaces the configured model providers (scripted or replayed providers, for instance). */
  models?: ModelProvider;
  tools?: ToolHost;
  logger?: Logger;
  /** Options of the auth and tenancy services (token lifetimes, login limits, caches...). */
  security?: Omit<SecurityOptions, 'db' | 'keys' | 'logger'>;
  /** What this process does in distributed mode (distributed.ts). (Default: 'all') */
  role?: RuntimeRole;
  /**
   * Completion notifications (notifications.ts): `deliver: false` leaves delivery to other processes; the rest
   * tunes retries (tests shorten the delays). (Default: this process delivers, 5 attempts, 30 s base delay)
   */
  notifications?: { deliver?: boolean } & Partial<
    Pick<NotificationOptions, 'now' | 'maxAttempts' | 'baseDelayMs' | 'pollMs' | 'lockMs' | 'timeoutMs'>
  >;
  /**
   * Key files in the data directory may be read and generated when no key is configured. `false` (the CLI on
   * PostgreSQL): `AGENTFLOW_ENCRYPTION_KEY` must be set, nothing is written (key-material.ts). (Default: true)
   */
  keyFiles?: boolean;
  /** Triggers (issue 19): whether this process runs the schedule loop, its clock and timings. */
  triggers?: TriggerOptions;
  /** Built-in alerts: `evaluate: false` leaves evaluation to other processes; the clock and timings (tests). */
  alerts?: { evaluate?: boolean } & Partial<Omit<AlertEvaluatorOptions, 'store' | 'logger'>>;
  /**
   * An OpenTelemetry SDK `SpanExporter` (tests: `InMemorySpanExporter`): tracing on, spans exported to it as they
   * end. (Default: the OTLP/HTTP exporter when `OTEL_EXPORTER_OTLP_ENDPOINT` is set, else tracing off)
   */
  traceExporter?: unknown;
}

/**
 * The one composition root: configuration -> adapters -> engine -> app services. The server, the worker and
 * the CLI all start here, so they behave the same.
 */
export interface Runtime {
  readonly config: RuntimeConfig;
  readonly mode: 'embedded' | 'distributed';
  readonly role: RuntimeRole;
  readonly store: SqlStore;
  readonly engine: Engine;
  readonly models: ModelProvider;
  readonly workflows: WorkflowService;
  readonly executions: ExecutionService;
  /** Re-run and fork, approvals inbox, monitoring aggregates, cost (issue 14). */
  readonly operations: OperationsService;
  readonly templates: TemplateService;
  /** The registered node types with their config JSON Schemas. */
  readonly nodeTypes: NodeTypeService;
  /** Model providers, their capabilities, and Ollama management. */
  readonly providers: ProviderService;
  /** The tools agents may call: the built-ins and the configured MCP servers' (`server__tool`). */
  readonly tools: ToolHost;
  /** Workspace settings: the default model of agents that name none. */
  readonly settings: WorkspaceSettingsService;
  /** Spend budgets per workspace and workflow, enforced before every model call (budgets.ts). */
  readonly budgets: BudgetService;
  /** Completion notifications of workflows' webhooks: the outbox, its delivery, signing secrets. */
  readonly notifications: NotificationService;
  /** Built-in alert rules per workspace, their firings, and this process's evaluator (issue 17 item 3). */
  readonly alerts: AlertService;
  /**
   * The deployment's queue by state (waiting, active, delayed), read from Redis at each call; undefined without
   * a queue (embedded mode and the shared-PostgreSQL `all` role, where the store's queued executions are the queue).
   */
  queueCounts(): Promise<QueueCounts | undefined>;
  /** Distributed mode: executions whose queue deliveries failed for good, listed and retried per workspace. */
  readonly deadLetters: {
    list(principal: Principal): Promise<DeadLetter[]>;
    retry(principal: Principal, id: string, meta?: RequestMeta): Promise<DeadLetter>;
  };
  /** Webhooks, schedules and workflow events that start workflows (issue 19): management and the hook handler. */
  readonly triggers: Triggers;
  /** The caller's workspace's active workflows as MCP tools (the server's `/mcp`). */
  readonly mcp: McpService;
  /** Readiness: store reachable, migrations applied. */
  readonly health: HealthService;
  /** OpenTelemetry traces, when on (tracing.ts); the server traces its requests with it. */
  readonly tracing: RuntimeTracing | undefined;
  /** Registration, sign-in, sessions, access tokens and API keys -> Principal; `authorize`. */
  readonly auth: AuthService;
  /** Workspaces, members and roles, API keys, encrypted credentials, the audit log. */
  readonly tenancy: TenancyServices;
  /** Request limits per plan tier (in process, or in Redis when REDIS_URL is set). */
  readonly rateLimiter: RateLimiter;
  /** The per-workspace execution limit (by plan) that every start, resume and approval passes. */
  readonly executionGate: ExecutionGate;
  /**
   * Takes over executions left behind by a process that died (in embedded mode every lease in the data
   * directory is stale, since this process holds its lock) and, unless `resume` is false, resumes them in the
   * background (`engine.recoverOrphans`: one taken up `maxDeliveries` times without a committed step is failed
   * instead; with a queue they are re-enqueued). Also prunes executions older than `retentionDays` when it is
   * set. Returns the ids resumed or re-enqueued (with `resume: false`, the orphans').
   */
  recover(options?: { resume?: boolean }): Promise<string[]>;
  /**
   * Every execution event this process can see, each once: its engine's and, in distributed mode with REDIS_URL,
   * those the other processes relay (live views use this; per-process metrics use `engine.on('event')`).
   */
  onEvent(listener: EventListener): () => void;
  /**
   * Worker role (distributed mode with DATABASE_URL and REDIS_URL): runs queued executions in this process, and
   * re-enqueues those whose worker died, until `stop()` or `close()`.
   */
  work(options?: WorkOptions): WorkerLoop;
  /** Stops taking work, lets running steps checkpoint, closes the store. */
  close(): Promise<void>;
}
