import { LOG_LIMITS, type LogRecord } from '@agentflow/protocol';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEngine, createMemoryStore, defineNodeType, type Store } from '../index.js';
import { graph } from './test/helpers.js';

const fast = { initialDelayMs: 1, maxDelayMs: 2 };

/** Logs `lines` lines (through the logger, or as step.log events) and fails its first `failTimes` attempts. */
const chatty = defineNodeType({
  type: 'chatty',
  configSchema: z.object({
    lines: z.number().default(1),
    via: z.enum(['logger', 'emit']).default('logger'),
    failTimes: z.number().default(0),
    long: z.boolean().default(false),
  }),
  async run({ config, context }) {
    for (let i = 0; i < config.lines; i++) {
      const message = config.long ? 'x'.repeat(5000) : `line ${i}`;
      if (config.via === 'emit') context.emit({ type: 'step.log', level: 'info', message });
      else context.logger.debug(message, { i });
    }
    if (context.attempt <= config.failTimes) {
      throw Object.assign(new Error(`flaky #${context.attempt}`), {
        code: 'AF_PROVIDER_ERROR',
        retryable: true,
      });
    }
    return 'done';
  },
});

async function allLogs(store: Store, id: string): Promise<LogRecord[]> {
  const out: LogRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listLogs(id, { limit: 1000, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

describe('execution logs', () => {
  it("stores a node's lines and the engine's retry diagnostics with the step, by agent and attempt", async () => {
    const store = createMemoryStore();
    const engine = createEngine({ store, nodeTypes: [chatty] });
    const wf = graph(
      [
        { id: 'in', type: 'input' },
        { id: 'c', type: 'chatty', config: { lines: 1, failTimes: 1 }, retry: { maxAttempts: 2, ...fast } },
        { id: 'e', type: 'chatty', config: { lines: 2, via: 'emit' } },
      ],
      ['in>c', 'c>e'],
    );
    const result = await engine.run(wf, null);
    expect(result.status).toBe('succeeded');
    const logs = await allLogs(store, result.executionId);
    const stepC = `${result.executionId}:c:0`;
    expect(logs.map((l) => [l.agentId, l.attempt, l.level, l.message.replace(/\d+ ms/, 'N ms')])).toEqual([
      ['c', 1, 'debug', 'line 0'],
      ['c', 1, 'warn', 'attempt 1 of 2 failed (AF_PROVIDER_ERROR: flaky #1); retrying in N ms'],
      ['c', 2, 'debug', 'line 0'],
      ['e', 1, 'info', 'line 0'],
      ['e', 1, 'info', 'line 1'],
    ]);
    expect(logs[0]).toMatchObject({ executionId: result.executionId, stepId: stepC, data: { i: 0 } });
    expect((await store.getExecution(result.executionId))?.logCount).toBe(5);
  });

  it('logs the final failure of a step as an error', async () => {
    const store = createMemoryStore();
    const engine = createEngine({ store, nodeTypes: [chatty] });
    const wf = graph(
      [
        { id: 'in', type: 'input' },
        { id: 'c', type: 'chatty', config: { lines: 0, failTimes: 5 }, retry: { maxAttempts: 1 } },
      ],
      ['in>c'],
    );
    const result = await engine.run(wf, null);
    expect(result.status).toBe('failed');
    const logs = await allLogs(store, result.executionId);
    expect(logs).toEqual([
      expect.objectContaining({
        agentId: 'c',
        attempt: 1,
        level: 'error',
        message: 'attempt 1 of 1 failed (AF_PROVIDER_ERROR: flaky #1)',
      }),
    ]);
  });

  it('keeps a step within its line limit and says how many lines were dropped', async () => {
    const store = createMemoryStore();
    const engine = createEngine({ store, nodeTypes: [chatty] });
    const wf = graph(
      [
        { id: 'in', type: 'input' },
        { id: 'c', type: 'chatty', config: { lines: 10_000, via: 'emit' } },
      ],
      ['in>c'],
    );
    const result = await engine.run(wf, null);
    const logs = await allLogs(store, result.executionId);
    expect(logs).toHaveLength(LOG_LIMITS.stepLines + 1);
    expect(logs[LOG_LIMITS.stepLines - 1]?.message).toBe(`line ${LOG_LIMITS.stepLines - 1}`);
    expect(logs.at(-1)).toMatchObject({
      agentId: 'c',
      level: 'warn',
      message: expect.stringMatching(new RegExp(`^${10_000 - LOG_LIMITS.stepLines} log lines dropped`)),
    });
  });

  it('keeps a step within its byte limit and cuts long messages with a marker', async () => {
    const store = createMemoryStore();
    const engine = createEngine({ store, nodeTypes: [chatty] });
    const wf = graph(
      [
        { id: 'in', type: 'input' },
        { id: 'c', type: 'chatty', config: { lines: 100, via: 'emit', long: true } },
      ],
      ['in>c'],
    );
    const result = await engine.run(wf, null);
    const logs = await allLogs(store, result.executionId);
    const kept = logs.slice(0, -1);
    expect(kept[0]?.message).toMatch(/^x{2000}… \[truncated 3000 chars\]$/);
    const bytes = kept.reduce((n, l) => n + Buffer.byteLength(l.message), 0);
    expect(bytes).toBeLessThanOrEqual(LOG_LIMITS.stepBytes);
    expect(kept.length).toBe(Math.floor(LOG_LIMITS.stepBytes / Buffer.byteLength(kept[0]!.message)));
    expect(logs.at(-1)?.message).toMatch(new RegExp(`^${100 - kept.length} log lines dropped`));
  });

  it('keeps an execution within its line limit (and a line saying so), across a pause and resume', async () => {
    const store = createMemoryStore();
    const per = LOG_LIMITS.stepLines;
    const before = Math.floor(LOG_LIMITS.executionLines / per) - 10;
    const after = 12;
    const chain = (prefix: string, n: number) =>
      Array.from({ length: n }, (_, k) => ({ id: `${prefix}${k}`, type: 'chatty', config: { lines: per } }));
    const agents = [
      { id: 'in', type: 'input' },
      ...chain('a', before),
      { id: 'h', type: 'human', config: { prompt: 'go on?' } },
      ...chain('b', after),
    ];
    const edges = agents.slice(1).map((a, k) => `${agents[k]!.id}>${a.id}`);
    const wf = graph(agents, edges, { config: { maxSteps: 1000 } });
    const paused = await createEngine({ store, nodeTypes: [chatty] }).run(wf, null);
    expect(paused.status).toBe('paused');
    expect((await store.getExecution(paused.executionId))?.logCount).toBe(before * per);
    // Another engine (a restarted process) continues: the bound counts what the first one stored.
    const result = await createEngine({ store, nodeTypes: [chatty] }).approve(paused.executionId, 'h', 'yes');
    expect(result.status).toBe('succeeded');
    const logs = await allLogs(store, result.executionId);
    expect(logs).toHaveLength(LOG_LIMITS.executionLines + 1);
    const marker = logs.at(-1)!;
    expect(marker).toMatchObject({
      level: 'warn',
      agentId: 'b10',
      message: `${per} log lines dropped: an execution keeps at most ${LOG_LIMITS.executionLines} lines; later lines are dropped`,
    });
    expect(logs.some((l) => l.agentId === 'b11')).toBe(false);
    expect((await store.getExecution(result.executionId))?.logCount).toBe(LOG_LIMITS.executionLines + 1);
  });
});
