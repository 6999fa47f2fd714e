/**
 * A built-in gallery template installed and run through the real server (issue 16): "Meeting notes to Slack" is
 * installed into a workspace with two Slack credentials, mapped to the older one; after the post is approved, the
 * fake Slack Web API on 127.0.0.1 gets the message with that credential's token (a tool credential bound by the
 * install, not the workspace's newest).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Runtime } from '@agentflow/runtime';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestRuntime, createTestServer, json, waitForStatus } from './test-support/fixtures.js';

const posts: { authorization: string | undefined; body: { channel: string; text: string } }[] = [];
let slack: Server;
let runtime: Runtime;
let app: FastifyInstance;

beforeAll(async () => {
  slack = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      posts.push({ authorization: req.headers.authorization, body: JSON.parse(raw || '{}') });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: true, channel: 'C0TEAM', ts: '1733390000.000300' }));
    });
  });
  await new Promise<void>((resolve) => slack.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(slack.address() as AddressInfo).port}/api`;
  runtime = await createTestRuntime({
    env: { AGENTFLOW_EGRESS_ALLOW: '127.0.0.1' },
    rules: [
      { when: { systemIncludes: 'summarize meetings' }, reply: 'We ship Friday.' },
      { when: { systemIncludes: 'action items' }, reply: 'Bo: QA' },
    ],
  });
  app = await createTestServer(runtime);
  for (const [name, value] of [
    ['team-slack', 'xoxb-team-token'],
    ['ops-slack', 'xoxb-ops-token'], // the newest: what an unbound workflow would use
  ]) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/credentials',
      headers: bearer('owner'),
      payload: { name, type: 'slack', value, baseURLs: [base] },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(async () => {
  await app?.close();
  await runtime?.close();
  await new Promise((resolve) => slack?.close(resolve));
});

describe('a gallery template installed and run through the server', () => {
  it('meeting notes to Slack posts with the mapped Slack credential once approved', async () => {
    const headers = bearer('member');
    const template = json<{ sampleInput: unknown; builtin: boolean }>(
      await app.inject({ method: 'GET', url: '/api/v1/templates/gallery-meeting-notes', headers }),
    );
    expect(template.builtin).toBe(true);
    const body = { credentials: { slack: 'team-slack' } };
    const preview = await app.inject({
      method: 'POST',
      url: '/api/v1/templates/gallery-meeting-notes/install-preview',
      headers,
      payload: body,
    });
    expect(preview.statusCode, preview.body).toBe(200);
    const { digest } = json<{ digest: string }>(preview);
    const installed = await app.inject({
      method: 'POST',
      url: '/api/v1/templates/gallery-meeting-notes/install',
      headers,
      payload: { ...body, confirm: digest },
    });
    expect(installed.statusCode, installed.body).toBe(201);
    const workflow = json<{ id: string; definition: { config: Record<string, unknown> } }>(installed);
    expect(workflow.definition.config.credentials).toEqual({ slack: 'team-slack' });

    const started = await app.inject({
      method: 'POST',
      url: `/api/v1/workflows/${workflow.id}/execute`,
      headers,
      payload: { input: template.sampleInput },
    });
    expect(started.statusCode, started.body).toBe(202);
    const { executionId } = json<{ executionId: string }>(started);
    const paused = await waitForStatus(app, executionId, ['paused', 'failed'], headers);
    expect((paused.execution as { status: string }).status).toBe('paused');
    expect(posts).toHaveLength(0); // nothing is posted before a person approves
    const approved = await app.inject({
      method: 'POST',
      url: `/api/v1/executions/${executionId}/approve`,
      headers,
      payload: { agentId: 'post', payload: { approved: true } },
    });
    expect(approved.statusCode, approved.body).toBe(202);
    const done = await waitForStatus(app, executionId, ['succeeded', 'failed'], headers);
    const execution = done.execution as { status: string; output: unknown };
    expect(execution.status, JSON.stringify(done)).toBe('succeeded');
    expect(execution.output).toEqual({ channel: 'C0TEAM', ts: '1733390000.000300' });
    expect(posts).toEqual([
      {
        authorization: 'Bearer xoxb-team-token',
        body: expect.objectContaining({
          channel: '#release',
          text: '*Meeting summary*\nWe ship Friday.\n\n*Action items*\nBo: QA',
        }),
      },
    ]);
  });
});
