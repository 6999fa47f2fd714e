/**
 * Live execution events for the WebSocket monitor and GraphQL subscriptions, with replay after a reconnect.
 *
 * The hub listens to the engine and keeps, per top-level execution, a ring buffer of its most recent events
 * (loop bodies' and subworkflows' events included, in the same stream). It numbers each stream itself: `seq`
 * runs 1, 2, 3... without gaps for as long as this process lives, across pauses and resumes (the engine's own
 * numbering restarts when a paused execution resumes). A client that saw `seq` N reconnects with `after=N` and
 * gets N+1 onwards: from the buffer, then live, with no gap and no duplicate.
 *
 * Limits (memory stays bounded whatever runs): `perExecution` events per execution (default 1000; older ones are
 * dropped first) and `maxExecutions` executions (default 256; the least recently active is dropped first). When
 * the events a client asks for are gone (dropped, or the server restarted: `epoch` changed), the client is told
 * so and should reload the execution over REST (`GET /api/v1/executions/:id`), which is the source of truth.
 */
import { randomUUID } from 'node:crypto';
import type { AgentFlowEvent } from '@agentflow/protocol';

/** Where an execution belongs, looked up when the hub did not see it start. */
export interface ExecutionOrigin {
  workflowId: string;
  parentExecutionId?: string;
}

export interface EventHubOptions {
  /** Events kept per top-level execution for replay. (Default: 1000) */
  perExecution?: number;
  /** Top-level executions kept. (Default: 256) */
  maxExecutions?: number;
  /** Finds an execution's workflow and parent (for events of executions started before the hub listened). */
  lookup?: (executionId: string) => Promise<ExecutionOrigin | undefined>;
}

/** A delivered event: the engine's event with the stream's `seq`, and the top-level execution it belongs to. */
export type StreamListener = (event: AgentFlowEvent, rootExecutionId: string) => void;

export interface Replay {
  /** False when the hub holds nothing for the execution (never seen here, or dropped). */
  known: boolean;
  events: AgentFlowEvent[];
  /** Oldest seq still buffered (0 when none). */
  firstSeq: number;
  /** Newest seq delivered so far (0 when none). */
  lastSeq: number;
}

interface Stream {
  root: string;
  workflowId: string;
  buffer: (AgentFlowEvent | undefined)[];
  start: number;
  size: number;
  lastSeq: number;
  children: Set<string>;
}

export class EventHub {
  /** Changes with every process: cursors from another epoch cannot be replayed. */
  readonly epoch = randomUUID().slice(0, 8);
  readonly perExecution: number;
  readonly maxExecutions: number;
  private readonly lookup: EventHubOptions['lookup'];
  private readonly streams = new Map<string, Stream>();
  /** Child execution -> top-level execution. */
  private readonly roots = new Map<string, string>();
  /** Events of executions being looked up, in arrival order. */
  private readonly pending = new Map<string, AgentFlowEvent[]>();
  private readonly listeners = new Map<string, Set<StreamListener>>();
  /** Last seq of dropped streams (a number each, bounded), so a stream that comes back keeps counting. */
  private readonly dropped = new Map<string, number>();

  constructor(options: EventHubOptions = {}) {
    this.perExecution = Math.max(1, options.perExecution ?? 1000);
    this.maxExecutions = Math.max(1, options.maxExecutions ?? 256);
    this.lookup = options.lookup;
  }

  /** Feed it the engine's events: `engine.on('event', (e) => hub.publish(e))`. */
  publish(event: AgentFlowEvent): void {
    const queued = this.pending.get(event.executionId);
    if (queued) {
      if (queued.length < this.perExecution) queued.push(event);
      return;
    }
    const stream = this.streamOf(event);
    if (stream) this.deliver(stream, event);
  }

  /** Live events of every execution of a workflow (filter by the root execution id in the listener). */
  subscribe(workflowId: string, listener: StreamListener): () => void {
    let set = this.listeners.get(workflowId);
    if (!set) {
      set = new Set();
      this.listeners.set(workflowId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(workflowId);
    };
  }

  /** Buffered events of a top-level execution with `seq > after`, oldest first. */
  replay(executionId: string, after: number): Replay {
    const stream = this.streams.get(executionId);
    if (!stream) return { known: false, events: [], firstSeq: 0, lastSeq: 0 };
    const events: AgentFlowEvent[] = [];
    for (let i = 0; i < stream.size; i++) {
      const event = stream.buffer[(stream.start + i) % this.perExecution]!;
      if (event.seq > after) events.push(event);
    }
    const firstSeq = stream.size === 0 ? 0 : stream.buffer[stream.start]!.seq;
    return { known: true, events, firstSeq, lastSeq: stream.lastSeq };
  }

  /** The workflow a (top-level or child) execution's stream belongs to, if the hub knows it. */
  workflowOf(executionId: string): string | undefined {
    return this.streams.get(this.roots.get(executionId) ?? executionId)?.workflowId;
  }

  get size(): number {
    return this.streams.size;
  }

  private streamOf(event: AgentFlowEvent): Stream | undefined {
    const id = event.executionId;
    const known = this.streams.get(this.roots.get(id) ?? id);
    if (known) return known;
    if (event.type === 'execution.started') {
      if (event.parentExecutionId === undefined) return this.open(id, event.workflowId);
      const parent = this.streams.get(this.roots.get(event.parentExecutionId) ?? event.parentExecutionId);
      if (parent) return this.adopt(parent, id);
    }
    // Started before we listened, or a child resumed with its parent: find out where it belongs.
    this.pending.set(id, [event]);
    void this.resolve(id);
    return undefined;
  }

  private async resolve(id: string): Promise<void> {
    let stream: Stream | undefined;
    try {
      let current = id;
      for (let depth = 0; depth < 16 && !stream; depth++) {
        const origin = await this.lookup?.(current);
        if (!origin) break;
        if (origin.parentExecutionId === undefined) {
          stream = this.streams.get(current) ?? this.open(current, origin.workflowId);
          break;
        }
        current = origin.parentExecutionId;
        stream = this.streams.get(this.roots.get(current) ?? current);
      }
    } catch {
      stream = undefined; // the store is unreachable: these events only reach the store, not the stream
    }
    const queued = this.pending.get(id) ?? [];
    this.pending.delete(id);
    if (!stream) return;
    if (stream.root !== id) this.adopt(stream, id);
    for (const event of queued) this.deliver(stream, event);
  }

  private open(root: string, workflowId: string): Stream {
    const stream: Stream = {
      root,
      workflowId,
      // Grows as events arrive (filled in order until full): most executions have a few events, not 1,000.
      buffer: [],
      start: 0,
      size: 0,
      // A stream dropped and reopened keeps counting, so old cursors never point at new events.
      lastSeq: this.dropped.get(root) ?? 0,
      children: new Set(),
    };
    this.dropped.delete(root);
    this.streams.set(root, stream);
    while (this.streams.size > this.maxExecutions) {
      const oldest = this.streams.values().next().value as Stream;
      this.drop(oldest);
    }
    return stream;
  }

  private adopt(stream: Stream, child: string): Stream {
    stream.children.add(child);
    this.roots.set(child, stream.root);
    return stream;
  }

  private drop(stream: Stream): void {
    this.streams.delete(stream.root);
    for (const child of stream.children) this.roots.delete(child);
    this.dropped.set(stream.root, stream.lastSeq);
    if (this.dropped.size > this.maxExecutions * 16) {
      this.dropped.delete(this.dropped.keys().next().value as string);
    }
  }

  private deliver(stream: Stream, event: AgentFlowEvent): void {
    stream.lastSeq += 1;
    const out = { ...event, seq: stream.lastSeq } as AgentFlowEvent;
    if (stream.size < this.perExecution) {
      stream.buffer[(stream.start + stream.size) % this.perExecution] = out;
      stream.size += 1;
    } else {
      stream.buffer[stream.start] = out;
      stream.start = (stream.start + 1) % this.perExecution;
    }
    // Most recently active last: eviction drops the least recently active stream.
    this.streams.delete(stream.root);
    this.streams.set(stream.root, stream);
    for (const listener of this.listeners.get(stream.workflowId) ?? []) {
      try {
        listener(out, stream.root);
      } catch {
        // one failing subscriber must not starve the others
      }
    }
  }
}
