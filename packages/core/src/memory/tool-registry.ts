import { AgentFlowError, type ErrorInfo, isAgentFlowError, toErrorInfo } from '@agentflow/protocol';
import type { ToolSpec } from '../ports/model-provider.js';
import type { ToolCallContext, ToolHost, ToolResult } from '../ports/tool-host.js';
import { raceAbort } from '../util/abort.js';
import { compileSchema, type SchemaCheck } from './json-schema-issues.js';

/** What `defineTool` takes. `I` and `O` are the types the schemas describe (not checked against them). */
export interface ToolDefinition<I = unknown, O = unknown> {
  /** Letters, digits, `_` and `-`, 1 to 64 characters (what model providers accept). */
  name: string;
  description: string;
  /** JSON Schema (an object) the input must match; checked before `run`. */
  inputSchema: Record<string, unknown>;
  /** JSON Schema the output must match; checked after `run` when given. (Default: unchecked) */
  outputSchema?: Record<string, unknown>;
  /**
   * True when calling the tool changes something outside AgentFlow; a function decides per call (an HTTP GET
   * does not, a POST does). Side-effecting calls wait for a person under the default tool-approval policy.
   * (Default: false)
   */
  sideEffect?: boolean | SideEffectRule<I>;
  /** Does the work. Should honour `ctx.signal`; the registry stops waiting when it aborts either way. */
  run(input: I, ctx: ToolCallContext): Promise<O> | O;
}

/** Decides per call whether it changes things (method syntax: a `Tool<I>` still fits where `Tool` is expected). */
export type SideEffectRule<I> = { rule(input: I): boolean }['rule'];

/** A tool ready for a registry: its definition, its spec and its compiled schemas. */
export interface Tool<I = unknown, O = unknown> extends ToolDefinition<I, O> {
  readonly spec: ToolSpec;
  readonly checkInput: SchemaCheck;
  readonly checkOutput: SchemaCheck | undefined;
}

/** ToolHost over a fixed set of in-process tools. */
export interface ToolRegistry extends ToolHost {
  has(name: string): boolean;
  /** Tool names in registration order. */
  names(): string[];
}

const NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Declares an in-process tool. Throws AF_INVALID_CONFIG when the name is invalid or a schema is not a JSON Schema
 * object. Schemas are interpreted by @cfworker/json-schema (draft 2020-12 by default); no code is generated.
 */
export function defineTool<I = unknown, O = unknown>(definition: ToolDefinition<I, O>): Tool<I, O> {
  const { name, description, inputSchema, outputSchema } = definition;
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new AgentFlowError('AF_INVALID_CONFIG', `invalid tool name ${JSON.stringify(name)}`, {
      issues: [{ code: 'AF_INVALID_CONFIG', path: 'name', message: 'must match /^[A-Za-z0-9_-]{1,64}$/' }],
    });
  }
  const checkInput = compileOrThrow(name, 'inputSchema', inputSchema);
  const checkOutput =
    outputSchema === undefined ? undefined : compileOrThrow(name, 'outputSchema', outputSchema);
  const spec: ToolSpec = {
    name,
    description: String(description ?? ''),
    inputSchema: structuredClone(inputSchema),
    // A per-call rule means some calls change things: the spec (what a model sees) says so.
    sideEffect: definition.sideEffect !== undefined && definition.sideEffect !== false,
  };
  if (outputSchema !== undefined) spec.outputSchema = structuredClone(outputSchema);
  return Object.freeze({
    ...definition,
    sideEffect: definition.sideEffect ?? false,
    spec,
    checkInput,
    checkOutput,
  });
}

function compileOrThrow(tool: string, field: string, schema: unknown): SchemaCheck {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new AgentFlowError('AF_INVALID_CONFIG', `tool ${tool}: ${field} must be a JSON Schema object`, {
      issues: [{ code: 'AF_INVALID_CONFIG', path: field, message: 'must be a JSON Schema object' }],
    });
  }
  try {
    return compileSchema(schema as Record<string, unknown>);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new AgentFlowError('AF_INVALID_CONFIG', `tool ${tool}: invalid ${field}: ${message}`, { cause });
  }
}

/**
 * A ToolHost over in-process tools. `call` never throws: an unknown tool (AF_UNKNOWN_TOOL), input or output not
 * matching its schema (AF_TOOL_ERROR with `issues`, one per problem with its path), an error thrown by the tool
 * (AF_TOOL_ERROR, or the code of an AgentFlowError it threw) and an abort (AF_CANCELLED) all come back as
 * `{ ok: false, error }`. Throws AF_DUPLICATE_ID at creation when two tools share a name.
 */
export function createToolRegistry(tools: Iterable<Tool>): ToolRegistry {
  const byName = new Map<string, Tool<unknown, unknown>>();
  for (const tool of tools) {
    if (byName.has(tool.name)) {
      throw new AgentFlowError('AF_DUPLICATE_ID', `two tools are named ${tool.name}`);
    }
    byName.set(tool.name, tool);
  }

  return {
    has: (name) => byName.has(name),
    names: () => [...byName.keys()],

    /** Specs of the named tools in the order asked (unknown names are skipped), or of every tool. */
    async list(names) {
      const picked = names ? names.map((n) => byName.get(n)) : [...byName.values()];
      return picked.filter((t) => t !== undefined).map((t) => copySpec(t.spec));
    },

    async sideEffect(name, input) {
      const rule = byName.get(name)?.sideEffect;
      if (typeof rule !== 'function') return rule === true;
      try {
        return rule(input) !== false;
      } catch {
        return true; // a rule that cannot read the input: treat the call as changing things
      }
    },

    async call(name, input, ctx) {
      const tool = byName.get(name);
      if (!tool) {
        return fail({ code: 'AF_UNKNOWN_TOOL', message: `unknown tool ${JSON.stringify(name)}` });
      }
      if (ctx.signal.aborted) return cancelled(name);
      const inputIssues = tool.checkInput(input);
      if (inputIssues.length > 0) {
        return fail({
          code: 'AF_TOOL_ERROR',
          message: `tool ${name}: input does not match its inputSchema (${summary(inputIssues)})`,
          retryable: false,
          issues: inputIssues,
          details: { tool: name, phase: 'input' },
        });
      }
      let output: unknown;
      try {
        output = await raceAbort(
          Promise.resolve().then(() => tool.run(input, ctx)),
          ctx.signal,
        );
      } catch (error) {
        if (ctx.signal.aborted) return cancelled(name);
        if (isAgentFlowError(error)) return fail(toErrorInfo(error));
        const message = error instanceof Error ? error.message : String(error);
        return fail({
          code: 'AF_TOOL_ERROR',
          message: `tool ${name} failed: ${message}`,
          retryable: false,
          details: { tool: name },
        });
      }
      if (tool.checkOutput) {
        const outputIssues = tool.checkOutput(output);
        if (outputIssues.length > 0) {
          return fail({
            code: 'AF_TOOL_ERROR',
            message: `tool ${name}: output does not match its outputSchema (${summary(outputIssues)})`,
            retryable: false,
            issues: outputIssues,
            details: { tool: name, phase: 'output' },
          });
        }
      }
      return { ok: true, output };
    },
  };
}

function cancelled(name: string): ToolResult {
  return fail({ code: 'AF_CANCELLED', message: `tool ${name} was cancelled`, retryable: false });
}

function fail(error: ErrorInfo): ToolResult {
  return { ok: false, error };
}

function summary(issues: readonly { path: string; message: string }[]): string {
  const shown = issues.slice(0, 3).map((i) => `${i.path || '(root)'}: ${i.message}`);
  if (issues.length > 3) shown.push(`and ${issues.length - 3} more`);
  return shown.join('; ');
}

function copySpec(spec: ToolSpec): ToolSpec {
  const copy: ToolSpec = { ...spec, inputSchema: structuredClone(spec.inputSchema) };
  if (spec.outputSchema) copy.outputSchema = structuredClone(spec.outputSchema);
  return copy;
}
