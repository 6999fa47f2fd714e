import {
  Agent as AgentSchema,
  Connection as ConnectionSchema,
  DEFAULT_LIMITS,
  type Issue,
  type Limits,
  RetryPolicy,
  type Workflow,
  WorkflowConfig,
  Workflow as WorkflowSchema,
} from '@agentflow/protocol';
import type { z } from 'zod';
import { type CompiledExpression, compileExpression } from '../expr/cel.js';
import type { AnyNodeType, CompileHelpers, NestedGraph } from '../nodes/define.js';
import type { ModelCapabilities } from '../ports/model-provider.js';
import { cyclicComponents, findBackEdges, reachableFrom } from './analyze.js';
import type { CompiledEdge, CompiledGraph, CompiledNode } from './compiled.js';
import { formatPath, joinPath } from './paths.js';
import { checkSizes } from './size-check.js';

export type NodeRegistry = ReadonlyMap<string, AnyNodeType>;

export interface CompileOptions {
  limits?: Partial<Limits>;
  /** Nesting level (0 for a top-level workflow; loop bodies and inline subworkflows add one). */
  depth?: number;
  /**
   * What a provider/model can do (the engine's `ModelProvider.capabilities`), for node types that check model
   * settings; undefined answers "cannot tell". (Default: none, nothing is checked)
   */
  capabilities?: (provider: string, model: string) => ModelCapabilities | undefined;
}

export type CompileResult = { ok: true; graph: CompiledGraph } | { ok: false; issues: Issue[] };

const MAX_NESTED_WORKFLOWS = 8;
/** Nested graphs compiled during validation, found again by the runtime without recompiling. */
const nestedGraphs = new WeakMap<NestedGraph, CompiledGraph>();

export function compiledNested(nested: NestedGraph): CompiledGraph | undefined {
  return nestedGraphs.get(nested);
}

/**
 * Validates a raw definition and compiles it. Never throws on bad input: every problem is returned with its
 * path, not only the first one.
 */
export function compileWorkflow(
  raw: unknown,
  registry: NodeRegistry,
  options: CompileOptions = {},
): CompileResult {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const depth = options.depth ?? 0;
  try {
    return compileUnsafe(raw, registry, limits, depth, options.capabilities);
  } catch (error) {
    // A bug in a node type's compile hook must not crash validation.
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      issues: [{ code: 'AF_VALIDATION', path: '', message: `validation failed: ${message}` }],
    };
  }
}

function compileUnsafe(
  raw: unknown,
  registry: NodeRegistry,
  limits: Limits,
  depth: number,
  capabilities: CompileOptions['capabilities'],
): CompileResult {
  const issues = checkSizes(raw, limits, depth * 4);
  if (issues.length > 0) return { ok: false, issues };

  const parsed = WorkflowSchema.safeParse(raw);
  if (!parsed.success) {
    zodIssues(parsed.error, '', 'AF_VALIDATION', issues);
    // Keep going with what does parse, so structural problems are reported in the same pass.
  }
  const wf = parsed.success ? parsed.data : salvage(raw);
  if (!wf) return { ok: false, issues };

  if (wf.agents.length > limits.maxAgents) {
    issues.push({
      code: 'AF_LIMIT_EXCEEDED',
      path: 'agents',
      message: `more than ${limits.maxAgents} agents`,
    });
  }
  if (wf.connections.length > limits.maxConnections) {
    issues.push({
      code: 'AF_LIMIT_EXCEEDED',
      path: 'connections',
      message: `more than ${limits.maxConnections} connections`,
    });
  }
  if (issues.some((i) => i.code === 'AF_LIMIT_EXCEEDED')) return { ok: false, issues };

  const defaultRetry = { ...wf.config.retry };
  const byId = new Map<string, number>();
  const agentIndex: (number | undefined)[] = [];
  const prepared: { def: AnyNodeType; config: unknown; prepared: unknown }[] = [];
  wf.agents.forEach((agent, i) => {
    if (byId.has(agent.id)) {
      issues.push({
        code: 'AF_DUPLICATE_ID',
        path: `agents[${i}].id`,
        message: `duplicate agent id "${agent.id}"`,
      });
    } else byId.set(agent.id, i);
    agentIndex.push(i);
    const def = registry.get(agent.type);
    if (!def) {
      issues.push({
        code: 'AF_UNKNOWN_NODE_TYPE',
        path: `agents[${i}].type`,
        message: `unknown node type "${agent.type}" (known: ${[...registry.keys()].join(', ')})`,
      });
      return;
    }
    const base = `agents[${i}].config`;
    const cfg = def.configSchema.safeParse(agent.config);
    if (!cfg.success) {
      zodIssues(cfg.error, base, 'AF_INVALID_CONFIG', issues);
      return;
    }
    const helpers = makeHelpers(base, issues, registry, limits, depth, capabilities);
    const prep = def.compile ? def.compile(cfg.data, helpers) : undefined;
    prepared[i] = { def, config: cfg.data, prepared: prep };
  });

  const connIds = new Set<string>();
  const connKeys = new Set<string>();
  const conditions: (CompiledExpression | undefined)[] = [];
  const validEdges: number[] = [];
  wf.connections.forEach((c, i) => {
    if (connIds.has(c.id)) {
      issues.push({
        code: 'AF_DUPLICATE_ID',
        path: `connections[${i}].id`,
        message: `duplicate connection id "${c.id}"`,
      });
    }
    connIds.add(c.id);
    let ok = true;
    for (const end of ['sourceAgentId', 'targetAgentId'] as const) {
      if (!byId.has(c[end])) {
        ok = false;
        issues.push({
          code: 'AF_DANGLING_CONNECTION',
          path: `connections[${i}].${end}`,
          message: `no agent with id "${c[end]}"`,
        });
      }
    }
    const key = `${c.sourceAgentId}\u0000${c.targetAgentId}\u0000${c.sourceHandle ?? ''}\u0000${c.on}`;
    if (ok && connKeys.has(key)) {
      ok = false;
      issues.push({
        code: 'AF_DUPLICATE_CONNECTION',
        path: `connections[${i}]`,
        message: `connection ${c.sourceAgentId} -> ${c.targetAgentId} is repeated`,
      });
    }
    connKeys.add(key);
    if (c.condition !== undefined) {
      try {
        conditions[i] = compileExpression(c.condition, limits.maxExpressionLength);
      } catch (error) {
        ok = false;
        issues.push({
          code: 'AF_INVALID_EXPRESSION',
          path: `connections[${i}].condition`,
          message: messageOf(error),
        });
      }
    }
    if (ok) validEdges.push(i);
  });

  // Structure: entries, reachability, cycles. Computed on the valid part of the graph.
  const n = wf.agents.length;
  const adjacency: number[][] = Array.from({ length: n }, () => []);
  const adjEdge: number[][] = Array.from({ length: n }, () => []);
  const indegree = new Int32Array(n);
  for (const e of validEdges) {
    const c = wf.connections[e]!;
    const s = byId.get(c.sourceAgentId)!;
    const t = byId.get(c.targetAgentId)!;
    adjacency[s]!.push(t);
    adjEdge[s]!.push(e);
    indegree[t]!++;
  }
  const entries: number[] = [];
  for (let i = 0; i < n; i++) if (indegree[i] === 0 && byId.get(wf.agents[i]!.id) === i) entries.push(i);
  if (n === 0) {
    issues.push({ code: 'AF_NO_INPUT_NODE', path: 'agents', message: 'the workflow has no agents' });
  } else if (entries.length === 0) {
    issues.push({
      code: 'AF_NO_INPUT_NODE',
      path: 'agents',
      message: 'every agent has an incoming connection',
    });
  }
  const reached = reachableFrom(entries, adjacency);
  for (let i = 0; i < n; i++) {
    if (!reached[i] && entries.length > 0 && byId.get(wf.agents[i]!.id) === i) {
      issues.push({
        code: 'AF_UNREACHABLE_NODE',
        path: `agents[${i}]`,
        message: `agent "${wf.agents[i]!.id}" cannot be reached from an entry node`,
      });
    }
  }
  const { component, components } = cyclicComponents(adjacency);
  const sccBounds: number[] = [];
  components.forEach((members) => {
    let bound: number | undefined;
    for (const m of members) {
      const p = prepared[m];
      const b = p?.def.loopBound?.(p.config);
      if (b !== undefined) bound = bound === undefined ? b : Math.min(bound, b);
    }
    sccBounds.push(bound ?? 0);
    if (bound === undefined) {
      const first = members[0]!;
      issues.push({
        code: 'AF_UNBOUNDED_CYCLE',
        path: `agents[${first}]`,
        message: `cycle through ${members.map((m) => `"${wf.agents[m]!.id}"`).join(', ')} has no bound: route it through a router with maxIterations`,
      });
    }
  });

  if (issues.length > 0 || !parsed.success) return { ok: false, issues };

  const back = findBackEdges(entries, adjacency);
  const backEdge = new Set<number>();
  adjEdge.forEach((edges, s) => {
    edges.forEach((e, i) => {
      if (back.has(`${s}:${i}`)) backEdge.add(e);
    });
  });

  const edges: CompiledEdge[] = validEdges.map((e, index) => {
    const c = wf.connections[e]!;
    const source = byId.get(c.sourceAgentId)!;
    const target = byId.get(c.targetAgentId)!;
    const scc = component[source]!;
    return {
      index,
      id: c.id,
      source,
      target,
      condition: conditions[e],
      handle: c.sourceHandle,
      onError: c.on === 'error',
      back: backEdge.has(e),
      exits: scc !== -1 && component[target] !== scc,
    };
  });
  const inEdges: number[][] = Array.from({ length: n }, () => []);
  const outEdges: number[][] = Array.from({ length: n }, () => []);
  for (const edge of edges) {
    inEdges[edge.target]!.push(edge.index);
    outEdges[edge.source]!.push(edge.index);
  }
  const nodes: CompiledNode[] = wf.agents.map((agent, i) => {
    const p = prepared[i]!;
    const sources = new Set(inEdges[i]!.map((e) => edges[e]!.source));
    const typeRetry = p.def.defaults?.retry ?? {};
    return {
      index: i,
      id: agent.id,
      agent,
      def: p.def,
      config: p.config,
      prepared: p.prepared,
      in: inEdges[i]!,
      out: outEdges[i]!,
      forwardIn: inEdges[i]!.filter((e) => !edges[e]!.back).length,
      keyedInput: sources.size > 1,
      scc: component[i]!,
      retry: RetryPolicy.parse({ ...typeRetry, ...defaultRetry, ...agent.retry }),
      timeoutMs: agent.timeoutMs ?? p.def.defaults?.timeoutMs,
      hasFallback: agent.fallback !== undefined,
      hasErrorEdge: outEdges[i]!.some((e) => edges[e]!.onError),
    };
  });
  const outputNodes = nodes.filter((node) => node.def.type === 'output').map((node) => node.index);
  const sinks = nodes.filter((node) => node.out.every((e) => edges[e]!.onError)).map((node) => node.index);
  const graph: CompiledGraph = {
    workflow: wf,
    nodes,
    edges,
    byId: new Map(nodes.map((node) => [node.id, node])),
    entries,
    sccs: components,
    sccBounds,
    outputs: outputNodes.length > 0 ? outputNodes : sinks,
  };
  return { ok: true, graph };
}

function makeHelpers(
  base: string,
  issues: Issue[],
  registry: NodeRegistry,
  limits: Limits,
  depth: number,
  capabilities: CompileOptions['capabilities'],
): CompileHelpers {
  let nested = 0;
  return {
    expression(source, path) {
      try {
        return compileExpression(source, limits.maxExpressionLength);
      } catch (error) {
        issues.push({ code: 'AF_INVALID_EXPRESSION', path: joinPath(base, path), message: messageOf(error) });
        return undefined;
      }
    },
    graph(value, path) {
      const at = joinPath(base, path);
      if (++nested > MAX_NESTED_WORKFLOWS || depth + 1 > 4) {
        issues.push({ code: 'AF_LIMIT_EXCEEDED', path: at, message: 'workflows are nested too deeply' });
        return undefined;
      }
      const body =
        typeof value === 'object' && value !== null && !('name' in value)
          ? { name: 'body', ...value }
          : value;
      const result = compileWorkflow(body, registry, {
        limits,
        depth: depth + 1,
        ...(capabilities && { capabilities }),
      });
      if (!result.ok) {
        for (const issue of result.issues) issues.push({ ...issue, path: joinPath(at, issue.path) });
        return undefined;
      }
      const handle: NestedGraph = { workflow: result.graph.workflow };
      nestedGraphs.set(handle, result.graph);
      return handle;
    },
    issue(path, message, code = 'AF_INVALID_CONFIG') {
      issues.push({ code, path: joinPath(base, path), message });
    },
    modelCapabilities(provider, model) {
      try {
        return capabilities?.(provider, model);
      } catch {
        return undefined;
      }
    },
  };
}

/** Best-effort parse of the parts of an invalid definition, so structural checks still run. */
function salvage(raw: unknown): Workflow | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  // Array.from turns holes of sparse arrays (possible from JS callers) into undefined entries that fail parsing.
  const agents = Array.isArray(r.agents) ? Array.from(r.agents) : [];
  const connections = Array.isArray(r.connections) ? Array.from(r.connections) : [];
  const parsedAgents = agents.map((a) => AgentSchema.safeParse(a));
  const parsedConns = connections.map((c) => ConnectionSchema.safeParse(c));
  if (parsedAgents.some((a) => !a.success) || parsedConns.some((c) => !c.success)) {
    // Index paths would shift if we dropped entries; only structural checks on fully parsed lists are reliable.
    return undefined;
  }
  const config = WorkflowConfig.safeParse(r.config ?? {});
  return {
    name: 'invalid',
    status: 'draft',
    agents: parsedAgents.map((a) => a.data!),
    connections: parsedConns.map((c) => c.data!),
    config: config.success ? config.data : WorkflowConfig.parse({}),
  };
}

function zodIssues(error: z.ZodError, base: string, code: Issue['code'], into: Issue[]): void {
  for (const issue of error.issues) {
    const path = joinPath(base, formatPath(issue.path));
    // Zod 4 leaves `input` off issues; its message says "received undefined" for a missing field.
    const missing = issue.code === 'invalid_type' && /received undefined$/.test(issue.message);
    into.push({ code, path, message: missing ? 'required' : issue.message });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
