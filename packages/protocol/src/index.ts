/**
 * @agentflow/protocol: the shapes everyone shares.
 *
 * Terminology
 * - Workflow: a named, versioned graph of `agents` (nodes) joined by `connections` (edges).
 * - Agent: any node; its `type` (agent, tool, router, transform, loop, human, ...) says what it does.
 * - Connection: an edge; may carry a CEL `condition`, a router `sourceHandle`, or be an `on: 'error'` edge.
 * - Execution: one run of one pinned workflow version with an input.
 * - Step: one node's activation within an execution (its attempts are recorded inside it).
 * - Message: what flowed along one connection in one execution.
 * - Event: a typed notification of progress; the store, not the event stream, is the source of truth.
 */
export * from './alerts.js';
export * from './errors.js';
export * from './events.js';
export * from './execution.js';
export * from './json-scan.js';
export * from './limits.js';
export * from './operations.js';
export * from './templates.js';
export * from './text.js';
export * from './tool-calls.js';
export * from './triggers.js';
export * from './url.js';
export * from './workflow.js';
export * from './workflow-precheck.js';
