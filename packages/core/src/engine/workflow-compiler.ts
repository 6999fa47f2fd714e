/**
 * The engine's node types and the compilation of definitions against them: the registry (built-ins, then the
 * engine's options, then `registerNodeType`), the model capabilities node types check settings against, and the
 * cache of valid compiled definitions. The cache is keyed by the definition object, which is deeply frozen when
 * cached so it cannot change under its graph; registering a node type starts an empty cache, and a failed
 * compilation is never kept.
 */
import { AgentFlowError } from '@agentflow/protocol';
import { type CompileResult, compileWorkflow } from '../graph/compile.js';
import type { CompiledGraph } from '../graph/compiled.js';
import { builtinNodeTypes } from '../nodes/builtins/index.js';
import type { AnyNodeType } from '../nodes/define.js';
import { freezeIfPlainData } from '../util/freeze.js';
import type { EngineOptions } from './api.js';

export interface WorkflowCompiler {
  compile(workflow: unknown): CompileResult;
  /** The compiled graph; AF_VALIDATION with every issue when the definition is invalid. */
  compileOrThrow(workflow: unknown): CompiledGraph;
  register(definition: AnyNodeType): void;
  nodeTypes(): AnyNodeType[];
}

export function createWorkflowCompiler(
  options: Pick<EngineOptions, 'nodeTypes' | 'limits' | 'models'>,
): WorkflowCompiler {
  const registry = new Map<string, AnyNodeType>();
  for (const def of [...builtinNodeTypes, ...(options.nodeTypes ?? [])]) registry.set(def.type, def);
  /** Valid definitions compiled against the current registry, by object (frozen when cached). */
  let compiled = new WeakMap<object, CompileResult>();
  // Node types check model settings against what the configured provider says a model takes.
  const models = options.models;
  const compileOptions = {
    limits: options.limits,
    ...(models?.capabilities && {
      capabilities: (provider: string, model: string) => models.capabilities?.(provider, model),
    }),
  };

  function compile(workflow: unknown): CompileResult {
    if (typeof workflow === 'object' && workflow !== null) {
      const hit = compiled.get(workflow);
      if (hit) return hit;
      const result = compileWorkflow(workflow, registry, compileOptions);
      // Only a valid definition of plain data is kept (frozen, so it cannot change under its result): a failure
      // is not worth keeping, and an object with getters or class instances inside could answer differently.
      if (result.ok && freezeIfPlainData(workflow)) compiled.set(workflow, result);
      return result;
    }
    return compileWorkflow(workflow, registry, compileOptions);
  }

  return {
    compile,
    compileOrThrow(workflow) {
      const result = compile(workflow);
      if (!result.ok) {
        throw new AgentFlowError('AF_VALIDATION', `workflow is invalid (${result.issues.length} problems)`, {
          issues: result.issues,
        });
      }
      return result.graph;
    },
    register(definition) {
      registry.set(definition.type, definition);
      compiled = new WeakMap();
    },
    nodeTypes() {
      return [...registry.values()];
    },
  };
}
