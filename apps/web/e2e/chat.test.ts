/**
 * Chat end to end (issue 19 item 3), in Debian's Chromium against a real `agentflow start` whose OpenAI provider
 * is a fake streaming server on 127.0.0.1: a conversation in the designer's chat panel streams token by token
 * (the reply is seen part-written before it is whole), keeps its history (the model gets the earlier turns),
 * and reopens from the history list; the same through the public embed page once its link is turned on (strict
 * CSP, frameable, restored after a reload, 404 when turned off). A model reply holding `<script>` and
 * `<img onerror>` is shown as literal text in both, and nothing runs. Screenshots, light and dark, go to
 * test-output/e2e (and AGENTFLOW_SHOTS_DIR when set).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createAgentFlowClient, unwrap } from '@agentflow/client';
import { type FakeProviderServer, startFakeOpenAI } from '@agentflow/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  ensureWebBuild,
  launchBrowser,
  OUTPUT,
  type RunningAgentFlow,
  startAgentFlow,
} from './harness.js';

const enabled = browserAvailable();
const EMAIL = 'chat@example.test';
const PASSWORD = 'correct horse battery staple';
const XSS = '<script>window.__xss = 1; alert(1)</script><img src=x onerror="window.__xss = 2; alert(2)">';

const CHAT_WORKFLOW = {
  name: 'Support bot',
  status: 'active',
  agents: [
    {
      id: 'in',
      type: 'input',
      config: {
        schema: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] },
      },
    },
    {
      id: 'bot',
      type: 'agent',
      config: {
        provider: 'openai',
        model: 'gpt-test',
        systemPrompt: 'You are a friendly support bot.',
        prompt: '{{input.message}}',
        chatHistory: true,
        maxSteps: 1,
      },
      retry: { maxAttempts: 1 },
    },
    { id: 'out', type: 'output' },
  ],
  connections: [
    { id: 'a', sourceAgentId: 'in', targetAgentId: 'bot' },
    { id: 'b', sourceAgentId: 'bot', targetAgentId: 'out' },
  ],
};

/** A reply streamed slowly enough to be seen part-written. */
const slow = (chunks: string[]) => ({ text: chunks.join(''), chunks, chunkDelayMs: 350 });

describe.runIf(enabled)('chat (e2e, Chromium)', () => {
  let fake: FakeProviderServer;
  let server: RunningAgentFlow;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let workflowId: string;
  let embedUrl: string;
  const problems: string[] = [];
  const dialogs: string[] = [];
  const shotsDir = process.env.AGENTFLOW_SHOTS_DIR;

  beforeAll(async () => {
    ensureWebBuild();
    if (shotsDir) mkdirSync(shotsDir, { recursive: true });
    fake = await startFakeOpenAI();
    fake.setDefault({ text: 'ok' });
    server = await startAgentFlow({
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: fake.baseURL,
      AGENTFLOW_EGRESS_ALLOW: '127.0.0.1',
    });
    const api = createAgentFlowClient({ baseUrl: server.url, cookies: 'memory' }).api;
    unwrap(await api.POST('/api/v1/auth/register', { body: { email: EMAIL, password: PASSWORD } }));
    workflowId = unwrap(await api.POST('/api/v1/workflows', { body: CHAT_WORKFLOW as never })).id;
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
    page = await context.newPage();
    watch(page);
  }, 120_000);

  afterAll(async () => {
    if (problems.length > 0) process.stdout.write(`e2e browser problems:\n${problems.join('\n')}\n`);
    await browser?.close();
    await server?.close();
    await fake?.close();
  });

  function watch(p: Page) {
    p.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    p.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  }

  const shot = async (name: string, target: Page = page) => {
    await target.screenshot({ path: join(OUTPUT, `${name}.png`) });
    if (shotsDir) await target.screenshot({ path: join(shotsDir, `${name}.png`) });
  };

  /** The OpenAI messages of the fake's last request, as [role, text]. */
  function lastModelMessages(): [string, string][] {
    const body = fake.modelRequests().at(-1)!.body as { messages: { role: string; content: unknown }[] };
    return body.messages.map((m) => [
      m.role,
      typeof m.content === 'string'
        ? m.content
        : (m.content as { text: string }[]).map((x) => x.text).join(''),
    ]);
  }

  it('streams a conversation in the designer chat panel, keeps its history and reopens it', async () => {
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/workflows$/);
    await page.goto(`${server.url}/workflows/${workflowId}`);
    await page.getByTestId('version').waitFor();
    await page.getByRole('button', { name: 'Chat', exact: true }).click();
    const panel = page.getByRole('complementary', { name: 'Chat' });
    await panel.getByText('Chat with this workflow').waitFor();
    await shot('chat-01-panel-empty-light');

    fake.enqueue(slow(['Hello', ' Ada,', ' nice', ' to', ' meet', ' you!']));
    await panel.getByLabel('Message').fill('Hi, I am Ada.');
    await panel.getByLabel('Message').press('Enter');
    const reply = panel.locator('[data-testid="chat-message"][data-role="assistant"]').last();
    // Part-written first: some tokens shown while the reply is still streaming.
    await expect
      .poll(
        async () => ({ status: await reply.getAttribute('data-status'), text: await reply.textContent() }),
        {
          timeout: 20_000,
          interval: 50,
        },
      )
      .toMatchObject({
        status: 'streaming',
        text: expect.stringMatching(/^Hello(?! Ada, nice to meet you!$)/),
      });
    await shot('chat-02-panel-streaming-light');
    await expect.poll(() => reply.getAttribute('data-status'), { timeout: 20_000 }).toBe('succeeded');
    expect(await reply.getByTestId('chat-text').textContent()).toBe('Hello Ada, nice to meet you!');
    await expect.poll(() => panel.getByTestId('chat-title').textContent()).toBe('Hi, I am Ada.');

    fake.enqueue({ text: 'You told me: you are Ada.' });
    await panel.getByLabel('Message').fill('Who am I?');
    await panel.getByRole('button', { name: 'Send' }).click();
    await panel.getByText('You told me: you are Ada.').waitFor();
    expect(lastModelMessages()).toEqual([
      ['system', 'You are a friendly support bot.'],
      ['user', 'Hi, I am Ada.'],
      ['assistant', 'Hello Ada, nice to meet you!'],
      ['user', 'Who am I?'],
    ]);
    await shot('chat-03-panel-conversation-light');
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await page.waitForTimeout(400); // colour transitions end
    await shot('chat-04-panel-conversation-dark');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();

    // A new conversation starts empty; the first one reopens from the history list with its four messages.
    await panel.getByRole('button', { name: 'New' }).click();
    await panel.getByText('Chat with this workflow').waitFor();
    await panel.getByRole('button', { name: /History/ }).click();
    await panel.getByRole('navigation', { name: 'Past conversations' }).getByText('Hi, I am Ada.').click();
    await expect.poll(() => panel.getByTestId('chat-message').count()).toBe(4);
  }, 120_000);

  it('shows a model reply holding <script> and <img onerror> as text in the panel, and a failure as an error', async () => {
    const panel = page.getByRole('complementary', { name: 'Chat' });
    fake.enqueue({ text: XSS });
    await panel.getByLabel('Message').fill('Say something dangerous');
    await panel.getByLabel('Message').press('Enter');
    const reply = panel.locator('[data-testid="chat-message"][data-role="assistant"]').last();
    await expect.poll(() => reply.getAttribute('data-status'), { timeout: 20_000 }).toBe('succeeded');
    expect(await reply.getByTestId('chat-text').textContent()).toBe(XSS);
    await panel.getByText('<script>window.__xss = 1; alert(1)</script>', { exact: false }).waitFor();
    expect(await panel.getByTestId('chat-log').locator('script, img').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await shot('chat-05-panel-xss-as-text-light');

    fake.enqueue({ kind: 'error', status: 400, message: 'the model refused' });
    await panel.getByLabel('Message').fill('and now fail');
    await panel.getByLabel('Message').press('Enter');
    const failed = panel.locator('[data-testid="chat-message"][data-status="failed"]').last();
    await failed.waitFor({ timeout: 20_000 });
    expect(await failed.textContent()).toContain('The workflow failed');
    await shot('chat-06-panel-failed-light');
  }, 120_000);

  it('shares the chat through the embed page: off until turned on, streamed, XSS shown as text, restored, then off', async () => {
    const panel = page.getByRole('complementary', { name: 'Chat' });
    await panel.getByRole('button', { name: 'Share' }).click();
    await panel.getByRole('button', { name: 'Create link' }).click();
    const link = panel.getByLabel('Public chat link', { exact: true });
    await link.waitFor();
    embedUrl = await link.inputValue();
    expect(embedUrl).toMatch(new RegExp(`^${server.url}/embed/chat/afc_[\\w-]{32}$`));
    await expect.poll(() => panel.getByText('Public link on').count()).toBe(1);
    await shot('chat-07-panel-share-light');

    const visitorContext = await browser.newContext({ viewport: { width: 480, height: 720 } });
    const visitor = await visitorContext.newPage();
    watch(visitor);
    const response = await visitor.goto(embedUrl);
    expect(response!.status()).toBe(200);
    const headers = response!.headers();
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).toContain('frame-ancestors *');
    expect(headers['content-security-policy']).toContain("default-src 'none'");
    expect(headers['x-frame-options']).toBeUndefined();
    await expect.poll(() => visitor.locator('.chat-title').textContent()).toBe('Support bot');

    fake.enqueue(slow(['We', ' are', ' open', ' from', ' 9', ' to', ' 5.']));
    await visitor.getByLabel('Message').fill('When are you open?');
    await visitor.getByLabel('Message').press('Enter');
    const answer = visitor.locator('.msg-assistant').last();
    await expect
      .poll(
        async () => ({ status: await answer.getAttribute('data-status'), text: await answer.textContent() }),
        {
          timeout: 20_000,
          interval: 50,
        },
      )
      .toMatchObject({ status: 'pending', text: expect.stringMatching(/^We/) });
    await shot('chat-08-embed-streaming-light', visitor);
    await expect.poll(() => answer.getAttribute('data-status'), { timeout: 20_000 }).toBe('succeeded');
    expect(await answer.textContent()).toBe('We are open from 9 to 5.');

    fake.enqueue({ text: XSS });
    await visitor.getByLabel('Message').fill('Any tricks?');
    await visitor.getByLabel('Message').press('Enter');
    const tricky = visitor.locator('.msg-assistant').last();
    await expect.poll(() => tricky.getAttribute('data-status'), { timeout: 20_000 }).toBe('succeeded');
    expect(await tricky.textContent()).toBe(XSS);
    await visitor.getByText('<img src=x onerror=', { exact: false }).waitFor();
    expect(await visitor.locator('.chat-log script, .chat-log img').count()).toBe(0);
    expect(await visitor.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await shot('chat-09-embed-light', visitor);
    await visitor.emulateMedia({ colorScheme: 'dark' });
    await shot('chat-10-embed-dark', visitor);
    await visitor.emulateMedia({ colorScheme: 'light' });

    // A reload continues the same conversation (greeting-less: the four messages).
    await visitor.reload();
    // (On failure the poll shows what the page says: its error box, if any.)
    await expect
      .poll(
        async () => ({
          messages: await visitor.locator('.msg').count(),
          error: (await visitor.locator('[role="alert"]').allTextContents()).join(' ').trim(),
        }),
        { timeout: 20_000 },
      )
      .toEqual({ messages: 4, error: '' });
    expect(await visitor.locator('.msg-assistant').last().textContent()).toBe(XSS);

    // The embed's conversation shows in the panel's history as public.
    await panel.getByRole('button', { name: /History/ }).click();
    const history = panel.getByRole('navigation', { name: 'Past conversations' });
    await history.getByText('When are you open?').waitFor();
    expect(await history.getByText('public').count()).toBeGreaterThan(0);

    // Turned off: the box follows the click at once, and once the server has stored it, the page and the API
    // answer 404.
    const stored = page.waitForResponse(
      (r) => r.url().includes('/api/v1/triggers/') && r.request().method() === 'PATCH',
    );
    await panel.getByRole('checkbox').uncheck();
    expect((await stored).status()).toBe(200);
    await expect.poll(() => panel.getByText('Public link off').count()).toBe(1);
    const off = await visitor.goto(embedUrl);
    expect(off!.status()).toBe(404);
    expect(await visitor.textContent('body')).toContain('This chat is not available.');
    await visitorContext.close();
    expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
  }, 120_000);
});
