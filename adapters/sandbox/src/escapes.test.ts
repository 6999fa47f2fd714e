import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from './sandbox.js';
import { ESCAPE_CORPUS } from './test-support/escape-corpus.js';
import type { SandboxResult } from './types.js';

const SECRET = `secret-${randomUUID()}`;
const TIMEOUT_MS = 200;
const hostGlobal = globalThis as { __afSandboxCanary?: unknown };
const nativeMap = Array.prototype.map;
const nativeStringify = JSON.stringify;

describe('the escape corpus', () => {
  it('has at least 50 distinct payloads', () => {
    expect(ESCAPE_CORPUS.length).toBeGreaterThanOrEqual(50);
    expect(new Set(ESCAPE_CORPUS.map((p) => p.name)).size).toBe(ESCAPE_CORPUS.length);
    expect(new Set(ESCAPE_CORPUS.map((p) => p.code)).size).toBe(ESCAPE_CORPUS.length);
  });
});

describe('sandbox escapes', () => {
  let sandbox: Sandbox;
  const marker = join(tmpdir(), `af-sandbox-pwned-${randomUUID()}`);
  beforeAll(async () => {
    process.env.AF_SANDBOX_SECRET = SECRET;
    hostGlobal.__afSandboxCanary = 'untouched';
    sandbox = createSandbox({ timeoutMs: TIMEOUT_MS, maxOutputBytes: 1024 * 1024 });
    // Start the workers before the corpus runs, so the bound below measures a run, not a cold worker start.
    await Promise.all([sandbox.run('1'), sandbox.run('2')]);
  });
  afterAll(async () => {
    await sandbox.close();
    delete process.env.AF_SANDBOX_SECRET;
    delete hostGlobal.__afSandboxCanary;
  });

  for (const payload of ESCAPE_CORPUS) {
    it(`contains: ${payload.name}`, async () => {
      const input = { nested: { value: 'original' } };
      const started = performance.now();
      const result: SandboxResult = await sandbox.run(payload.code.replaceAll('%MARKER%', marker), { input });
      const elapsed = performance.now() - started;

      // Nothing reached the host.
      expect(hostGlobal.__afSandboxCanary).toBe('untouched');
      expect(existsSync(marker)).toBe(false);
      expect(JSON.stringify(result)).not.toContain(SECRET);
      expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
      expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
      expect(Array.prototype.map).toBe(nativeMap);
      expect(JSON.stringify).toBe(nativeStringify);
      expect(input).toEqual({ nested: { value: 'original' } });
      // The run ended cleanly, in bounded time (time limit plus the worker's grace period).
      expect(elapsed).toBeLessThan(TIMEOUT_MS + 2000);
      if (result.ok) {
        expect(() => JSON.stringify(result.output)).not.toThrow();
      } else {
        expect(['AF_TIMEOUT', 'AF_TOOL_ERROR', 'AF_LIMIT_EXCEEDED', 'AF_CANCELLED']).toContain(
          result.error.code,
        );
        expect(result.error.message.length).toBeGreaterThan(0);
      }
      expect(result.logs.length).toBeLessThanOrEqual(101);
      if (process.env.AF_SANDBOX_CORPUS_REPORT) {
        console.log(
          payload.name,
          '=>',
          JSON.stringify(result.ok ? result.output : result.error).slice(0, 160),
        );
      }
    });
  }

  it('still runs ordinary code after the whole corpus', async () => {
    expect(await sandbox.run('input.a + 1', { input: { a: 41 } })).toEqual({
      ok: true,
      output: 42,
      logs: [],
    });
  });
});
