/**
 * Issue 13 item 2: `send_email`, `slack_post_message` and `gmail_send` are enabled from configuration and reached
 * by workflows through the real server. Each workspace's own credential (type `smtp`, `slack`, `gmail`) is used
 * for its executions, sent only to the host or base URL it was created for; the calls wait for approval as side
 * effects and carry the step's idempotency key. Local stand-ins speak the real wire formats: an SMTP server
 * (smtp-server) and a Slack Web API / Gmail API on 127.0.0.1, allowed through AGENTFLOW_EGRESS_ALLOW.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Runtime } from '@agentflow/runtime';
import type { FastifyInstance } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestRuntime,
  createTestServer,
  json,
  WS1,
  WS2,
  waitForStatus,
} from './test-support/fixtures.js';

interface Mail {
  from: string;
  to: string[];
  raw: string;
}

interface ApiCall {
  url: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

interface Detail {
  execution: { status: string; output?: unknown; error?: { code: string; message: string } };
}

function toolWorkflow(tool: string, requiresApproval?: boolean) {
  return {
    name: `call ${tool}`,
    agents: [
      { id: 'in', type: 'input' },
      {
        id: 'call',
        type: 'tool',
        config: { tool, ...(requiresApproval === undefined ? {} : { requiresApproval }) },
      },
      { id: 'out', type: 'output' },
    ],
    connections: [
      { id: 'in-call', sourceAgentId: 'in', targetAgentId: 'call' },
      { id: 'call-out', sourceAgentId: 'call', targetAgentId: 'out' },
    ],
  };
}

describe('messaging tools through workflows on the server', () => {
  const mails: Mail[] = [];
  const calls: ApiCall[] = [];
  let smtp: SMTPServer;
  let smtpPort: number;
  let api: Server;
  let apiUrl: string;
  let runtime: Runtime;
  let app: FastifyInstance;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString(),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpPort = (smtp.server.address() as AddressInfo).port;

    // Slack Web API (chat.postMessage) and Gmail API (users.messages.send), as they answer.
    api = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk) => {
        raw += chunk;
      });
      req.on('end', () => {
        const body = JSON.parse(raw || '{}') as Record<string, unknown>;
        calls.push({ url: req.url ?? '', authorization: req.headers.authorization, body });
        res.setHeader('content-type', 'application/json; charset=utf-8');
        if (req.url === '/slack/api/chat.postMessage') {
          if (req.headers.authorization !== 'Bearer xoxb-ws1') {
            return void res.end(JSON.stringify({ ok: false, error: 'invalid_auth' }));
          }
          return void res.end(JSON.stringify({ ok: true, channel: body.channel, ts: '1700000000.000200' }));
        }
        if (req.url === '/gmail/v1/users/me/messages/send') {
          if (req.headers.authorization !== 'Bearer ya29.ws1') {
            res.statusCode = 401;
            return void res.end(JSON.stringify({ error: { code: 401, message: 'Invalid Credentials' } }));
          }
          return void res.end(JSON.stringify({ id: '18c0ffee', threadId: '18c0ffee', labelIds: ['SENT'] }));
        }
        res.statusCode = 404;
        res.end(JSON.stringify({ error: 'not found' }));
      });
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;

    runtime = await createTestRuntime({ env: { AGENTFLOW_EGRESS_ALLOW: '127.0.0.1' } });
    app = await createTestServer(runtime);
    // WS1's admin stores the workspace's credentials; WS2 has none.
    const credentials = [
      {
        name: 'smtp',
        type: 'smtp',
        value: JSON.stringify({ url: `smtp://127.0.0.1:${smtpPort}`, from: 'Ops <ops@ws1.test>' }),
      },
      { name: 'slack', type: 'slack', value: 'xoxb-ws1', baseURLs: [`${apiUrl}/slack/api`] },
      {
        name: 'gmail',
        type: 'gmail',
        value: JSON.stringify({ accessToken: 'ya29.ws1', from: 'me@ws1.test' }),
        baseURLs: [apiUrl],
      },
    ];
    for (const payload of credentials) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/credentials',
        headers: bearer('admin'),
        payload,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
    await new Promise((resolve) => api?.close(resolve));
  });

  async function run(
    tool: string,
    input: unknown,
    options: { workspaceId?: string; requiresApproval?: boolean } = {},
  ): Promise<{ id: string; detail: Detail }> {
    const headers = bearer('member', options.workspaceId ?? WS1);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers,
      payload: toolWorkflow(tool, options.requiresApproval),
    });
    expect(created.statusCode, created.body).toBe(201);
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/workflows/${json<{ id: string }>(created).id}/execute`,
      headers,
      payload: { input },
    });
    expect(res.statusCode, res.body).toBe(202);
    const id = json<{ executionId: string }>(res).executionId;
    const detail = (await waitForStatus(
      app,
      id,
      ['paused', 'succeeded', 'failed'],
      bearer('viewer', options.workspaceId ?? WS1),
    )) as unknown as Detail;
    return { id, detail };
  }

  async function approve(id: string): Promise<Detail> {
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/executions/${id}/approve`,
      headers: bearer('member'),
      payload: { agentId: 'call', payload: { approved: true } },
    });
    expect(res.statusCode, res.body).toBe(202);
    return (await waitForStatus(app, id, ['succeeded', 'failed'])) as unknown as Detail;
  }

  it('send_email waits for approval, then delivers over the workspace SMTP credential with the idempotency key', async () => {
    const before = mails.length;
    const { id, detail } = await run('send_email', {
      to: 'ann@example.test',
      subject: 'Weekly report',
      text: 'All good.',
    });
    expect(detail.execution.status).toBe('paused');
    expect(mails).toHaveLength(before);
    const done = await approve(id);
    expect(done.execution.status, JSON.stringify(done.execution.error)).toBe('succeeded');
    expect(mails).toHaveLength(before + 1);
    const mail = mails.at(-1)!;
    expect(mail.from).toBe('ops@ws1.test');
    expect(mail.to).toEqual(['ann@example.test']);
    expect(mail.raw).toMatch(/^Subject: Weekly report/m);
    expect(mail.raw).toMatch(new RegExp(`^X-Idempotency-Key: ${id}:call`, 'm'));
    expect(done.execution.output).toMatchObject({ accepted: ['ann@example.test'] });
  });

  it('slack_post_message posts chat.postMessage to the bound base URL with the workspace token', async () => {
    const { id, detail } = await run('slack_post_message', { channel: 'C42', text: 'Deploy done' });
    expect(detail.execution.status).toBe('paused');
    expect(calls.filter((c) => c.url.startsWith('/slack'))).toHaveLength(0);
    const done = await approve(id);
    expect(done.execution.status, JSON.stringify(done.execution.error)).toBe('succeeded');
    expect(done.execution.output).toEqual({ channel: 'C42', ts: '1700000000.000200' });
    const call = calls.find((c) => c.url === '/slack/api/chat.postMessage')!;
    expect(call.authorization).toBe('Bearer xoxb-ws1');
    expect(call.body).toMatchObject({
      channel: 'C42',
      text: 'Deploy done',
      metadata: {
        event_type: 'agentflow_tool_call',
        event_payload: { idempotency_key: expect.stringContaining(id) },
      },
    });
  });

  it('gmail_send sends users.messages.send (raw RFC 822, base64url) with the workspace token', async () => {
    // The workflow's author turned approval off for this node.
    const { id, detail } = await run(
      'gmail_send',
      { to: 'bob@example.test', subject: 'Hello', text: 'From Gmail' },
      { requiresApproval: false },
    );
    expect(detail.execution.status, JSON.stringify(detail.execution.error)).toBe('succeeded');
    expect(detail.execution.output).toMatchObject({ id: '18c0ffee', threadId: '18c0ffee' });
    const call = calls.find((c) => c.url === '/gmail/v1/users/me/messages/send')!;
    expect(call.authorization).toBe('Bearer ya29.ws1');
    const raw = Buffer.from(String(call.body.raw), 'base64url').toString();
    expect(raw).toMatch(/^From: me@ws1\.test/m);
    expect(raw).toMatch(/^To: bob@example\.test/m);
    expect(raw).toMatch(new RegExp(`^X-Idempotency-Key: ${id}:call`, 'm'));
  });

  it("another workspace never gets WS1's credentials: without its own, the tool is not configured", async () => {
    const sent = mails.length;
    const posted = calls.length;
    for (const [tool, input] of [
      ['send_email', { to: 'x@example.test', subject: 's', text: 't' }],
      ['slack_post_message', { channel: 'C1', text: 'hi' }],
      ['gmail_send', { to: 'x@example.test', subject: 's', text: 't' }],
    ] as const) {
      const { detail } = await run(tool, input, { workspaceId: WS2, requiresApproval: false });
      expect(detail.execution.status).toBe('failed');
      expect(detail.execution.error?.message).toMatch(/is not configured/);
    }
    expect(mails).toHaveLength(sent);
    expect(calls).toHaveLength(posted);
  });
});

describe('messaging tools: egress policy and instance defaults', () => {
  it('a workspace credential bound to a loopback address is refused unless AGENTFLOW_EGRESS_ALLOW lists it', async () => {
    const runtime = await createTestRuntime();
    const app = await createTestServer(runtime);
    const hits: string[] = [];
    const target = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const port = (target.address() as AddressInfo).port;
    try {
      for (const payload of [
        { name: 'slack', type: 'slack', value: 'xoxb-x', baseURLs: [`http://127.0.0.1:${port}/api`] },
        {
          name: 'smtp',
          type: 'smtp',
          value: JSON.stringify({ url: `smtp://127.0.0.1:${port}`, from: 'a@b.test' }),
        },
      ]) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/credentials',
          headers: bearer('admin'),
          payload,
        });
        expect(res.statusCode).toBe(201);
      }
      for (const [tool, input] of [
        ['slack_post_message', { channel: 'C1', text: 'hi' }],
        ['send_email', { to: 'x@example.test', subject: 's', text: 't' }],
      ] as const) {
        const created = await app.inject({
          method: 'POST',
          url: '/api/v1/workflows',
          headers: bearer('member'),
          payload: toolWorkflow(tool, false),
        });
        const started = await app.inject({
          method: 'POST',
          url: `/api/v1/workflows/${json<{ id: string }>(created).id}/execute`,
          headers: bearer('member'),
          payload: { input },
        });
        const result = json<{ executionId: string }>(started);
        const detail = (await waitForStatus(app, result.executionId, [
          'succeeded',
          'failed',
        ])) as unknown as Detail;
        expect(detail.execution.status).toBe('failed');
        expect(detail.execution.error?.message).toMatch(/egress refused/);
      }
      expect(hits).toEqual([]);
    } finally {
      await app.close();
      await runtime.close();
      await new Promise((resolve) => target.close(resolve));
    }
  });

  it('the instance defaults (SLACK_BOT_TOKEN, AGENTFLOW_SLACK_BASE_URL) serve workspaces without a credential', async () => {
    const received: ApiCall[] = [];
    const slack = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => {
        raw += c;
      });
      req.on('end', () => {
        received.push({
          url: req.url ?? '',
          authorization: req.headers.authorization,
          body: JSON.parse(raw),
        });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ ok: true, channel: 'C9', ts: '1.2' }));
      });
    });
    await new Promise<void>((resolve) => slack.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(slack.address() as AddressInfo).port}/api`;
    // The operator's endpoint is reached though loopback: it is configured, not chosen by a workflow.
    const runtime = await createTestRuntime({
      env: {
        SLACK_BOT_TOKEN: 'xoxb-instance',
        AGENTFLOW_SLACK_BASE_URL: base,
        AGENTFLOW_TOOL_APPROVAL: 'none',
      },
    });
    try {
      const result = await runtime.engine.run(toolWorkflow('slack_post_message') as never, {
        channel: 'C9',
        text: 'from the instance',
      });
      expect(result.status, JSON.stringify(result)).toBe('succeeded');
      expect(received).toEqual([
        expect.objectContaining({ url: '/api/chat.postMessage', authorization: 'Bearer xoxb-instance' }),
      ]);
    } finally {
      await runtime.close();
      await new Promise((resolve) => slack.close(resolve));
    }
  });
});
