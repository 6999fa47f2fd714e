import type { ExecutionRecord } from '@agentflow/protocol';
import type { Store } from '../ports/store.js';

/**
 * The executions to take up again: orphans (queued and never taken up, or running with an expired lease) that
 * are not children. A loop body or subworkflow resumes with its parent's step, never on its own.
 */
export async function topLevelOrphans(
  store: Pick<Store, 'listOrphans' | 'getExecution'>,
): Promise<ExecutionRecord[]> {
  const found: ExecutionRecord[] = [];
  for (const id of await store.listOrphans()) {
    const record = await store.getExecution(id);
    if (record && record.parentExecutionId === undefined) found.push(record);
  }
  return found;
}
