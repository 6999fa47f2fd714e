/**
 * Builders and sample workflows for the graph compiler's tests. Plain functions (no test framework), so the
 * property test and the unit tests share them.
 */
import {
  type AgentInput,
  type ConnectionInput,
  ERROR_CODES,
  type Issue,
  type WorkflowInput,
} from '@agentflow/protocol';
import { builtinNodeTypes } from '../../nodes/builtins/index.js';
import { type CompileOptions, type CompileResult, compileWorkflow, type NodeRegistry } from '../compile.js';

export const registry: NodeRegistry = new Map(builtinNodeTypes.map((def) => [def.type, def]));

export function compile(raw: unknown, options?: CompileOptions): CompileResult {
  return compileWorkflow(raw, registry, options);
}

/** The issues of an invalid definition; throws if it compiled. */
export function issuesOf(raw: unknown, options?: CompileOptions): Issue[] {
  const result = compile(raw, options);
  if (result.ok) throw new Error('expected the definition to be invalid, but it compiled');
  return result.issues;
}

/** `CODE path` per issue, sorted: compact, order-independent and exact (no problem missing, none extra). */
export function summary(issues: readonly Issue[]): string[] {
  return issues.map((i) => `${i.code} ${i.path}`).sort();
}

/** Returns what is wrong with a result, or undefined if it is well formed. */
export function malformation(result: CompileResult): string | undefined {
  if (result === null || typeof result !== 'object') return 'result is not an object';
  if (result.ok === true) {
    const { graph } = result;
    if (graph.nodes.length !== graph.workflow.agents.length) return 'graph nodes do not match agents';
    const n = graph.nodes.length;
    if (graph.edges.some((e) => e.source >= n || e.target >= n)) return 'edge points outside the graph';
    if (graph.entries.length === 0) return 'valid graph without entries';
    return undefined;
  }
  if (result.ok !== false || !Array.isArray(result.issues)) return 'result has neither graph nor issues';
  if (result.issues.length === 0) return 'invalid result without issues';
  for (const issue of result.issues) {
    if (!Object.hasOwn(ERROR_CODES, issue.code)) return `unknown code ${String(issue.code)}`;
    if (typeof issue.path !== 'string') return `path is ${typeof issue.path}`;
    if (typeof issue.message !== 'string' || issue.message.length === 0) return 'empty message';
  }
  try {
    JSON.stringify(result.issues);
  } catch (error) {
    return `issues are not JSON: ${String(error)}`;
  }
  return undefined;
}

/** Builds a workflow from agents and a compact edge list: `['a>b', 'b>c']` (ids c0, c1, ...). */
export function wf(
  agents: AgentInput[],
  edges: (string | ConnectionInput)[] = [],
  extra: Partial<WorkflowInput> = {},
): WorkflowInput {
  const connections = edges.map((e, i) => {
    if (typeof e !== 'string') return e;
    const [s, t] = e.split('>') as [string, string];
    return { id: `c${i}`, sourceAgentId: s, targetAgentId: t };
  });
  return { name: 'test', agents, connections, ...extra };
}

export const input = (id = 'in', config: Record<string, unknown> = {}): AgentInput => ({
  id,
  type: 'input',
  config,
});
export const output = (id = 'out'): AgentInput => ({ id, type: 'output' });
export const transform = (id: string, expression = 'input'): AgentInput => ({
  id,
  type: 'transform',
  config: { expression },
});
export const llm = (id: string, extra: Record<string, unknown> = {}): AgentInput => ({
  id,
  type: 'agent',
  config: { provider: 'openai', model: 'gpt-4o-mini', ...extra },
});
export const router = (id: string, config: Record<string, unknown>): AgentInput => ({
  id,
  type: 'router',
  config,
});
export const loop = (id: string, body: unknown, extra: Record<string, unknown> = {}): AgentInput => ({
  id,
  type: 'loop',
  config: { body, ...extra },
});

/** Valid workflows covering every built-in node type and the shapes the engine supports. */
export const validExamples: Record<string, WorkflowInput> = {
  chain: wf([input(), transform('double', 'input * 2.0'), output()], ['in>double', 'double>out']),
  'parallel research team with a join': wf(
    [input(), llm('economist'), llm('historian'), llm('technologist'), llm('writer'), output()],
    [
      'in>economist',
      'in>historian',
      'in>technologist',
      'economist>writer',
      'historian>writer',
      'technologist>writer',
      'writer>out',
    ],
  ),
  'writer/reviewer loop bounded by a router': wf(
    [
      input(),
      llm('writer'),
      llm('reviewer'),
      router('gate', {
        routes: [{ name: 'approved', when: 'input.contains("LGTM")' }],
        default: 'revise',
        maxIterations: 3,
        exhaustedRoute: 'approved',
      }),
      output(),
    ],
    [
      'in>writer',
      'writer>reviewer',
      'reviewer>gate',
      { id: 'revise', sourceAgentId: 'gate', targetAgentId: 'writer', sourceHandle: 'revise' },
      { id: 'done', sourceAgentId: 'gate', targetAgentId: 'out', sourceHandle: 'approved' },
    ],
  ),
  'map over a list': wf(
    [
      input(),
      loop(
        'each',
        { agents: [input('item'), llm('summarize')], connections: [edge('item>summarize')] },
        {
          items: 'input.items',
          concurrency: 2,
        },
      ),
      output(),
    ],
    ['in>each', 'each>out'],
  ),
  'repeat until': wf(
    [
      input(),
      loop('again', { agents: [transform('inc', 'input + 1.0')] }, { mode: 'until', until: 'output > 3.0' }),
    ],
    ['in>again'],
  ),
  'conditions, error edge, human, tool, delay, subworkflow': wf(
    [
      input('in', { schema: { type: 'object', properties: { n: { type: 'number' } }, required: ['n'] } }),
      {
        id: 'call',
        type: 'tool',
        config: { tool: 'search', args: '{"q": string(input.n)}' },
        retry: { maxAttempts: 2 },
      },
      { id: 'approve', type: 'human', config: { prompt: 'OK?', schema: { type: 'boolean' } } },
      { id: 'wait', type: 'delay', config: { ms: 10 } },
      {
        id: 'child',
        type: 'subworkflow',
        config: {
          workflow: { name: 'child', agents: [input('x'), output('y')], connections: [edge('x>y')] },
        },
      },
      { id: 'stored', type: 'subworkflow', config: { workflowId: 'other', input: 'input' } },
      transform('recover', 'input.error.code'),
      output(),
    ],
    [
      { id: 'big', sourceAgentId: 'in', targetAgentId: 'call', condition: 'input.n > 10.0' },
      { id: 'small', sourceAgentId: 'in', targetAgentId: 'approve', condition: 'input.n <= 10.0' },
      { id: 'fail', sourceAgentId: 'call', targetAgentId: 'recover', on: 'error' },
      'call>wait',
      'approve>wait',
      'wait>child',
      'child>stored',
      'stored>out',
      'recover>out',
    ],
  ),
  'structured output and mapping': wf(
    [
      input(),
      llm('extract', {
        schema: { type: 'object', properties: { title: { type: 'string' } }, required: ['title'] },
        tools: ['search'],
        maxSteps: 4,
      }),
      {
        id: 'shape',
        type: 'transform',
        config: { mapping: { title: 'input.title', size: 'size(input.title)' } },
      },
      { id: 'out', type: 'output', config: { value: 'input.title' } },
    ],
    ['in>extract', 'extract>shape', 'shape>out'],
  ),
};

function edge(spec: string): ConnectionInput {
  const [s, t] = spec.split('>') as [string, string];
  return { id: `${s}-${t}`, sourceAgentId: s, targetAgentId: t };
}
