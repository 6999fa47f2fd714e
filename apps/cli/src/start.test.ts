import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import { testIo } from './test-support/io.js';

const dataDir = mkdtempSync(join(tmpdir(), 'agentflow-start-'));

describe('agentflow start', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves the API on the embedded store, prints its URL, and stops cleanly on Ctrl-C', async () => {
    const io = testIo({ cwd: dataDir });
    const running = main(['start', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir], io);
    const deadline = Date.now() + 60_000;
    while (!/listening on (http:\/\/\S+)/.test(io.out())) {
      if (Date.now() > deadline) throw new Error(`not started: ${io.out()} ${io.err()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const url = /listening on (http:\/\/[\d.:]+)/.exec(io.out())![1]!;
    expect(await (await fetch(`${url}/health`)).json()).toEqual({ status: 'ok' });
    const ready = (await (await fetch(`${url}/ready`)).json()) as { ready: boolean };
    expect(ready.ready).toBe(true);
    const anonymous = await fetch(`${url}/api/v1/workflows`);
    expect(anonymous.status).toBe(401);

    io.interrupt();
    expect(await running).toBe(0);
    expect(io.out()).toContain('stopped');
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  }, 90_000);

  it('refuses a bad port with a usage error', async () => {
    const io = testIo({ cwd: dataDir });
    expect(await main(['start', '--port', 'eighty', '--data-dir', dataDir], io)).toBe(2);
    expect(io.err()).toContain('--port');
  });
});
