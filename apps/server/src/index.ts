/**
 * @agentflow/server: the HTTP shell over the runtime (REST + OpenAPI, GraphQL, WebSocket monitor). Routes,
 * resolvers and socket handlers only call runtime services; authentication comes in through `AuthPort`.
 */
export { type AgentFlowServerState, type BuildServerOptions, buildServer, redactUrl } from './app.js';
export {
  CSRF_HEADER,
  credentialsOf,
  type DeclaredRoute,
  principalOf,
  type RequestLimiter,
  type RoutePermission,
  scopeOf,
} from './auth.js';
export {
  ACCESS_COOKIE,
  API_KEY_PREFIX,
  type AuthPort,
  authorizeByRole,
  type Credentials,
  createRuntimeAuth,
  createStaticAuth,
  denyAllAuth,
} from './auth-port.js';
export { CSRF_COOKIE, REFRESH_COOKIE } from './cookies.js';
export { type ErrorBody, HTTP_STATUS, toErrorReply } from './errors.js';
export { EventHub, type EventHubOptions, type Replay } from './events/event-hub.js';
export type { GraphQLOptions } from './graphql/plugin.js';
export { FIELD_PERMISSIONS } from './graphql/resolvers.js';
export { type RunningServer, type StartServerOptions, startServer } from './start.js';
