import { type ChatMessage, type ModelRequest, type ToolSpec, withRe2RegExp } from '@agentflow/core';
import type {
  JSONObject,
  JSONSchema7,
  JSONValue,
  LanguageModelV3CallOptions,
  LanguageModelV3FunctionTool,
  LanguageModelV3Message,
} from '@ai-sdk/provider';
import { Validator } from '@cfworker/json-schema';

/**
 * What every attempt of one request shares, whichever provider answers, built once per request: the AI SDK's
 * provider-neutral call options (LanguageModelV3), which each provider package turns into its wire format.
 */
export interface PreparedCall {
  options: Omit<LanguageModelV3CallOptions, 'abortSignal'>;
  /** Parses and checks a structured reply; throws with a readable reason. */
  validate: ((text: string) => unknown) | undefined;
}

/** Validators by the schema's JSON (what they are built from, so an edited schema is a new entry). */
const validators = new Map<string, Validator>();

function validatorFor(schema: Record<string, unknown>): Validator {
  const key = JSON.stringify(schema);
  let validator = validators.get(key);
  if (!validator) {
    // A parsed copy: cfworker marks the objects it dereferences, and the caller's schema stays as it was.
    validator = new Validator(JSON.parse(key), '2020-12', false);
    if (validators.size >= 500) validators.delete(validators.keys().next().value as string);
    validators.set(key, validator);
  }
  return validator;
}

/** Checks a value against a JSON Schema (patterns on RE2, linear time); returns the problems, empty when valid. */
export function schemaProblems(schema: Record<string, unknown>, value: unknown): string[] {
  const validator = validatorFor(schema);
  const result = withRe2RegExp(() => validator.validate(value));
  if (result.valid) return [];
  return result.errors
    .filter((e) => e.keyword !== 'properties' && e.keyword !== 'items')
    .slice(0, 5)
    .map((e) => `${e.instanceLocation} ${e.error}`);
}

function toJson(value: unknown): JSONValue {
  return value === undefined ? null : (value as JSONValue);
}

function convertMessage(message: ChatMessage): LanguageModelV3Message {
  switch (message.role) {
    case 'system':
      return { role: 'system', content: message.content };
    case 'user':
      return { role: 'user', content: [{ type: 'text', text: message.content }] };
    case 'assistant':
      return {
        role: 'assistant',
        content: [
          ...(message.content ? [{ type: 'text' as const, text: message.content }] : []),
          ...(message.toolCalls ?? []).map((call) => ({
            type: 'tool-call' as const,
            toolCallId: call.id,
            toolName: call.name,
            input: call.input ?? {},
          })),
        ],
      };
    case 'tool': {
      const content = message.content;
      const output =
        typeof content === 'string'
          ? { type: message.isError ? ('error-text' as const) : ('text' as const), value: content }
          : { type: message.isError ? ('error-json' as const) : ('json' as const), value: toJson(content) };
      return {
        role: 'tool',
        content: [
          { type: 'tool-result', toolCallId: message.toolCallId, toolName: message.toolName, output },
        ],
      };
    }
  }
}

function convertTool(spec: ToolSpec): LanguageModelV3FunctionTool {
  return {
    type: 'function',
    name: spec.name,
    description: spec.description,
    inputSchema: spec.inputSchema as JSONSchema7,
  };
}

function structuredValidator(schema: Record<string, unknown>) {
  validatorFor(schema);
  return (text: string): unknown => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new Error(`reply is not JSON: ${text.slice(0, 120)}`);
    }
    const problems = schemaProblems(schema, value);
    if (problems.length > 0) throw new Error(`reply does not match the schema: ${problems.join('; ')}`);
    return value;
  };
}

/** Turns a port request into AI SDK call options. Tools carry no `execute`: calls go back to the agent node. */
export function prepareCall(request: ModelRequest): PreparedCall {
  const prompt: LanguageModelV3Message[] = [];
  if (request.system) prompt.push({ role: 'system', content: request.system });
  for (const message of request.messages) prompt.push(convertMessage(message));
  const options: PreparedCall['options'] = { prompt };
  if (request.tools?.length) {
    options.tools = request.tools.map(convertTool);
    options.toolChoice = { type: 'auto' };
  }
  const schema = request.responseSchema;
  if (schema) options.responseFormat = { type: 'json', schema: schema as JSONSchema7, name: 'response' };
  // Ollama reads sampling options from `options` (the SDK's top-level fields are not Ollama's API).
  const ollama: JSONObject = {};
  if (request.temperature !== undefined) options.temperature = ollama.temperature = request.temperature;
  if (request.maxTokens !== undefined) options.maxOutputTokens = ollama.num_predict = request.maxTokens;
  if (request.topP !== undefined) options.topP = ollama.top_p = request.topP;
  if (request.frequencyPenalty !== undefined) options.frequencyPenalty = request.frequencyPenalty;
  if (request.presencePenalty !== undefined) options.presencePenalty = request.presencePenalty;
  if (request.stop?.length) {
    options.stopSequences = request.stop;
    ollama.stop = request.stop;
  }
  if (Object.keys(ollama).length > 0) options.providerOptions = { ollama: { options: ollama } };
  return { options, validate: schema ? structuredValidator(schema) : undefined };
}
