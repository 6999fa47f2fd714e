/**
 * @agentflow/core: the engine. Graph compile/validate, scheduler, node runtime, retry/timeout/cancel, the
 * node-type registry and built-in node types, the ports and their in-memory reference implementations.
 * Core imports no I/O library: everything outside the process comes in through a port.
 */
export { type CompiledExpression, compileExpression, evaluateCondition } from './expr/cel.js';
export * from './memory/index.js';
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
export type * from './ports/index.js';
