/**
 * The one API client of the web app (cookie session, same origin) and the query-key factories of each
 * feature (TanStack Query). Nothing here hand-writes a fetch: calls go through `@agentflow/client`.
 */
import { ApiError, createAgentFlowClient, type paths, unwrap } from '@agentflow/client';

export const client = createAgentFlowClient({
  onSignedOut: () => {
    if (!window.location.pathname.startsWith('/login')) window.location.assign('/login');
  },
});
export const api = client.api;
export { ApiError, unwrap };

type Json<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer B } } };
}
  ? B
  : paths[P][M] extends { responses: { 201: { content: { 'application/json': infer B } } } }
    ? B
    : never;

export type Me = Json<'/api/v1/auth/me', 'get'>;
export type WorkflowRecord = Json<'/api/v1/workflows/{id}', 'get'>;
export type NodeTypeInfo = Json<'/api/v1/agents/types', 'get'>['items'][number];
export type ExecutionDetail = Json<'/api/v1/executions/{id}', 'get'>;
export type ValidationResult = Json<'/api/v1/workflows/validate', 'post'>;

export const keys = {
  me: ['me'] as const,
  workflows: {
    all: ['workflows'] as const,
    list: (status: string) => ['workflows', 'list', status] as const,
    one: (id: string) => ['workflows', 'one', id] as const,
    versions: (id: string) => ['workflows', 'versions', id] as const,
  },
  nodeTypes: ['node-types'] as const,
  execution: (id: string) => ['executions', id] as const,
};

/** A readable one-line message for an error from the API. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
