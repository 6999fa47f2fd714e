/**
 * Prometheus metrics at `/metrics` (text format 0.0.4): the process defaults (CPU, memory, event loop lag, GC,
 * handles) plus workflow, step, model and API figures fed from engine events and a response hook.
 *
 * Who may scrape: with `AGENTFLOW_METRICS_TOKEN` (or `buildServer({ metrics: { token } })`) set, whoever sends
 * `Authorization: Bearer <token>`; without one, only a caller on this machine connected directly (loopback
 * address, no X-Forwarded-For / Forwarded / X-Real-IP header, `trustProxy` off); everyone else gets a 401.
 *
 * What they see is operator-level only: series are aggregated over every workspace, and no label carries a
 * tenant's id or text (no workspace, workflow or execution ids; models outside the price table and providers
 * outside the built-in ones are `other`; HTTP routes are patterns, unknown URLs `unmatched`).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { AgentFlowError, type AgentFlowEvent } from '@agentflow/protocol';
import { publicModelLabels, type Runtime } from '@agentflow/runtime';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface MetricsOptions {
  /**
   * Bearer token required to scrape. (Default: `AGENTFLOW_METRICS_TOKEN`; unset = direct loopback callers only,
   * unless `loopback` is false)
   */
  token?: string;
  /**
   * Without a token, serve direct loopback callers (see above). (Default: true; `buildServer` turns it off when
   * `trustProxy` is set, since a proxy on this machine connects from loopback on everyone's behalf)
   */
  loopback?: boolean;
}

export const METRICS_PATH = '/metrics';

/** Seconds; executions and steps range from sub-millisecond transforms to minutes-long model calls. */
const RUN_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];
const HTTP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Process metrics are process-wide (one event-loop monitor, one GC observer), so they live in one registry
 * shared by every server of the process; each server has its own registry for the rest.
 */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** What a step was, from its `step.started` event, kept until the step ends. */
interface StepInfo {
  nodeType: string;
  startedAt: number;
  provider?: string;
  model?: string;
}

export class ServerMetrics {
  readonly registry = new Registry();

  /** A counter in this server's registry (every series below is one of these two shapes). */
  private counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private histogram<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    buckets: number[],
  ): Histogram<L> {
    return new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
  }

  private readonly running = new Set<string>();
  /** Live steps per execution (dropped when the execution completes or pauses). */
  private readonly steps = new Map<string, Map<string, StepInfo>>();

  readonly refusals = this.counter(
    'agentflow_requests_refused_total',
    'Requests to protected routes refused with 401 or 403; audited="false": left out of the audit log (throttled).',
    ['status', 'audited'],
  );

  readonly executionsStarted = this.counter(
    'agentflow_workflow_executions_started_total',
    'Workflow executions started (subworkflow runs included, kind="sub").',
    ['kind'],
  );
  readonly executionsResumed = this.counter(
    'agentflow_workflow_executions_resumed_total',
    'Workflow executions resumed (after a human step, a restart or a recovery).',
    [],
  );
  readonly executionsCompleted = this.counter(
    'agentflow_workflow_executions_completed_total',
    'Workflow executions that ended, by status (succeeded, failed, cancelled).',
    ['status'],
  );
  readonly executionsPaused = this.counter(
    'agentflow_workflow_executions_paused_total',
    'Workflow executions paused waiting for a human step.',
    [],
  );
  readonly executionDuration = this.histogram(
    'agentflow_workflow_execution_duration_seconds',
    'Duration of ended workflow executions, by status.',
    ['status'],
    RUN_BUCKETS,
  );
  readonly stepsTotal = this.counter(
    'agentflow_agent_executions_total',
    'Agent (node) step executions by node type and status (succeeded, failed, retried, skipped, waiting).',
    ['node_type', 'status'],
  );
  readonly stepDuration = this.histogram(
    'agentflow_agent_step_duration_seconds',
    'Duration of agent (node) steps by node type and status.',
    ['node_type', 'status'],
    RUN_BUCKETS,
  );
  readonly modelCalls = this.counter(
    'agentflow_model_calls_total',
    'Model calls by provider, model and status (ok, error).',
    ['provider', 'model', 'status'],
  );
  readonly modelTokens = this.counter(
    'agentflow_model_tokens_total',
    'Model tokens by provider, model and direction (input, output).',
    ['provider', 'model', 'direction'],
  );
  readonly modelCost = this.counter(
    'agentflow_model_cost_usd_total',
    'Model cost in US dollars (from the price table) by provider and model.',
    ['provider', 'model'],
  );
  readonly httpDuration = this.histogram(
    'agentflow_http_request_duration_seconds',
    'API request duration by method, route (the route pattern; "unmatched" for unknown URLs) and status.',
    ['method', 'route', 'status_code'],
    HTTP_BUCKETS,
  );

  // The series the product brief names (issue 17 item 2), beside the agentflow_ ones above: the same events,
  // so dashboards and alert rules written for those names work (deploy/grafana, deploy/prometheus).
  readonly seedExecutions = this.counter(
    'workflow_executions_total',
    'Workflow executions that ended, by status (succeeded, failed, cancelled).',
    ['status'],
  );
  readonly seedAgents = this.counter(
    'agent_executions_total',
    'Agent (node) step executions by node type and outcome (succeeded, failed, retried, skipped, waiting).',
    ['node_type', 'outcome'],
  );
  readonly seedApiDuration = this.histogram(
    'api_request_duration_seconds',
    'API request duration by method, route pattern and status.',
    ['method', 'route', 'status_code'],
    HTTP_BUCKETS,
  );

  readonly budgetRefusals = this.counter(
    'agentflow_budget_refusals_total',
    'Model calls this process refused before sending them, by the budget limit they would have passed.',
    ['scope', 'period'],
  );

  /** `queueCounts`: the deployment queue by state (distributed mode), read at each scrape. */
  constructor(queueCounts?: () => Promise<{ waiting: number; active: number; delayed: number } | undefined>) {
    if (queueCounts) {
      new Gauge({
        name: 'agentflow_queue_depth',
        help: 'Entries of the deployment queue by state, read from Redis at scrape time (distributed mode).',
        labelNames: ['state'] as const,
        registers: [this.registry],
        async collect() {
          const counts = await queueCounts().catch(() => undefined);
          this.reset();
          if (!counts) return;
          for (const state of ['waiting', 'active', 'delayed'] as const) this.set({ state }, counts[state]);
        },
      });
    }
    const running = this.running;
    new Gauge({
      name: 'agentflow_executions_running',
      help: 'Workflow executions this process is running now (started or resumed, not yet ended or paused).',
      registers: [this.registry],
      collect() {
        this.set(running.size);
      },
    });
  }

  /** Feeds the metrics from one engine event; cheap for the frequent ones (tokens, logs). */
  onEvent(event: AgentFlowEvent): void {
    switch (event.type) {
      case 'execution.started':
        this.executionsStarted.inc({ kind: event.parentExecutionId === undefined ? 'root' : 'sub' });
        this.running.add(event.executionId);
        return;
      case 'execution.resumed':
        this.executionsResumed.inc();
        this.running.add(event.executionId);
        return;
      case 'execution.paused':
        this.executionsPaused.inc();
        this.end(event.executionId);
        return;
      case 'execution.completed':
        this.executionsCompleted.inc({ status: event.status });
        this.seedExecutions.inc({ status: event.status });
        this.executionDuration.observe({ status: event.status }, event.durationMs / 1000);
        this.end(event.executionId);
        return;
      case 'step.started': {
        let steps = this.steps.get(event.executionId);
        if (!steps) {
          steps = new Map();
          this.steps.set(event.executionId, steps);
        }
        const previous = steps.get(event.stepId);
        steps.set(event.stepId, {
          ...previous,
          nodeType: event.nodeType,
          startedAt: event.at,
        });
        return;
      }
      case 'step.model_call': {
        const labels = publicModelLabels(event.provider, event.model);
        this.modelCalls.inc({ ...labels, status: event.status });
        const info = this.steps.get(event.executionId)?.get(event.stepId);
        if (info) {
          info.provider = labels.provider;
          info.model = labels.model;
        }
        return;
      }
      case 'step.completed': {
        const info = this.takeStep(event.executionId, event.stepId);
        const nodeType = info?.nodeType ?? 'unknown';
        this.stepsTotal.inc({ node_type: nodeType, status: 'succeeded' });
        this.seedAgents.inc({ node_type: nodeType, outcome: 'succeeded' });
        this.stepDuration.observe({ node_type: nodeType, status: 'succeeded' }, event.durationMs / 1000);
        // Usage of steps that called a model themselves (a subworkflow step's usage adds up its children's,
        // which were counted when they completed).
        if (event.usage && info?.provider !== undefined) {
          const provider = info.provider;
          const model = info.model ?? 'other';
          this.modelTokens.inc({ provider, model, direction: 'input' }, event.usage.inputTokens);
          this.modelTokens.inc({ provider, model, direction: 'output' }, event.usage.outputTokens);
          this.modelCost.inc({ provider, model }, event.usage.costUsd);
        }
        return;
      }
      case 'step.failed': {
        const status = event.willRetry ? 'retried' : 'failed';
        const info = event.willRetry
          ? this.steps.get(event.executionId)?.get(event.stepId)
          : this.takeStep(event.executionId, event.stepId);
        const nodeType = info?.nodeType ?? 'unknown';
        this.stepsTotal.inc({ node_type: nodeType, status });
        this.seedAgents.inc({ node_type: nodeType, outcome: status });
        if (info) {
          this.stepDuration.observe(
            { node_type: nodeType, status },
            Math.max(0, event.at - info.startedAt) / 1000,
          );
        }
        return;
      }
      case 'step.skipped':
      case 'step.waiting': {
        const info = this.takeStep(event.executionId, event.stepId);
        const nodeType = info?.nodeType ?? 'unknown';
        const outcome = event.type === 'step.skipped' ? 'skipped' : 'waiting';
        this.stepsTotal.inc({ node_type: nodeType, status: outcome });
        this.seedAgents.inc({ node_type: nodeType, outcome });
        return;
      }
      default:
        return;
    }
  }

  /** Records one HTTP response. */
  onResponse(method: string, route: string | undefined, statusCode: number, elapsedMs: number): void {
    const labels = { method, route: route ?? 'unmatched', status_code: String(statusCode) };
    this.httpDuration.observe(labels, elapsedMs / 1000);
    this.seedApiDuration.observe(labels, elapsedMs / 1000);
  }

  /** The exposition: process metrics, then this server's. */
  async render(): Promise<string> {
    const [base, own] = await Promise.all([processMetrics().metrics(), this.registry.metrics()]);
    // prom-client writes NaN (an event-loop mean before any sample) as "Nan"; the format spells it "NaN".
    return `${base.trimEnd()}\n${own}`.replace(/ Nan$/gm, ' NaN');
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private takeStep(executionId: string, stepId: string): StepInfo | undefined {
    const steps = this.steps.get(executionId);
    const info = steps?.get(stepId);
    steps?.delete(stepId);
    return info;
  }

  private end(executionId: string): void {
    this.running.delete(executionId);
    this.steps.delete(executionId);
  }
}

/** Registers `/metrics` and the hooks that feed it. Returns the metrics (tests read them). */
export function registerMetrics(
  app: FastifyInstance,
  runtime: Runtime,
  options: MetricsOptions = {},
): ServerMetrics {
  processMetrics();
  const metrics = new ServerMetrics(runtime.mode === 'distributed' ? () => runtime.queueCounts() : undefined);
  const stop = runtime.engine.on('event', (event) => metrics.onEvent(event));
  const stopRefusals = runtime.budgets.onRefusal((limit) =>
    metrics.budgetRefusals.inc({ scope: limit.scope, period: limit.period }),
  );
  app.addHook('onClose', async () => {
    stop();
    stopRefusals();
  });
  app.addHook('onResponse', async (request, reply) => {
    metrics.onResponse(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime);
  });

  const expected = options.token === undefined || options.token === '' ? undefined : digest(options.token);
  const loopback = options.loopback !== false;
  app.get(
    METRICS_PATH,
    { config: { permission: 'public' }, schema: { hide: true } },
    async (request, reply) => {
      if (expected) {
        const match = /^Bearer +(\S+)$/i.exec(request.headers.authorization?.trim() ?? '');
        if (!match || !timingSafeEqual(digest(match[1]!), expected)) {
          reply.header('www-authenticate', 'Bearer realm="metrics"');
          throw new AgentFlowError('AF_UNAUTHENTICATED', 'the metrics token is required');
        }
      } else if (!loopback || !isDirectLoopback(request)) {
        reply.header('www-authenticate', 'Bearer realm="metrics"');
        throw new AgentFlowError(
          'AF_UNAUTHENTICATED',
          'metrics are served to this machine only; set AGENTFLOW_METRICS_TOKEN to scrape from elsewhere',
        );
      }
      return reply
        .header('content-type', metrics.contentType)
        .header('cache-control', 'no-store')
        .send(await metrics.render());
    },
  );
  return metrics;
}

/** A caller on this machine, not relayed by a proxy (which would connect from loopback on others' behalf). */
function isDirectLoopback(request: FastifyRequest): boolean {
  const address = request.socket.remoteAddress ?? '';
  const local = /^(?:::ffff:)?127\./.test(address) || address === '::1';
  const h = request.headers;
  return (
    local && h['x-forwarded-for'] === undefined && h.forwarded === undefined && h['x-real-ip'] === undefined
  );
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
