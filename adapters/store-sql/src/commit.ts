/**
 * The grouped writes of the execution store (see group.ts): step commits, execution creation and execution
 * updates. Each is one statement per group (multi-row, or a single-row statement for a group of one commit).
 *
 * A step commit (the step records, their messages, the new ready/waiting sets, step count and usage) is an UPDATE
 * of the execution guarded by `status NOT IN (terminal)` plus INSERTs of steps (and messages) that only take rows
 * whose execution the UPDATE matched: a refused or failing commit writes nothing (see step-commit.ts).
 */
import type { CreateExecutionOptions, ExecutionPatch, StepCommit } from '@agentflow/core';
import { AgentFlowError, type ExecutionRecord, type ExecutionStatus } from '@agentflow/protocol';
import { driverError, sqlState } from './errors.js';
import type { WriteExecutor } from './group.js';
import { embedJson } from './json.js';
import { LARGE_KIND, largeValuesExecutor } from './large-values.js';
import type { RawDb } from './raw.js';
import { CREATE_EXECUTIONS, STATUSES, UPDATE_EXECUTIONS } from './statements.js';
import { commitStatement } from './step-commit.js';

export const COMMIT_KIND = 'commit';
export const CREATE_KIND = 'create';
export const UPDATE_KIND = 'update';

export function writeExecutors(db: RawDb): Record<string, WriteExecutor> {
  return {
    [LARGE_KIND]: largeValuesExecutor(db),

    [COMMIT_KIND]: {
      async run(writes) {
        const applied = await commitStatement(
          db,
          writes.map((w) => w.input as StepCommit),
        );
        for (const w of writes) if (applied.has(w.key)) w.resolve(undefined);
        const refused = writes.filter((w) => !applied.has(w.key));
        if (refused.length === 0) return;
        try {
          const statuses = await statusesOf(
            db,
            refused.map((w) => w.key),
          );
          for (const w of refused) w.reject(refusal(w.key, statuses.get(w.key)));
        } catch (error) {
          for (const w of refused) w.reject(error);
        }
      },
      failure: (w, error) => duplicateStep(w.input as StepCommit, error),
    },

    [CREATE_KIND]: {
      async run(writes) {
        const rows = writes.map((w, i) => createRow(i, w.input as CreateInput));
        const created = await db.run<{ id: string }>(CREATE_EXECUTIONS, [JSON.stringify(rows)]);
        const ids = new Set(created.map((r) => r.id));
        for (const w of writes) {
          if (ids.has(w.key)) w.resolve(undefined);
          else w.reject(new AgentFlowError('AF_DUPLICATE_ID', `execution ${w.key} already exists`));
        }
      },
    },

    [UPDATE_KIND]: {
      async run(writes) {
        const rows = writes.map((w, i) => updateRow(i, w.key, w.input as ExecutionPatch));
        const updated = await db.run<{ id: string }>(UPDATE_EXECUTIONS, [JSON.stringify(rows)]);
        const ids = new Set(updated.map((r) => r.id));
        for (const w of writes) w.resolve(ids.has(w.key));
      },
    },
  };
}

/** What `createExecution` queues: the record and its options. */
export interface CreateInput {
  execution: ExecutionRecord;
  options: CreateExecutionOptions | undefined;
}

export function createRow(i: number, { execution: x, options }: CreateInput) {
  return {
    i,
    id: x.id,
    workflow_id: x.workflowId,
    workflow_version: x.workflowVersion,
    workflow: embedJson(x.workflow),
    workspace_id: x.workspaceId,
    parent_execution_id: x.parentExecutionId,
    status: x.status,
    input: embedJson(x.input),
    output: embedJson(x.output),
    error: embedJson(x.error),
    ready: embedJson(x.ready),
    waiting: embedJson(x.waiting),
    step_count: x.stepCount,
    input_tokens: x.usage.inputTokens,
    output_tokens: x.usage.outputTokens,
    cost_usd: x.usage.costUsd,
    created_at: x.createdAt,
    started_at: x.startedAt,
    completed_at: x.completedAt,
    lease_owner: options?.lease?.owner,
    lease_ttl_ms: options?.lease?.ttlMs,
    forked_from_execution_id: x.forkedFrom?.executionId,
    forked_from_node: x.forkedFrom?.nodeId,
    forked_from_input: x.forkedFrom && 'input' in x.forkedFrom ? embedJson(x.forkedFrom.input) : undefined,
  };
}

function updateRow(i: number, id: string, patch: ExecutionPatch) {
  return {
    i,
    id,
    status: patch.status,
    set_output: patch.output !== undefined,
    output: embedJson(patch.output),
    set_error: patch.error !== undefined,
    error: embedJson(patch.error),
    started_at: patch.startedAt,
    completed_at: patch.completedAt,
  };
}

/** A unique violation means a step (id or seq) of this execution is already committed. */
function duplicateStep(commit: StepCommit, error: unknown): unknown {
  if (sqlState(error) !== '23505') return error;
  const ids = commit.steps.map((s) => s.id).join(', ');
  return new AgentFlowError(
    'AF_DUPLICATE_ID',
    `a step of ${commit.executionId} (${ids}) is already committed; nothing was written`,
    { cause: driverError(error) },
  );
}

function refusal(executionId: string, status: ExecutionStatus | undefined): AgentFlowError {
  if (status === undefined) return new AgentFlowError('AF_NOT_FOUND', `execution ${executionId} not found`);
  return new AgentFlowError('AF_NOT_RESUMABLE', `execution ${executionId} is already ${status}`);
}

async function statusesOf(db: RawDb, ids: string[]): Promise<Map<string, ExecutionStatus>> {
  const found = await db.run<{ id: string; status: ExecutionStatus }>(STATUSES, [JSON.stringify(ids)]);
  return new Map(found.map((r) => [r.id, r.status]));
}
