import type { Tracer, TraceSpan } from '@agentflow/core';

/** What tracing needs, from the configuration (loadConfig reads the environment). */
export interface TracingSettings {
  /** Where spans are sent (the OTLP/HTTP traces URL, `.../v1/traces`). */
  endpoint?: string;
  headers?: Record<string, string>;
  /** `service.name` of the resource. */
  serviceName: string;
  resourceAttributes?: Record<string, string>;
  /** An SDK `SpanExporter` to use instead of OTLP (tests: the SDK's InMemorySpanExporter). */
  exporter?: unknown;
}

/** Tracing of a running runtime: the engine's Tracer port, and what the HTTP server needs. */
export interface RuntimeTracing {
  readonly tracer: Tracer;
  /**
   * Makes `span` the current context of the calling asynchronous flow (an HTTP request's hooks and handler), so
   * executions started and jobs queued there continue its trace.
   */
  enter(span: TraceSpan): void;
  /** Exports the spans ended so far. */
  flush(): Promise<void>;
  /** Exports what is left and stops. */
  shutdown(): Promise<void>;
}
