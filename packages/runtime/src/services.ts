/**
 * The app services' use cases every shell calls (CLI, REST, GraphQL, MCP, triggers), in one import: the caller's
 * scope (`scope.ts`), the workflow service (`workflow-service.ts`, its caches in `workflow-cache.ts`) and the
 * execution service (`execution-service.ts`).
 */
export {
  createExecutionService,
  DETAIL_LOG_LINES,
  type ExecutionDetail,
  type ExecutionService,
  type LogQuery,
} from './execution-service.js';
export type { Scope } from './scope.js';
export { isShared } from './workflow-cache.js';
export {
  createWorkflowService,
  type WorkflowService,
  type WorkflowServiceOptions,
} from './workflow-service.js';
