export type { Clock } from './clock.js';
export type { Logger, LogLevel } from './logger.js';
export type {
  ChatMessage,
  ModelCallContext,
  ModelCallScope,
  ModelCapabilities,
  ModelProvider,
  ModelRequest,
  ModelResponse,
  ToolCall,
  ToolSpec,
} from './model-provider.js';
export type { ConsumeOptions, Consumer, EnqueueOptions, Queue, QueueCounts, QueueLease } from './queue.js';
export type {
  CreateExecutionOptions,
  ExecutionPatch,
  ListExecutionsQuery,
  ListLogsQuery,
  Page,
  StepCommit,
  Store,
} from './store.js';
export type { ToolCallContext, ToolHost, ToolResult } from './tool-host.js';
export type {
  SpanAttributes,
  SpanAttributeValue,
  SpanKind,
  SpanOptions,
  Tracer,
  TraceSpan,
} from './tracer.js';
