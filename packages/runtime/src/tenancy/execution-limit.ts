/**
 * The per-workspace execution limit: how many executions a workspace may start, resume or continue (approval)
 * per window, by plan. It is checked in one place, `ExecutionGate.admit`, which every start path of the
 * services calls (REST, GraphQL and MCP `execute`, `resume`, `requestResume`, `approve`, `submitApproval`; a
 * future start path such as fork must call it too), so every transport counts against the same counter. The
 * counter lives in the runtime's rate limiter under `exec:<workspaceId>`: in Redis when REDIS_URL is set, so all
 * API processes share it. Crash recovery and the workers of distributed mode do not count (they continue
 * executions already admitted).
 *
 * A refused start throws AF_RATE_LIMITED with `retryAfterMs` before anything is recorded. A start that fails
 * before it is recorded (a bad approval payload, for instance) gives its unit back.
 */
import { AgentFlowError } from '@agentflow/protocol';
import type { WorkspacePlan } from '@agentflow/store-sql/tenancy';
import type { RateLimiter, RateRule } from '../auth/rate-limit.js';

/** Executions started per workspace and hour, by plan: 100 (free), 1,000 (pro), 10,000 (enterprise). */
export const EXECUTION_LIMITS: Readonly<Record<WorkspacePlan, RateRule>> = {
  free: { limit: 100, windowMs: 3_600_000 },
  pro: { limit: 1_000, windowMs: 3_600_000 },
  enterprise: { limit: 10_000, windowMs: 3_600_000 },
};

export interface ExecutionGate {
  /**
   * Counts one start for the scope's workspace and runs `start`; AF_RATE_LIMITED (nothing run) when the
   * workspace's budget for the window is spent. A scope without a workspace (a local CLI run) is not limited.
   * If `start` throws, its unit is given back.
   */
  admit<T>(scope: { workspaceId?: string }, start: () => Promise<T>): Promise<T>;
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

/** A gate that admits everything (no limiter configured). */
export const OPEN_GATE: ExecutionGate = { admit: (_scope, start) => start(), ensure: async () => {} };

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
    async admit(scope, start) {
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
