/**
 * @agentflow/client: the typed HTTP and WebSocket client of the AgentFlow API, for the web app, the CLI and
 * scripts (Node >= 20 or a browser). Types are generated from the server's OpenAPI document
 * (`openapi.gen.ts`; a server test fails when they drift: regenerate with
 * `npx vitest run apps/server/src/openapi-client.test.ts -u`).
 *
 * ```ts
 * const af = createAgentFlowClient({ baseUrl: 'http://127.0.0.1:3000', apiKey: process.env.AF_KEY });
 * const { items } = unwrap(await af.api.GET('/api/v1/workflows', { params: { query: { limit: 10 } } }));
 * ```
 */
import { type ChatClient, createChatClient } from './chat.js';
import {
  type ExecutionStream,
  type ExecutionStreamOptions,
  openExecutionStream,
} from './execution-stream.js';
import { createHttp, type HttpOptions } from './http.js';
import { type Monitor, type MonitorOptions, openMonitor, type WebSocketConstructor } from './monitor.js';
import type { components, paths } from './openapi.gen.js';

export {
  type ChatClient,
  type ChatMessageView,
  type ChatReply,
  type ChatSendOptions,
  type ChatStreamEvent,
  type ConversationDetail,
  type ConversationView,
  readChatStream,
  type SharedChatInfo,
} from './chat.js';
export { ApiError, type ApiIssue } from './errors.js';
export type { ExecutionChange, ExecutionStream, ExecutionStreamOptions } from './execution-stream.js';
export { type ApiClient, CSRF_COOKIE, CSRF_HEADER, type HttpOptions, unwrap } from './http.js';
export type {
  Monitor,
  MonitorFrame,
  MonitorOptions,
  StreamGap,
  StreamReady,
  WebSocketConstructor,
  WebSocketLike,
} from './monitor.js';
export type { components, paths };

export interface ClientOptions extends HttpOptions {
  /** WebSocket implementation for the monitor. (Default: `globalThis.WebSocket`; on Node 20 pass `ws`) */
  WebSocket?: WebSocketConstructor;
}

export interface AgentFlowClient {
  /** Typed REST calls: `api.GET('/api/v1/workflows/{id}', { params: { path: { id } } })`. */
  readonly api: ReturnType<typeof createHttp>['api'];
  /** Live events of a workflow's executions, reconnecting and resuming on its own. */
  monitor(workflowId: string, options: MonitorOptions): Monitor;
  /** Lifecycle changes of every execution of the workspace (`/ws/executions`), reconnecting on its own. */
  executionStream(options: ExecutionStreamOptions): ExecutionStream;
  /** The CSRF token of the cookie session, if signed in with cookies. */
  csrfToken(): string | undefined;
  /** Chat with a workflow, replies streamed token by token (issue 19). */
  readonly chat: ChatClient;
}

export function createAgentFlowClient(options: ClientOptions = {}): AgentFlowClient {
  const http = createHttp(options);
  const socketContext = () => ({
    baseUrl: http.baseUrl,
    cookieHeader: http.cookieHeader,
    ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
    ...(options.WebSocket === undefined ? {} : { WebSocket: options.WebSocket }),
  });
  return {
    executionStream: (streamOptions) => openExecutionStream(socketContext(), streamOptions),
    api: http.api,
    csrfToken: http.csrfToken,
    chat: createChatClient(http.baseUrl, http.fetch),
    monitor: (workflowId, monitorOptions) => openMonitor(socketContext(), workflowId, monitorOptions),
  };
}

type Schemas = paths;
/** The JSON body of a route's 200/201 answer. */
export type ResponseOf<P extends keyof Schemas, M extends keyof Schemas[P]> = Schemas[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: { content: { 'application/json': infer B } } }
    ? B
    : R extends { 201: { content: { 'application/json': infer B } } }
      ? B
      : never
  : never;
