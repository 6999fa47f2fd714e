/**
 * The workspace-wide execution stream (`GET /ws/executions`): lifecycle changes of the workspace's top-level
 * executions (started, resumed, paused, completed), for the executions list and the dashboard. Fed, like the
 * EventHub, from `runtime.onEvent`, which in distributed mode carries the other processes' events relayed over
 * Redis, so a subscriber sees executions that run anywhere. Events carry no workspace: the feed looks the
 * execution up once (remembered for the last `maxKnown` executions) and only while someone subscribes, so
 * nobody watching costs nothing. Frames of one execution keep their order (later ones wait for the lookup).
 */
import type { AgentFlowEvent, ExecutionStatus, Usage } from '@agentflow/protocol';

export interface ExecutionChange {
  type: 'execution.changed';
  change: 'started' | 'resumed' | 'paused' | 'completed';
  executionId: string;
  workflowId: string;
  status: ExecutionStatus;
  at: number;
  usage?: Usage;
  durationMs?: number;
}

export interface ExecutionPlace {
  /** Undefined for executions outside any workspace (single-user setups). */
  workspaceId: string | undefined;
  workflowId: string;
  parentExecutionId?: string | undefined;
}

export type ChangeListener = (change: ExecutionChange) => void;

const NO_WORKSPACE = '';

export class WorkspaceFeed {
  private readonly known = new Map<string, ExecutionPlace>();
  private readonly pending = new Map<string, AgentFlowEvent[]>();
  private readonly listeners = new Map<string, Set<ChangeListener>>();
  private subscribers = 0;

  constructor(
    private readonly lookup: (executionId: string) => Promise<ExecutionPlace | undefined>,
    private readonly maxKnown = 4096,
  ) {}

  publish(event: AgentFlowEvent): void {
    if (this.subscribers === 0 || !isLifecycle(event)) return;
    // Child executions (loop bodies, subworkflows) are `<parent step id>/<key>`: their parent's row stands for them.
    if (event.executionId.includes(':')) return;
    const queued = this.pending.get(event.executionId);
    if (queued) {
      queued.push(event);
      return;
    }
    const place = this.known.get(event.executionId);
    if (place) {
      this.deliver(place, event);
      return;
    }
    this.pending.set(event.executionId, [event]);
    void this.resolve(event.executionId);
  }

  subscribe(workspaceId: string | undefined, listener: ChangeListener): () => void {
    const key = workspaceId ?? NO_WORKSPACE;
    let set = this.listeners.get(key);
    if (!set) {
      set = new Set();
      this.listeners.set(key, set);
    }
    set.add(listener);
    this.subscribers += 1;
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      this.subscribers -= 1;
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  }

  private async resolve(id: string): Promise<void> {
    let place: ExecutionPlace | undefined;
    try {
      place = await this.lookup(id);
    } catch {
      place = undefined; // the store is unreachable: the list's fallback poll will show it
    }
    const queued = this.pending.get(id) ?? [];
    this.pending.delete(id);
    if (!place || place.parentExecutionId !== undefined) return;
    this.known.set(id, place);
    if (this.known.size > this.maxKnown) this.known.delete(this.known.keys().next().value as string);
    for (const event of queued) this.deliver(place, event);
  }

  private deliver(place: ExecutionPlace, event: AgentFlowEvent): void {
    const change = changeOf(place.workflowId, event as LifecycleEvent);
    for (const listener of this.listeners.get(place.workspaceId ?? NO_WORKSPACE) ?? []) {
      try {
        listener(change);
      } catch {
        // one failing subscriber must not starve the others
      }
    }
  }
}

type LifecycleEvent = Extract<
  AgentFlowEvent,
  { type: 'execution.started' | 'execution.resumed' | 'execution.paused' | 'execution.completed' }
>;

function isLifecycle(event: AgentFlowEvent): event is LifecycleEvent {
  return (
    (event.type === 'execution.started' && event.parentExecutionId === undefined) ||
    event.type === 'execution.resumed' ||
    event.type === 'execution.paused' ||
    event.type === 'execution.completed'
  );
}

function changeOf(workflowId: string, event: LifecycleEvent): ExecutionChange {
  const base = {
    type: 'execution.changed' as const,
    executionId: event.executionId,
    workflowId,
    at: event.at,
  };
  switch (event.type) {
    case 'execution.started':
      return { ...base, change: 'started', status: 'running' };
    case 'execution.resumed':
      return { ...base, change: 'resumed', status: 'running' };
    case 'execution.paused':
      return { ...base, change: 'paused', status: 'paused' };
    case 'execution.completed':
      return {
        ...base,
        change: 'completed',
        status: event.status,
        usage: event.usage,
        durationMs: event.durationMs,
      };
  }
}
