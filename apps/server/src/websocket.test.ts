import type { Runtime } from '@agentflow/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type RunningServer, startServer } from './start.js';
import {
  approvalWorkflow,
  auth,
  createTestRuntime,
  greetWorkflow,
  token,
  WS1,
  WS2,
} from './test-support/fixtures.js';

interface Frame {
  type: string;
  seq?: number;
  executionId?: string;
  reason?: string;
  epoch?: string;
  [key: string]: unknown;
}

/** A monitor connection that records every frame. */
class Monitor {
  readonly frames: Frame[] = [];
  private waiters: (() => void)[] = [];
  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)) as Frame);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }
  static open(url: string, headers: Record<string, string> = {}): Promise<Monitor> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers });
      const monitor = new Monitor(socket);
      socket.once('open', () => resolve(monitor));
      socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      socket.once('error', reject);
    });
  }
  async until(predicate: (f: Frame) => boolean, timeoutMs = 10_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(predicate);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`no such frame; got ${this.frames.map((f) => f.type).join(',')}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }
  events(): Frame[] {
    return this.frames.filter((f) => typeof f.seq === 'number');
  }
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}

function contiguous(seqs: number[], from: number): boolean {
  return seqs.every((s, i) => s === from + i);
}

describe('WebSocket monitor (real port)', () => {
  let runtime: Runtime;
  let server: RunningServer;
  let base: string;
  const printed: string[] = [];
  const headers = { authorization: `Bearer ${token('member')}` };

  beforeAll(async () => {
    runtime = await createTestRuntime();
    server = await startServer({
      runtime,
      auth,
      logger: false,
      host: '127.0.0.1',
      port: 0,
      handleSignals: false,
      print: (line) => printed.push(line),
    });
    base = server.url;
  });
  afterAll(async () => {
    await server.close();
  });

  async function api(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return (await res.json()) as Record<string, unknown>;
  }
  const ws = (path: string) => `${base.replace('http', 'ws')}${path}`;

  it('printed its URL when it started listening', () => {
    expect(printed[0]).toContain(base);
  });

  it("streams a workflow's execution events live, each with its seq", async () => {
    const wf = (await api('POST', '/workflows', greetWorkflow())) as { id: string };
    const monitor = await Monitor.open(ws(`/ws/workflows/${wf.id}/monitor?token=${token('viewer')}`));
    const ready = await monitor.until((f) => f.type === 'stream.ready');
    expect(ready).toMatchObject({ workflowId: wf.id });
    const { executionId } = (await api('POST', `/workflows/${wf.id}/execute`, {
      input: { name: 'Ada' },
    })) as {
      executionId: string;
    };
    await monitor.until((f) => f.type === 'execution.completed');
    const events = monitor.events();
    expect(events.every((e) => e.executionId === executionId)).toBe(true);
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('execution.started');
    expect(types).toEqual(
      expect.arrayContaining([
        'step.started',
        'step.token',
        'step.completed',
        'message',
        'execution.completed',
      ]),
    );
    expect(
      events
        .filter((e) => e.type === 'step.token')
        .map((e) => e.delta)
        .join(''),
    ).toBe('Hello, Ada!');
    expect(
      contiguous(
        events.map((e) => e.seq!),
        1,
      ),
    ).toBe(true);
    await monitor.close();
  });

  it('resumes after a reconnect from the last seq seen, with no gap and no duplicate', async () => {
    const wf = (await api('POST', '/workflows', approvalWorkflow())) as { id: string };
    const { executionId } = (await api('POST', `/workflows/${wf.id}/execute`, { input: {} })) as {
      executionId: string;
    };
    // Connecting after the start misses nothing: the execution's buffered events are replayed first.
    const first = await Monitor.open(
      ws(`/ws/workflows/${wf.id}/monitor?executionId=${executionId}`),
      headers,
    );
    await first.until((f) => f.type === 'execution.paused');
    const before = first.events();
    expect(before[0]?.type).toBe('execution.started');
    const lastSeq = before.at(-1)!.seq!;
    await first.close();

    // While nobody listens, the execution goes on.
    await api('POST', `/executions/${executionId}/approve`, {
      agentId: 'review',
      payload: { approved: true },
    });
    const deadline = Date.now() + 10_000;
    while (
      ((await api('GET', `/executions/${executionId}`)) as { execution: { status: string } }).execution
        .status !== 'succeeded'
    ) {
      if (Date.now() > deadline) throw new Error('execution did not finish');
      await new Promise((r) => setTimeout(r, 20));
    }

    const second = await Monitor.open(
      ws(`/ws/workflows/${wf.id}/monitor?executionId=${executionId}&after=${lastSeq}`),
      headers,
    );
    await second.until((f) => f.type === 'execution.completed');
    const after = second.events();
    expect(after[0]?.type).toBe('execution.resumed');
    expect(
      contiguous(
        after.map((e) => e.seq!),
        lastSeq + 1,
      ),
    ).toBe(true);
    expect(second.frames.some((f) => f.type === 'stream.gap')).toBe(false);
    await second.close();

    // The same with `lastEventId=<executionId>:<seq>`.
    const third = await Monitor.open(
      ws(`/ws/workflows/${wf.id}/monitor?lastEventId=${executionId}:${lastSeq + 1}`),
      headers,
    );
    await third.until((f) => f.type === 'execution.completed');
    expect(third.events()[0]?.seq).toBe(lastSeq + 2);
    await third.close();

    // A cursor from another server process cannot be trusted: the client is told to reload.
    const restarted = await Monitor.open(
      ws(`/ws/workflows/${wf.id}/monitor?executionId=${executionId}&after=3&epoch=older`),
      headers,
    );
    const gap = await restarted.until((f) => f.type === 'stream.gap');
    expect(gap).toMatchObject({ reason: 'restarted', executionId });
    await restarted.until((f) => f.type === 'execution.completed');
    expect(restarted.events()[0]?.seq).toBe(1);
    await restarted.close();
  });

  it('refuses unauthenticated upgrades and hides other workspaces', async () => {
    const wf = (await api('POST', '/workflows', greetWorkflow())) as { id: string };
    await expect(Monitor.open(ws(`/ws/workflows/${wf.id}/monitor`))).rejects.toThrow('HTTP 401');
    await expect(Monitor.open(ws(`/ws/workflows/${wf.id}/monitor?token=forged`))).rejects.toThrow('HTTP 401');
    await expect(
      Monitor.open(ws(`/ws/workflows/${wf.id}/monitor?token=${token('owner', WS2)}`)),
    ).rejects.toThrow('HTTP 404');
    await expect(Monitor.open(ws(`/ws/workflows/${wf.id}/monitor?after=3`), headers)).rejects.toThrow(
      'HTTP 400',
    );
    // The session cookie works from this origin only (no cross-site WebSocket hijacking).
    const cookie = `af_access=${token('viewer')}`;
    await expect(
      Monitor.open(ws(`/ws/workflows/${wf.id}/monitor`), { cookie, origin: 'http://evil.example' }),
    ).rejects.toThrow('HTTP 403');
    const sameOrigin = await Monitor.open(ws(`/ws/workflows/${wf.id}/monitor`), { cookie, origin: base });
    await sameOrigin.until((f) => f.type === 'stream.ready');
    await sameOrigin.close();
  });

  it('streams the same events to GraphQL subscriptions (graphql-transport-ws)', async () => {
    const wf = (await api('POST', '/workflows', greetWorkflow())) as { id: string };
    const socket = new WebSocket(ws('/graphql'), 'graphql-transport-ws');
    const messages: { type: string; id?: string; payload?: { data?: { executionEvents: Frame } } }[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const waitFor = async (predicate: (m: (typeof messages)[number]) => boolean) => {
      const deadline = Date.now() + 10_000;
      while (!messages.some(predicate)) {
        if (Date.now() > deadline) throw new Error(`no message; got ${JSON.stringify(messages)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    socket.send(
      JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token('viewer')}` } }),
    );
    await waitFor((m) => m.type === 'connection_ack');
    socket.send(
      JSON.stringify({
        id: '1',
        type: 'subscribe',
        payload: {
          query: 'subscription ($w: ID!) { executionEvents(workflowId: $w) { executionId seq type } }',
          variables: { w: wf.id },
        },
      }),
    );
    await new Promise((r) => setTimeout(r, 100));
    await api('POST', `/workflows/${wf.id}/execute`, { input: { name: 'Lin' } });
    await waitFor((m) => m.payload?.data?.executionEvents.type === 'execution.completed');
    const events = messages.filter((m) => m.type === 'next').map((m) => m.payload!.data!.executionEvents);
    expect(events[0]?.type).toBe('execution.started');
    expect(
      contiguous(
        events.map((e) => e.seq!),
        1,
      ),
    ).toBe(true);
    socket.close();
  });

  it("streams a workspace's execution changes to its members only, never another workspace's", async () => {
    await expect(Monitor.open(ws('/ws/executions'))).rejects.toThrow('HTTP 401');
    const a = await Monitor.open(ws(`/ws/executions?token=${token('viewer')}`));
    const b = await Monitor.open(ws(`/ws/executions?token=${token('viewer', WS2)}`));
    await a.until((f) => f.type === 'stream.ready');
    await b.until((f) => f.type === 'stream.ready');
    const start = async (workspace: string) => {
      const h = { authorization: `Bearer ${token('member', workspace)}`, 'content-type': 'application/json' };
      const post = async (path: string, body: unknown) =>
        (await (
          await fetch(`${base}/api/v1${path}`, { method: 'POST', headers: h, body: JSON.stringify(body) })
        ).json()) as Record<string, unknown>;
      const wf = (await post('/workflows', greetWorkflow())) as { id: string };
      const { executionId } = (await post(`/workflows/${wf.id}/execute`, { input: { name: 'Ada' } })) as {
        executionId: string;
      };
      return { workflowId: wf.id, executionId };
    };
    const inA = await start(WS1);
    const inB = await start(WS2);
    const ended = (m: Monitor, id: string) =>
      m.until((f) => f.type === 'execution.changed' && f.executionId === id && f.change === 'completed');
    expect(await ended(a, inA.executionId)).toMatchObject({
      workflowId: inA.workflowId,
      status: 'succeeded',
      usage: expect.any(Object),
    });
    expect(a.frames.find((f) => f.executionId === inA.executionId)).toMatchObject({
      change: 'started',
      status: 'running',
    });
    await ended(b, inB.executionId);
    // B's change was delivered (to B) in the same dispatch that would have reached A.
    expect(a.frames.some((f) => f.executionId === inB.executionId)).toBe(false);
    expect(b.frames.some((f) => f.executionId === inA.executionId)).toBe(false);
    await a.close();
    await b.close();
  });

  it('shuts down gracefully: stops accepting, then closes the runtime', async () => {
    await server.close();
    await server.closed;
    await expect(fetch(`${base}/health`)).rejects.toThrow();
    await expect(runtime.workflows.list({})).rejects.toThrow();
  });
});
