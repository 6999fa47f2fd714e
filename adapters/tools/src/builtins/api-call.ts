import { AgentFlowError } from '@agentflow/protocol';
import type { EgressGuard } from '../egress/guard.js';

/** A secret given as a value or fetched when needed (e.g. from the secret store, or an OAuth refresh). */
export type SecretValue = string | (() => string | Promise<string>);

export async function secretOf(value: SecretValue): Promise<string> {
  return typeof value === 'function' ? value() : value;
}

/**
 * POSTs JSON with a bearer token through the egress guard and returns the parsed answer. HTTP 429 and 5xx are
 * retryable AF_TOOL_ERRORs (with Retry-After when given); other HTTP errors are not.
 */
export async function postJson(
  tool: string,
  egress: EgressGuard,
  url: string,
  token: string,
  body: unknown,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await egress.request(
    url,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json; charset=utf-8',
        accept: 'application/json',
        'user-agent': 'AgentFlow',
      },
      body: JSON.stringify(body),
      signal,
    },
    { timeoutMs, maxResponseBytes: 1024 * 1024 },
  );
  let json: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(response.body.toString('utf8') || '{}');
    if (parsed && typeof parsed === 'object') json = parsed as Record<string, unknown>;
  } catch {
    if (response.status < 400)
      throw new AgentFlowError('AF_TOOL_ERROR', `${tool}: the API answered non-JSON`);
  }
  if (response.status >= 400) {
    const retryable = response.status === 429 || response.status >= 500;
    const retryAfter = Number(response.headers['retry-after']);
    const error = json.error as { message?: string } | string | undefined;
    const detail = typeof error === 'string' ? error : (error?.message ?? `HTTP ${response.status}`);
    throw new AgentFlowError('AF_TOOL_ERROR', `${tool}: ${detail}`, {
      retryable,
      ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
      details: { status: response.status },
    });
  }
  return { status: response.status, json };
}
