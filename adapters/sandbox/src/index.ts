/**
 * @agentflow/sandbox: runs untrusted JavaScript in QuickJS compiled to WebAssembly, on worker threads, with time,
 * memory, stack and size limits. No host object is reachable from a script: only `input` (a JSON copy) and a
 * captured `console`. Also the `code` node type and the `code` tool built on it.
 */

export {
  CodeNodeConfig,
  type CodeToolInput,
  type CodeToolOutput,
  codeNode,
  codeTool,
  createCodeNode,
  createCodeTool,
  defaultSandbox,
} from './code-node.js';
export { createSandbox, type RunOptions, type Sandbox, type SandboxOptions } from './sandbox.js';
export type { SandboxError, SandboxErrorCode, SandboxLog, SandboxResult } from './types.js';
