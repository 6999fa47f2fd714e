import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
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

  it('serves HTTPS with --tls-cert and --tls-key (a self-signed certificate made with openssl)', async () => {
    const certFile = join(dataDir, 'cert.pem');
    const keyFile = join(dataDir, 'key.pem');
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
        ...['-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=localhost'],
        ...['-addext', 'subjectAltName=IP:127.0.0.1'],
      ],
      { stdio: 'ignore' },
    );
    const io = testIo({ cwd: dataDir });
    const running = main(
      ['start', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, '--tls-cert', 'cert.pem'].concat(
        ['--tls-key', 'key.pem', '--trust-proxy', '127.0.0.1'],
      ),
      io,
    );
    const deadline = Date.now() + 60_000;
    while (!/listening on (https:\/\/\S+)/.test(io.out())) {
      if (Date.now() > deadline) throw new Error(`not started: ${io.out()} ${io.err()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const url = /listening on (https:\/\/[\d.:]+)/.exec(io.out())![1]!;
    const health = await new Promise<string>((resolve, reject) => {
      httpsGet(`${url}/health`, { ca: readFileSync(certFile) }, (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve(text));
      }).on('error', reject);
    });
    expect(JSON.parse(health)).toEqual({ status: 'ok' });
    // Interrupted at once: start-up's recovery may still be running, and the stop waits for it.
    io.interrupt();
    expect(await running, io.err()).toBe(0);
  }, 90_000);

  it('refuses a certificate without its key, and a bad --trust-proxy, with usage errors', async () => {
    const io = testIo({ cwd: dataDir });
    expect(await main(['start', '--tls-cert', 'cert.pem', '--data-dir', dataDir], io)).toBe(2);
    expect(io.err()).toContain('--tls-key');
    const bad = testIo({ cwd: dataDir });
    expect(await main(['start', '--trust-proxy', 'proxy.example', '--data-dir', dataDir], bad)).toBe(2);
    expect(bad.err()).toContain('--trust-proxy');
  });

  it('refuses a bad port with a usage error', async () => {
    const io = testIo({ cwd: dataDir });
    expect(await main(['start', '--port', 'eighty', '--data-dir', dataDir], io)).toBe(2);
    expect(io.err()).toContain('--port');
  });
});
