import type { Tracer, TraceSpan } from '@agentflow/core';
import type { RuntimeConfig } from './config.js';
import type { RuntimeTracing, TracingSettings } from './tracing-types.js';

export type { RuntimeTracing, Tracer, TraceSpan, TracingSettings };

/**
 * OpenTelemetry traces (ARCHITECTURE.md §11e "Traces"). Off unless `OTEL_EXPORTER_OTLP_ENDPOINT` (or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, or the same in the config) is set, or a test passes an exporter. Off, this
 * module is all a runtime loads of it: `@opentelemetry/*` is imported (otel-tracer.ts) only when tracing starts.
 */

/** `k=v,k2=v2` (OTEL_EXPORTER_OTLP_HEADERS, OTEL_RESOURCE_ATTRIBUTES; values percent-encoded). */
export function parseKeyValues(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (text ?? '').split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      // Kept as written.
    }
    if (key) out[key] = value;
  }
  return out;
}

/** The OTLP/HTTP traces URL: the signal's own endpoint as given, else `<endpoint>/v1/traces`. */
export function tracesUrl(
  config: Pick<RuntimeConfig, 'otlpEndpoint' | 'otlpTracesEndpoint'>,
): string | undefined {
  if (config.otlpTracesEndpoint) return config.otlpTracesEndpoint;
  if (!config.otlpEndpoint) return undefined;
  return `${config.otlpEndpoint.replace(/\/+$/, '')}/v1/traces`;
}

/** The settings tracing starts with, or undefined when it is off. */
export function tracingSettings(config: RuntimeConfig, exporter?: unknown): TracingSettings | undefined {
  if (config.otelDisabled) return undefined;
  const endpoint = tracesUrl(config);
  if (endpoint === undefined && exporter === undefined) return undefined;
  const settings: TracingSettings = {
    serviceName: config.otelServiceName ?? 'agentflow',
    headers: parseKeyValues(config.otlpHeaders),
    resourceAttributes: parseKeyValues(config.otelResourceAttributes),
  };
  if (endpoint !== undefined) settings.endpoint = endpoint;
  if (exporter !== undefined) settings.exporter = exporter;
  return settings;
}

/** Starts tracing when the configuration asks for it (loading the SDK then), else resolves undefined. */
export async function startTracing(
  config: RuntimeConfig,
  options: { exporter?: unknown; version?: string } = {},
): Promise<RuntimeTracing | undefined> {
  const settings = tracingSettings(config, options.exporter);
  if (!settings) return undefined;
  const { startOtel } = await import('./otel-tracer.js');
  return startOtel(settings, options.version ?? '0.1.0');
}
