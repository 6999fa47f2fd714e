/**
 * Every built-in template runs offline with its own scripted-provider script and sample input (issue 16 item 3),
 * and does what its description says: each test checks the template's specific output, what its agents were
 * asked, and the tools it really called. Tools reach listeners on 127.0.0.1 only (the egress allow-list is set
 * for this test's tool host): a web page for `web_fetch`, a Slack Web API for `slack_post_message`.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEngine } from '@agentflow/core';
import { createScriptedProvider, type Script } from '@agentflow/testing';
import { type AgentFlowToolHost, createToolHost } from '@agentflow/tools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asked,
  galleryTemplate,
  lastUser,
  rewrite,
  runTemplate,
  toolResults,
} from '../test-support/gallery.js';
import { AGENT_LIBRARY, GALLERY, type GalleryTemplate } from './templates/index.js';

const PAGE = `<!doctype html><html><head><title>Example Domain</title></head><body>
<h1>Example Domain</h1><p>This domain is for use in illustrative examples in documents.</p></body></html>`;

interface SlackPost {
  authorization: string | undefined;
  body: { channel: string; text: string };
}

let server: Server;
let base: string;
const pageRequests: string[] = [];
const slackPosts: SlackPost[] = [];
let tools: AgentFlowToolHost;

async function body(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    if (req.method === 'POST' && req.url === '/slack/api/chat.postMessage') {
      const posted = JSON.parse(await body(req)) as SlackPost['body'];
      slackPosts.push({ authorization: req.headers.authorization, body: posted });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, channel: 'C0RELEASE', ts: '1733390000.000100' }));
      return;
    }
    pageRequests.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  tools = createToolHost({
    builtins: { webFetch: true, slack: { token: 'xoxb-gallery-test', baseUrl: `${base}/slack/api` } },
    egress: { allow: ['127.0.0.1'] },
  });
});
afterAll(async () => {
  await tools?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const byId = galleryTemplate;
const run = (
  t: GalleryTemplate,
  input: unknown = t.sampleInput,
  script: Record<string, unknown> = t.script,
  approvals: Record<string, unknown> = t.approvals ?? {},
) => runTemplate(t, tools, { input, script, approvals });

describe('gallery', () => {
  it('has at least 12 workflow templates with unique ids, each with a script and a sample input', () => {
    expect(GALLERY.length).toBeGreaterThanOrEqual(12);
    expect(new Set([...GALLERY, ...AGENT_LIBRARY].map((t) => t.id)).size).toBe(
      GALLERY.length + AGENT_LIBRARY.length,
    );
    for (const t of GALLERY) {
      expect(t.script, t.id).toBeTypeOf('object');
      expect(t.sampleInput, t.id).toBeDefined();
      expect(t.tags.length, t.id).toBeGreaterThan(0);
    }
  });

  it('research team: three specialists in parallel, the writer merges all three notes', async () => {
    const { result, provider } = await run(byId('gallery-research-team'));
    expect(result.output).toContain('Heat pumps: a brief');
    const writer = lastUser(asked(provider, 'writer')[0]);
    expect(writer).toContain('Write a brief on heat pumps');
    expect(writer).toContain('less to run');
    expect(writer).toContain('1856');
    expect(writer).toContain('refrigerant cycle');
    expect(provider.calls).toHaveLength(4);
  });

  it('writer/reviewer: REVISE sends the draft back with the review; the revision is approved', async () => {
    const { result, provider } = await run(byId('gallery-writer-reviewer'));
    expect(result.output).toEqual({
      draft: expect.stringContaining('49 euros'),
      approved: true,
    });
    const writes = asked(provider, 'You write');
    expect(writes).toHaveLength(2);
    expect(lastUser(writes[1])).toContain('REVISE: say when it ships');
    expect(lastUser(writes[1])).toContain('It warms as evening comes.');
    expect(asked(provider, 'You review')).toHaveLength(2);
  });

  it('writer/reviewer: stops after three rounds when the reviewer never approves', async () => {
    const t = byId('gallery-writer-reviewer');
    const script = { rules: [{ when: { systemIncludes: 'You review' }, reply: 'REVISE: shorter.' }] };
    const { result, provider } = await run(t, t.sampleInput, { ...script, fallback: 'A draft.' });
    expect(result.output).toEqual({ draft: 'A draft.', approved: false });
    expect(asked(provider, 'You write').length).toBe(3);
  });

  it('support triage: a refund waits for approval, then the reply confirms it', async () => {
    const t = byId('gallery-support-triage');
    const { result, provider } = await run(t);
    expect(result.output).toEqual({
      category: 'refund',
      summary: 'Charged twice for order 1042',
      reply: 'Sorry about the double charge: we have refunded one payment for order 1042.',
    });
    expect(lastUser(asked(provider, 'refund decisions')[0])).toContain('Refund approved: true');
    expect(asked(provider, 'friendly support replies')).toHaveLength(0);
  });

  it('support triage: a declined refund gets a decline; a question is answered without a person', async () => {
    const t = byId('gallery-support-triage');
    const declined = await run(t, t.sampleInput, t.script, { approve: { approved: false } });
    expect(declined.result.output).toMatchObject({
      category: 'refund',
      reply: expect.stringContaining('cannot refund'),
    });
    const question = await run(t, { ticket: 'How do I reset my password?' }, t.script, {});
    expect(question.result.output).toEqual({
      category: 'question',
      summary: 'Cannot sign in',
      reply: expect.stringContaining('Forgot password'),
    });
  });

  it('web page summarizer: really fetches the page with web_fetch and summarizes what it read', async () => {
    const t = rewrite(byId('gallery-web-summarizer'), 'https://example.com/', `${base}/page`);
    const before = pageRequests.length;
    const { result, provider } = await run(t);
    expect(pageRequests.slice(before)).toEqual(['/page']);
    expect(result.output).toContain('Example Domain is reserved');
    expect(provider.calls).toHaveLength(2);
    expect(toolResults(provider.calls[1])).toContain('This domain is for use in illustrative examples');
  });

  it('map over a list: one summary per item', async () => {
    const t = byId('gallery-map-over-list');
    const { result, provider } = await run(t);
    expect(result.output).toEqual({ count: 3, summaries: Array(3).fill('Short, clear feedback.') });
    expect(provider.calls.map((c) => lastUser(c)).sort()).toEqual([
      'Feedback: Love the screen.',
      'Feedback: No charger in the box!',
      'Feedback: The battery barely lasts a day.',
    ]);
  });

  it('multi-provider fallback: OpenAI down, Anthropic answers', async () => {
    const t = byId('gallery-multi-provider-fallback');
    expect(await run(t).then((r) => r.result.output)).toBe(
      'Tides are caused mainly by the Moon pulling on the oceans.',
    );
    const script = {
      rules: [
        {
          when: { provider: 'openai' },
          reply: { error: { code: 'AF_PROVIDER_UNAVAILABLE', message: 'down' } },
        },
        { when: { provider: 'anthropic' }, reply: 'From Anthropic: the Moon.' },
      ],
    };
    const { result } = await run(t, t.sampleInput, script);
    expect(result.output).toBe('From Anthropic: the Moon.');
  });

  it('document extraction: the invoice fields as schema-checked JSON', async () => {
    const { result, provider } = await run(byId('gallery-document-extraction'));
    expect(result.output).toEqual({
      vendor: 'Acme Paper Ltd',
      date: '2026-03-01',
      total: 42.5,
      items: [
        { description: 'A4 paper, 5 reams', amount: 30 },
        { description: 'Delivery', amount: 12.5 },
      ],
    });
    expect(provider.calls[0]!.responseSchema).toMatchObject({ required: ['vendor', 'total', 'items'] });
  });

  it('code reviewer: both reviews reach the lead, whose verdict is structured', async () => {
    const { result, provider } = await run(byId('gallery-code-reviewer'));
    expect(result.output).toEqual({
      verdict: 'request-changes',
      comments: ['Fix the off-by-one in the loop.', 'Use a query parameter for the name.'],
    });
    const lead = lastUser(asked(provider, 'lead reviewer')[0]);
    expect(lead).toContain('Off-by-one');
    expect(lead).toContain('concatenates user input');
  });

  it('meeting notes to Slack: posts summary and action items once approved', async () => {
    const before = slackPosts.length;
    const { result } = await run(byId('gallery-meeting-notes'));
    expect(result.output).toEqual({ channel: 'C0RELEASE', ts: '1733390000.000100' });
    expect(slackPosts.slice(before)).toEqual([
      {
        authorization: 'Bearer xoxb-gallery-test',
        body: expect.objectContaining({
          channel: '#release',
          text: '*Meeting summary*\nThe team agreed to ship on Friday. QA starts Wednesday.\n\n*Action items*\nAna: write release notes\nBo: run the QA checklist',
        }),
      },
    ]);
  });

  it('meeting notes to Slack: a refused post sends nothing', async () => {
    const t = byId('gallery-meeting-notes');
    const provider = createScriptedProvider(t.script as Script);
    const engine = createEngine({ models: provider, tools });
    const before = slackPosts.length;
    const paused = await engine.run({ name: t.name, ...t.workflow }, t.sampleInput);
    expect(paused.status).toBe('paused');
    const result = await engine.approve(paused.executionId, 'post', { approved: false });
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('AF_TOOL_REJECTED');
    expect(slackPosts.length).toBe(before);
    await engine.close();
  });

  it('scheduled digest: only the relevant headline reaches the digest', async () => {
    const { result, provider } = await run(byId('gallery-scheduled-digest'));
    expect(result.output).toBe('Good morning: the EU agreed new AI rules; details follow this week.');
    expect(asked(provider, 'rate headlines')).toHaveLength(3);
    const digest = lastUser(asked(provider, 'morning digest')[0]);
    expect(digest).toContain('New EU AI rules agreed');
    expect(digest).not.toContain('Rates unchanged');
    expect(digest).not.toContain('Local team wins cup');
  });

  it('translator: one object keyed by language', async () => {
    const { result } = await run(byId('gallery-translator'));
    expect(result.output).toEqual({ fr: 'Bonjour le monde', de: 'Hallo Welt', es: 'Hola mundo' });
  });

  it('social post: the draft and the decision of the person', async () => {
    const t = byId('gallery-social-post-approval');
    expect((await run(t)).result.output).toEqual({
      post: 'Our Berlin office opens on 3 June: come and say hello!',
      approved: true,
    });
    const no = await run(t, t.sampleInput, t.script, { approval: { approved: false } });
    expect(no.result.output).toMatchObject({ approved: false });
  });

  it('every workflow template is covered by a test above', () => {
    const covered = new Set([
      'gallery-research-team',
      'gallery-writer-reviewer',
      'gallery-support-triage',
      'gallery-web-summarizer',
      'gallery-map-over-list',
      'gallery-multi-provider-fallback',
      'gallery-document-extraction',
      'gallery-code-reviewer',
      'gallery-meeting-notes',
      'gallery-scheduled-digest',
      'gallery-translator',
      'gallery-social-post-approval',
      ...EXTRA_COVERED,
    ]);
    expect(GALLERY.map((t) => t.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it.each(AGENT_LIBRARY.map((a) => [a.id, a] as const))('agent template %s runs offline', async (_id, a) => {
    const provider = createScriptedProvider(a.script as Script);
    const engine = createEngine({ models: provider, tools });
    const workflow = {
      name: a.name,
      agents: [
        { id: 'in', type: 'input' },
        { id: 'agent', type: 'agent', config: a.defaultConfig },
        { id: 'out', type: 'output' },
      ],
      connections: [
        { id: 'a', sourceAgentId: 'in', targetAgentId: 'agent' },
        { id: 'b', sourceAgentId: 'agent', targetAgentId: 'out' },
      ],
    };
    const result = await engine.run(workflow, a.sampleInput);
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('succeeded');
    expect(result.output).toEqual(AGENT_OUTPUTS[a.id]);
    expect(lastUser(provider.calls[0])).toContain(String(a.sampleInput));
    await engine.close();
  });
});

const AGENT_OUTPUTS: Record<string, unknown> = {
  'agent-summarizer': 'A three-sentence summary.',
  'agent-classifier': { label: 'positive' },
};

/** Templates tested in their own files (they need PostgreSQL or an MCP server). */
const EXTRA_COVERED: string[] = ['gallery-sql-analyst', 'gallery-mcp-files'];
