/**
 * The server makes its egress guards and mail tools at start; the libraries behind them (undici, nodemailer) load
 * when first used, so a server that never opens a URL or sends mail does not hold them (issue 15 item 1). Sending
 * mail on first use is covered by builtins/messaging.test.ts (which loads nodemailer itself for its SMTP server).
 */
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGmailSendTool } from './builtins/gmail.js';
import { createSendEmailTool } from './builtins/send-email.js';
import { createEgressGuard } from './egress/guard.js';

const cache = createRequire(import.meta.url).cache;
const loaded = (pkg: string) => Object.keys(cache).some((file) => file.includes(`/node_modules/${pkg}/`));

describe('libraries loaded on first use', () => {
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    server = createServer((_req, res) => res.end('hello'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('an egress guard loads undici with its first request, which works', async () => {
    const guard = createEgressGuard({ allowOrigins: [origin] });
    const unused = createEgressGuard(); // closes without having made a connection pool
    expect(loaded('undici')).toBe(false);
    await unused.close();
    const response = await guard.request(`${origin}/x`);
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe('hello');
    expect(loaded('undici')).toBe(true);
    await guard.close();
  });

  it('send_email and gmail_send are made without loading nodemailer', () => {
    const egress = createEgressGuard();
    createSendEmailTool({ smtp: { host: '127.0.0.1', port: 1 }, from: 'a@example.com' });
    createGmailSendTool({ accessToken: 't', from: 'a@example.com', egress });
    expect(loaded('nodemailer')).toBe(false);
  });
});
