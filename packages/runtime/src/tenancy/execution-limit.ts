/**
 * The gate every start path of the services passes (REST, GraphQL and MCP `execute`, `resume`, `requestResume`,
 * `approve`, `submitApproval`; a future start path such as fork, a schedule or a webhook must call it too). It
 * checks, in this order:
 *
 * 1. **The workflow's status** (`assertRunnable`, always, even with the limits off): an archived workflow never
 *    runs, whatever the path (AF_WORKFLOW_ARCHIVED, 409), nor does an execution of it continue; a draft runs
 *    only for its editors, from the canvas and the REST/GraphQL API (`via: 'api'`), and continues (resume,
 *    approval), but is refused to the paths that publish workflows to others, MCP tools and triggers
 *    (AF_WORKFLOW_DRAFT, 409).
 * 2. **The per-workspace execution limit**: how many executions a workspace may start, resume or continue
 *    (approval) per window, by plan. The counter lives in the runtime's rate limiter under `exec:<workspaceId>`:
 *    in Redis when REDIS_URL is set, so all API processes share it. Crash recovery and the workers of
 *    distributed mode do not count (they continue executions already admitted).
 *
 * A refused start throws before anything is recorded (AF_RATE_LIMITED with `retryAfterMs` for the limit). A start
 * that fails before it is recorded (a bad approval payload, for instance) gives its unit back.
 */
import { AgentFlowError, type WorkflowStatus } from '@agentflow/protocol';
import type { WorkspacePlan } from '@agentflow/store-sql/tenancy';
import type { RateLimiter, RateRule } from '../auth/rate-limit.js';

/** Executions started per workspace and hour, by plan: 100 (free), 1,000 (pro), 10,000 (enterprise). */
export const EXECUTION_LIMITS: Readonly<Record<WorkspacePlan, RateRule>> = {
  free: { limit: 100, windowMs: 3_600_000 },
  pro: { limit: 1_000, windowMs: 3_600_000 },
  enterprise: { limit: 10_000, windowMs: 3_600_000 },
};

/**
 * How a run was asked for: `api` (the canvas, REST, GraphQL: people with the workflow's execute permission),
 * `mcp` (a published tool), `trigger` (schedules, webhooks), `continue` (resuming or approving an execution
 * already started).
 */
export type RunVia = 'api' | 'mcp' | 'trigger' | 'continue';

/** What is about to run: the workflow (its current status) and the path asking. */
export interface RunSubject {
  workflowId: string;
  /** The workflow's current status; undefined when the workflow is gone (an old execution). */
  status: WorkflowStatus | undefined;
  via: RunVia;
}

/**
 * AF_WORKFLOW_ARCHIVED for any run of an archived workflow; AF_WORKFLOW_DRAFT for a draft asked for by MCP or a
 * trigger. Everything else may run.
 */
export function assertRunnable(subject: RunSubject): void {
  if (subject.status === 'archived') {
    throw new AgentFlowError(
      'AF_WORKFLOW_ARCHIVED',
      `workflow ${subject.workflowId} is archived and does not run; set its status to active to run it`,
      { details: { workflowId: subject.workflowId, status: 'archived' } },
    );
  }
  if (subject.status === 'draft' && (subject.via === 'mcp' || subject.via === 'trigger')) {
    throw new AgentFlowError(
      'AF_WORKFLOW_DRAFT',
      `workflow ${subject.workflowId} is a draft: it runs from the editor and the API only, not through ${
        subject.via === 'mcp' ? 'MCP' : 'triggers'
      }; set its status to active`,
      { details: { workflowId: subject.workflowId, status: 'draft', via: subject.via } },
    );
  }
}

export interface ExecutionGate {
  /**
   * Checks that `subject` may run (`assertRunnable`), counts one start for the scope's workspace and runs
   * `start`; AF_WORKFLOW_ARCHIVED / AF_WORKFLOW_DRAFT, or AF_RATE_LIMITED when the workspace's budget for the
   * window is spent (nothing run). A scope without a workspace (a local CLI run) is not limited. If `start`
   * throws, its unit is given back.
   */
  admit<T>(scope: { workspaceId?: string }, subject: RunSubject, start: () => Promise<T>): Promise<T>;
  /**
   * AF_RATE_LIMITED unless the workspace may still start `count` executions in this window (counts nothing):
   * lets a request that would start several (a GraphQL operation with aliased mutations) be refused whole.
   */
  ensure(scope: { workspaceId?: string }, count: number): Promise<void>;
}

export interface ExecutionGateOptions {
  limiter: Pick<RateLimiter, 'hit'>;
  /** The workspace's plan (unknown workspaces count as free). */
  planOf(workspaceId: string): Promise<WorkspacePlan | undefined>;
  /** Limits by plan; `false` turns the limit off. (Default: EXECUTION_LIMITS) */
  limits?: Partial<Record<WorkspacePlan, RateRule>> | false;
}

/** A gate without a limit (no limiter configured): it still checks the workflow's status. */
export const OPEN_GATE: ExecutionGate = {
  admit: async (_scope, subject, start) => {
    assertRunnable(subject);
    return start();
  },
  ensure: async () => {},
};

export function createExecutionGate(options: ExecutionGateOptions): ExecutionGate {
  if (options.limits === false) return OPEN_GATE;
  const limits = { ...EXECUTION_LIMITS, ...options.limits };
  const ruleOf = async (workspaceId: string) => limits[(await options.planOf(workspaceId)) ?? 'free'];
  function refused(rule: RateRule, retryAfterMs: number, asked?: number): AgentFlowError {
    const per = `${rule.limit} per ${Math.round(rule.windowMs / 60_000)} minutes`;
    const what =
      asked === undefined
        ? `the workspace has used its plan's execution limit (${per})`
        : `${asked} executions exceed what is left of the workspace's execution limit (${per})`;
    return new AgentFlowError('AF_RATE_LIMITED', `${what}; retry later or upgrade the plan`, {
      retryAfterMs: Math.max(1, retryAfterMs),
      details: { reason: 'execution_limit', limit: rule.limit },
    });
  }
  return {
    async ensure(scope, count) {
      if (scope.workspaceId === undefined || count <= 0) return;
      const rule = await ruleOf(scope.workspaceId);
      const now = await options.limiter.hit(`exec:${scope.workspaceId}`, rule, 0);
      if (count > now.remaining) throw refused(rule, now.resetMs, count);
    },
    async admit(scope, subject, start) {
      assertRunnable(subject);
      const workspaceId = scope.workspaceId;
      if (workspaceId === undefined) return start();
      const rule = await ruleOf(workspaceId);
      const key = `exec:${workspaceId}`;
      const result = await options.limiter.hit(key, rule);
      if (!result.allowed) {
        // Refusals do not count: the counter stays at the limit, so a later give-back frees a real unit.
        await options.limiter.hit(key, rule, -1).catch(() => {});
        throw refused(rule, result.retryAfterMs);
      }
      try {
        return await start();
      } catch (error) {
        await options.limiter.hit(key, rule, -1).catch(() => {});
        throw error;
      }
    },
  };
}
