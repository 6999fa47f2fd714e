import { AgentFlowError, isAgentFlowError } from '@agentflow/protocol';
import type { EgressGuard, EgressRequestInit, RequestLimits } from './guard.js';

/**
 * A standard `fetch` (the WHATWG signature the AI SDK provider packages accept as their `fetch` setting) that
 * sends every request through an egress guard: the target is checked, the connection pinned to the checked
 * address, redirects re-checked (credential headers dropped when the origin changes), the body capped.
 *
 * Failures look like a platform fetch's, so callers keep their own error handling: a refused target is
 * `AF_EGRESS_REFUSED` (never retryable), a network failure a `TypeError('fetch failed')` with the cause, a
 * cancellation an `AbortError`. `limits` default to the guard's own (30 s, 10 MiB, 5 redirects).
 */
export function createGuardedFetch(guard: EgressGuard, limits: RequestLimits = {}): typeof globalThis.fetch {
  const guarded = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const request = input instanceof Request ? input : undefined;
    const url = request ? request.url : String(input);
    const headers = new Headers(request?.headers);
    for (const [name, value] of new Headers(init.headers)) headers.set(name, value);
    const signal = init.signal ?? request?.signal ?? undefined;
    const options: EgressRequestInit = {
      method: init.method ?? request?.method ?? 'GET',
      headers: Object.fromEntries(headers),
    };
    const body =
      init.body !== undefined
        ? await toBody(init.body)
        : request?.body
          ? await toBody(request.body)
          : undefined;
    if (body !== undefined) options.body = body;
    if (signal) options.signal = signal;
    try {
      return await guard.fetch(url, options, limits);
    } catch (error) {
      throw platformError(error, signal);
    }
  };
  return guarded as typeof globalThis.fetch;
}

async function toBody(
  body: RequestInit['body'] | ReadableStream,
): Promise<string | Uint8Array | URLSearchParams | undefined> {
  if (body === null || body === undefined) return undefined;
  if (typeof body === 'string' || body instanceof URLSearchParams || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof FormData) throw new TypeError('guarded fetch: FormData bodies are not supported');
  // Blob and ReadableStream: read whole (model and API requests are small).
  return new Uint8Array(await new Response(body).arrayBuffer());
}

function platformError(error: unknown, signal: AbortSignal | undefined): unknown {
  if (!isAgentFlowError(error)) return error;
  if (error.details?.reason === 'egress') {
    return new AgentFlowError('AF_EGRESS_REFUSED', error.message, {
      retryable: false,
      details: error.details,
      cause: error,
    });
  }
  if (error.code === 'AF_CANCELLED' || signal?.aborted) {
    return new DOMException(error.message, 'AbortError');
  }
  if (error.code === 'AF_TIMEOUT') return new DOMException(error.message, 'TimeoutError');
  if (error.code === 'AF_TOOL_ERROR') {
    // The guard wraps undici's own TypeError('fetch failed'), whose cause says what failed (ECONNREFUSED...).
    if (error.cause instanceof TypeError) return error.cause;
    return new TypeError('fetch failed', { cause: error });
  }
  return error;
}
