/**
 * The live monitor of a workflow's executions (`/ws/workflows/:id/monitor`) with automatic reconnects that
 * resume after the last event seen (`after=<seq>` and the server's `epoch`), so a dropped connection loses
 * nothing the server still buffers; when it does not, `onGap` says so (reload the execution over REST).
 */
import type { AgentFlowEvent } from '@agentflow/protocol';

/** The part of the WebSocket API the monitor uses (browsers' and Node >= 22's global, or the `ws` package). */
export interface WebSocketLike {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  close(code?: number, reason?: string): void;
}
/**
 * A WebSocket constructor. The third argument (options with `headers`) is the `ws` package's; it is passed only
 * when the client keeps its own cookies (Node), never to a browser's WebSocket.
 */
export type WebSocketConstructor = new (
  url: string,
  protocols?: string | string[],
  options?: { headers?: Record<string, string> },
) => WebSocketLike;

export interface StreamReady {
  type: 'stream.ready';
  workflowId: string;
  executionId?: string;
  epoch: string;
}
export interface StreamGap {
  type: 'stream.gap';
  executionId: string;
  after: number;
  firstSeq: number;
  reason: string;
}
export type MonitorFrame = AgentFlowEvent | StreamReady | StreamGap;

export interface MonitorOptions {
  /** Follow one execution (its buffered events are replayed first). (Default: every execution of the workflow) */
  executionId?: string;
  onEvent: (event: AgentFlowEvent) => void;
  onGap?: (gap: StreamGap) => void;
  /** Connection state changes, for a "live" indicator. */
  onStatus?: (status: 'connecting' | 'open' | 'closed') => void;
  /** Delay before the first reconnect; doubles up to 5 s. (Default: 300 ms) */
  reconnectDelayMs?: number;
}

export interface Monitor {
  /** Stops for good (no reconnect). */
  close(): void;
}

export interface MonitorContext {
  baseUrl: string;
  apiKey?: string;
  WebSocket?: WebSocketConstructor;
  /** The Cookie header of a Node client's session, sent on the upgrade (browsers send their own cookies). */
  cookieHeader?: () => string | undefined;
}

/** `http(s)://host` -> `ws(s)://host`; `''` (same origin) -> the page's origin. */
export function webSocketBase(baseUrl: string): string {
  const location = (globalThis as { location?: { origin: string } }).location;
  const base = baseUrl === '' ? (location?.origin ?? '') : baseUrl;
  if (base === '') throw new Error('a baseUrl is required outside a browser');
  return base.replace(/^http/, 'ws');
}

export function openMonitor(context: MonitorContext, workflowId: string, options: MonitorOptions): Monitor {
  const lastSeq = new Map<string, number>();
  let epoch: string | undefined;

  const url = () => {
    const query = new URLSearchParams();
    if (options.executionId !== undefined) {
      query.set('executionId', options.executionId);
      const seq = lastSeq.get(options.executionId);
      if (seq !== undefined) query.set('after', String(seq));
    }
    if (epoch !== undefined) query.set('epoch', epoch);
    if (context.apiKey !== undefined) query.set('token', context.apiKey);
    const qs = query.toString();
    return `${webSocketBase(context.baseUrl)}/ws/workflows/${encodeURIComponent(workflowId)}/monitor${qs ? `?${qs}` : ''}`;
  };

  const onMessage = (message: { data: unknown }) => {
    let frame: MonitorFrame;
    try {
      frame = JSON.parse(String(message.data)) as MonitorFrame;
    } catch {
      return;
    }
    if (frame.type === 'stream.ready') epoch = frame.epoch;
    else if (frame.type === 'stream.gap') options.onGap?.(frame);
    else {
      const seen = lastSeq.get(frame.executionId) ?? 0;
      if (frame.seq <= seen) return;
      lastSeq.set(frame.executionId, frame.seq);
      options.onEvent(frame);
    }
  };
  return reconnecting(context, url, onMessage, options);
}

/** What `reconnecting` needs of a stream's options. */
interface ReconnectOptions {
  onStatus?: ((status: 'connecting' | 'open' | 'closed') => void) | undefined;
  reconnectDelayMs?: number | undefined;
}

/**
 * Opens `url()` (asked again for each attempt) and opens it again after each close, waiting `reconnectDelayMs`
 * (300 ms) doubled per failed attempt up to 5 s, until `close()`.
 */
export function reconnecting(
  context: MonitorContext,
  url: () => string,
  onMessage: (message: { data: unknown }) => void,
  options: ReconnectOptions,
): { close(): void } {
  const Impl =
    context.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket ?? undefined;
  if (!Impl) throw new Error('no WebSocket implementation: pass one (e.g. the `ws` package) as `WebSocket`');
  let socket: WebSocketLike | undefined;
  let stopped = false;
  let delay = options.reconnectDelayMs ?? 300;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const connect = () => {
    options.onStatus?.('connecting');
    const cookie = context.cookieHeader?.();
    const ws = cookie ? new Impl(url(), [], { headers: { cookie } }) : new Impl(url());
    socket = ws;
    ws.onopen = () => {
      delay = options.reconnectDelayMs ?? 300;
      options.onStatus?.('open');
    };
    ws.onmessage = onMessage;
    ws.onerror = () => {};
    ws.onclose = () => {
      options.onStatus?.('closed');
      if (stopped) return;
      timer = setTimeout(connect, delay);
      delay = Math.min(delay * 2, 5000);
    };
  };
  connect();
  return {
    close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      socket?.close(1000, 'done');
    },
  };
}
