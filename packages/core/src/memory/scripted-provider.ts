/**
 * The in-memory ModelProvider: a deterministic scripted provider (rules matched by agent, model or prompt, replies
 * in order, scripted errors and token streams). Tests use it through @agentflow/testing; `agentflow run --script`
 * and the template gallery run workflows offline on it, so it ships in core, not in the test package.
 */

import {
  AgentFlowError,
  type ErrorCode,
  isAgentFlowError,
  type ModelCallRecord,
  type Usage,
} from '@agentflow/protocol';
import type {
  ChatMessage,
  ModelCallContext,
  ModelCapabilities,
  ModelProvider,
  ModelRequest,
  ModelResponse,
  ToolCall,
} from '../ports/model-provider.js';

/** A scripted failure, thrown as an AgentFlowError. */
export interface ScriptedError {
  code: ErrorCode;
  message: string;
  retryAfterMs?: number;
  /** (Default: the code's own retryable flag) */
  retryable?: boolean;
}

/** One scripted answer in object form. */
export interface ScriptedReplyObject {
  /** Reply text. (Default: '' ; `JSON.stringify(object)` when `object` is given; the joined `tokens` array) */
  text?: string;
  /** Tool calls to return; ids are `call_1`, `call_2`... per provider unless given. */
  toolCalls?: { name: string; input: unknown; id?: string }[];
  /** Structured output. Without it, a request with a responseSchema gets `JSON.parse(text)`. */
  object?: unknown;
  /** Fail this attempt instead of answering. */
  error?: ScriptedError;
  /** Wait this long first (honours the abort signal; `Infinity` waits until aborted). (Default: 0) */
  delayMs?: number;
  /**
   * How the text streams to `onToken`: explicit chunks, or a chunk size in characters.
   * (Default: the whole text as one chunk, when it is not empty)
   */
  tokens?: string[] | number;
  /** Pause between streamed chunks in ms. (Default: 0) */
  tokenDelayMs?: number;
  /** (Default: 'tool-calls' when there are tool calls, else 'stop') */
  finishReason?: ModelResponse['finishReason'];
  /** Overrides the computed usage (by default ceil(chars / 4) tokens each way, cost 0). */
  usage?: Partial<Usage>;
}

/** A reply: text, an object form, or a function of the request returning either (possibly async). */
export type ScriptedReply =
  | string
  | ScriptedReplyObject
  | ((request: ModelRequest) => string | ScriptedReplyObject | Promise<string | ScriptedReplyObject>);

/** Matches requests on any combination of fields (all given must hold). */
export interface RequestMatcher {
  provider?: string;
  model?: string;
  /** The last user message contains this text. */
  lastUserIncludes?: string;
  /** The system prompt (or a system message) contains this text. */
  systemIncludes?: string;
}

export interface ScriptRule {
  when: RequestMatcher | ((request: ModelRequest) => boolean);
  reply: ScriptedReply;
  /** How many times the rule may answer. (Default: unlimited) */
  times?: number;
}

/**
 * A script. For each attempt the first matching rule answers; otherwise the next unused reply of `byModel`
 * (keyed `provider/model`, then just `model`), then of `replies`; otherwise `fallback`; otherwise the attempt
 * fails with a non-retryable AF_PROVIDER_ERROR saying the script ran out.
 */
export interface Script {
  rules?: ScriptRule[];
  replies?: ScriptedReply[];
  byModel?: Record<string, ScriptedReply[]>;
  fallback?: ScriptedReply;
  /** (Default: every capability true) */
  capabilities?: Partial<ModelCapabilities>;
}

/** A deterministic ModelProvider with a log of what it was asked. */
export interface ScriptedProvider extends ModelProvider {
  /** Every request received by `generate`, deep-copied, in order (one per call, not per fallback attempt). */
  readonly calls: ModelRequest[];
  capabilities(provider: string, model: string): ModelCapabilities;
}

/**
 * A ModelProvider that answers from a script, without any network: for tests and examples. A plain array is
 * shorthand for `{ replies }`. Each attempt is recorded as a ModelCallRecord (returned in `calls` and passed to
 * `context.onCall`); when an attempt fails and the request lists `fallback` models, the next one is tried.
 * Usage is ceil(characters / 4) for input (system and messages) and output (text, tool calls, object).
 */
export function createScriptedProvider(script: Script | ScriptedReply[] = {}): ScriptedProvider {
  const s: Script = Array.isArray(script) ? { replies: script } : script;
  const rules = (s.rules ?? []).map((rule) => ({ rule, used: 0 }));
  const global = [...(s.replies ?? [])];
  const byModel = new Map(Object.entries(s.byModel ?? {}).map(([k, v]) => [k, [...v]]));
  const calls: ModelRequest[] = [];
  let toolCallCounter = 0;

  function pick(request: ModelRequest): ScriptedReply | undefined {
    for (const entry of rules) {
      if (entry.rule.times !== undefined && entry.used >= entry.rule.times) continue;
      if (!matches(entry.rule.when, request)) continue;
      entry.used++;
      return entry.rule.reply;
    }
    for (const key of [`${request.provider}/${request.model}`, request.model ?? '']) {
      const own = byModel.get(key);
      if (own && own.length > 0) return own.shift();
    }
    if (global.length > 0) return global.shift();
    return s.fallback;
  }

  async function attempt(request: ModelRequest, context: ModelCallContext): Promise<ModelResponse> {
    const picked = pick(request);
    if (picked === undefined) {
      throw new AgentFlowError(
        'AF_PROVIDER_ERROR',
        `scripted provider has no reply left for ${request.provider}/${request.model}`,
        { retryable: false },
      );
    }
    const reply = typeof picked === 'function' ? await picked(request) : picked;
    const r: ScriptedReplyObject = typeof reply === 'string' ? { text: reply } : reply;
    await wait(r.delayMs ?? 0, context.signal);
    if (r.error) {
      throw new AgentFlowError(r.error.code, r.error.message, {
        ...(r.error.retryAfterMs !== undefined ? { retryAfterMs: r.error.retryAfterMs } : {}),
        ...(r.error.retryable !== undefined ? { retryable: r.error.retryable } : {}),
        details: { provider: request.provider, model: request.model },
      });
    }
    const chunks = Array.isArray(r.tokens) ? r.tokens : undefined;
    const text = r.text ?? (r.object !== undefined ? JSON.stringify(r.object) : (chunks?.join('') ?? ''));
    let object = r.object;
    if (object === undefined && request.responseSchema) {
      try {
        object = JSON.parse(text);
      } catch {
        throw new AgentFlowError('AF_STRUCTURED_OUTPUT_INVALID', 'scripted reply is not JSON', {
          details: { provider: request.provider, model: request.model },
        });
      }
    }
    if (context.onToken) {
      for (const chunk of chunks ?? split(text, typeof r.tokens === 'number' ? r.tokens : text.length)) {
        if (r.tokenDelayMs) await wait(r.tokenDelayMs, context.signal);
        else if (context.signal.aborted) throw cancelled(context.signal);
        context.onToken(chunk);
      }
    }
    const toolCalls: ToolCall[] = (r.toolCalls ?? []).map((c) => ({
      id: c.id ?? `call_${++toolCallCounter}`,
      name: c.name,
      input: c.input,
    }));
    const outputChars = text.length + (toolCalls.length > 0 ? JSON.stringify(toolCalls).length : 0);
    const usage: Usage = {
      inputTokens: tokensOf(inputChars(request)),
      outputTokens: tokensOf(outputChars),
      costUsd: 0,
      ...r.usage,
    };
    const response: ModelResponse = {
      text,
      toolCalls,
      finishReason: r.finishReason ?? (toolCalls.length > 0 ? 'tool-calls' : 'stop'),
      usage,
      // A request without a provider (an agent on the default model, no runtime to fill it in) answers as ''.
      provider: request.provider ?? '',
      model: request.model ?? '',
      calls: [],
    };
    if (object !== undefined) response.object = object;
    return response;
  }

  return {
    calls,
    capabilities: () => ({
      functionCalling: true,
      vision: true,
      streaming: true,
      structuredOutput: true,
      penalties: true,
      ...s.capabilities,
    }),
    async generate(request, context) {
      calls.push(copy(request));
      const first = { provider: request.provider ?? '', model: request.model ?? '' };
      const targets = [first, ...(request.fallback ?? [])];
      const records: ModelCallRecord[] = [];
      let lastError: unknown;
      for (const target of targets) {
        if (context.signal.aborted) throw cancelled(context.signal);
        const started = performance.now();
        try {
          const response = await attempt({ ...request, ...target }, context);
          const record: ModelCallRecord = {
            ...target,
            status: 'ok',
            latencyMs: Math.round(performance.now() - started),
            inputTokens: response.usage.inputTokens,
            outputTokens: response.usage.outputTokens,
            costUsd: response.usage.costUsd,
          };
          records.push(record);
          context.onCall?.(record);
          response.calls = records;
          return response;
        } catch (error) {
          const failure = isAgentFlowError(error)
            ? error
            : new AgentFlowError('AF_PROVIDER_ERROR', String(error), { cause: error });
          const record: ModelCallRecord = {
            ...target,
            status: 'error',
            latencyMs: Math.round(performance.now() - started),
            error: failure.toJSON(),
          };
          records.push(record);
          context.onCall?.(record);
          if (failure.code === 'AF_CANCELLED') throw failure;
          lastError = failure;
        }
      }
      throw lastError;
    },
  };
}

/**
 * A provider that replies with the last user message (or '' when there is none), streamed in one chunk.
 */
export function echoProvider(): ScriptedProvider {
  return createScriptedProvider({ fallback: (request) => lastUserText(request.messages) ?? '' });
}

function matches(when: ScriptRule['when'], request: ModelRequest): boolean {
  if (typeof when === 'function') return when(request);
  if (when.provider !== undefined && request.provider !== when.provider) return false;
  if (when.model !== undefined && request.model !== when.model) return false;
  if (
    when.lastUserIncludes !== undefined &&
    !lastUserText(request.messages)?.includes(when.lastUserIncludes)
  ) {
    return false;
  }
  if (when.systemIncludes !== undefined) {
    const systems = [
      request.system ?? '',
      ...request.messages.filter((m) => m.role === 'system').map(textOf),
    ];
    if (!systems.some((t) => t.includes(when.systemIncludes!))) return false;
  }
  return true;
}

function lastUserText(messages: readonly ChatMessage[]): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role === 'user') return m.content;
  }
  return undefined;
}

function textOf(message: ChatMessage): string {
  if (message.role === 'tool')
    return typeof message.content === 'string' ? message.content : JSON.stringify(message.content);
  if (message.role === 'assistant' && message.toolCalls?.length) {
    return message.content + JSON.stringify(message.toolCalls);
  }
  return message.content;
}

function inputChars(request: ModelRequest): number {
  let n = request.system?.length ?? 0;
  for (const m of request.messages) n += textOf(m).length;
  return n;
}

function tokensOf(chars: number): number {
  return Math.ceil(chars / 4);
}

function split(text: string, size: number): string[] {
  if (text === '') return [];
  const step = Math.max(1, Math.floor(size));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += step) out.push(text.slice(i, i + step));
  return out;
}

function cancelled(signal: AbortSignal): AgentFlowError {
  return new AgentFlowError('AF_CANCELLED', 'model call aborted', { cause: signal.reason });
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(cancelled(signal));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      if (timer) clearTimeout(timer);
      reject(cancelled(signal));
    };
    const timer = Number.isFinite(ms)
      ? setTimeout(() => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        }, ms)
      : undefined;
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function copy(request: ModelRequest): ModelRequest {
  try {
    return structuredClone(request);
  } catch {
    return { ...request, messages: [...request.messages] };
  }
}
