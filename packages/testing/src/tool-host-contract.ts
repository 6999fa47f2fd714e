import { randomUUID } from 'node:crypto';
import type { Tool, ToolCallContext, ToolHost, ToolResult } from '@agentflow/core';
import { defineTool, silentLogger } from '@agentflow/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * What a tool host contract factory returns. The host must expose two tools:
 * - `echo`: input `{ text: string }` (required, no other properties), output `{ text }`;
 * - `fail`: input `{ message?: string }`, always throws an error whose message contains `message`.
 */
export interface ToolHostFixture {
  host: ToolHost;
  /** Called once after the suite. */
  cleanup?: () => Promise<void>;
}

/** The `echo` and `fail` tools the contract expects, as in-process tools for a tool registry. */
export function contractTools(): Tool[] {
  const echo = defineTool<{ text: string }, { text: string }>({
    name: 'echo',
    description: 'Returns its input text.',
    inputSchema: {
      type: 'object',
      properties: { text: { type: 'string' } },
      required: ['text'],
      additionalProperties: false,
    },
    outputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
    run: ({ text }) => ({ text }),
  });
  const fail = defineTool<{ message?: string }, never>({
    name: 'fail',
    description: 'Always fails with the given message.',
    inputSchema: { type: 'object', properties: { message: { type: 'string' } } },
    run: ({ message }) => {
      throw new Error(message ?? 'fail tool failed');
    },
  });
  return [echo, fail];
}

/** A ToolCallContext for tests: a fresh execution id and idempotency key, a silent logger. */
export function makeToolCallContext(overrides: Partial<ToolCallContext> = {}): ToolCallContext {
  const executionId = randomUUID();
  return {
    signal: new AbortController().signal,
    idempotencyKey: `${executionId}:tool:0`,
    logger: silentLogger,
    executionId,
    ...overrides,
  };
}

function errorOf(result: ToolResult) {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('expected a failed result');
  return result.error;
}

/**
 * Registers the ToolHost port's contract suite (vitest `describe`/`it`). `factory` is called once per suite, in
 * `beforeAll`, and must return a host exposing the `echo` and `fail` tools described on ToolHostFixture.
 */
export function defineToolHostContract(name: string, factory: () => Promise<ToolHostFixture>): void {
  describe(`ToolHost contract: ${name}`, () => {
    let fixture: ToolHostFixture | undefined;
    beforeAll(async () => {
      fixture = await factory();
    });
    afterAll(async () => {
      await fixture?.cleanup?.();
    });
    const host = (): ToolHost => {
      if (!fixture) throw new Error('tool host factory did not run');
      return fixture.host;
    };

    it('lists its tools as specs', async () => {
      const all = await host().list();
      const names = all.map((t) => t.name);
      expect(names).toContain('echo');
      expect(names).toContain('fail');
      const echo = all.find((t) => t.name === 'echo')!;
      expect(typeof echo.description).toBe('string');
      expect(typeof echo.sideEffect).toBe('boolean');
      expect(echo.inputSchema).toMatchObject({ type: 'object' });
      expect(JSON.parse(JSON.stringify(echo.inputSchema))).toEqual(echo.inputSchema);
    });

    it('lists only the named tools, skipping unknown names', async () => {
      expect((await host().list(['echo'])).map((t) => t.name)).toEqual(['echo']);
      expect((await host().list(['fail', `missing-${randomUUID()}`])).map((t) => t.name)).toEqual(['fail']);
      expect(await host().list([])).toEqual([]);
    });

    it('calls a tool and returns its output', async () => {
      const result = await host().call('echo', { text: 'hello' }, makeToolCallContext());
      expect(result).toEqual({ ok: true, output: { text: 'hello' } });
    });

    it('returns a structured error with the path of each bad field', async () => {
      const error = errorOf(await host().call('echo', { text: 42 }, makeToolCallContext()));
      expect(error.code).toBe('AF_TOOL_ERROR');
      expect(error.issues?.some((i) => i.path === 'text')).toBe(true);
      const missing = errorOf(await host().call('echo', {}, makeToolCallContext()));
      expect(missing.code).toBe('AF_TOOL_ERROR');
      expect(missing.issues?.length).toBeGreaterThan(0);
      expect(missing.message).toMatch(/text/);
    });

    it('returns AF_UNKNOWN_TOOL for a tool it does not have', async () => {
      const error = errorOf(await host().call(`nope-${randomUUID()}`, {}, makeToolCallContext()));
      expect(error.code).toBe('AF_UNKNOWN_TOOL');
      expect(error.message.length).toBeGreaterThan(0);
    });

    it('returns an error thrown by the tool as a result', async () => {
      const error = errorOf(await host().call('fail', { message: 'disk on fire' }, makeToolCallContext()));
      expect(error.code).toBe('AF_TOOL_ERROR');
      expect(error.message).toContain('disk on fire');
    });

    it('returns AF_CANCELLED when the signal is aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      const error = errorOf(
        await host().call('echo', { text: 'hi' }, makeToolCallContext({ signal: controller.signal })),
      );
      expect(error.code).toBe('AF_CANCELLED');
    });

    it('handles concurrent calls independently', async () => {
      const texts = Array.from({ length: 20 }, (_, i) => `t${i}`);
      const results = await Promise.all(
        texts.map((text) => host().call('echo', { text }, makeToolCallContext())),
      );
      expect(results.map((r) => (r.ok ? (r.output as { text: string }).text : undefined))).toEqual(texts);
    });
  });
}
