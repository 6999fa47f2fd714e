/** Size limits on definitions. Validation reports AF_LIMIT_EXCEEDED with the path of the offending value. */
export interface Limits {
  /** Max agents (nodes) in one workflow, counting nested loop bodies separately. (Default: 500) */
  maxAgents: number;
  /** Max connections in one workflow. (Default: 2000) */
  maxConnections: number;
  /** Max length of any string in the definition. (Default: 100000) */
  maxStringLength: number;
  /** Max nesting depth of any JSON value in the definition, including nested workflows. (Default: 32) */
  maxDepth: number;
  /** Max serialized size of the whole definition in bytes. (Default: 1 MiB, the server's default body limit) */
  maxDefinitionBytes: number;
  /** Max length of a CEL expression. (Default: 4096) */
  maxExpressionLength: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxAgents: 500,
  maxConnections: 2000,
  maxStringLength: 100_000,
  maxDepth: 32,
  maxDefinitionBytes: 1024 * 1024,
  maxExpressionLength: 4096,
});

/**
 * Limits on JSON text as it arrives (request bodies, GraphQL variables and queries, MCP messages, CLI input
 * files), checked on the raw text by `scanJsonText` before anything is parsed into objects.
 */
export interface JsonLimits {
  /** Max nesting of objects and arrays (the body itself is level 1). (Default: 64) */
  maxDepth: number;
  /** Max object members plus array items, counted over the whole text. (Default: 50000) */
  maxEntries: number;
}

export const JSON_LIMITS: Readonly<JsonLimits> = Object.freeze({ maxDepth: 64, maxEntries: 50_000 });

/**
 * Limits on the values an execution stores, checked by the engine before they are committed: each step's output
 * (which its messages carry on), an execution's input and a payload given to a waiting node. Stores keep values
 * as JSON, so a value must also be one: no cycles, no BigInt, no `toJSON` or getter that throws (what
 * `JSON.stringify` would throw on). A step whose output breaks a limit fails with `AF_OUTPUT_TOO_LARGE` (size,
 * depth) or `AF_INVALID_OUTPUT` (not JSON), with the path of the offending part; neither is retried.
 */
export interface ValueLimits {
  /**
   * Max length of a value's JSON text in characters (escapes not counted). Bounds what one step adds to the
   * store and to every read of its execution. (Default: 16 MiB)
   */
  maxChars: number;
  /** Max nesting of objects and arrays, as for JSON that arrives (`JSON_LIMITS`). (Default: 64) */
  maxDepth: number;
  /**
   * Max total JSON length of one execution's step outputs (its steps' inputs and messages carry the same values):
   * the step that would pass it fails with `AF_OUTPUT_TOO_LARGE`. Bounds what one execution adds to the store
   * however many steps it takes. (Default: 256 MiB)
   */
  maxExecutionChars: number;
}

export const VALUE_LIMITS: Readonly<ValueLimits> = Object.freeze({
  maxChars: 16 * 1024 * 1024,
  maxDepth: JSON_LIMITS.maxDepth,
  maxExecutionChars: 256 * 1024 * 1024,
});

/**
 * Bounds on the execution log (LogRecord lines). A step keeps its first `stepLines` lines and `stepBytes` bytes
 * (message and data, UTF-8), then one warn line saying how many were dropped; an execution keeps `executionLines`
 * lines, then one warn line saying how many of that step's were dropped, and no more. A message longer than `messageChars` is
 * cut and ends with a `[truncated N chars]` marker; `data` whose JSON is longer is left out (and said so).
 */
export interface LogLimits {
  /** (Default: 200) */
  stepLines: number;
  /** (Default: 64 KiB) */
  stepBytes: number;
  /** (Default: 10,000) */
  executionLines: number;
  /** (Default: 2,000) */
  messageChars: number;
}

export const LOG_LIMITS: Readonly<LogLimits> = Object.freeze({
  stepLines: 200,
  stepBytes: 64 * 1024,
  executionLines: 10_000,
  messageChars: 2000,
});
