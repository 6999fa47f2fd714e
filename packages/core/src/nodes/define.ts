import type {
  Issue,
  ModelCallRecord,
  NodeEmittable,
  RetryPolicyInput,
  Workflow,
  WorkflowGraph,
} from '@agentflow/protocol';
import type { z } from 'zod';
import type { CompiledExpression } from '../expr/cel.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { ModelCapabilities, ModelProvider } from '../ports/model-provider.js';
import type { ToolHost } from '../ports/tool-host.js';
import type { TraceSpan } from '../ports/tracer.js';

/** Secrets a node may read by name (provider keys, tool credentials). Never logged or emitted. */
export interface SecretSource {
  get(name: string): string | undefined;
}

/** A child execution (loop body, subworkflow), run durably under a key unique within the step. */
export interface ChildRunRequest {
  /** Unique within the step (e.g. the loop index); the child's id derives from it, so resume finds it again. */
  key: string;
  workflow: Workflow | WorkflowGraph;
  input: unknown;
  signal?: AbortSignal;
}

/**
 * The one context object every node receives. Nodes reach nothing global: cancellation, logging, events,
 * models, tools and secrets all come through here.
 */
export interface NodeContext {
  /** Aborted on cancellation, execution timeout, node timeout, or a failing sibling. */
  readonly signal: AbortSignal;
  readonly logger: Logger;
  readonly executionId: string;
  /** The workflow the execution runs. */
  readonly workflowId: string;
  readonly workspaceId: string | undefined;
  readonly stepId: string;
  readonly agentId: string;
  /** 1 on the first attempt. */
  readonly attempt: number;
  /** 0 on the first activation; incremented when a feedback loop re-enters the node. */
  readonly iteration: number;
  /** `${executionId}:${agentId}:${iteration}`: stable across retries and resumes. */
  readonly idempotencyKey: string;
  /** The execution's input. */
  readonly workflowInput: unknown;
  readonly models: ModelProvider;
  readonly tools: ToolHost;
  readonly secrets: SecretSource;
  readonly clock: Clock;
  /** Emits a live event for this step (tokens, tool calls, logs). */
  emit(event: NodeEmittable): void;
  /** Records the route a router-like node chose; connections with a matching `sourceHandle` deliver. */
  setRoute(route: string): void;
  /** Adds token usage and model calls to the step's record. */
  recordUsage(usage: { inputTokens?: number; outputTokens?: number; costUsd?: number }): void;
  /** Records one model call (provider attempt) on the step and emits it. */
  recordModelCall(call: ModelCallRecord): void;
  /** Runs a child workflow durably and returns its output (throws its error if it fails). */
  runChild(request: ChildRunRequest): Promise<unknown>;
  /** Looks up a stored workflow by id (for subworkflow nodes). */
  resolveWorkflow(id: string): Promise<Workflow | undefined>;
  /**
   * Set when this node paused with a state (`PauseSignal`'s `state`) and was given a payload: the node runs
   * again and continues from `state` with `payload` (for a tool approval, `{approved, reason?}`). (Default:
   * undefined, a fresh run)
   */
  readonly resumed: ResumedNode | undefined;
  /** The attempt's trace span when tracing is on (child executions continue it). (Default: undefined) */
  readonly span?: TraceSpan | undefined;
  /**
   * Whether calling `tool` with `input` must wait for a person, under the tool-approval policy: `nodeSetting` (the
   * node's `requiresApproval`) first, then the workflow's `config.toolApproval`, then the engine's (workspace)
   * default; in `side-effects` mode (the default) the tool host says whether the call changes things.
   */
  approvalRequired(tool: string, input: unknown, nodeSetting?: RequiresApproval): Promise<boolean>;
}

/** What a paused node with a state is given when it runs again. */
export interface ResumedNode {
  readonly state: unknown;
  readonly payload: unknown;
}

/** A node's `requiresApproval`: for every tool it calls, or per tool name (others follow the workflow's policy). */
export type RequiresApproval = boolean | Record<string, boolean>;

export interface NodeRunArgs<C, P> {
  /** The payload: the single upstream output, or an object keyed by source id when the node has several sources. */
  input: unknown;
  /** Every delivered input keyed by source agent id. */
  inputs: Record<string, unknown>;
  config: C;
  /** What `compile` returned (parsed expressions, nested graphs). */
  prepared: P;
  context: NodeContext;
}

/** Helpers a node type's `compile` hook uses to check its config beyond the Zod schema. */
export interface CompileHelpers {
  /** Compile a CEL expression; reports an issue at `path` (relative to the config) and returns undefined. */
  expression(source: string, path: string): CompiledExpression | undefined;
  /** Validate a nested graph (loop body, inline subworkflow) with depth + 1; issues are prefixed with `path`. */
  graph(value: unknown, path: string): NestedGraph | undefined;
  /** Report a problem at `path` (relative to the config). */
  issue(path: string, message: string, code?: Issue['code']): void;
  /**
   * What a provider/model can do, from the engine's model provider; undefined when it cannot tell (no provider,
   * an unknown provider name: the run reports that).
   */
  modelCapabilities(provider: string, model: string): ModelCapabilities | undefined;
}

/** A nested graph that passed validation, ready to run as a child execution. */
export interface NestedGraph {
  readonly workflow: Workflow;
}

export interface NodeTypeDefinition<C = unknown, P = undefined> {
  /** Unique type name used in `Agent.type`. */
  readonly type: string;
  readonly description?: string;
  readonly category?: 'io' | 'control' | 'ai' | 'data' | 'tool' | 'human';
  readonly configSchema: z.ZodType<C>;
  /** Default retry policy and timeout for nodes of this type. */
  readonly defaults?: { retry?: RetryPolicyInput; timeoutMs?: number };
  /** True when the node changes the outside world; the engine gives it a stable idempotency key either way. */
  readonly sideEffect?: boolean;
  /** Compile-time checks and preparation, run once when the workflow is validated. */
  compile?(config: C, helpers: CompileHelpers): P;
  /**
   * If the node can bound a feedback loop (a router with maxIterations), the bound; validation accepts a cycle
   * only if one of its nodes returns a number here.
   */
  loopBound?(config: C): number | undefined;
  /**
   * For nodes that pause (human): checks the payload that resumes them. Returns problems with paths relative
   * to the payload; an empty list accepts it.
   */
  validateResume?(payload: unknown, config: C, prepared: P): Issue[];
  /** For entry nodes: checks the execution input before the execution is created. */
  validateInput?(input: unknown, config: C, prepared: P): Issue[];
  run(args: NodeRunArgs<C, P>): unknown | Promise<unknown>;
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds node types of every config type.
export type AnyNodeType = NodeTypeDefinition<any, any>;

/** Registers a node type. Built-in nodes use exactly this API, as a plugin would. */
export function defineNodeType<C, P = undefined>(
  definition: NodeTypeDefinition<C, P>,
): NodeTypeDefinition<C, P> {
  if (!/^[a-z][a-z0-9_.-]{0,63}$/.test(definition.type)) {
    throw new TypeError(`node type name "${definition.type}" must be lowercase letters, digits, _ . -`);
  }
  return Object.freeze({ ...definition });
}

/**
 * Thrown by a node to pause the execution durably until a payload arrives (human-in-the-loop). Without `state`
 * (a human node), the payload becomes the node's output. With `state` (JSON: a tool call waiting for approval and
 * what the node needs to continue), the waiting step keeps it as its `output`, and the payload makes the node run
 * again with `context.resumed = {state, payload}`.
 */
export class PauseSignal {
  readonly pause = true;
  constructor(
    readonly prompt?: string,
    readonly state?: unknown,
  ) {}
}

export function isPauseSignal(value: unknown): value is PauseSignal {
  return typeof value === 'object' && value !== null && (value as { pause?: unknown }).pause === true;
}
