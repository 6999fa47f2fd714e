import { defineNodeType, defineTool, type Tool } from '@agentflow/core';
import { AgentFlowError } from '@agentflow/protocol';
import { z } from 'zod';
import { createSandbox, type RunOptions, type Sandbox } from './sandbox.js';
import type { SandboxLog, SandboxResult } from './types.js';

let shared: Sandbox | undefined;

/** The process-wide sandbox used by `codeNode` and `codeTool` (worker isolation, default limits). */
export function defaultSandbox(): Sandbox {
  shared ??= createSandbox();
  return shared;
}

/** Config of a `code` node. */
export const CodeNodeConfig = z.object({
  /** JavaScript run in the QuickJS sandbox; `input` holds the node's input. */
  code: z.string().min(1).max(200_000),
  /** Time limit of the script. (Default: the sandbox's, 1000 ms) */
  timeoutMs: z.number().int().min(1).max(60_000).optional(),
  /** Heap limit of the script in MiB. (Default: the sandbox's, 32 MiB) */
  memoryLimitMb: z.number().int().min(1).max(512).optional(),
});
export type CodeNodeConfig = z.infer<typeof CodeNodeConfig>;

/**
 * A `code` node type on the given sandbox. The node's input is the script's `input`; its output is the script's
 * last expression value (or what a top-level `return` gives). `console.*` lines become `step.log` events.
 * Failures are AgentFlowErrors (AF_TOOL_ERROR, AF_TIMEOUT, AF_LIMIT_EXCEEDED, AF_CANCELLED) marked not
 * retryable: a script fails the same way twice.
 */
export function createCodeNode(sandbox: () => Sandbox = defaultSandbox) {
  return defineNodeType({
    type: 'code',
    category: 'data',
    description:
      'Runs JavaScript in a WASM (QuickJS) sandbox; `input` is the node input, the result its output.',
    configSchema: CodeNodeConfig,
    async run({ input, config, context }) {
      // Runs are shared fairly between workspaces (see WorkerPool).
      const options: RunOptions = { input, signal: context.signal, tenant: context.workspaceId ?? '' };
      if (config.timeoutMs !== undefined) options.timeoutMs = config.timeoutMs;
      if (config.memoryLimitMb !== undefined) options.memoryLimitBytes = config.memoryLimitMb * 1024 * 1024;
      const result = await sandbox().run(config.code, options);
      for (const log of result.logs)
        context.emit({ type: 'step.log', level: log.level, message: log.message });
      return unwrap(result);
    },
  });
}

/** The `code` node type on the default sandbox. */
export const codeNode = createCodeNode();

/** Input of the `code` tool. */
export interface CodeToolInput {
  code: string;
  input?: unknown;
}

/** Output of the `code` tool. */
export interface CodeToolOutput {
  output: unknown;
  logs: SandboxLog[];
}

/** A `code` tool (for agents) on the given sandbox: runs `code` with `input`, returns its output and logs. */
export function createCodeTool(sandbox: () => Sandbox = defaultSandbox): Tool<CodeToolInput, CodeToolOutput> {
  return defineTool<CodeToolInput, CodeToolOutput>({
    name: 'code',
    description:
      'Runs JavaScript in an isolated sandbox (no network, files or timers). `input` is available as the ' +
      'variable `input`; the value of the last expression (or a top-level `return`) is the output. ' +
      'console.log lines are returned as logs.',
    inputSchema: {
      type: 'object',
      properties: {
        code: { type: 'string', minLength: 1, maxLength: 200_000, description: 'JavaScript source.' },
        input: { description: 'Any JSON value, available to the code as `input`.' },
      },
      required: ['code'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: { output: {}, logs: { type: 'array' } },
      required: ['output', 'logs'],
    },
    sideEffect: false,
    async run({ code, input }, ctx) {
      const result = await sandbox().run(code, { input, signal: ctx.signal, tenant: ctx.workspaceId ?? '' });
      return { output: unwrap(result), logs: result.logs };
    },
  });
}

/** The `code` tool on the default sandbox. */
export const codeTool = createCodeTool();

function unwrap(result: SandboxResult): unknown {
  if (result.ok) return result.output;
  throw new AgentFlowError(result.error.code, result.error.message, { retryable: false });
}
