import { z } from 'zod';
import { httpUrl } from './url.js';

/** Ids of agents and connections: short, URL- and key-safe. */
export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'must contain only letters, digits, "_" and "-"');

export const Position = z.object({ x: z.number().finite(), y: z.number().finite() });
export type Position = z.infer<typeof Position>;

const retryFields = {
  /** Total attempts including the first. (Default: 1, no retry) */
  maxAttempts: z.number().int().min(1).max(20),
  /** Delay before the first retry in ms. (Default: 200) */
  initialDelayMs: z.number().int().min(0).max(3_600_000),
  /** Cap on any single delay in ms. (Default: 30000) */
  maxDelayMs: z.number().int().min(0).max(3_600_000),
  /** Growth factor between retries. (Default: 2) */
  multiplier: z.number().min(1).max(10),
  /** 'full' picks a random delay in [0, computed]; 'none' uses the computed delay. (Default: 'full') */
  jitter: z.enum(['full', 'none']),
  /** Error codes to retry; when absent, errors flagged retryable are retried. */
  retryOn: z.array(z.string().max(64)).max(50).optional(),
};

/** Per-node retry policy. Exponential backoff with full jitter; Retry-After from the error wins when longer. */
export const RetryPolicy = z.object({
  maxAttempts: retryFields.maxAttempts.default(1),
  initialDelayMs: retryFields.initialDelayMs.default(200),
  maxDelayMs: retryFields.maxDelayMs.default(30_000),
  multiplier: retryFields.multiplier.default(2),
  jitter: retryFields.jitter.default('full'),
  retryOn: retryFields.retryOn,
});
export type RetryPolicy = z.infer<typeof RetryPolicy>;

/**
 * A partial retry policy as written on a node or a workflow: only the fields the author set, no defaults filled
 * in, so node-level, workflow-level and node-type settings merge field by field.
 */
export const RetryPolicyPatch = z.object(retryFields).partial();
export type RetryPolicyPatch = z.infer<typeof RetryPolicyPatch>;
export type RetryPolicyInput = z.input<typeof RetryPolicy>;

/**
 * A node of the workflow graph. The brief calls every node an "agent"; `type` says what it does.
 */
export const Agent = z.object({
  id: Id,
  type: z.string().min(1).max(64),
  name: z.string().max(200).optional(),
  description: z.string().max(2000).optional(),
  config: z.record(z.string(), z.unknown()).default({}),
  position: Position.optional(),
  /** Retry policy for this node; node types may set their own default. */
  retry: RetryPolicyPatch.optional(),
  /** Per-attempt timeout in ms. */
  timeoutMs: z.number().int().min(1).max(86_400_000).optional(),
  /** Output to use when the node fails after all attempts (the execution then continues). */
  fallback: z.unknown().optional(),
});
export type Agent = z.infer<typeof Agent>;
export type AgentInput = z.input<typeof Agent>;

/**
 * An edge. `condition` is a CEL expression over `output` (the source's output) and `input` (the execution
 * input). `on: 'error'` makes it an onError connection: it carries `{ error, input }` when the source fails.
 * `sourceHandle` selects a router's named route.
 */
export const Connection = z.object({
  id: Id,
  sourceAgentId: Id,
  targetAgentId: Id,
  condition: z.string().min(1).max(4096).optional(),
  sourceHandle: z.string().min(1).max(64).optional(),
  on: z.enum(['success', 'error']).default('success'),
});
export type Connection = z.infer<typeof Connection>;
export type ConnectionInput = z.input<typeof Connection>;

/**
 * Which tool calls wait for a person before they run (prompt-injection defence). `mode`: `side-effects` (calls
 * the tool declares side-effecting: an HTTP POST, a file write, an email...), `all` or `none`. `tools`: per tool
 * name, `true` always waits and `false` never does, winning over `mode`. Layers, most specific first: the node's
 * `requiresApproval`, the workflow's `config.toolApproval`, the workspace default (runtime
 * `AGENTFLOW_TOOL_APPROVAL`). (Default: `side-effects`)
 */
export const ToolApprovalPolicy = z.strictObject({
  mode: z.enum(['side-effects', 'all', 'none']).optional(),
  tools: z.record(z.string().min(1).max(128), z.boolean()).optional(),
});
export type ToolApprovalPolicy = z.infer<typeof ToolApprovalPolicy>;

/** Terminal statuses a completion notification may be sent for. */
export const NotificationEvent = z.enum(['succeeded', 'failed', 'cancelled']);
export type NotificationEvent = z.infer<typeof NotificationEvent>;

/**
 * A webhook told when an execution of the workflow ends: a signed POST of the execution's summary
 * (`X-AgentFlow-Signature: t=<unix seconds>,v1=<HMAC-SHA256 hex of "<t>.<body>">` under the workflow's notification
 * secret), retried with backoff, through the egress guard.
 */
export const NotificationTarget = z.strictObject({
  url: httpUrl,
  /** (Default: every terminal status) */
  events: z.array(NotificationEvent).min(1).max(3).default(['succeeded', 'failed', 'cancelled']),
});
export type NotificationTarget = z.infer<typeof NotificationTarget>;

export const WorkflowConfig = z.object({
  /** Max steps one execution may take, all nodes and iterations counted. (Default: 1000) */
  maxSteps: z.number().int().min(1).max(1_000_000).default(1000),
  /** Wall-clock limit for the whole execution in ms. */
  timeoutMs: z
    .number()
    .int()
    .min(1)
    .max(30 * 86_400_000)
    .optional(),
  /**
   * Max nodes of this execution running at once. High enough that typical fan-outs are not throttled (a node
   * mostly waits on I/O; model calls are bounded per provider elsewhere). (Default: 256)
   */
  concurrency: z.number().int().min(1).max(1024).default(256),
  /** Default retry policy for every node that sets none. */
  retry: RetryPolicyPatch.optional(),
  /** Which tool calls wait for a person; overrides the workspace default. (Default: the workspace's) */
  toolApproval: ToolApprovalPolicy.optional(),
  /** Webhooks told when an execution of this workflow ends (top-level workflows only). (Default: none) */
  notifications: z.array(NotificationTarget).max(5).optional(),
  /**
   * Which credential of the workspace (by name) its executions use, by credential type: a model provider
   * (`openai`, `anthropic`...) or a built-in tool's (`postgres`, `smtp`, `slack`, `gmail`). Installing a template
   * sets it from the credential mapping. A name that is no longer a credential of that type is ignored (the
   * workspace's usual choice applies). (Default: the credential named like the type, else the newest of it)
   */
  credentials: z.record(z.string().min(1).max(64), z.string().min(1).max(200)).optional(),
});
export type WorkflowConfig = z.infer<typeof WorkflowConfig>;

export const WorkflowStatus = z.enum(['draft', 'active', 'archived']);
export type WorkflowStatus = z.infer<typeof WorkflowStatus>;

/** The graph itself: what a loop body or an inline subworkflow holds. */
export const WorkflowGraph = z.object({
  agents: z.array(Agent),
  connections: z.array(Connection).default([]),
  config: WorkflowConfig.default(WorkflowConfig.parse({})),
});
export type WorkflowGraph = z.infer<typeof WorkflowGraph>;

/** A workflow definition as users author it (JSON or TS) and as the store keeps it. */
export const Workflow = WorkflowGraph.extend({
  $schema: z.string().optional(),
  id: Id.optional(),
  name: z.string().min(1).max(200),
  description: z.string().max(10_000).optional(),
  workspaceId: z.string().max(64).optional(),
  version: z.number().int().min(1).max(2_147_483_647).optional(),
  status: WorkflowStatus.default('draft'),
});
export type Workflow = z.infer<typeof Workflow>;
export type WorkflowInput = z.input<typeof Workflow>;

/** JSON Schema (draft 2020-12) of the workflow format, for editors and LLM authoring. */
export function workflowJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Workflow, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://agentflow.dev/schema/workflow.json',
    title: 'AgentFlow workflow',
  };
}
