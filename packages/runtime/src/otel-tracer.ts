import { AsyncLocalStorage } from 'node:async_hooks';
import type { SpanAttributes, SpanOptions, Tracer, TraceSpan } from '@agentflow/core';
import {
  type Context,
  type Link,
  type Tracer as OtelTracer,
  ROOT_CONTEXT,
  type Span,
  type SpanContext,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import type { RuntimeTracing, TracingSettings } from './tracing-types.js';

/**
 * The Tracer port on `@opentelemetry/api`, with the SDK's provider and the OTLP/HTTP exporter. Loaded only when
 * tracing is on (tracing.ts imports this module lazily), so a runtime without it loads no OpenTelemetry code.
 *
 * No global is registered (no global tracer provider, context manager or propagator): the engine passes parents
 * explicitly, and the "current context" (the HTTP request being served) is this module's AsyncLocalStorage.
 */

const KINDS = {
  internal: SpanKind.INTERNAL,
  server: SpanKind.SERVER,
  client: SpanKind.CLIENT,
  producer: SpanKind.PRODUCER,
  consumer: SpanKind.CONSUMER,
} as const;

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** A W3C `traceparent` as a remote span context; undefined when it is malformed or all zeros. */
export function parseTraceparent(value: string): SpanContext | undefined {
  const match = TRACEPARENT.exec(value.trim().toLowerCase());
  if (!match) return undefined;
  const [, traceId, spanId, flags] = match as unknown as [string, string, string, string];
  if (/^0+$/.test(traceId) || /^0+$/.test(spanId)) return undefined;
  return { traceId, spanId, traceFlags: Number.parseInt(flags, 16), isRemote: true };
}

export function formatTraceparent(context: SpanContext): string {
  return `00-${context.traceId}-${context.spanId}-${(context.traceFlags & 0xff).toString(16).padStart(2, '0')}`;
}

function clean(attributes: SpanAttributes | undefined): Record<string, string | number | boolean | string[]> {
  const out: Record<string, string | number | boolean | string[]> = {};
  if (!attributes) return out;
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined) out[key] = value;
  return out;
}

class OtelSpan implements TraceSpan {
  private ended = false;
  constructor(readonly span: Span) {}

  setAttributes(attributes: SpanAttributes): void {
    this.span.setAttributes(clean(attributes));
  }

  fail(errorType: string, message?: string): void {
    this.span.setAttribute('error.type', errorType);
    this.span.setStatus(
      message === undefined ? { code: SpanStatusCode.ERROR } : { code: SpanStatusCode.ERROR, message },
    );
  }

  end(endTime?: number): void {
    if (this.ended) return;
    this.ended = true;
    this.span.end(endTime);
  }

  traceparent(): string {
    return formatTraceparent(this.span.spanContext());
  }
}

/** The port on an OpenTelemetry tracer; `current` holds the context of the HTTP request being served. */
export function createOtelTracer(tracer: OtelTracer, current: AsyncLocalStorage<Context>): Tracer {
  function parentContext(options: SpanOptions): Context {
    const parent = options.parent;
    if (options.root) return ROOT_CONTEXT;
    if (parent === undefined) return current.getStore() ?? ROOT_CONTEXT;
    if (typeof parent === 'string') {
      const remote = parseTraceparent(parent);
      return remote ? trace.setSpanContext(ROOT_CONTEXT, remote) : ROOT_CONTEXT;
    }
    return trace.setSpan(ROOT_CONTEXT, (parent as OtelSpan).span);
  }

  return {
    startSpan(name, options = {}) {
      const links: Link[] = [];
      for (const l of options.links ?? []) {
        const context = parseTraceparent(l);
        if (context) links.push({ context });
      }
      const span = tracer.startSpan(
        name,
        {
          kind: KINDS[options.kind ?? 'internal'],
          attributes: clean(options.attributes),
          ...(links.length > 0 ? { links } : {}),
          ...(options.startTime !== undefined ? { startTime: options.startTime } : {}),
        },
        parentContext(options),
      );
      return new OtelSpan(span);
    },
    currentTraceparent() {
      const span = trace.getSpan(current.getStore() ?? ROOT_CONTEXT);
      return span ? formatTraceparent(span.spanContext()) : undefined;
    },
  };
}

/** Starts the SDK: a provider exporting to the OTLP/HTTP endpoint, or to the exporter a test passes. */
export function startOtel(settings: TracingSettings, version: string): RuntimeTracing {
  const exporter: SpanExporter =
    (settings.exporter as SpanExporter | undefined) ??
    new OTLPTraceExporter({ url: settings.endpoint!, headers: settings.headers ?? {} });
  // A test's exporter sees each span as it ends; the OTLP one gets batches (every 5 s, or 512 spans).
  const batch = settings.exporter === undefined;
  const processor = batch ? new BatchSpanProcessor(exporter) : new SimpleSpanProcessor(exporter);
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': settings.serviceName,
      'service.version': version,
      ...settings.resourceAttributes,
    }),
    spanProcessors: [processor],
  });
  const current = new AsyncLocalStorage<Context>();
  const tracer = createOtelTracer(provider.getTracer('agentflow', version), current);
  return {
    tracer,
    enter(span) {
      current.enterWith(trace.setSpan(ROOT_CONTEXT, (span as OtelSpan).span));
    },
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}
