import {
  type ExecutionRecord,
  type LogLevelName,
  type ModelCallRecord,
  type NodeEmittable,
  TOOL_CALL_LIMITS,
  type ToolApprovalPolicy,
  type Workflow,
} from '@agentflow/protocol';
import type { CompiledNode } from '../graph/compiled.js';
import type {
  ChildRunRequest,
  NodeContext,
  RequiresApproval,
  ResumedNode,
  SecretSource,
} from '../nodes/define.js';
import { approvalRequired } from '../nodes/tool-approval.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { ModelCallScope, ModelProvider } from '../ports/model-provider.js';
import type { ToolHost } from '../ports/tool-host.js';
import type { TraceSpan } from '../ports/tracer.js';
import { describeError, StepLog, StepLogger } from './step-log.js';
import { StepToolCalls } from './step-tool-calls.js';
import { tracedModels, tracedTools } from './trace.js';
import type { RunHost, StepExtras } from './types.js';

/** Emits step-scoped events on behalf of a node. */
export interface StepEmitter {
  readonly workflowId: string;
  /** The workflow's `config.toolApproval`. */
  readonly toolApproval: ToolApprovalPolicy | undefined;
  emitStep(node: CompiledNode, stepId: string, iteration: number, event: NodeEmittable): void;
}

/** What a step's context reads of its step (`StepAttempts` in attempts.ts): the same for all its attempts. */
export interface StepScope {
  readonly run: StepEmitter & { readonly host: RunHost; readonly record: ExecutionRecord };
  readonly node: CompiledNode;
  readonly stepId: string;
  readonly iteration: number;
  readonly extras: StepExtras;
  readonly resumed: ResumedNode | undefined;
}

/** What it reads of the attempt (`Attempt` in attempts.ts). */
export interface AttemptScope {
  readonly n: number;
  /** Made on first use. */
  readonly signal: AbortSignal;
  /** The attempt's span, when tracing is on. */
  readonly span: TraceSpan | undefined;
}

/**
 * The context object handed to a node attempt. A class, so creating one per step is cheap: its constructor copies
 * what it needs of the step and the attempt (no object is made for them).
 */
export class StepContext implements NodeContext {
  private readonly host: RunHost;
  private readonly emitter: StepEmitter;
  private readonly node: CompiledNode;
  readonly executionId: string;
  readonly workspaceId: string | undefined;
  readonly stepId: string;
  readonly attempt: number;
  readonly iteration: number;
  private readonly signals: AttemptScope;
  readonly workflowInput: unknown;
  private readonly extras: StepExtras;
  readonly resumed: ResumedNode | undefined;
  readonly span: TraceSpan | undefined;

  constructor(step: StepScope, attempt: AttemptScope) {
    const run = step.run;
    this.host = run.host;
    this.emitter = run;
    this.node = step.node;
    this.executionId = run.record.id;
    this.workspaceId = run.record.workspaceId;
    this.stepId = step.stepId;
    this.attempt = attempt.n;
    this.iteration = step.iteration;
    this.signals = attempt;
    this.workflowInput = run.record.input;
    this.extras = step.extras;
    this.resumed = step.resumed;
    this.span = attempt.span;
  }

  get signal(): AbortSignal {
    return this.signals.signal;
  }
  get workflowId(): string {
    return this.emitter.workflowId;
  }
  get agentId(): string {
    return this.node.id;
  }
  get idempotencyKey(): string {
    return this.stepId;
  }
  /** Lines go to the step's log (stored with the step) and to the engine's logger. */
  get logger(): Logger {
    return new StepLogger(
      (level, message, data) => this.log(level, message, data),
      () =>
        this.host.logger.child({
          executionId: this.executionId,
          agentId: this.node.id,
          stepId: this.stepId,
        }),
    );
  }

  /** Adds a line to the step's log (bounded, see StepLog). */
  log(level: LogLevelName, message: unknown, data?: unknown): void {
    this.stepLog().add(level, message, this.attempt, this.host.clock.now(), data);
  }

  private stepLog(): StepLog {
    this.extras.logs ??= new StepLog(this.executionId, this.stepId, this.node.id);
    return this.extras.logs;
  }
  /** The engine's provider, with this step's scope added to every call (budgets and traces read it). */
  get models(): ModelProvider {
    const inner = this.host.models;
    const scope: ModelCallScope = {
      workspaceId: this.workspaceId,
      workflowId: this.emitter.workflowId,
      executionId: this.executionId,
      rootExecutionId: rootExecutionOf(this.executionId),
      stepId: this.stepId,
      agentId: this.node.id,
    };
    const scoped: ModelProvider = {
      generate: (request, context) => inner.generate(request, { ...context, scope }),
    };
    if (inner.capabilities) scoped.capabilities = (p, m) => inner.capabilities!(p, m);
    return this.span ? tracedModels(scoped, this.host.tracer!, this.span) : scoped;
  }
  get tools(): ToolHost {
    return this.span ? tracedTools(this.host.tools, this.host.tracer!, this.span) : this.host.tools;
  }
  get secrets(): SecretSource {
    return this.host.secrets;
  }
  get clock(): Clock {
    return this.host.clock;
  }

  emit(event: NodeEmittable): void {
    if (event.type === 'step.log') this.log(event.level, event.message);
    else if (event.type === 'step.tool_call' || event.type === 'step.tool_result')
      this.recordToolEvent(event);
    if (this.host.listening) this.emitter.emitStep(this.node, this.stepId, this.iteration, event);
  }

  private recordToolEvent(
    event: Extract<NodeEmittable, { type: 'step.tool_call' | 'step.tool_result' }>,
  ): void {
    this.extras.toolCalls ??= new StepToolCalls();
    const calls = this.extras.toolCalls;
    const dropped = calls.dropped;
    calls.add(event, this.attempt, this.host.clock.now());
    if (dropped === 0 && calls.dropped === 1) {
      this.log('warn', `more than ${TOOL_CALL_LIMITS.stepCalls} tool calls: later ones are not stored`);
    }
  }

  setRoute(route: string): void {
    this.extras.route = route;
  }

  recordUsage(usage: { inputTokens?: number; outputTokens?: number; costUsd?: number }): void {
    this.extras.usage ??= { inputTokens: 0, outputTokens: 0, costUsd: 0 };
    const u = this.extras.usage;
    u.inputTokens += usage.inputTokens ?? 0;
    u.outputTokens += usage.outputTokens ?? 0;
    u.costUsd += usage.costUsd ?? 0;
  }

  recordModelCall(call: ModelCallRecord): void {
    this.extras.modelCalls ??= [];
    this.extras.modelCalls.push(call);
    if (this.host.listening) {
      this.emit({
        type: 'step.model_call',
        provider: call.provider,
        model: call.model,
        status: call.status,
        latencyMs: call.latencyMs,
      });
    }
    const target = `${call.provider}/${call.model}`;
    if (call.status === 'error') {
      this.stepLog().failedCall = call;
      const data = {
        provider: call.provider,
        model: call.model,
        code: call.error?.code,
        latencyMs: call.latencyMs,
      };
      this.logger.warn(`model call to ${target} failed (${describeError(call.error)})`, data);
      return;
    }
    const logs = this.extras.logs;
    const failed = logs?.failedCall;
    if (!logs || !failed) return;
    logs.failedCall = undefined;
    if (failed.provider !== call.provider || failed.model !== call.model) {
      this.log('info', `fell back to ${target} after ${failed.provider}/${failed.model} failed`, {
        provider: call.provider,
        model: call.model,
      });
    } else this.log('info', `model call to ${target} succeeded after a failed attempt`);
  }

  runChild(request: ChildRunRequest): Promise<unknown> {
    return this.host.runChild(this, request);
  }

  resolveWorkflow(id: string): Promise<Workflow | undefined> {
    return this.host.resolveWorkflow(id);
  }

  approvalRequired(tool: string, input: unknown, nodeSetting?: RequiresApproval): Promise<boolean> {
    const policies = [this.emitter.toolApproval, this.host.toolApproval];
    return approvalRequired(policies, this.host.tools, tool, input, nodeSetting);
  }
}

export type { SecretSource };

/** Child executions (loop bodies, subworkflows) are named `<parent step id>/<key>`, and a step id `<execution>:...`. */
export function rootExecutionOf(executionId: string): string {
  const colon = executionId.indexOf(':');
  return colon < 0 ? executionId : executionId.slice(0, colon);
}
