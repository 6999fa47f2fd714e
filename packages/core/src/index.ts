/**
 * @agentflow/core: the engine. Graph compile/validate, scheduler, node runtime, retry/timeout/cancel, the
 * node-type registry and built-in node types, the ports and their in-memory reference implementations.
 * Core imports no I/O library: everything outside the process comes in through a port.
 */

export { type BudgetPauseState, isBudgetPause } from './engine/budget-pause.js';
export {
  createEngine,
  type Engine,
  type EngineOptions,
  type EventListener,
  type ForkOptions,
  type RecoverOptions,
  type ResumeOptions,
  type RunOptions,
  type ValidationResult,
} from './engine/engine.js';
export { topLevelOrphans } from './engine/orphans.js';
export { backoffDelay, shouldRetry } from './engine/retry.js';
export { countSteps, type RunResult, type StepCounts } from './engine/types.js';
export { DEFAULT_EXPRESSION_COST_LIMIT } from './expr/budget.js';
export { type CompiledExpression, compileExpression, evaluateCondition } from './expr/cel.js';
export { type SyncWorkKind, type SyncWorkMeter, setSyncWorkMeter } from './expr/meter.js';
export { re2Problem, re2Test, withRe2RegExp } from './expr/regex.js';
export {
  type CompileOptions,
  type CompileResult,
  compileWorkflow,
  type NodeRegistry,
} from './graph/compile.js';
export type { CompiledEdge, CompiledGraph, CompiledNode } from './graph/compiled.js';
export * from './memory/index.js';
export { createStoreOperations, percentile } from './memory/store-operations.js';
export * from './nodes/builtins/index.js';
export {
  type AnyNodeType,
  type ChildRunRequest,
  type CompileHelpers,
  defineNodeType,
  isPauseSignal,
  type NestedGraph,
  type NodeContext,
  type NodeRunArgs,
  type NodeTypeDefinition,
  PauseSignal,
  type SecretSource,
} from './nodes/define.js';
export { compileJsonSchema, type JsonSchemaCheck } from './nodes/json-schema.js';
export { renderTemplate } from './nodes/template.js';
export type * from './ports/index.js';
export type { ExecutionReads, OperationsStore } from './ports/operations.js';
export { onAbort, raceAbort } from './util/abort.js';
export { consumeSettings } from './util/consume-options.js';
export { deepFreeze } from './util/freeze.js';
export { importOptional, isMissingPackage, loadOptional } from './util/optional.js';
