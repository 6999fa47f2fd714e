/**
 * Live state of one execution on the canvas, folded from the monitor's events: each node's status (queued,
 * running, succeeded, failed, skipped, waiting for approval, cancelled), elapsed time, tokens and cost; the
 * output. When the execution ends, a node still queued, running, retrying or waiting was interrupted (a cancel,
 * or another branch's failure): it becomes `cancelled` and its clock stops.
 */
import type { AgentFlowEvent } from '@agentflow/protocol';
import { create } from 'zustand';

export type NodeRunStatus =
  | 'queued'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'skipped'
  | 'waiting'
  | 'retrying'
  | 'cancelled';

const UNFINISHED: ReadonlySet<NodeRunStatus> = new Set(['queued', 'running', 'retrying', 'waiting']);

export interface NodeRun {
  status: NodeRunStatus;
  startedAt?: number;
  endedAt?: number;
  tokens: number;
  costUsd: number;
  output?: unknown;
  error?: { code: string; message: string };
}

export interface RunState {
  executionId?: string;
  status: 'idle' | 'starting' | 'running' | 'paused' | 'succeeded' | 'failed' | 'cancelled';
  nodes: Record<string, NodeRun>;
  output?: unknown;
  error?: { code: string; message: string };
  usage?: { inputTokens: number; outputTokens: number; costUsd: number };
  lastSeq: number;
}

export const IDLE: RunState = { status: 'idle', nodes: {}, lastSeq: 0 };

const blank = (): NodeRun => ({ status: 'queued', tokens: 0, costUsd: 0 });

/** The state after `event` (pure; events at or below `lastSeq` change nothing). */
export function applyEvent(state: RunState, event: AgentFlowEvent): RunState {
  if (event.seq <= state.lastSeq) return state;
  const next: RunState = { ...state, lastSeq: event.seq, nodes: state.nodes };
  const node = (id: string, patch: (n: NodeRun) => Partial<NodeRun>) => {
    const current = next.nodes[id] ?? blank();
    next.nodes = { ...next.nodes, [id]: { ...current, ...patch(current) } };
  };
  switch (event.type) {
    case 'execution.started':
    case 'execution.resumed':
      next.status = 'running';
      break;
    case 'execution.paused':
      next.status = 'paused';
      break;
    case 'execution.completed':
      next.status = event.status;
      next.output = event.output;
      next.usage = event.usage;
      if (event.error) next.error = { code: event.error.code, message: event.error.message };
      for (const [id, n] of Object.entries(next.nodes)) {
        if (UNFINISHED.has(n.status))
          node(id, () => ({
            status: 'cancelled',
            ...(n.startedAt !== undefined ? { endedAt: event.at } : {}),
          }));
      }
      break;
    case 'step.started':
      node(event.agentId, () => ({ status: 'running', startedAt: event.at, endedAt: undefined }));
      break;
    case 'step.retrying':
      node(event.agentId, () => ({
        status: 'retrying',
        error: { code: event.error.code, message: event.error.message },
      }));
      break;
    case 'step.completed':
      node(event.agentId, (n) => ({
        status: 'succeeded',
        endedAt: event.at,
        startedAt: n.startedAt ?? event.at - event.durationMs,
        output: event.output,
        tokens: n.tokens + (event.usage ? event.usage.inputTokens + event.usage.outputTokens : 0),
        costUsd: n.costUsd + (event.usage?.costUsd ?? 0),
      }));
      break;
    case 'step.failed':
      if (!event.willRetry)
        node(event.agentId, () => ({
          status: 'failed',
          endedAt: event.at,
          error: { code: event.error.code, message: event.error.message },
        }));
      break;
    case 'step.skipped':
      node(event.agentId, () => ({ status: 'skipped', endedAt: event.at }));
      break;
    case 'step.waiting':
      node(event.agentId, () => ({ status: 'waiting' }));
      break;
    case 'message':
      if (!next.nodes[event.toAgentId]) node(event.toAgentId, () => ({ status: 'queued' }));
      break;
    default:
      break;
  }
  return next;
}

export function createRunStore() {
  return create<RunState & { reset(patch?: Partial<RunState>): void; apply(event: AgentFlowEvent): void }>()(
    (set, get) => ({
      ...IDLE,
      reset: (patch = {}) => set({ ...IDLE, ...patch }),
      apply: (event) => set(applyEvent(get(), event)),
    }),
  );
}
export type RunStore = ReturnType<typeof createRunStore>;
