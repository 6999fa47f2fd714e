/**
 * GraphQL operations that start executions: every such root mutation field (aliases and fragments included)
 * is counted before anything runs, and an operation that would start more executions than the workspace has
 * left in its plan's window is refused whole (AF_RATE_LIMITED, HTTP 429 with Retry-After), so it starts none.
 * Each field is then counted again by the runtime's execution gate as it runs (one unit per field), which
 * also stops a concurrent request from overspending.
 */
import type { ExecutionGate, Principal } from '@agentflow/runtime';
import type { FastifyReply } from 'fastify';
import type {
  DocumentNode,
  FragmentDefinitionNode,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import { graphql } from './graphql-lib.js';

const { Kind } = graphql;

/** Root mutation fields that start (or continue) an execution. */
export const EXECUTION_STARTING_FIELDS: ReadonlySet<string> = new Set([
  'executeWorkflow',
  'approveExecution',
  'rerunExecution',
  'forkExecution',
]);

/** How many execution-starting fields the operation `operationName` (or the only one) selects at its root. */
export function countExecutionStarts(document: DocumentNode, operationName?: string): number {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation =
    operationName === undefined ? operations[0] : operations.find((o) => o.name?.value === operationName);
  if (operation?.operation !== 'mutation') return 0;
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  const seen = new Set<string>();
  const count = (set: SelectionSetNode): number => {
    let n = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (EXECUTION_STARTING_FIELDS.has(selection.name.value)) n++;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        n += count(selection.selectionSet);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        seen.add(fragment.name.value);
        n += count(fragment.selectionSet);
        seen.delete(fragment.name.value);
      }
    }
    return n;
  };
  return count(operation.selectionSet);
}

/** The preExecution hook: refuses an operation whose execution starts exceed the workspace's budget. */
export function executionBudgetHook(gate: Pick<ExecutionGate, 'ensure'>) {
  return async (
    _schema: unknown,
    document: DocumentNode,
    context: { principal?: Principal; reply?: FastifyReply },
  ): Promise<void> => {
    const principal = context.principal;
    if (!principal) return;
    const body = context.reply?.request.body as { operationName?: unknown } | undefined;
    const name = typeof body?.operationName === 'string' ? body.operationName : undefined;
    const starts = countExecutionStarts(document, name);
    if (starts <= 1) return; // a single start is checked by the gate itself
    try {
      await gate.ensure({ workspaceId: principal.workspaceId }, starts);
    } catch (error) {
      const retryAfterMs = (error as { retryAfterMs?: number }).retryAfterMs;
      if (retryAfterMs !== undefined) {
        context.reply?.header('retry-after', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
      }
      throw error;
    }
  };
}
