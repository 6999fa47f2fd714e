import type { ModelCallRecord, Usage } from '@agentflow/protocol';

export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema of the input. */
  inputSchema: Record<string, unknown>;
  /** JSON Schema of the output, if the tool declares one. */
  outputSchema?: Record<string, unknown>;
  /** True when calling the tool changes something outside AgentFlow (email, HTTP POST...). */
  sideEffect: boolean;
}

export interface ToolCall {
  id: string;
  name: string;
  input: unknown;
}

export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[] }
  | { role: 'tool'; toolCallId: string; toolName: string; content: unknown; isError?: boolean };

export interface ModelRequest {
  /**
   * Absent (with `model`): the runtime's default, the workspace's default model, else the instance's
   * (`AGENTFLOW_DEFAULT_PROVIDER`/`AGENTFLOW_DEFAULT_MODEL`). A provider that gets a request without one refuses
   * it (AF_PROVIDER_NOT_CONFIGURED).
   */
  provider?: string;
  model?: string;
  system?: string;
  messages: ChatMessage[];
  tools?: ToolSpec[];
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  /** -2..2; OpenAI, OpenAI-compatible and Gemini (not 2.5) take it, others refuse it (AF_UNSUPPORTED_SETTING). */
  frequencyPenalty?: number;
  /** -2..2; as `frequencyPenalty`. */
  presencePenalty?: number;
  stop?: string[];
  /** JSON Schema the reply must match (structured output). */
  responseSchema?: Record<string, unknown>;
  /** Ordered providers to try when this one fails after its retries. */
  fallback?: { provider: string; model: string }[];
  /** For OpenAI-compatible endpoints. */
  baseURL?: string;
}

export interface ModelResponse {
  text: string;
  /** Parsed JSON when a responseSchema was given. */
  object?: unknown;
  toolCalls: ToolCall[];
  finishReason: 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'error' | 'other';
  usage: Usage;
  /** Provider/model that answered (after fallback). */
  provider: string;
  model: string;
  /** Every attempt made, failed ones included. */
  calls: ModelCallRecord[];
}

/** Whose call it is: set by the engine on every call a node makes (budgets, traces). */
export interface ModelCallScope {
  workspaceId: string | undefined;
  workflowId: string;
  executionId: string;
  /** The top-level execution (the execution itself, or the parent of a loop body or subworkflow run). */
  rootExecutionId: string;
  stepId: string;
  agentId: string;
}

export interface ModelCallContext {
  signal: AbortSignal;
  /** Set by the engine (a node need not pass it). */
  scope?: ModelCallScope;
  /** Receives text deltas as they stream. */
  onToken?: (delta: string) => void;
  /** Receives each attempt as it ends. */
  onCall?: (call: ModelCallRecord) => void;
}

export interface ModelCapabilities {
  functionCalling: boolean;
  vision: boolean;
  streaming: boolean;
  structuredOutput: boolean;
  /** Takes `frequencyPenalty` and `presencePenalty`. */
  penalties: boolean;
}

/** The ModelProvider port. One instance routes by `request.provider`. */
export interface ModelProvider {
  generate(request: ModelRequest, context: ModelCallContext): Promise<ModelResponse>;
  capabilities?(provider: string, model: string): ModelCapabilities;
}
