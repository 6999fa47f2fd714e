import type { AddressInfo } from 'node:net';
import { createToolRegistry, type ToolResult } from '@agentflow/core';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEgressGuard, type EgressGuard } from '../egress/guard.js';
import { toolContext } from '../test-support/context.js';
import { sendJson, startTestServer, type TestServer } from '../test-support/http-server.js';
import { createGmailSendTool } from './gmail.js';
import { messageIdFor } from './message.js';
import { createSendEmailTool } from './send-email.js';
import { createSlackPostMessageTool } from './slack.js';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

function output(result: ToolResult): Record<string, unknown> {
  if (!result.ok) throw new Error(`tool failed: ${result.error.code} ${result.error.message}`);
  return result.output as Record<string, unknown>;
}

describe('send_email over SMTP', () => {
  const received: Received[] = [];
  let smtp: SMTPServer;
  let port: number;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address.endsWith('@bounce.test')) return callback(new Error('550 no such user'));
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString(),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    port = (smtp.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  const tools = () =>
    createToolRegistry([
      createSendEmailTool({
        smtp: { host: '127.0.0.1', port },
        from: 'AgentFlow <bot@agentflow.test>',
        allowedRecipientDomains: ['example.test', 'bounce.test'],
        maxRecipients: 3,
      }),
    ]);

  it('delivers the message with a Message-ID derived from the idempotency key', async () => {
    const ctx = toolContext();
    const out = output(
      await tools().call(
        'send_email',
        {
          to: ['ann@example.test', 'bob@sub.example.test'],
          bcc: 'audit@example.test',
          subject: 'Weekly report',
          text: 'All good.',
        },
        ctx,
      ),
    );
    expect(out).toEqual({
      messageId: messageIdFor(ctx.idempotencyKey),
      accepted: ['ann@example.test', 'bob@sub.example.test', 'audit@example.test'],
      rejected: [],
    });
    const mail = received.at(-1)!;
    expect(mail.from).toBe('bot@agentflow.test');
    expect(mail.to).toEqual(['ann@example.test', 'bob@sub.example.test', 'audit@example.test']);
    expect(mail.raw).toContain('Subject: Weekly report');
    expect(mail.raw).toContain(`Message-ID: ${messageIdFor(ctx.idempotencyKey)}`);
    expect(mail.raw).toContain(`X-Idempotency-Key: ${ctx.idempotencyKey}`);
    expect(mail.raw).toContain('All good.');
    expect(mail.raw).not.toMatch(/^Bcc:/m);
  });

  it('refuses bad addresses, other domains, too many recipients and header injection', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ to: 'not-an-address', subject: 's', text: 't' }, 'invalid address'],
      [{ to: 'eve@evil.test', subject: 's', text: 't' }, 'not allowed'],
      [
        {
          to: ['a@example.test', 'b@example.test', 'c@example.test', 'd@example.test'],
          subject: 's',
          text: 't',
        },
        'at most 3',
      ],
      [{ to: 'a@example.test', subject: 'hi\r\nBcc: eve@evil.test', text: 't' }, 'line breaks'],
      [{ to: 'a@example.test', subject: 's' }, 'text or html'],
      [{ to: 'a@example.test', subject: 's', text: 't', from: 'ceo@example.test' }, 'inputSchema'],
    ];
    const before = received.length;
    for (const [input, message] of cases) {
      const result = await tools().call('send_email', input, toolContext());
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toContain(message);
    }
    expect(received.length).toBe(before);
  });

  it('reports a rejected recipient and an unreachable server as tool errors', async () => {
    const bounced = await tools().call(
      'send_email',
      { to: 'x@bounce.test', subject: 's', text: 't' },
      toolContext(),
    );
    expect(bounced).toMatchObject({ ok: false, error: { code: 'AF_TOOL_ERROR' } });
    const down = createToolRegistry([
      createSendEmailTool({
        smtp: { host: '127.0.0.1', port: 1 },
        from: 'bot@agentflow.test',
        timeoutMs: 2000,
      }),
    ]);
    const result = await down.call(
      'send_email',
      { to: 'a@example.test', subject: 's', text: 't' },
      toolContext(),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'AF_TOOL_ERROR', retryable: true } });
  });
});

describe('slack_post_message and gmail_send against local fake APIs', () => {
  let api: TestServer;
  let egress: EgressGuard;
  let slackMode: 'ok' | 'error' | 'ratelimited' = 'ok';

  beforeAll(async () => {
    api = await startTestServer((req, res) => {
      if (req.url === '/api/chat.postMessage') {
        if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: 'method_not_allowed' });
        if (req.headers.authorization !== 'Bearer xoxb-test')
          return sendJson(res, 200, { ok: false, error: 'invalid_auth' });
        if (!String(req.headers['content-type']).startsWith('application/json')) {
          return sendJson(res, 200, { ok: false, error: 'invalid_arg_name' });
        }
        if (slackMode === 'ratelimited') {
          res.writeHead(429, { 'retry-after': '3', 'content-type': 'application/json' });
          return void res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        }
        const body = JSON.parse(req.body.toString()) as { channel: string };
        if (slackMode === 'error') return sendJson(res, 200, { ok: false, error: 'channel_not_found' });
        return sendJson(res, 200, { ok: true, channel: body.channel, ts: '1700000000.000100', message: {} });
      }
      if (req.url === '/gmail/v1/users/me/messages/send') {
        if (req.headers.authorization !== 'Bearer ya29.test') {
          return sendJson(res, 401, {
            error: { code: 401, message: 'Invalid Credentials', status: 'UNAUTHENTICATED' },
          });
        }
        const body = JSON.parse(req.body.toString()) as { raw?: string };
        if (!body.raw || !/^[A-Za-z0-9_-]+$/.test(body.raw)) {
          return sendJson(res, 400, {
            error: { code: 400, message: 'Invalid raw', status: 'INVALID_ARGUMENT' },
          });
        }
        return sendJson(res, 200, { id: '18c0ffee', threadId: '18c0ffee', labelIds: ['SENT'] });
      }
      sendJson(res, 404, { error: 'unknown' });
    });
    egress = createEgressGuard({ allow: ['127.0.0.1'] });
  });
  afterAll(async () => {
    await Promise.all([egress.close(), api.close()]);
  });

  it('posts chat.postMessage with a bearer token, JSON body and the idempotency key in metadata', async () => {
    slackMode = 'ok';
    const tools = createToolRegistry([
      createSlackPostMessageTool({
        token: () => 'xoxb-test',
        egress,
        baseUrl: `${api.url}/api`,
        defaultChannel: 'C123',
      }),
    ]);
    const ctx = toolContext();
    const out = output(
      await tools.call('slack_post_message', { text: 'Deploy done', thread_ts: '1.2' }, ctx),
    );
    expect(out).toEqual({ channel: 'C123', ts: '1700000000.000100' });
    const sent = api.requests.at(-1)!;
    expect(sent.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(sent.body.toString())).toEqual({
      channel: 'C123',
      text: 'Deploy done',
      thread_ts: '1.2',
      metadata: { event_type: 'agentflow_tool_call', event_payload: { idempotency_key: ctx.idempotencyKey } },
    });
  });

  it('turns Slack errors into tool errors (rate limits retryable with Retry-After)', async () => {
    const tools = createToolRegistry([
      createSlackPostMessageTool({ token: 'xoxb-test', egress, baseUrl: `${api.url}/api` }),
    ]);
    slackMode = 'error';
    expect(
      await tools.call('slack_post_message', { channel: '#nope', text: 'x' }, toolContext()),
    ).toMatchObject({
      ok: false,
      error: { code: 'AF_TOOL_ERROR', retryable: false, details: { slackError: 'channel_not_found' } },
    });
    slackMode = 'ratelimited';
    expect(await tools.call('slack_post_message', { channel: 'C1', text: 'x' }, toolContext())).toMatchObject(
      {
        ok: false,
        error: { code: 'AF_TOOL_ERROR', retryable: true, retryAfterMs: 3000 },
      },
    );
    expect(await tools.call('slack_post_message', { text: 'x' }, toolContext())).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('no channel') },
    });
    slackMode = 'ok';
  });

  it('sends users.messages.send with a base64url RFC 822 message', async () => {
    const tools = createToolRegistry([
      createGmailSendTool({ accessToken: 'ya29.test', egress, baseUrl: api.url, from: 'me@example.test' }),
    ]);
    const ctx = toolContext();
    const out = output(
      await tools.call(
        'gmail_send',
        {
          to: 'ann@example.test',
          cc: ['cc@example.test'],
          bcc: 'hidden@example.test',
          subject: 'Grüße',
          html: '<p>Hi</p>',
          text: 'Hi',
        },
        ctx,
      ),
    );
    expect(out).toEqual({
      id: '18c0ffee',
      threadId: '18c0ffee',
      messageId: messageIdFor(ctx.idempotencyKey),
    });
    const sent = api.requests.at(-1)!;
    expect(sent.headers.authorization).toBe('Bearer ya29.test');
    const raw = Buffer.from(
      (JSON.parse(sent.body.toString()) as { raw: string }).raw,
      'base64url',
    ).toString();
    expect(raw).toMatch(/^From: me@example\.test\r$/m);
    expect(raw).toMatch(/^To: ann@example\.test\r$/m);
    expect(raw).toMatch(/^Cc: cc@example\.test\r$/m);
    expect(raw).toMatch(/^Bcc: hidden@example\.test\r$/m);
    expect(raw).toContain('Subject: =?UTF-8?');
    expect(raw).toContain(`Message-ID: ${messageIdFor(ctx.idempotencyKey)}`);
    expect(raw).toMatch(/Content-Type: multipart\/alternative/);
  });

  it('reports Gmail API errors and refuses a non-allow-listed API host', async () => {
    const badToken = createToolRegistry([
      createGmailSendTool({ accessToken: 'wrong', egress, baseUrl: api.url, from: 'me@example.test' }),
    ]);
    expect(
      await badToken.call('gmail_send', { to: 'a@example.test', subject: 's', text: 't' }, toolContext()),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'AF_TOOL_ERROR',
        retryable: false,
        message: expect.stringContaining('Invalid Credentials'),
      },
    });
    const strict = createEgressGuard();
    const guarded = createToolRegistry([
      createGmailSendTool({
        accessToken: 'ya29.test',
        egress: strict,
        baseUrl: api.url,
        from: 'me@example.test',
      }),
    ]);
    expect(
      await guarded.call('gmail_send', { to: 'a@example.test', subject: 's', text: 't' }, toolContext()),
    ).toMatchObject({
      ok: false,
      error: { details: { reason: 'egress' } },
    });
    await strict.close();
  });
});
