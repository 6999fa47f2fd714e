/**
 * @agentflow/runtime: the composition root. Reads configuration, picks adapters (embedded PGlite or PostgreSQL,
 * model providers, tools), builds the engine and exposes the app services every shell uses.
 */

export {
  can,
  PERMISSIONS,
  type Permission,
  type Principal,
  ROLE_PERMISSIONS,
  ROLES,
  type Role,
} from './auth/permissions.js';
export { loadConfig, RuntimeConfig } from './config.js';
export { createRuntime, type Runtime, type RuntimeOptions } from './runtime.js';
export {
  createExecutionService,
  createWorkflowService,
  type ExecutionDetail,
  type ExecutionService,
  type Scope,
  type WorkflowService,
} from './services.js';
