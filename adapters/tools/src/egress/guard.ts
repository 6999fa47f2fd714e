import type { LookupAddress, LookupOptions } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import { createRequire } from 'node:module';
import { AgentFlowError } from '@agentflow/protocol';
import type { Agent, Response as UndiciResponse } from 'undici';
import { type AllowList, blockedReason, isIpLiteral, parseAllowList, unbracket } from './address-policy.js';

/** Resolves a host name to every address it has (the default is node:dns `lookup` with `all: true`). */
export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

export interface EgressOptions {
  /**
   * Hosts, IPs and CIDRs that may be reached even though they are private, loopback, link-local...: exact host
   * names (`api.internal`), wildcard suffixes (`*.corp.example`), addresses (`127.0.0.1`, `::1`) and CIDRs
   * (`10.1.0.0/16`). An allowed host name is reached whatever it resolves to. (Default: none)
   */
  allow?: readonly string[];
  /**
   * Exact origins (`http://127.0.0.1:11434`, scheme, host and port) an administrator configured as endpoints: they
   * are reached whatever address they resolve to, on that origin only (another port of the same host is checked as
   * usual). Redirects away from them are re-checked. (Default: none)
   */
  allowOrigins?: readonly string[];
  /** Replaces DNS resolution (tests; custom resolvers). */
  resolver?: Resolver;
  /** Redirects followed, each re-checked. (Default: 5) */
  maxRedirects?: number;
  /** Time limit of a request, redirects included. (Default: 30000 ms) */
  timeoutMs?: number;
  /** Response body cap. (Default: 10 MiB) */
  maxResponseBytes?: number;
}

export interface RequestLimits {
  timeoutMs?: number;
  maxResponseBytes?: number;
  maxRedirects?: number;
}

export interface EgressRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array | URLSearchParams;
  signal?: AbortSignal;
}

export interface BufferedResponse {
  status: number;
  headers: Record<string, string>;
  /** The final URL, after redirects. */
  url: string;
  body: Buffer;
}

/** Opens URLs only where policy allows: every tool that reaches the network goes through one of these. */
export interface EgressGuard {
  /** Throws AF_TOOL_ERROR (details.reason `egress`) when the URL may not be opened; resolves host names. */
  check(url: string | URL): Promise<void>;
  /**
   * A fetch that checks the target, connects to the very address it checked (no second DNS answer can slip in),
   * follows at most `maxRedirects` redirects re-checking each, and caps time and body size. The body streams.
   */
  fetch(url: string | URL, init?: EgressRequestInit, limits?: RequestLimits): Promise<Response>;
  /** `fetch`, reading the whole body (within the cap). */
  request(url: string | URL, init?: EgressRequestInit, limits?: RequestLimits): Promise<BufferedResponse>;
  /**
   * For TCP clients (PostgreSQL, SMTP): resolves `host` (a name or an IP literal) and checks every address by the
   * same policy as URLs. Connect to one of the returned addresses, never to the name again (a second DNS answer
   * could point elsewhere). Throws AF_TOOL_ERROR (details.reason `egress`) when refused.
   */
  resolve(host: string): Promise<{ address: string; family: number }[]>;
  close(): Promise<void>;
}

type Undici = typeof import('undici');
let undiciModule: Undici | undefined;
/**
 * undici (~3.6 MB of heap) is loaded on a guard's first request, not when the guard is made: the server makes its
 * guards at start and may never open a URL. Its CommonJS build, so loading stays synchronous.
 */
function undici(): Undici {
  undiciModule ??= createRequire(import.meta.url)('undici') as Undici;
  return undiciModule;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Dropped on a redirect to another origin: standard credentials and the model providers' key headers. */
const CREDENTIAL_HEADERS = [
  'authorization',
  'cookie',
  'proxy-authorization',
  'x-api-key',
  'x-goog-api-key',
  'api-key',
];
const NULL_BODY = new Set([101, 204, 205, 304]);

export function createEgressGuard(options: EgressOptions = {}): EgressGuard {
  const allow: AllowList = parseAllowList(options.allow);
  const trustedOrigins = new Set((options.allowOrigins ?? []).map((o) => new URL(o).origin));
  const resolver: Resolver =
    options.resolver ??
    ((host) => dnsLookup(host, { all: true, verbatim: true }) as Promise<LookupAddress[]>);
  const defaults = {
    timeoutMs: options.timeoutMs ?? 30_000,
    maxResponseBytes: options.maxResponseBytes ?? 10 * 1024 * 1024,
    maxRedirects: options.maxRedirects ?? 5,
  };

  /** Resolves a host name and checks every address; the caller connects to exactly these. */
  const resolveChecked = async (hostname: string): Promise<{ address: string; family: number }[]> => {
    let addresses: { address: string; family: number }[];
    try {
      addresses = await resolver(hostname);
    } catch (cause) {
      throw refused(`cannot resolve ${hostname}`, hostname, 'dns', cause);
    }
    if (addresses.length === 0) throw refused(`cannot resolve ${hostname}`, hostname, 'dns');
    if (allow.allowsHost(hostname)) return addresses;
    for (const { address } of addresses) {
      const reason = allow.allowsAddress(address) ? undefined : blockedReason(address);
      if (reason) throw refused(`${hostname} resolves to ${address}, a ${reason}`, hostname, 'address');
    }
    return addresses;
  };

  // Called by net/tls for every new connection to a host name (never for IP literals, checked in checkTarget).
  const lookup = (
    hostname: string,
    lookupOptions: LookupOptions,
    callback: (
      error: NodeJS.ErrnoException | null,
      address: string | LookupAddress[],
      family?: number,
    ) => void,
  ) => {
    resolveChecked(hostname).then(
      (addresses) => {
        const first = addresses[0]!;
        if (lookupOptions.all) callback(null, addresses);
        else callback(null, first.address, first.family);
      },
      (error: Error) => callback(error as NodeJS.ErrnoException, ''),
    );
  };
  // Made on first use (see `undici`). Admin-configured origins connect without the address check.
  let agent: Agent | undefined;
  let trustedAgent: Agent | undefined;
  const isTrusted = (url: URL): boolean => trustedOrigins.has(url.origin);
  const dispatcherFor = (url: URL): Agent => {
    const { Agent } = undici();
    if (isTrusted(url)) {
      trustedAgent ??= new Agent({ connect: { timeout: 10_000 } });
      return trustedAgent;
    }
    agent ??= new Agent({ connect: { lookup, timeout: 10_000 } });
    return agent;
  };

  const checkTarget = (url: URL): void => {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw refused(`only http and https URLs may be opened, not ${url.protocol}`, url.hostname, 'scheme');
    }
    if (url.username || url.password) {
      throw refused(
        'URLs with embedded credentials are not allowed; pass them in headers',
        url.hostname,
        'scheme',
      );
    }
    if (isIpLiteral(url.hostname) && !isTrusted(url)) {
      const address = unbracket(url.hostname);
      const reason = allow.allowsAddress(address) ? undefined : blockedReason(address);
      if (reason) throw refused(`${address} is a ${reason}`, url.hostname, 'address');
    }
  };

  const guardedFetch = async (
    input: string | URL,
    init: EgressRequestInit = {},
    limits: RequestLimits = {},
  ): Promise<Response> => {
    const timeoutMs = limits.timeoutMs ?? defaults.timeoutMs;
    const maxBytes = limits.maxResponseBytes ?? defaults.maxResponseBytes;
    const maxRedirects = limits.maxRedirects ?? defaults.maxRedirects;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    let url = toUrl(input);
    let method = (init.method ?? 'GET').toUpperCase();
    let body = init.body;
    const headers = new (undici().Headers)(init.headers);
    for (let hop = 0; ; hop++) {
      checkTarget(url);
      let response: UndiciResponse;
      try {
        response = await undici().fetch(url, {
          method,
          headers,
          body,
          redirect: 'manual',
          signal,
          dispatcher: dispatcherFor(url),
        });
      } catch (error) {
        throw fetchFailure(error, url, timeout, timeoutMs);
      }
      const location = response.headers.get('location');
      if (!REDIRECTS.has(response.status) || !location) return capped(response, maxBytes);
      await response.body?.cancel();
      if (hop >= maxRedirects) throw refused(`more than ${maxRedirects} redirects`, url.hostname, 'redirect');
      const next = new URL(location, url);
      if (
        response.status === 303 ||
        ((response.status === 301 || response.status === 302) && method === 'POST')
      ) {
        method = method === 'HEAD' ? 'HEAD' : 'GET';
        body = undefined;
        headers.delete('content-type');
        headers.delete('content-length');
      }
      if (next.origin !== url.origin) {
        for (const name of CREDENTIAL_HEADERS) headers.delete(name);
      }
      url = next;
    }
  };

  return {
    async check(input) {
      const url = toUrl(input);
      checkTarget(url);
      if (!isIpLiteral(url.hostname) && !isTrusted(url)) await resolveChecked(url.hostname);
    },
    fetch: guardedFetch,
    async resolve(host) {
      const bare = unbracket(host.trim());
      if (ipLiteral(bare)) {
        const reason = allow.allowsAddress(bare) ? undefined : blockedReason(bare);
        if (reason) throw refused(`${bare} is a ${reason}`, bare, 'address');
        return [{ address: bare, family: bare.includes(':') ? 6 : 4 }];
      }
      return resolveChecked(bare);
    },
    async request(input, init, limits) {
      const response = await guardedFetch(input, init, limits);
      const chunks: Buffer[] = [];
      if (response.body) {
        try {
          for await (const chunk of response.body) chunks.push(Buffer.from(chunk as Uint8Array));
        } catch (error) {
          if (error instanceof AgentFlowError) throw error;
          throw fetchFailure(error, toUrl(input), undefined, limits?.timeoutMs ?? defaults.timeoutMs);
        }
      }
      return {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        url: response.url || String(input),
        body: Buffer.concat(chunks),
      };
    },
    close: async () => {
      await Promise.all([agent?.close(), trustedAgent?.close()]);
    },
  };
}

/** Wraps the body so reading past `maxBytes` fails with AF_LIMIT_EXCEEDED. */
function capped(response: UndiciResponse, maxBytes: number): Response {
  const length = response.headers.get('content-length');
  const declared = Number(length ?? Number.NaN);
  const tooLarge = () =>
    new AgentFlowError('AF_LIMIT_EXCEEDED', `the response is larger than ${maxBytes} bytes`, {
      details: { reason: 'response-size', maxBytes },
    });
  if (declared > maxBytes) {
    void response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body || NULL_BODY.has(response.status)) return response as unknown as Response;
  // A body with a declared length and no content coding cannot grow past it (undici's HTTP/1 parser reads exactly
  // that many bytes and fails the body on a mismatch): no counting stream needed. A coded (gzip...) body is decoded
  // by fetch, so its decoded size is counted.
  const coding = response.headers.get('content-encoding');
  if (
    length !== null &&
    /^\d+$/.test(length) &&
    (coding === null || coding.trim().toLowerCase() === 'identity')
  ) {
    return response as unknown as Response;
  }
  let seen = 0;
  const limited = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > maxBytes) controller.error(tooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  const out = new (undici().Response)(limited, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  Object.defineProperty(out, 'url', { value: response.url });
  return out as unknown as Response;
}

/** An IPv4 (four-part decimal) or IPv6 address, without brackets. */
function ipLiteral(host: string): boolean {
  return isIpLiteral(host.includes(':') ? `[${host}]` : host);
}

function toUrl(input: string | URL): URL {
  try {
    return new URL(String(input));
  } catch {
    throw new AgentFlowError('AF_TOOL_ERROR', `invalid URL ${JSON.stringify(String(input))}`, {
      retryable: false,
      details: { reason: 'egress', kind: 'url' },
    });
  }
}

function refused(message: string, host: string, kind: string, cause?: unknown): AgentFlowError {
  return new AgentFlowError('AF_TOOL_ERROR', `egress refused: ${message}`, {
    retryable: false,
    details: { reason: 'egress', kind, host },
    cause,
  });
}

/** Maps what undici throws to AgentFlow errors; a refusal raised in `lookup` arrives as the cause. */
function fetchFailure(
  error: unknown,
  url: URL,
  timeout: AbortSignal | undefined,
  timeoutMs: number,
): AgentFlowError {
  let cause: unknown = error;
  for (let i = 0; i < 5 && cause instanceof Error; i++) {
    if (cause instanceof AgentFlowError) return cause;
    cause = cause.cause;
  }
  if (timeout?.aborted || (error instanceof Error && error.name === 'TimeoutError')) {
    return new AgentFlowError('AF_TIMEOUT', `${url.origin} did not answer within ${timeoutMs} ms`, {
      cause: error,
    });
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return new AgentFlowError('AF_CANCELLED', `the request to ${url.origin} was cancelled`, { cause: error });
  }
  const detail =
    cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
  return new AgentFlowError('AF_TOOL_ERROR', `request to ${url.origin} failed: ${detail}`, {
    retryable: true,
    cause: error,
  });
}
