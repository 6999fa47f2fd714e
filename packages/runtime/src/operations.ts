import {
  createStoreOperations,
  type Engine,
  type OperationsStore,
  type Page,
  type RunResult,
  type Store,
} from '@agentflow/core';
import {
  AgentFlowError,
  type AnalyticsQuery,
  analyticsRange,
  bucketCount,
  type ConnectionMessageCount,
  type ConnectionMessagesQuery,
  type CostSummary,
  type ExecutionRecord,
  type ExecutionStats,
  type LogRecord,
  MAX_ANALYTICS_BUCKETS,
  type MessageRecord,
  type StepRecord,
  type StepStats,
  type StepSummary,
  type WorkflowStatus,
} from '@agentflow/protocol';
import type { Dispatcher } from './dispatch.js';
import { DETAIL_LOG_LINES, type Scope } from './services.js';
import { type ExecutionGate, OPEN_GATE } from './tenancy/execution-limit.js';

/** One node waiting for a person, as the approvals inbox shows it. */
export interface ApprovalItem {
  executionId: string;
  workflowId: string;
  /** The workflow's current name (absent for a workflow no longer stored). */
  workflowName?: string;
  workflowVersion: number;
  agentId: string;
  /** The node's display name in the pinned definition. */
  nodeName?: string;
  kind: 'human' | 'tool_call';
  prompt?: string;
  /** A human node's JSON Schema for its payload: the approval form (absent: any JSON value). */
  schema?: Record<string, unknown>;
  /** A tool call waiting for approval: the exact call (runs once, with this idempotency key, if approved). */
  call?: { tool: string; args: unknown; idempotencyKey: string; toolCallId?: string };
  stepId: string;
  waitingSince: number;
  executionCreatedAt: number;
}

/** What the execution detail view reads first: no step's data (see `OperationsService.step`). */
export interface ExecutionOverview {
  execution: ExecutionRecord;
  /** Every step in seq order, without input, output and tool calls. */
  steps: StepSummary[];
  /** Messages per connection (read them with `OperationsService.messages`). */
  messageCounts: ConnectionMessageCount[];
  /** The first DETAIL_LOG_LINES log lines (the rest: `ExecutionService.logs`, paged). */
  logs: LogRecord[];
}

export interface OperationsServiceOptions {
  store: Store & Partial<OperationsStore>;
  /** The workspace-scoped engine. */
  engine: Engine;
  gate?: ExecutionGate;
  dispatch?: Pick<Dispatcher, 'handOff'>;
  /** A workflow's current status and name in the scope's workspace. */
  workflowOf(workflowId: string, scope: Scope): Promise<{ status: WorkflowStatus; name: string } | undefined>;
}

/**
 * Use cases of the operations views (issue 14): re-run and fork, the approvals inbox, the monitoring aggregates
 * and the workspace's cost. Scoped like the other services: another workspace's execution is a 404.
 */
export function createOperationsService(options: OperationsServiceOptions) {
  const { store, engine } = options;
  const gate = options.gate ?? OPEN_GATE;
  const queries: OperationsStore =
    typeof store.executionStats === 'function' ? (store as OperationsStore) : createStoreOperations(store);
  const ws = (scope: Scope) => (scope.workspaceId !== undefined ? { workspaceId: scope.workspaceId } : {});

  /** The execution, if the scope sees it (another workspace's is a 404 too). */
  async function visibleExecution(id: string, scope: Scope): Promise<ExecutionRecord> {
    const found = await store.getExecution(id);
    if (!found || (scope.workspaceId !== undefined && found.workspaceId !== scope.workspaceId)) {
      throw new AgentFlowError('AF_NOT_FOUND', `execution ${id} not found`);
    }
    return found;
  }

  async function requireExecution(id: string, scope: Scope) {
    const found = await visibleExecution(id, scope);
    if (found.parentExecutionId !== undefined) {
      throw new AgentFlowError(
        'AF_VALIDATION',
        `execution ${id} is a loop body or subworkflow run: re-run or fork its parent ${found.parentExecutionId}`,
        { issues: [{ code: 'AF_VALIDATION', path: 'id', message: 'a child execution' }] },
      );
    }
    return found;
  }

  function checkRange(query: AnalyticsQuery): void {
    const n = bucketCount(analyticsRange(query));
    if (n > MAX_ANALYTICS_BUCKETS) {
      throw new AgentFlowError(
        'AF_VALIDATION',
        `${n} buckets is too many (at most ${MAX_ANALYTICS_BUCKETS})`,
        {
          issues: [
            {
              code: 'AF_VALIDATION',
              path: 'query.bucket',
              message: `too fine for the window: ${n} buckets (at most ${MAX_ANALYTICS_BUCKETS})`,
            },
          ],
        },
      );
    }
  }

  /** Re-run (no `nodeId`) or fork, past the gate like any start; handed to a worker in distributed mode. */
  async function fork(
    id: string,
    scope: Scope,
    request: { nodeId?: string; input?: { value: unknown } },
  ): Promise<{ executionId: string; done: Promise<RunResult>; reusedSteps: number }> {
    const source = await requireExecution(id, scope);
    const workflow = await options.workflowOf(source.workflowId, scope);
    const subject = { workflowId: source.workflowId, status: workflow?.status, via: 'api' as const };
    return gate.admit(scope, subject, async () => {
      const forkOptions = {
        ...(request.nodeId !== undefined ? { nodeId: request.nodeId } : {}),
        ...(request.input !== undefined ? { input: request.input } : {}),
      };
      if (options.dispatch) {
        const created = await engine.fork(id, { ...forkOptions, queued: true });
        const handed = await options.dispatch.handOff(created.executionId);
        return { ...handed, reusedSteps: created.reusedSteps };
      }
      const started = await engine.fork(id, forkOptions);
      return { executionId: started.executionId, done: started.done!, reusedSteps: started.reusedSteps };
    });
  }

  return {
    /** A new execution with the same input on the same pinned definition. */
    rerun: (id: string, scope: Scope = {}) => fork(id, scope, {}),
    /** A new execution reusing every step not downstream of `nodeId`, running from it on (see `Engine.fork`). */
    fork: (id: string, scope: Scope, request: { nodeId: string; input?: { value: unknown } }) =>
      fork(id, scope, request),

    /** Every node of the workspace waiting for a person, longest waiting first. */
    async approvals(
      scope: Scope = {},
      query: { workflowId?: string; limit?: number; cursor?: string } = {},
    ): Promise<Page<ApprovalItem>> {
      const page = await queries.listWaiting({ ...query, ...ws(scope) });
      const names = new Map<string, string | undefined>();
      for (const w of page.items) {
        if (!names.has(w.workflowId))
          names.set(w.workflowId, (await options.workflowOf(w.workflowId, scope))?.name);
      }
      const items = page.items.map((w): ApprovalItem => {
        const agent = w.execution.workflow.agents.find((a) => a.id === w.agentId);
        const item: ApprovalItem = {
          executionId: w.executionId,
          workflowId: w.workflowId,
          workflowVersion: w.workflowVersion,
          agentId: w.agentId,
          kind: 'human',
          stepId: w.stepId,
          waitingSince: w.waitingSince,
          executionCreatedAt: w.execution.createdAt,
        };
        const name = names.get(w.workflowId);
        if (name !== undefined) item.workflowName = name;
        if (agent?.name !== undefined) item.nodeName = agent.name;
        const approval = (w.state as { approval?: Record<string, unknown> } | undefined)?.approval;
        if (approval?.kind === 'tool_call') {
          const tool = String(approval.tool);
          item.kind = 'tool_call';
          item.prompt = `approve the call of ${tool}`;
          item.call = {
            tool,
            args: approval.args,
            idempotencyKey: String(approval.idempotencyKey),
            ...(typeof approval.toolCallId === 'string' ? { toolCallId: approval.toolCallId } : {}),
          };
          return item;
        }
        const config = (agent?.config ?? {}) as { prompt?: unknown; schema?: unknown };
        if (typeof config.prompt === 'string') item.prompt = config.prompt;
        if (typeof config.schema === 'object' && config.schema !== null)
          item.schema = config.schema as Record<string, unknown>;
        return item;
      });
      return page.nextCursor === undefined ? { items } : { items, nextCursor: page.nextCursor };
    },

    executionStats(scope: Scope, query: Omit<AnalyticsQuery, 'workspaceId'>): Promise<ExecutionStats> {
      checkRange(query);
      return queries.executionStats({ ...query, ...ws(scope) });
    },
    stepStats(scope: Scope, query: Omit<AnalyticsQuery, 'workspaceId'>): Promise<StepStats> {
      checkRange(query);
      return queries.stepStats({ ...query, ...ws(scope) });
    },
    costs(scope: Scope, query: { utcOffsetMinutes?: number; now?: number } = {}): Promise<CostSummary> {
      return queries.costSummary({ ...query, ...ws(scope) });
    },

    /** The detail view's first read: the execution, its steps without their data, message counts. */
    async overview(id: string, scope: Scope = {}): Promise<ExecutionOverview> {
      const execution = await visibleExecution(id, scope);
      const [steps, messageCounts, logs] = await Promise.all([
        queries.listStepSummaries(id),
        queries.countMessages(id),
        store.listLogs(id, { limit: DETAIL_LOG_LINES }),
      ]);
      return { execution, steps, messageCounts, logs: logs.items };
    },
    /** Every step of an execution in seq order, without input, output and tool calls. */
    async stepSummaries(id: string, scope: Scope = {}): Promise<StepSummary[]> {
      await visibleExecution(id, scope);
      return queries.listStepSummaries(id);
    },
    /** One step of an execution in full (input, output, tool calls); an unknown step is a 404. */
    async step(id: string, stepId: string, scope: Scope = {}): Promise<StepRecord> {
      await visibleExecution(id, scope);
      const step = await queries.getStep(id, stepId);
      if (!step) throw new AgentFlowError('AF_NOT_FOUND', `step ${stepId} of execution ${id} not found`);
      return step;
    },
    /** The messages that flowed along one connection of an execution, in order, a page at a time. */
    async messages(id: string, scope: Scope, query: ConnectionMessagesQuery): Promise<Page<MessageRecord>> {
      await visibleExecution(id, scope);
      return queries.listConnectionMessages(id, query);
    },
  };
}

export type OperationsService = ReturnType<typeof createOperationsService>;
