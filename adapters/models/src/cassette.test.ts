import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModelRequest } from '@agentflow/core';
import type { ModelCallRecord } from '@agentflow/protocol';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Cassette, createRecordingProvider, createReplayProvider, requestHash } from './cassette.js';
import { type FakeFleet, fleetProvider, signal, startFleet } from './test-support/index.js';

let fleet: FakeFleet;
let dir: string;
beforeAll(async () => {
  fleet = await startFleet();
  dir = mkdtempSync(join(tmpdir(), 'agentflow-cassette-'));
});
afterAll(async () => {
  await fleet.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => fleet.reset());

const ask = (content: string, extra: Partial<ModelRequest> = {}): ModelRequest => ({
  provider: 'openai',
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content }],
  ...extra,
});

describe('requestHash', () => {
  it('is stable across key order and ignores absent fields', () => {
    const a = requestHash({
      provider: 'openai',
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
      temperature: 0,
    });
    const b = requestHash({
      temperature: 0,
      messages: [{ content: 'x', role: 'user' }],
      model: 'm',
      provider: 'openai',
      topP: undefined,
    });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(
      requestHash({ provider: 'openai', model: 'm', messages: [{ role: 'user', content: 'y' }] }),
    ).not.toBe(a);
  });
});

describe('record and replay', () => {
  it('records responses to a cassette and replays them without any provider', async () => {
    const path = join(dir, 'nested', 'run.json');
    fleet.openai.enqueue(
      { text: 'first answer', usage: { inputTokens: 10, outputTokens: 3 } },
      { text: 'streamed answer' },
      { toolCalls: [{ id: 'call_9', name: 'lookup', input: { q: 'x' } }] },
      { text: 'second time' },
    );
    const recorder = createRecordingProvider(fleetProvider(fleet), path);
    const tool = {
      name: 'lookup',
      description: 'look up',
      inputSchema: { type: 'object' },
      sideEffect: false,
    };
    const live = [
      await recorder.generate(ask('one'), { signal: signal() }),
      await recorder.generate(ask('two'), { signal: signal(), onToken: () => {} }),
      await recorder.generate(ask('three', { tools: [tool] }), { signal: signal() }),
      await recorder.generate(ask('one'), { signal: signal() }),
    ];
    await recorder.flush();
    const cassette = JSON.parse(readFileSync(path, 'utf8')) as Cassette;
    expect(cassette.version).toBe(1);
    expect(Object.keys(cassette.entries)).toHaveLength(3);
    expect(cassette.entries[requestHash(ask('one'))]?.responses.map((r) => r.text)).toEqual([
      'first answer',
      'second time',
    ]);

    await fleet.close();
    try {
      const replay = createReplayProvider(path);
      const tokens: string[] = [];
      const calls: ModelCallRecord[] = [];
      const replayed = [
        await replay.generate(ask('one'), { signal: signal(), onCall: (c) => calls.push(c) }),
        await replay.generate(ask('two'), { signal: signal(), onToken: (t) => tokens.push(t) }),
        await replay.generate(ask('three', { tools: [tool] }), { signal: signal() }),
        await replay.generate(ask('one'), { signal: signal() }),
      ];
      expect(replayed).toEqual(live);
      expect(tokens.join('')).toBe('streamed answer');
      expect(tokens.length).toBeGreaterThan(1);
      expect(calls).toEqual(live[0]?.calls);
      expect(replayed[2]?.toolCalls).toEqual([{ id: 'call_9', name: 'lookup', input: { q: 'x' } }]);
    } finally {
      fleet = await startFleet();
    }
  });

  it('fails a replay miss clearly, naming the request hash, without retrying', async () => {
    const path = join(dir, 'miss.json');
    const recorder = createRecordingProvider(fleetProvider(fleet), path);
    await recorder.generate(ask('recorded'), { signal: signal() });
    await recorder.flush();
    const replay = createReplayProvider(path);
    const error = await replay.generate(ask('never recorded'), { signal: signal() }).catch((e: unknown) => e);
    const hash = requestHash(ask('never recorded'));
    expect(error).toMatchObject({ code: 'AF_PROVIDER_ERROR', retryable: false, details: { hash } });
    expect((error as Error).message).toContain(hash);
  });

  it('appends to an existing cassette and refuses a missing one', async () => {
    const path = join(dir, 'append.json');
    await createRecordingProvider(fleetProvider(fleet), path).generate(ask('a'), { signal: signal() });
    const second = createRecordingProvider(fleetProvider(fleet), path);
    await second.generate(ask('b'), { signal: signal() });
    await second.flush();
    const cassette = JSON.parse(readFileSync(path, 'utf8')) as Cassette;
    expect(Object.keys(cassette.entries)).toHaveLength(2);
    expect(() => createReplayProvider(join(dir, 'absent.json'))).toThrow(/does not exist/);
  });
});
