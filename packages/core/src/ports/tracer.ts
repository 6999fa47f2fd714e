/**
 * The Tracer port (issue 17 item 1): spans of executions, steps, attempts, model and tool calls. Core emits them
 * through this interface only; the runtime implements it on `@opentelemetry/api` (packages/runtime/src/tracing.ts).
 * Absent (the default), the engine checks for it and does nothing else: tracing off costs a null check.
 */

export type SpanAttributeValue = string | number | boolean | string[];

/** Attributes of a span; undefined values are left out. */
export type SpanAttributes = Record<string, SpanAttributeValue | undefined>;

/** The OpenTelemetry span kinds. */
export type SpanKind = 'internal' | 'server' | 'client' | 'producer' | 'consumer';

export interface SpanOptions {
  /** (Default: internal) */
  kind?: SpanKind;
  attributes?: SpanAttributes;
  /**
   * The parent: a span of this process, or the W3C `traceparent` of a span in another process (the API process
   * that queued the execution). Absent: the tracer's current context (the HTTP request being served), else the
   * span starts a new trace.
   */
  parent?: TraceSpan | string;
  /** Set: the span starts a new trace, whatever the current context is (an execution resumed after a restart). */
  root?: boolean;
  /** W3C `traceparent`s of spans this one follows from in other traces (the trace a resumed execution began in). */
  links?: string[];
  /** Epoch milliseconds, for a span reported after the fact (a model call's attempt). (Default: now) */
  startTime?: number;
}

export interface TraceSpan {
  setAttributes(attributes: SpanAttributes): void;
  /** Marks the span failed: status ERROR with `message`, and the `error.type` attribute (an AF_ code). */
  fail(errorType: string, message?: string): void;
  /** Ends the span (at `endTime`, epoch milliseconds, when given). Calls after the first are ignored. */
  end(endTime?: number): void;
  /** The W3C `traceparent` of this span, to carry it to another process (a queued job). */
  traceparent(): string;
}

export interface Tracer {
  startSpan(name: string, options?: SpanOptions): TraceSpan;
  /** The W3C `traceparent` of the current context (the HTTP request being served), if there is one. */
  currentTraceparent?(): string | undefined;
}
