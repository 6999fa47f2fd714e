import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOllamaManager, type OllamaPullProgress } from './ollama-manager.js';
import { type FakeOllamaServer, startFakeOllama } from './test-support/index.js';

let server: FakeOllamaServer;
beforeAll(async () => {
  server = await startFakeOllama({
    version: '0.12.6',
    models: [
      { name: 'llama3.2', size: 2_019_393_189, family: 'llama', parameterSize: '3.2B' },
      { name: 'qwen2.5:7b', size: 4_683_087_332, family: 'qwen2', quantization: 'Q4_K_M' },
    ],
    unpullable: ['no-such-model'],
  });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

describe('createOllamaManager', () => {
  it('reports status with the version, and unreachable servers without throwing', async () => {
    expect(await createOllamaManager({ baseURL: server.url }).status()).toEqual({
      reachable: true,
      baseURL: server.url,
      version: '0.12.6',
    });
    const down = await createOllamaManager({ baseURL: 'http://127.0.0.1:9', timeoutMs: 500 }).status();
    expect(down).toMatchObject({ reachable: false, baseURL: 'http://127.0.0.1:9' });
    expect(down.error).toEqual(expect.any(String));
  });

  it('sends every request with the fetch it is given (the runtime passes one behind the egress guard)', async () => {
    const sent: string[] = [];
    const manager = createOllamaManager({
      baseURL: server.url,
      fetch: (input, init) => {
        sent.push(`${init?.method ?? 'GET'} ${String(input)}`);
        return fetch(input, init);
      },
    });
    await manager.status();
    await manager.list();
    await manager.pull('phi3');
    await manager.delete('phi3');
    expect(sent.map((s) => s.replace(server.url, ''))).toEqual([
      'GET /api/version',
      'GET /api/tags',
      'POST /api/pull',
      'DELETE /api/delete',
    ]);
  });

  it('finds the server from OLLAMA_BASE_URL, with or without /api', async () => {
    expect(createOllamaManager({ baseURL: `${server.url}/api` }).baseURL).toBe(server.url);
    expect((await createOllamaManager({ baseURL: server.url }).status()).reachable).toBe(true);
  });

  it('lists installed models with size, family and modification time', async () => {
    const models = await createOllamaManager({ baseURL: server.url }).list();
    expect(models.map((m) => [m.name, m.size, m.family])).toEqual([
      ['llama3.2:latest', 2_019_393_189, 'llama'],
      ['qwen2.5:7b', 4_683_087_332, 'qwen2'],
    ]);
    expect(models[0]).toMatchObject({ parameterSize: '3.2B', modified: expect.any(String) });
    expect(Number.isNaN(Date.parse(models[0]?.modified ?? ''))).toBe(false);
  });

  it('pulls a model with streamed progress events, then lists it', async () => {
    const manager = createOllamaManager({ baseURL: server.url });
    const events: OllamaPullProgress[] = [];
    await manager.pull('mistral', (p) => events.push(p));
    expect(events[0]).toEqual({ status: 'pulling manifest' });
    const downloads = events.filter((e) => e.total !== undefined);
    expect(downloads.map((e) => e.percent)).toEqual([0, 25, 50, 75, 100]);
    expect(downloads[0]?.digest).toMatch(/^sha256:/);
    expect(events.at(-1)).toEqual({ status: 'success' });
    expect((await manager.list()).map((m) => m.name)).toContain('mistral:latest');
  });

  it('fails a pull the registry refuses with the server message', async () => {
    const events: OllamaPullProgress[] = [];
    const error = await createOllamaManager({ baseURL: server.url })
      .pull('no-such-model', (p) => events.push(p))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AF_PROVIDER_ERROR' });
    expect((error as Error).message).toContain('file does not exist');
    expect(events).toEqual([{ status: 'pulling manifest' }]);
  });

  it('deletes a model, and says AF_NOT_FOUND for one that is not there', async () => {
    const manager = createOllamaManager({ baseURL: server.url });
    await manager.pull('phi3');
    await manager.delete('phi3');
    expect((await manager.list()).map((m) => m.name)).not.toContain('phi3:latest');
    const error = await manager.delete('phi3').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AF_NOT_FOUND' });
    expect((error as Error).message).toContain("model 'phi3' not found");
    const deletes = server.requests.filter((r) => r.path === '/api/delete');
    expect(deletes.map((r) => [r.method, (r.body as { model: string }).model])).toEqual([
      ['DELETE', 'phi3'],
      ['DELETE', 'phi3'],
    ]);
  });

  it('can cancel a pull', async () => {
    const slow = await startFakeOllama({ pullDelayMs: 200 });
    try {
      const controller = new AbortController();
      const events: OllamaPullProgress[] = [];
      const pulling = createOllamaManager({ baseURL: slow.url }).pull(
        'big',
        (p) => {
          events.push(p);
          controller.abort();
        },
        controller.signal,
      );
      await expect(pulling).rejects.toThrow();
      expect(events).toHaveLength(1);
    } finally {
      await slow.close();
    }
  });
});
