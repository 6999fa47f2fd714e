import { AgentFlowError, httpUrl } from '@agentflow/protocol';
import { z } from 'zod';
import type { ChatMessage, ModelRequest, ToolCall, ToolSpec } from '../../ports/model-provider.js';
import { type CompileHelpers, defineNodeType } from '../define.js';
import { compileSchemaOption, type JsonSchemaCheck } from '../json-schema.js';
import { renderTemplate, toText } from '../template.js';
import { approvalStateOf, checkDecision, decisionOf } from '../tool-approval.js';
import { type AgentResume, runTurn } from './agent-tools.js';

const ProviderName = z.string().min(1).max(64);

/** -2..2, as OpenAI and Gemini define it. */
const Penalty = z.number().min(-2).max(2);

/** The agent node's config keeps the product brief's field names. */
export const AgentConfig = z.strictObject({
  /**
   * With `model`, or neither: the workspace's default model, else the instance's (`AGENTFLOW_DEFAULT_PROVIDER`,
   * `AGENTFLOW_DEFAULT_MODEL`), resolved when the node runs.
   */
  provider: ProviderName.optional(),
  model: z.string().min(1).max(200).optional(),
  systemPrompt: z.string().max(100_000).optional(),
  /** Template over the node's input (`{{input}}`, `{{input.topic}}`, `{{workflowInput.x}}`). Default: the input as text. */
  prompt: z.string().max(100_000).optional(),
  /**
   * Chat workflows (issue 19): the workflow input's `history` (`{role: 'user' | 'assistant', content}[]`, as a
   * chat message's execution gets it) goes to the model as earlier turns before the prompt. (Default: false)
   */
  chatHistory: z.boolean().optional(),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().min(1).max(1_000_000).optional(),
  topP: z.number().min(0).max(1).optional(),
  /** -2..2. OpenAI, OpenAI-compatible providers and Gemini (not 2.5) take it; others refuse it. */
  frequencyPenalty: Penalty.optional(),
  /** -2..2. As `frequencyPenalty`. */
  presencePenalty: Penalty.optional(),
  stop: z.array(z.string().max(100)).max(16).optional(),
  /** Tool names the model may call (from the ToolHost). */
  tools: z.array(z.string().min(1).max(128)).max(128).optional(),
  /** JSON Schema for structured output; the reply must match it. */
  schema: z.record(z.string(), z.unknown()).optional(),
  /** Max model calls in the tool loop. (Default: 8) */
  maxSteps: z.number().int().min(1).max(100).default(8),
  fallback: z
    .array(z.strictObject({ provider: ProviderName, model: z.string().min(1).max(200) }))
    .max(10)
    .optional(),
  /** The provider's endpoint: an http(s) URL without credentials (`httpUrl`). (Default: the provider's own) */
  baseURL: httpUrl.optional(),
  /**
   * Whether the model's tool calls wait for a person: for every tool, or per tool name. (Default: the workflow's
   * `config.toolApproval`, then the workspace's: side-effecting calls wait)
   */
  requiresApproval: z.union([z.boolean(), z.record(z.string().min(1).max(128), z.boolean())]).optional(),
});
export type AgentConfig = z.infer<typeof AgentConfig>;

/**
 * An LLM agent: renders its prompt, calls the model, runs the tools the model asks for (through the ToolHost,
 * errors returned to the model as tool results), and repeats until the model answers or `maxSteps` is reached.
 * With `schema`, the answer must be JSON matching it (AF_STRUCTURED_OUTPUT_INVALID otherwise, retryable).
 * A tool call the approval policy marks pauses the node with the conversation so far; approved, it continues
 * from there (no model call repeated), and a rejected call is an AF_TOOL_REJECTED tool error for the model.
 */
export const agentNode = defineNodeType({
  type: 'agent',
  category: 'ai',
  description:
    'Calls an LLM with a prompt, lets it use tools in a multi-step loop, optionally with structured output.',
  configSchema: AgentConfig,
  defaults: { retry: { maxAttempts: 3, initialDelayMs: 500 }, timeoutMs: 600_000 },
  compile: (config, h): JsonSchemaCheck | undefined => {
    checkModelSettings(config, h);
    return compileSchemaOption(config.schema, h, 'AF_STRUCTURED_OUTPUT_INVALID');
  },
  validateResume: (payload) => checkDecision(payload),
  async run({ input, inputs, config, prepared, context }) {
    const vars = { input, inputs, workflowInput: context.workflowInput };
    let messages: ChatMessage[];
    let first = 0;
    const resumed = context.resumed;
    if (resumed) {
      // Paused on a tool call: finish that turn with the decision, then go on from the recorded conversation.
      const { approval, resume } = approvalStateOf<AgentResume>(resumed.state);
      const saved = structuredClone(resume!);
      messages = saved.messages;
      const decided = { index: saved.pending, request: approval, decision: decisionOf(resumed.payload) };
      const setting = config.requiresApproval;
      const calls = lastToolCalls(messages);
      const results = await runTurn(context, setting, messages, saved.step, calls, saved.results, decided);
      for (const r of results) messages.push(r);
      first = saved.step + 1;
    } else {
      const prompt = config.prompt !== undefined ? renderTemplate(config.prompt, vars) : toText(input);
      messages = [
        ...(config.chatHistory ? historyOf(context.workflowInput) : []),
        { role: 'user', content: prompt },
      ];
    }
    const tools = config.tools?.length ? await context.tools.list(config.tools) : undefined;
    if (config.tools && tools && tools.length < config.tools.length) {
      const known = new Set(tools.map((t) => t.name));
      const missing = config.tools.filter((t) => !known.has(t));
      throw new AgentFlowError('AF_UNKNOWN_TOOL', `unknown tools: ${missing.join(', ')}`);
    }
    for (let step = first; step < config.maxSteps; step++) {
      const response = await context.models.generate(request(config, vars, messages, tools), {
        signal: context.signal,
        onToken: (delta) => context.emit({ type: 'step.token', delta }),
        onCall: (call) => context.recordModelCall(call),
      });
      context.recordUsage(response.usage);
      if (response.toolCalls.length === 0) return finalAnswer(response.text, response.object, prepared);
      messages.push({ role: 'assistant', content: response.text, toolCalls: response.toolCalls });
      const calls = response.toolCalls;
      const results = await runTurn(context, config.requiresApproval, messages, step, calls, []);
      for (const r of results) messages.push(r);
    }
    throw new AgentFlowError(
      'AF_MAX_AGENT_STEPS',
      `agent did not finish within ${config.maxSteps} model calls`,
    );
  },
});

const PENALTIES = ['frequencyPenalty', 'presencePenalty'] as const;

/** A chat execution's earlier turns (`workflowInput.history`); entries of another shape are skipped. */
function historyOf(workflowInput: unknown): ChatMessage[] {
  const history = (workflowInput as { history?: unknown } | null | undefined)?.history;
  if (!Array.isArray(history)) return [];
  const out: ChatMessage[] = [];
  for (const entry of history as { role?: unknown; content?: unknown }[]) {
    if (typeof entry?.content !== 'string') continue;
    if (entry.role === 'user' || entry.role === 'assistant')
      out.push({ role: entry.role, content: entry.content });
  }
  return out;
}

/**
 * `provider` and `model` go together; penalties only to a provider that takes them, when the provider is known
 * here (named in the node or its fallback list; a default model is checked by the provider when the node runs).
 */
function checkModelSettings(config: AgentConfig, h: CompileHelpers): void {
  if ((config.provider === undefined) !== (config.model === undefined)) {
    const missing = config.provider === undefined ? 'provider' : 'model';
    // "required", as the schema says of a missing field: provider and model go together (or neither: the default).
    h.issue(missing, 'required');
  }
  const set = PENALTIES.filter((name) => config[name] !== undefined);
  if (set.length === 0) return;
  const targets = [
    ...(config.provider !== undefined && config.model !== undefined
      ? [{ provider: config.provider, model: config.model, where: '' }]
      : []),
    ...(config.fallback ?? []).map((f, i) => ({ ...f, where: ` (fallback[${i}])` })),
  ];
  for (const target of targets) {
    if (h.modelCapabilities(target.provider, target.model)?.penalties !== false) continue;
    for (const name of set) {
      h.issue(
        name,
        `${target.provider}/${target.model}${target.where} does not take ${name}; remove it or use OpenAI, an OpenAI-compatible provider or Gemini`,
        'AF_UNSUPPORTED_SETTING',
      );
    }
  }
}

function request(
  config: AgentConfig,
  vars: Record<string, unknown>,
  messages: ChatMessage[],
  tools: ToolSpec[] | undefined,
): ModelRequest {
  const req: ModelRequest = { messages: [...messages] };
  if (config.provider !== undefined && config.model !== undefined) {
    req.provider = config.provider;
    req.model = config.model;
  }
  if (config.systemPrompt !== undefined) req.system = renderTemplate(config.systemPrompt, vars);
  if (tools) req.tools = tools;
  if (config.temperature !== undefined) req.temperature = config.temperature;
  if (config.maxTokens !== undefined) req.maxTokens = config.maxTokens;
  if (config.topP !== undefined) req.topP = config.topP;
  if (config.frequencyPenalty !== undefined) req.frequencyPenalty = config.frequencyPenalty;
  if (config.presencePenalty !== undefined) req.presencePenalty = config.presencePenalty;
  if (config.stop) req.stop = config.stop;
  if (config.schema) req.responseSchema = config.schema;
  if (config.fallback) req.fallback = config.fallback;
  if (config.baseURL) req.baseURL = config.baseURL;
  return req;
}

/** The tool calls of the conversation's last (assistant) message. */
function lastToolCalls(messages: readonly ChatMessage[]): ToolCall[] {
  const last = messages[messages.length - 1];
  if (last?.role !== 'assistant' || !last.toolCalls)
    throw new AgentFlowError('AF_INTERNAL', 'the paused conversation does not end with tool calls');
  return last.toolCalls;
}

function finalAnswer(text: string, object: unknown, check: JsonSchemaCheck | undefined): unknown {
  if (!check) return text;
  let value = object;
  if (value === undefined) {
    try {
      value = JSON.parse(stripFences(text));
    } catch {
      throw new AgentFlowError('AF_STRUCTURED_OUTPUT_INVALID', 'the model did not return JSON');
    }
  }
  const issues = check(value);
  if (issues.length > 0) {
    throw new AgentFlowError('AF_STRUCTURED_OUTPUT_INVALID', 'the model output does not match the schema', {
      issues,
    });
  }
  return value;
}

function stripFences(text: string): string {
  const m = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/.exec(text);
  return m ? m[1]! : text;
}
