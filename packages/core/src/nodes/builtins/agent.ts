import { AgentFlowError } from '@agentflow/protocol';
import { z } from 'zod';
import type { ChatMessage, ModelRequest, ToolSpec } from '../../ports/model-provider.js';
import { defineNodeType, type NodeContext } from '../define.js';
import { compileSchemaOption, type JsonSchemaCheck } from '../json-schema.js';
import { renderTemplate, toText } from '../template.js';

const ProviderName = z.string().min(1).max(64);

/** The agent node's config keeps the product brief's field names. */
export const AgentConfig = z.strictObject({
  provider: ProviderName,
  model: z.string().min(1).max(200),
  systemPrompt: z.string().max(100_000).optional(),
  /** Template over the node's input (`{{input}}`, `{{input.topic}}`, `{{workflowInput.x}}`). Default: the input as text. */
  prompt: z.string().max(100_000).optional(),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().min(1).max(1_000_000).optional(),
  topP: z.number().min(0).max(1).optional(),
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
  baseURL: z.string().url().optional(),
});
export type AgentConfig = z.infer<typeof AgentConfig>;

/**
 * An LLM agent: renders its prompt, calls the model, runs the tools the model asks for (through the ToolHost,
 * errors returned to the model as tool results), and repeats until the model answers or `maxSteps` is reached.
 * With `schema`, the answer must be JSON matching it (AF_STRUCTURED_OUTPUT_INVALID otherwise, retryable).
 */
export const agentNode = defineNodeType({
  type: 'agent',
  category: 'ai',
  description:
    'Calls an LLM with a prompt, lets it use tools in a multi-step loop, optionally with structured output.',
  configSchema: AgentConfig,
  defaults: { retry: { maxAttempts: 3, initialDelayMs: 500 }, timeoutMs: 600_000 },
  compile: (config, h): JsonSchemaCheck | undefined =>
    compileSchemaOption(config.schema, h, 'AF_STRUCTURED_OUTPUT_INVALID'),
  async run({ input, inputs, config, prepared, context }) {
    const vars = { input, inputs, workflowInput: context.workflowInput };
    const prompt = config.prompt !== undefined ? renderTemplate(config.prompt, vars) : toText(input);
    const messages: ChatMessage[] = [{ role: 'user', content: prompt }];
    const tools = config.tools?.length ? await context.tools.list(config.tools) : undefined;
    if (config.tools && tools && tools.length < config.tools.length) {
      const known = new Set(tools.map((t) => t.name));
      const missing = config.tools.filter((t) => !known.has(t));
      throw new AgentFlowError('AF_UNKNOWN_TOOL', `unknown tools: ${missing.join(', ')}`);
    }
    for (let step = 0; step < config.maxSteps; step++) {
      const response = await context.models.generate(request(config, vars, messages, tools), {
        signal: context.signal,
        onToken: (delta) => context.emit({ type: 'step.token', delta }),
        onCall: (call) => context.recordModelCall(call),
      });
      context.recordUsage(response.usage);
      if (response.toolCalls.length === 0) return finalAnswer(response.text, response.object, prepared);
      messages.push({ role: 'assistant', content: response.text, toolCalls: response.toolCalls });
      const results = await Promise.all(
        response.toolCalls.map((call, k) =>
          callTool(context, call.id, call.name, call.input, `${step}.${k}`),
        ),
      );
      for (const r of results) messages.push(r);
    }
    throw new AgentFlowError(
      'AF_MAX_AGENT_STEPS',
      `agent did not finish within ${config.maxSteps} model calls`,
    );
  },
});

function request(
  config: AgentConfig,
  vars: Record<string, unknown>,
  messages: ChatMessage[],
  tools: ToolSpec[] | undefined,
): ModelRequest {
  const req: ModelRequest = { provider: config.provider, model: config.model, messages: [...messages] };
  if (config.systemPrompt !== undefined) req.system = renderTemplate(config.systemPrompt, vars);
  if (tools) req.tools = tools;
  if (config.temperature !== undefined) req.temperature = config.temperature;
  if (config.maxTokens !== undefined) req.maxTokens = config.maxTokens;
  if (config.topP !== undefined) req.topP = config.topP;
  if (config.stop) req.stop = config.stop;
  if (config.schema) req.responseSchema = config.schema;
  if (config.fallback) req.fallback = config.fallback;
  if (config.baseURL) req.baseURL = config.baseURL;
  return req;
}

async function callTool(
  context: NodeContext,
  id: string,
  name: string,
  input: unknown,
  key: string,
): Promise<ChatMessage> {
  context.emit({ type: 'step.tool_call', toolName: name, toolCallId: id, input });
  // The key is stable across retries and resumes of this step (model call ids are not).
  const result = await context.tools.call(name, input, {
    signal: context.signal,
    idempotencyKey: `${context.idempotencyKey}:${key}`,
    logger: context.logger,
    executionId: context.executionId,
    workflowId: context.workflowId,
    ...(context.workspaceId !== undefined ? { workspaceId: context.workspaceId } : {}),
  });
  const output = result.ok ? result.output : { error: result.error };
  context.emit({ type: 'step.tool_result', toolName: name, toolCallId: id, ok: result.ok, output });
  return { role: 'tool', toolCallId: id, toolName: name, content: output, isError: !result.ok };
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
