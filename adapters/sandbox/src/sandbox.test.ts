import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox } from './sandbox.js';

const sandbox = createSandbox({ timeoutMs: 300 });
afterAll(() => sandbox.close());

describe('createSandbox: results', () => {
  it('returns the last expression value', async () => {
    expect(await sandbox.run('const a = 2; a * 21')).toEqual({ ok: true, output: 42, logs: [] });
  });

  it('returns what a top-level return gives', async () => {
    expect(
      await sandbox.run('if (input.n > 1) return "big"; return "small"', { input: { n: 5 } }),
    ).toMatchObject({
      ok: true,
      output: 'big',
    });
  });

  it('supports top-level await and keeps the completion value', async () => {
    const result = await sandbox.run('const x = await Promise.resolve(input); x.items.length + 1', {
      input: { items: [1, 2] },
    });
    expect(result).toMatchObject({ ok: true, output: 3 });
  });

  it('copies the output out as JSON', async () => {
    const result = await sandbox.run(
      '({ when: new Date(0), fn() {}, skip: undefined, nested: [1, "two", null], map: new Map([[1, 2]]) })',
    );
    expect(result).toEqual({
      ok: true,
      output: { when: '1970-01-01T00:00:00.000Z', nested: [1, 'two', null], map: {} },
      logs: [],
    });
    expect(await sandbox.run('undefined')).toMatchObject({ ok: true, output: null });
  });

  it('gives the script a deep copy of the input', async () => {
    const input = { list: [1, 2], deep: { flag: true } };
    const result = await sandbox.run('input.list.push(3); input.deep.flag = false; input', { input });
    expect(result).toMatchObject({ ok: true, output: { list: [1, 2, 3], deep: { flag: false } } });
    expect(input).toEqual({ list: [1, 2], deep: { flag: true } });
  });

  it('captures console output with levels', async () => {
    const result = await sandbox.run(
      'console.log("a", 1, { b: 2 }); console.warn("w"); console.error(new Error("e")); 0',
    );
    expect(result.logs).toEqual([
      { level: 'info', message: 'a 1 {"b":2}' },
      { level: 'warn', message: 'w' },
      { level: 'error', message: '{}' },
    ]);
  });

  it('caps log lines and their length', async () => {
    const small = createSandbox({ maxLogLines: 3, maxLogLineChars: 5 });
    try {
      const result = await small.run('for (let i = 0; i < 10; i++) console.log("line-" + i); 1');
      expect(result.logs).toEqual([
        { level: 'info', message: 'line-…' },
        { level: 'info', message: 'line-…' },
        { level: 'info', message: 'line-…' },
        { level: 'warn', message: '7 more log lines were dropped' },
      ]);
    } finally {
      await small.close();
    }
  });
});

describe('createSandbox: failures', () => {
  it('reports a thrown error as AF_TOOL_ERROR with its name and message', async () => {
    expect(await sandbox.run('throw new TypeError("bad input")')).toMatchObject({
      ok: false,
      error: { code: 'AF_TOOL_ERROR', message: 'TypeError: bad input' },
    });
    expect(await sandbox.run('await Promise.reject(new RangeError("nope"))')).toMatchObject({
      ok: false,
      error: { code: 'AF_TOOL_ERROR', message: 'RangeError: nope' },
    });
  });

  it('reports a syntax error', async () => {
    const result = await sandbox.run('let = ;');
    expect(result).toMatchObject({ ok: false, error: { code: 'AF_TOOL_ERROR' } });
    expect(!result.ok && result.error.message).toMatch(/SyntaxError/);
  });

  it('stops an infinite loop at the time limit with AF_TIMEOUT', async () => {
    const started = performance.now();
    const result = await sandbox.run('while (true) {}');
    expect(result).toMatchObject({ ok: false, error: { code: 'AF_TIMEOUT' } });
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('honours a per-run time limit', async () => {
    const result = await sandbox.run('for (;;) {}', { timeoutMs: 50 });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'AF_TIMEOUT', message: expect.stringContaining('50 ms') },
    });
  });

  it('stops runaway allocation with AF_LIMIT_EXCEEDED', async () => {
    const bombs = [
      'const a = []; for (;;) a.push(new Uint8Array(1 << 20))',
      'const a = []; for (let i = 0; ; i++) a.push("x".repeat(1e6) + i)',
      'const a = []; for (;;) a.push(Array.from({ length: 1e4 }, (_, i) => i))',
    ];
    for (const code of bombs) {
      const result = await sandbox.run(code, { memoryLimitBytes: 8 * 1024 * 1024, timeoutMs: 5000 });
      expect(result).toMatchObject({ ok: false, error: { code: 'AF_LIMIT_EXCEEDED' } });
    }
    // Memory is available again to the next run, and an ordinary error is not mistaken for exhaustion.
    expect(
      await sandbox.run('throw new Error("plain")', { memoryLimitBytes: 8 * 1024 * 1024 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'AF_TOOL_ERROR', message: 'Error: plain' },
    });
    expect(await sandbox.run('"x".repeat(4e6).length', { memoryLimitBytes: 8 * 1024 * 1024 })).toMatchObject({
      ok: true,
      output: 4e6,
    });
  });

  it('stops deep recursion with AF_LIMIT_EXCEEDED but allows reasonable depth', async () => {
    expect(await sandbox.run('function f(n) { return f(n + 1) } f(0)')).toMatchObject({
      ok: false,
      error: { code: 'AF_LIMIT_EXCEEDED' },
    });
    expect(await sandbox.run('function d(n) { return n === 0 ? 0 : 1 + d(n - 1) } d(1000)')).toMatchObject({
      ok: true,
      output: 1000,
    });
  });

  it('rejects an output over the size cap', async () => {
    const small = createSandbox({ maxOutputBytes: 100 });
    try {
      expect(await small.run('"x".repeat(200)')).toMatchObject({
        ok: false,
        error: { code: 'AF_LIMIT_EXCEEDED' },
      });
      expect(await small.run('"x".repeat(10)')).toMatchObject({ ok: true, output: 'xxxxxxxxxx' });
    } finally {
      await small.close();
    }
  });

  it('rejects an input that is too large or not JSON', async () => {
    const small = createSandbox({ maxInputBytes: 10 });
    try {
      expect(await small.run('1', { input: 'x'.repeat(20) })).toMatchObject({
        ok: false,
        error: { code: 'AF_LIMIT_EXCEEDED' },
      });
      expect(await small.run('1', { input: { big: 1n } })).toMatchObject({
        ok: false,
        error: { code: 'AF_TOOL_ERROR', message: expect.stringContaining('JSON') },
      });
    } finally {
      await small.close();
    }
  });

  it('reports an output that cannot be serialized', async () => {
    const result = await sandbox.run('const o = {}; o.self = o; o');
    expect(result).toMatchObject({ ok: false, error: { code: 'AF_TOOL_ERROR' } });
    expect(!result.ok && result.error.message).toMatch(/not JSON-serializable/);
  });
});

describe('createSandbox: isolation and cancellation', () => {
  it('does not block the event loop while a script runs', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const result = await sandbox.run('for (;;) {}', { timeoutMs: 200 });
    clearInterval(timer);
    expect(result).toMatchObject({ ok: false, error: { code: 'AF_TIMEOUT' } });
    expect(ticks).toBeGreaterThan(5);
  });

  it('cancels a running script through its AbortSignal', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    const result = await sandbox.run('for (;;) {}', { signal: controller.signal, timeoutMs: 5000 });
    expect(result).toMatchObject({ ok: false, error: { code: 'AF_CANCELLED' } });
    expect(performance.now() - started).toBeLessThan(1000);
    // The worker is free again afterwards.
    expect(await sandbox.run('1 + 1')).toMatchObject({ ok: true, output: 2 });
  });

  it('returns AF_CANCELLED at once for an already aborted signal', async () => {
    const result = await sandbox.run('1', { signal: AbortSignal.abort() });
    expect(result).toMatchObject({ ok: false, error: { code: 'AF_CANCELLED' } });
  });

  it('terminates and replaces a worker that overruns its limit', async () => {
    const started = performance.now();
    const result = await sandbox.run("for (;;) 'x'.repeat(1e6).length", { timeoutMs: 100 });
    expect(result).toMatchObject({ ok: false, error: { code: 'AF_TIMEOUT' } });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await sandbox.run('"still working"')).toMatchObject({ ok: true, output: 'still working' });
  });

  it('runs concurrent scripts independently, each in a fresh context', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        sandbox.run('globalThis.seen = (globalThis.seen ?? 0) + 1; [input, seen]', { input: i }),
      ),
    );
    expect(results.map((r) => (r.ok ? r.output : r.error))).toEqual(
      Array.from({ length: 12 }, (_, i) => [i, 1]),
    );
  });

  it('ends pending runs with AF_CANCELLED when closed', async () => {
    const own = createSandbox({ poolSize: 1, timeoutMs: 2000 });
    const running = own.run('for (;;) {}');
    const queued = own.run('1');
    await new Promise((r) => setTimeout(r, 50));
    await own.close();
    expect(await running).toMatchObject({ ok: false, error: { code: 'AF_CANCELLED' } });
    expect(await queued).toMatchObject({ ok: false, error: { code: 'AF_CANCELLED' } });
    expect(await own.run('1')).toMatchObject({ ok: true, output: 1 });
    await own.close();
  });
});
