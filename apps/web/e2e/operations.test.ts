/**
 * The operations views end to end, in Debian's Chromium against a real `agentflow start` with the fake OpenAI
 * server: a workflow with two parallel branches, one of which fails once (its provider answers 500 until the
 * adapter gives up) and is retried; its detail shows the branches overlapping on the timeline and the retry;
 * a connection's messages are read; a fork from the middle node with an edited input does not run the
 * upstream node again (the fake provider's count of its calls does not move) and gives a different result;
 * the approvals inbox answers a waiting human node; the executions list and the dashboard show the counts and
 * cost. Screenshots (light and dark) go to test-output/e2e; axe-core on each page; no console error.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createAgentFlowClient, unwrap } from '@agentflow/client';
import { type FakeProviderServer, type RecordedRequest, startFakeOpenAI } from '@agentflow/testing';
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
const EMAIL = 'operator@example.test';
const PASSWORD = 'correct horse battery staple';

/** The text of the last user message of a chat request. */
function promptOf(request: RecordedRequest): string {
  const messages = (request.body as { messages?: { role: string; content: unknown }[] }).messages ?? [];
  const last = messages.findLast((m) => m.role === 'user');
  return typeof last?.content === 'string' ? last.content : JSON.stringify(last?.content ?? '');
}

const PARALLEL = {
  name: 'Parallel research',
  status: 'active',
  agents: [
    { id: 'in', type: 'input', position: { x: 0, y: 120 } },
    {
      id: 'prep',
      type: 'agent',
      name: 'Prepare',
      position: { x: 260, y: 120 },
      config: { provider: 'openai', model: 'gpt-4o-mini', prompt: 'PREP {{input.topic}}' },
    },
    {
      id: 'fast',
      type: 'agent',
      name: 'Summarize',
      position: { x: 540, y: 0 },
      config: { provider: 'openai', model: 'gpt-4o-mini', prompt: 'FAST {{input}}' },
    },
    {
      id: 'flaky',
      type: 'agent',
      name: 'Critique',
      position: { x: 540, y: 240 },
      retry: { maxAttempts: 2, initialDelayMs: 300, jitter: 'none' },
      config: { provider: 'openai', model: 'gpt-4o-mini', prompt: 'FLAKY {{input}}' },
    },
    { id: 'out', type: 'output', position: { x: 820, y: 120 } },
  ],
  connections: [
    { id: 'in-prep', sourceAgentId: 'in', targetAgentId: 'prep' },
    { id: 'prep-fast', sourceAgentId: 'prep', targetAgentId: 'fast' },
    { id: 'prep-flaky', sourceAgentId: 'prep', targetAgentId: 'flaky' },
    { id: 'fast-out', sourceAgentId: 'fast', targetAgentId: 'out' },
    { id: 'flaky-out', sourceAgentId: 'flaky', targetAgentId: 'out' },
  ],
};

const APPROVAL = {
  name: 'Refund approval',
  status: 'active',
  agents: [
    { id: 'in', type: 'input', position: { x: 0, y: 0 } },
    {
      id: 'review',
      type: 'human',
      name: 'Manager review',
      position: { x: 300, y: 0 },
      config: {
        prompt: 'Refund 40 EUR to Ada?',
        schema: {
          type: 'object',
          properties: { approved: { type: 'boolean' }, note: { type: 'string', title: 'Note' } },
          required: ['approved'],
        },
      },
    },
    { id: 'out', type: 'output', position: { x: 600, y: 0 } },
  ],
  connections: [
    { id: 'in-review', sourceAgentId: 'in', targetAgentId: 'review' },
    { id: 'review-out', sourceAgentId: 'review', targetAgentId: 'out' },
  ],
};

describe.runIf(enabled)('operations views (e2e, Chromium)', () => {
  let fake: FakeProviderServer;
  let server: RunningAgentFlow;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let api: ReturnType<typeof createAgentFlowClient>['api'];
  let parallelId = '';
  let approvalWorkflowId = '';
  let executionId = '';
  let flakyFailures = 0;
  const problems: string[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    fake = await startFakeOpenAI();
    fake.setDefault((request) => {
      const prompt = promptOf(request);
      const usage = { inputTokens: 20_000, outputTokens: 10_000 };
      if (prompt.startsWith('PREP')) return { text: `prepared: ${prompt.slice(5)}`, usage, delayMs: 150 };
      // Shorter than the flaky branch in every case (3 failed calls of 150 ms, the node's 300 ms backoff, 300 ms):
      // the critical path goes through the retried branch whatever the adapter's jittered backoff.
      if (prompt.startsWith('FAST')) return { text: `summary of ${prompt.slice(5)}`, usage, delayMs: 400 };
      if (prompt.startsWith('FLAKY')) {
        // The adapter tries 3 times: the whole first step attempt fails, the node's retry succeeds.
        if (flakyFailures < 3) {
          flakyFailures++;
          return { kind: 'error', status: 500, message: 'upstream exploded', retryAfterMs: 1, delayMs: 150 };
        }
        return { text: 'critique: fine', usage, delayMs: 300 };
      }
      return { text: 'ok', usage };
    });
    server = await startAgentFlow({
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: fake.baseURL,
      AGENTFLOW_EGRESS_ALLOW: '127.0.0.1',
    });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));

    const client = createAgentFlowClient({ baseUrl: server.url, cookies: 'memory' });
    api = client.api;
    unwrap(await api.POST('/api/v1/auth/register', { body: { email: EMAIL, password: PASSWORD } }));
    parallelId = unwrap(await api.POST('/api/v1/workflows', { body: PARALLEL as never })).id;
    approvalWorkflowId = unwrap(await api.POST('/api/v1/workflows', { body: APPROVAL as never })).id;
  }, 120_000);

  afterAll(async () => {
    if (problems.length > 0) process.stdout.write(`e2e browser problems:\n${problems.join('\n')}\n`);
    await browser?.close();
    await server?.close();
    await fake?.close();
  });

  const shot = async (name: string, target: Page = page) => {
    await target.screenshot({ path: join(OUTPUT, `${name}.png`), fullPage: true });
  };
  const prepCalls = () => fake.modelRequests().filter((r) => promptOf(r).startsWith('PREP')).length;

  async function waitForEnd(id: string) {
    await expect
      .poll(
        async () =>
          unwrap(await api.GET('/api/v1/executions/{id}', { params: { path: { id } } })).execution.status,
        { timeout: 30_000, interval: 250 },
      )
      .toMatch(/succeeded|failed|cancelled/);
  }

  it('lists a running execution live, then its detail shows overlapping branches, the retry and the critical path', async () => {
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/workflows$/);
    await page.getByRole('link', { name: 'Executions' }).click();
    await page.getByText('No executions yet').waitFor();
    await shot('ops-01-executions-empty-light');

    // Started elsewhere (the API): the open list shows it without a reload.
    executionId = unwrap(
      await api.POST('/api/v1/workflows/{id}/execute', {
        params: { path: { id: parallelId } },
        body: { input: { topic: 'tides' } },
      }),
    ).executionId;
    await page.getByTestId('execution-row').first().waitFor({ timeout: 10_000 });
    await waitForEnd(executionId);
    await page.locator('[data-testid="execution-row"][data-status="succeeded"]').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('execution-cost').first().textContent()).toMatch(/^\$0\.\d+/);
    await shot('ops-02-executions-light');

    // Filtered on the workflow (its monitor is open too), then on a status that matches nothing.
    await page.getByLabel('Workflow').selectOption(parallelId);
    await page.waitForURL(/workflow=/);
    await page.getByTestId('execution-row').first().waitFor();
    await page.getByLabel('Status').selectOption('failed');
    await page.getByText('No execution matches these filters.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByTestId('execution-row').first().click();
    await page.waitForURL(/\/executions\/[^/]+$/);
    await page.getByTestId('exec-node-out').waitFor();
    for (const node of ['in', 'prep', 'fast', 'flaky', 'out']) {
      expect(await page.getByTestId(`exec-node-${node}`).getAttribute('data-state')).toBe('succeeded');
    }
    expect(await page.getByTestId('exec-node-flaky').textContent()).toContain('2 attempts');

    const row = (agent: string) => page.locator(`[data-testid="timeline-row"][data-agent="${agent}"]`);
    const span = async (agent: string) => {
      const r = row(agent);
      return {
        start: Number(await r.getAttribute('data-start')),
        end: Number(await r.getAttribute('data-end')),
      };
    };
    const fast = await span('fast');
    const flaky = await span('flaky');
    const prep = await span('prep');
    // The branches overlap in time, and on screen.
    expect(fast.start < flaky.end && flaky.start < fast.end).toBe(true);
    expect(prep.end).toBeLessThanOrEqual(Math.min(fast.start, flaky.start) + 5);
    expect(
      Number(await page.getByTestId('timeline').getAttribute('data-concurrency')),
    ).toBeGreaterThanOrEqual(2);
    const fastBar = (await row('fast').locator('[data-testid="timeline-segment"]').first().boundingBox())!;
    const flakyBar = (await row('flaky').locator('[data-testid="timeline-segment"]').first().boundingBox())!;
    expect(fastBar.x < flakyBar.x + flakyBar.width && flakyBar.x < fastBar.x + fastBar.width).toBe(true);
    // The retry: a failed attempt, then a successful one.
    expect(await row('flaky').getAttribute('data-attempts')).toBe('2');
    expect(
      await row('flaky')
        .locator('[data-testid="timeline-segment"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind'))),
    ).toEqual(['failed-attempt', 'attempt']);
    // The critical path runs through the slower branch (the retried one: 3 provider attempts and a backoff).
    expect(await row('flaky').getAttribute('data-critical')).toBe('true');
    expect(await row('prep').getAttribute('data-critical')).toBe('true');
    expect(await row('fast').getAttribute('data-critical')).toBe('false');
    expect(await page.getByTestId('execution-cost').textContent()).toMatch(/^\$0\.\d+/);
    await shot('ops-03-detail-light');

    // The step: attempts and provider attempts.
    await row('flaky').getByRole('button').click();
    const panel = page.getByTestId('step-panel');
    await panel.getByTestId('attempts').waitFor();
    expect(await panel.getByTestId('attempts').locator('tbody tr').count()).toBe(2);
    const calls = panel.getByTestId('model-calls').locator('li');
    expect(await calls.count()).toBeGreaterThanOrEqual(2);
    expect(await panel.getByTestId('model-calls').textContent()).toContain('openai');
    expect(await panel.getByTestId('model-calls').textContent()).toContain('error');
    await shot('ops-04-step-light');
  }, 120_000);

  it('shows the messages that flowed along a connection, in order', async () => {
    await page.getByTestId('edge-prep-fast').click();
    const panel = page.getByTestId('messages-panel');
    // The panel opens at once and lists the messages once they are fetched: wait for them, then count.
    await panel.getByTestId('message').first().waitFor();
    expect(await panel.getByTestId('message').count()).toBe(1);
    const text = await panel.textContent();
    expect(text).toContain('prep → fast');
    expect(text).toContain('prepared: tides');
    await shot('ops-05-messages-light');
  }, 30_000);

  it('forks from the middle node with an edited input: the upstream node is not run again', async () => {
    const before = prepCalls();
    expect(before).toBe(1);
    await page.getByRole('button', { name: 'Fork from node…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Fork from a node' });
    await dialog.getByLabel('Node', { exact: true }).selectOption('fast');
    expect(await dialog.getByTestId('fork-plan').textContent()).toBe(
      'Reused (not run again): in, prep, flaky. Runs: fast, out.',
    );
    await dialog.getByLabel("Edit the node's input").check();
    await dialog.getByLabel('Input of the node (JSON)').fill('"prepared: volcanoes"');
    await shot('ops-06-fork-dialog-light');
    await dialog.getByRole('button', { name: 'Fork' }).click();
    await page.waitForURL(
      (url) => !url.pathname.endsWith(executionId) && /\/executions\/[^/]+$/.test(url.pathname),
    );
    const forkId = page.url().split('/').pop()!;
    await waitForEnd(forkId);
    const fork = unwrap(await api.GET('/api/v1/executions/{id}', { params: { path: { id: forkId } } }));
    expect(fork.execution.status).toBe('succeeded');
    expect(fork.execution.forkedFrom).toEqual({ executionId, nodeId: 'fast' });
    expect(prepCalls()).toBe(before);
    expect(JSON.stringify(fork.execution.output)).toContain('summary of prepared: volcanoes');
    await page.getByText(/forked at/).waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="exec-node-out"][data-state="succeeded"]').waitFor({ timeout: 10_000 });
    // Reused steps are marked as such, off the fork's time axis.
    for (const node of ['in', 'prep', 'flaky']) {
      expect(await page.getByTestId(`exec-node-${node}`).getAttribute('data-state')).toBe('reused');
    }
    expect(await page.getByTestId('exec-node-fast').getAttribute('data-state')).toBe('succeeded');
    const prepRow = page.locator('[data-testid="timeline-row"][data-agent="prep"]');
    expect(await prepRow.locator('[data-testid="timeline-segment"]').count()).toBe(0);
    expect(await prepRow.getAttribute('data-critical')).toBe('false');
    await shot('ops-07-fork-light');
  }, 60_000);

  it('answers an approval from the inbox', async () => {
    const waiting = unwrap(
      await api.POST('/api/v1/workflows/{id}/execute', {
        params: { path: { id: approvalWorkflowId } },
        body: { input: { amount: 40 } },
      }),
    ).executionId;
    await expect
      .poll(
        async () =>
          unwrap(await api.GET('/api/v1/executions/{id}', { params: { path: { id: waiting } } })).execution
            .status,
        { timeout: 15_000 },
      )
      .toBe('paused');
    await page.getByRole('link', { name: 'Approvals' }).click();
    const card = page.getByRole('region', { name: /Approval Refund approval/ });
    await card.waitFor({ timeout: 10_000 });
    await card.getByText('Refund 40 EUR to Ada?').waitFor();
    expect(await card.getByTestId('waiting-time').textContent()).toMatch(/^waiting \d/);
    // A viewer sees the same inbox read-only (and the API would refuse the answer).
    const viewerApi = createAgentFlowClient({ baseUrl: server.url, cookies: 'memory' }).api;
    unwrap(
      await viewerApi.POST('/api/v1/auth/register', {
        body: { email: 'viewer@example.test', password: PASSWORD },
      }),
    );
    const invitation = unwrap(
      await api.POST('/api/v1/members', { body: { email: 'viewer@example.test', role: 'viewer' } }),
    );
    unwrap(await viewerApi.POST('/api/v1/invitations/accept', { body: { token: invitation.token! } }));
    const viewerContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    try {
      const viewer = await viewerContext.newPage();
      viewer.on('console', (m) => {
        if (m.type() === 'error') problems.push(`viewer console: ${m.text()}`);
      });
      await viewer.goto(`${server.url}/login`);
      await viewer.getByLabel('Email').fill('viewer@example.test');
      await viewer.getByLabel('Password').fill(PASSWORD);
      await viewer.getByRole('button', { name: 'Sign in' }).click();
      await viewer.waitForURL(/\/workflows$/);
      await viewer.getByRole('button', { name: /Account and workspace/ }).click();
      await viewer.getByRole('menuitem', { name: /operator's workspace/ }).click();
      await viewer.getByRole('button', { name: /Account and workspace: operator's workspace/ }).waitFor();
      await viewer.goto(`${server.url}/approvals`);
      const seenByViewer = viewer.getByRole('region', { name: /Approval Refund approval/ });
      await seenByViewer.waitFor({ timeout: 10_000 });
      await viewer.getByText(/can see what waits but not answer it/).waitFor();
      expect(await seenByViewer.getByRole('button', { name: 'Approve' }).count()).toBe(0);
      expect(await seenByViewer.getByLabel('Note').isDisabled()).toBe(true);
      await viewer.screenshot({ path: join(OUTPUT, 'ops-08b-approvals-viewer-1024.png') });
    } finally {
      await viewerContext.close();
    }

    await card.getByLabel('Note').fill('ok by me');
    await shot('ops-08-approvals-light');
    await card.getByRole('button', { name: 'Approve' }).click();
    await card.getByText('Approved.').waitFor();
    await waitForEnd(waiting);
    const done = unwrap(await api.GET('/api/v1/executions/{id}', { params: { path: { id: waiting } } }));
    expect(done.execution.status).toBe('succeeded');
    expect(JSON.stringify(done.execution.output)).toContain('"approved":true');
    await expect
      .poll(() => page.getByTestId('approvals-count').textContent(), { timeout: 15_000 })
      .toBe('0 waiting');
  }, 60_000);

  it('shows the counts and cost of the executions just run on the dashboard', async () => {
    const listed = unwrap(await api.GET('/api/v1/executions', { params: { query: { limit: 100 } } })).items;
    const cost = listed.reduce((sum, e) => sum + e.usage.costUsd, 0);
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await expect
      .poll(() => page.getByTestId('kpi-executions').textContent(), { timeout: 15_000 })
      .toBe(String(listed.length));
    expect(await page.getByTestId('kpi-success').textContent()).toBe('100%');
    expect(cost).toBeGreaterThan(0);
    const shown = (await page.getByTestId('kpi-cost').textContent())!;
    expect(Number(shown.replace('$', ''))).toBeCloseTo(cost, cost < 0.01 ? 4 : 2);
    await expect.poll(() => page.getByTestId('kpi-today').textContent(), { timeout: 10_000 }).toBe(shown);
    await page.getByTestId('table-providers').getByText('openai').waitFor();
    await page.getByTestId('chart-executions').locator('canvas').waitFor();
    await shot('ops-09-dashboard-light');
  }, 60_000);

  it('says what started each execution: a webhook by its name, the API as manual', async () => {
    const { trigger: hook } = unwrap(
      await api.POST('/api/v1/workflows/{id}/triggers', {
        params: { path: { id: parallelId } },
        body: { kind: 'webhook', name: 'Inbound ticket', config: { mode: 'async' } },
      }),
    );
    const response = await fetch(`${server.url}/hooks/${hook.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ topic: 'hooks' }),
    });
    expect(response.status).toBe(202);
    const { executionId: hooked } = (await response.json()) as { executionId: string };
    await page.getByRole('link', { name: 'Executions' }).click();
    const row = page.locator('[data-testid="execution-row"]').filter({ hasText: hooked.slice(0, 12) });
    await expect
      .poll(() => row.getByTestId('execution-trigger').textContent(), { timeout: 15_000 })
      .toBe('WebhookInbound ticket');
    const manual = page
      .locator('[data-testid="execution-row"]')
      .filter({ hasText: executionId.slice(0, 12) });
    expect(await manual.getByTestId('execution-trigger').textContent()).toBe('Manual / API');
    await shot('ops-09b-executions-trigger-light');
    await waitForEnd(hooked);
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByTestId('kpi-executions').waitFor();
  }, 60_000);

  it('looks right in the dark theme and at 1024 px, with no console error', async () => {
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await page.waitForTimeout(300);
    await shot('ops-10-dashboard-dark');
    await page.goto(`${server.url}/executions/${executionId}`);
    await page.getByTestId('exec-node-out').waitFor();
    await shot('ops-11-detail-dark');
    await page.getByRole('tab', { name: /Logs/ }).click();
    await page.getByTestId('log-viewer').waitFor();
    await shot('ops-12-logs-dark');
    await page.goto(`${server.url}/executions`);
    await page.getByTestId('execution-row').first().waitFor();
    await shot('ops-13-executions-dark');
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`${server.url}/executions/${executionId}`);
    await page.getByTestId('exec-node-out').waitFor();
    await shot('ops-14-detail-dark-1024');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    await page.goto(`${server.url}/approvals`);
    await page.getByTestId('approvals-count').getByText('0 waiting').waitFor();
    await shot('ops-15-approvals-empty-1024');
    expect(problems).toEqual([]);
  }, 60_000);

  it('passes axe-core on every operations page (no serious or critical violation), light and dark', async () => {
    const axeContext = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const a11y = await axeContext.newPage();
    a11y.on('pageerror', (e) => problems.push(`axe page error: ${e.message}`));
    const seen = async (testId: string) => {
      try {
        await a11y.getByTestId(testId).first().waitFor({ timeout: 15_000 });
      } catch (error) {
        const text = (await a11y.locator('body').textContent())?.slice(0, 600);
        throw new Error(`${(error as Error).message}\npage: ${a11y.url()}\n${text}`);
      }
    };
    const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
    const violations: string[] = [];
    const check = async (label: string) => {
      await a11y.addScriptTag({ path: axePath });
      const found = await a11y.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run(): Promise<{
                violations: { id: string; impact?: string; nodes: { target: unknown[] }[] }[];
              }>;
            };
          }
        ).axe;
        const result = await axe.run();
        return result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
      });
      violations.push(...found.map((f) => `${label}: ${f}`));
    };
    try {
      await a11y.goto(`${server.url}/login`);
      await a11y.getByLabel('Email').fill(EMAIL);
      await a11y.getByLabel('Password').fill(PASSWORD);
      await a11y.getByRole('button', { name: 'Sign in' }).click();
      await a11y.waitForURL(/\/workflows$/);
      for (const theme of ['light', 'dark'] as const) {
        if (theme === 'dark') {
          await a11y.getByRole('button', { name: 'Switch to dark theme' }).click();
          await a11y.waitForTimeout(300);
        }
        await a11y.goto(`${server.url}/executions`);
        await seen('execution-row');
        await check(`executions (${theme})`);
        await a11y.goto(`${server.url}/executions/${executionId}`);
        await seen('exec-node-out');
        await check(`detail (${theme})`);
        await a11y.getByTestId('edge-prep-fast').click();
        await a11y.getByTestId('messages-panel').waitFor();
        await check(`messages (${theme})`);
        await a11y.getByRole('tab', { name: /Logs/ }).click();
        await a11y.getByTestId('log-viewer').waitFor();
        await check(`logs (${theme})`);
        await a11y.goto(`${server.url}/approvals`);
        await a11y.getByTestId('approvals-count').getByText('waiting').waitFor();
        await check(`approvals (${theme})`);
        await a11y.goto(`${server.url}/dashboard`);
        await a11y.getByTestId('kpi-executions').getByText(/\d/).waitFor();
        await check(`dashboard (${theme})`);
      }
    } finally {
      await axeContext.close();
    }
    expect(violations).toEqual([]);
  }, 120_000);
});
