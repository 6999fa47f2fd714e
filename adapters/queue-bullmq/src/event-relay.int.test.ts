import { randomUUID } from 'node:crypto';
import type { AgentFlowEvent } from '@agentflow/protocol';
import { waitFor } from '@agentflow/testing';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedisEventRelay, type EventRelay } from './event-relay.js';

const url = process.env.REDIS_URL;

const step = (executionId: string, seq: number): AgentFlowEvent => ({
  type: 'step.started',
  executionId,
  seq,
  at: Date.now(),
  stepId: `${executionId}:a:0`,
  agentId: 'a',
  iteration: 0,
  attempt: 1,
  nodeType: 'transform',
});

describe.skipIf(!url)('Redis event relay (needs REDIS_URL)', () => {
  const relays: EventRelay[] = [];
  const relay = (channel: string, connection: string | Redis = url!) => {
    const r = createRedisEventRelay({ connection, channel });
    relays.push(r);
    return r;
  };
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.close()));
  });

  it("delivers one process's events to another, in order, and never back to their publisher", async () => {
    const channel = `aftest:${randomUUID()}:events`;
    const api = relay(channel);
    const worker = relay(channel);
    const atApi: AgentFlowEvent[] = [];
    const atWorker: AgentFlowEvent[] = [];
    await api.subscribe((e) => atApi.push(e));
    await worker.subscribe((e) => atWorker.push(e));
    const id = randomUUID();
    const sent = Array.from({ length: 200 }, (_, i) => step(id, i + 1));
    for (const event of sent) worker.publish(event);
    api.publish(step('from-api', 1));
    await waitFor(() => atApi.length === 200 && atWorker.length === 1, 5000);
    expect(atApi).toEqual(sent);
    expect(atWorker.map((e) => e.executionId)).toEqual(['from-api']);
  });

  it('keeps channels apart and stops delivering after unsubscribe and close', async () => {
    const channel = `aftest:${randomUUID()}:events`;
    const a = relay(channel);
    const b = relay(channel);
    const other = relay(`aftest:${randomUUID()}:events`);
    const seen: AgentFlowEvent[] = [];
    const seenElsewhere: AgentFlowEvent[] = [];
    const off = await b.subscribe((e) => seen.push(e));
    await other.subscribe((e) => seenElsewhere.push(e));
    a.publish(step('one', 1));
    await waitFor(() => seen.length === 1, 5000);
    off();
    a.publish(step('two', 1));
    // A third subscriber on the channel proves the second event went out before we look.
    const c = relay(channel);
    const atC: AgentFlowEvent[] = [];
    await c.subscribe((e) => atC.push(e));
    a.publish(step('three', 1));
    await waitFor(() => atC.length === 1, 5000);
    expect(seen.map((e) => e.executionId)).toEqual(['one']);
    expect(seenElsewhere).toEqual([]);
  });

  it('publishes on a client it was given, and leaves that client open', async () => {
    const channel = `aftest:${randomUUID()}:events`;
    const client = new Redis(url!);
    try {
      const pub = relay(channel, client);
      const sub = relay(channel);
      const seen: AgentFlowEvent[] = [];
      await sub.subscribe((e) => seen.push(e));
      pub.publish(step('x', 1));
      await waitFor(() => seen.length === 1, 5000);
      await pub.close();
      expect(await client.ping()).toBe('PONG');
    } finally {
      await client.quit();
    }
  });
});
