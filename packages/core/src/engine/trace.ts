import type {
  ErrorInfo,
  ExecutionRecord,
  ExecutionStatus,
  ModelCallRecord,
  Usage,
} from '@agentflow/protocol';
import type { CompiledNode } from '../graph/compiled.js';
import type {
  ModelCallContext,
  ModelProvider,
  ModelRequest,
  ModelResponse,
} from '../ports/model-provider.js';
import type { ToolCallContext, ToolHost, ToolResult } from '../ports/tool-host.js';
import type { SpanOptions, Tracer, TraceSpan } from '../ports/tracer.js';
import type { Outcome } from './step-records.js';

/**
 * The spans the engine emits (ARCHITECTURE.md §11e "Traces"): `workflow.execute` per run of an execution,
 * `step <agent>` per step, `attempt <agent>` per attempt, and under an attempt the OpenTelemetry GenAI spans:
 * `chat <model>` per provider call (each retry and fallback its own) and `execute_tool <tool>` per tool call.
 * Only called when the engine has a tracer.
 */

/** `gen_ai.provider.name` values of the GenAI semantic conventions' registry for AgentFlow's provider names. */
const GEN_AI_PROVIDER: Record<string, string> = { gemini: 'gcp.gemini' };

export function genAiProvider(provider: string): string {
  return GEN_AI_PROVIDER[provider] ?? provider;
}

/**
 * The span of one run of an execution. A fresh run continues `parent` (the process that queued it, the parent
 * step of a child execution, else the tracer's current context). A resumed run given the context it began in
 * starts a new trace linked to it; without one it starts where the tracer's current context says.
 */
export function startExecutionSpan(
  tracer: Tracer,
  record: ExecutionRecord,
  resumed: boolean,
  parent: string | TraceSpan | undefined,
): TraceSpan {
  const options: SpanOptions = {
    attributes: {
      'agentflow.execution.id': record.id,
      'agentflow.workflow.id': record.workflowId,
      'agentflow.workflow.version': record.workflowVersion,
      'agentflow.workspace.id': record.workspaceId,
      'agentflow.execution.parent_id': record.parentExecutionId,
      'agentflow.execution.resumed': resumed,
    },
  };
  if (parent !== undefined) {
    if (resumed && typeof parent === 'string') {
      options.root = true;
      options.links = [parent];
    } else options.parent = parent;
  }
  return tracer.startSpan('workflow.execute', options);
}

export function endExecutionSpan(
  span: TraceSpan,
  status: ExecutionStatus,
  usage: Usage,
  error: ErrorInfo | undefined,
): void {
  span.setAttributes({
    'agentflow.execution.status': status,
    'gen_ai.usage.input_tokens': usage.inputTokens,
    'gen_ai.usage.output_tokens': usage.outputTokens,
    'agentflow.usage.cost_usd': usage.costUsd,
  });
  if (error && status !== 'cancelled') span.fail(error.code, error.message);
  span.end();
}

export function startStepSpan(
  tracer: Tracer,
  parent: TraceSpan | undefined,
  node: CompiledNode,
  stepId: string,
  iteration: number,
): TraceSpan {
  const options: SpanOptions = {
    attributes: {
      'agentflow.step.id': stepId,
      'agentflow.agent.id': node.id,
      'agentflow.node.type': node.def.type,
      'agentflow.step.iteration': iteration,
    },
  };
  if (parent) options.parent = parent;
  return tracer.startSpan(`step ${node.id}`, options);
}

export function endStepSpan(span: TraceSpan, outcome: Outcome): void {
  switch (outcome.kind) {
    case 'ok':
      span.setAttributes({
        'agentflow.step.status': 'succeeded',
        'agentflow.step.attempts': outcome.attempt,
      });
      break;
    case 'fail':
      span.setAttributes({ 'agentflow.step.status': 'failed', 'agentflow.step.attempts': outcome.attempt });
      span.fail(outcome.error.code, outcome.error.message);
      break;
    case 'pause':
      span.setAttributes({ 'agentflow.step.status': 'waiting' });
      break;
    case 'aborted':
      span.setAttributes({ 'agentflow.step.status': 'aborted' });
      break;
  }
  span.end();
}

export function startAttemptSpan(
  tracer: Tracer,
  step: TraceSpan,
  node: CompiledNode,
  attempt: number,
): TraceSpan {
  return tracer.startSpan(`attempt ${node.id}`, {
    parent: step,
    attributes: { 'agentflow.agent.id': node.id, 'agentflow.step.attempt': attempt },
  });
}

/** A `chat <model>` span for one provider call, reported when it ended (`latencyMs` gives its start). */
function callSpan(
  tracer: Tracer,
  attempt: TraceSpan,
  request: ModelRequest,
  call: ModelCallRecord,
  end: number,
): TraceSpan {
  const span = tracer.startSpan(`chat ${call.model}`, {
    kind: 'client',
    parent: attempt,
    startTime: end - call.latencyMs,
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': genAiProvider(call.provider),
      'gen_ai.request.model': call.model,
      'gen_ai.request.max_tokens': request.maxTokens,
      'gen_ai.request.temperature': request.temperature,
      'gen_ai.request.top_p': request.topP,
      'gen_ai.usage.input_tokens': call.inputTokens,
      'gen_ai.usage.output_tokens': call.outputTokens,
      'agentflow.cost_usd': call.costUsd,
    },
  });
  if (call.status === 'ok') span.setAttributes({ 'gen_ai.response.model': call.model });
  else span.fail(call.error?.code ?? 'AF_PROVIDER_ERROR', call.error?.message);
  return span;
}

/**
 * The provider as a node sees it within a traced attempt: each call the provider reports (`onCall`) becomes a
 * `chat <model>` span; the answering call's span also gets the finish reason once the response is back.
 */
export function tracedModels(inner: ModelProvider, tracer: Tracer, attempt: TraceSpan): ModelProvider {
  const traced: ModelProvider = {
    async generate(request: ModelRequest, context: ModelCallContext): Promise<ModelResponse> {
      let answered: TraceSpan | undefined;
      const onCall = context.onCall;
      const response = await inner
        .generate(request, {
          ...context,
          onCall: (call) => {
            const end = Date.now();
            const span = callSpan(tracer, attempt, request, call, end);
            if (call.status === 'ok') {
              answered?.end();
              answered = span;
            } else span.end(end);
            onCall?.(call);
          },
        })
        .catch((error: unknown) => {
          answered?.end();
          throw error;
        });
      if (answered) {
        answered.setAttributes({ 'gen_ai.response.finish_reasons': [response.finishReason] });
        answered.end();
      }
      return response;
    },
  };
  if (inner.capabilities) traced.capabilities = (p, m) => inner.capabilities!(p, m);
  return traced;
}

/** The tool host as a node sees it within a traced attempt: an `execute_tool <tool>` span per call. */
export function tracedTools(inner: ToolHost, tracer: Tracer, attempt: TraceSpan): ToolHost {
  const traced: ToolHost = {
    list: (names) => inner.list(names),
    async call(name: string, input: unknown, context: ToolCallContext): Promise<ToolResult> {
      const span = tracer.startSpan(`execute_tool ${name}`, {
        parent: attempt,
        attributes: {
          'gen_ai.operation.name': 'execute_tool',
          'gen_ai.tool.name': name,
          'gen_ai.tool.type': 'function',
          'gen_ai.tool.call.id': context.toolCallId,
        },
      });
      try {
        const result = await inner.call(name, input, context);
        if (!result.ok) span.fail(result.error.code, result.error.message);
        return result;
      } catch (error) {
        span.fail('AF_TOOL_ERROR', error instanceof Error ? error.message : String(error));
        throw error;
      } finally {
        span.end();
      }
    },
  };
  if (inner.sideEffect) traced.sideEffect = (name, input) => inner.sideEffect!(name, input);
  return traced;
}
