/**
 * The designer end to end, in Debian's Chromium against a real `agentflow start`: register, build
 * input -> agent -> output by dragging from the palette and connecting handles, configure the agent in the
 * properties panel, save (version 2), run, watch the nodes turn succeeded live, read the output; an invalid
 * CEL condition is flagged on its edge and field. Screenshots (light and dark) go to test-output/e2e.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createAgentFlowClient, unwrap } from '@agentflow/client';
import { type FakeProviderServer, startFakeOpenAI } from '@agentflow/testing';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
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

describe.runIf(enabled)('web designer (e2e, Chromium)', () => {
  let fake: FakeProviderServer;
  let server: RunningAgentFlow;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    fake = await startFakeOpenAI();
    fake.setDefault({ text: 'Hello, Ada!', delayMs: 600 });
    server = await startAgentFlow({
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: fake.baseURL,
      AGENTFLOW_EGRESS_ALLOW: '127.0.0.1',
    });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  }, 120_000);

  afterAll(async () => {
    if (problems.length > 0) process.stdout.write(`e2e browser problems:\n${problems.join('\n')}\n`);
    await browser?.close();
    await server?.close();
    await fake?.close();
  });

  const shot = async (name: string) => {
    await page.screenshot({ path: join(OUTPUT, `${name}.png`) });
  };
  const handle = (node: string, id: string): Locator =>
    page.locator(`[data-testid="node-${node}"] .react-flow__handle[data-handleid="${id}"]`);
  async function connect(from: Locator, to: Locator) {
    const a = (await from.boundingBox())!;
    const b = (await to.boundingBox())!;
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
    await page.mouse.up();
  }

  it('registers, builds, configures, saves, runs and shows the output', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login$/);
    await shot('01-login-light');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Email').fill('designer@example.test');
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/workflows$/);
    await page.getByRole('heading', { name: 'Workflows' }).waitFor();
    await page.getByText('No workflows yet: create one or import a JSON file.').waitFor();
    await shot('02-workflows-empty-light');
    await page.getByRole('button', { name: 'New workflow' }).click();
    await page.waitForURL(/\/workflows\/[^/]+$/);
    await page.getByTestId('node-input').waitFor();
    await expect.poll(() => page.getByTestId('version').textContent()).toBe('v1');

    // Drag an agent from the palette onto the canvas, between input and output.
    const canvas = page.locator('.react-flow__pane');
    const box = (await canvas.boundingBox())!;
    await page.getByTestId('palette-agent').dragTo(canvas, {
      targetPosition: { x: box.width / 2, y: box.height / 2 + 120 },
    });
    await page.getByTestId('node-agent').waitFor();
    await connect(handle('input', 'out'), handle('agent', 'in'));
    await connect(handle('agent', 'out'), handle('output', 'in'));
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);

    // Configure the agent in the properties panel (the form generated from its JSON Schema).
    await page.getByTestId('node-agent').click();
    const panel = page.getByRole('complementary', { name: 'Properties' });
    await panel.getByLabel('Provider').selectOption('openai');
    expect(await panel.getByLabel('Provider').locator('option:checked').textContent()).toContain(
      'configured',
    );
    await panel.getByLabel('Model').fill('gpt-test');
    await panel.locator('#cfg-agent_prompt').fill('Greet {{input.name}}');
    await expect
      .poll(() => page.getByTestId('problem-count').textContent(), { timeout: 10_000 })
      .toBe('Valid');
    await shot('02-designer-light');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByTestId('version').textContent()).toBe('v2');

    await page.getByRole('button', { name: '▶ Run' }).click();
    const dialog = page.getByRole('dialog', { name: 'Run workflow' });
    await dialog.locator('textarea').fill('{"name":"Ada"}');
    await dialog.getByRole('button', { name: 'Run' }).click();
    // Live: the agent is seen running (the fake provider answers after 600 ms), then succeeded.
    await page.locator('[data-testid="node-agent"][data-status="running"]').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="node-output"][data-status="succeeded"]').waitFor({ timeout: 15_000 });
    for (const node of ['input', 'agent', 'output']) {
      expect(await page.getByTestId(`node-${node}`).getAttribute('data-status')).toBe('succeeded');
    }
    await expect.poll(() => page.getByTestId('run-status').textContent()).toBe('succeeded');
    expect(await page.getByTestId('json-viewer').first().textContent()).toContain('Hello, Ada!');
    await shot('03-run-succeeded-light');
    expect(fake.modelRequests().length).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('flags an invalid CEL condition on its edge and its field', async () => {
    await page.locator('.react-flow__edge').first().click({ force: true });
    const condition = page.getByLabel('Condition (CEL)');
    await condition.fill('output.name ==');
    await page.getByTestId('edge-issue').first().waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('edge-issue').first().textContent()).toMatch(/AF_/);
    expect(await page.locator('[data-testid^="edge-label-"]').first().textContent()).toMatch(/AF_/);
    await shot('04-invalid-condition-light');
    await condition.fill('');
    await expect
      .poll(() => page.getByTestId('problem-count').textContent(), { timeout: 10_000 })
      .toBe('Valid');
  }, 60_000);

  it('lists versions and restores one', async () => {
    await page.getByTestId('version').click();
    const dialog = page.getByRole('dialog', { name: 'Versions' });
    await dialog.getByText('v1', { exact: true }).waitFor();
    await dialog.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(() => page.getByTestId('version').textContent()).toBe('v3');
    // Version 1 had no agent node.
    await expect.poll(() => page.getByTestId('node-agent').count()).toBe(0);
  }, 60_000);

  it('pauses at a human node, catches up after a reload, and is approved from the canvas', async () => {
    await page.goto(`${server.url}/workflows`);
    const approval = {
      name: 'Approval flow',
      agents: [
        { id: 'in', type: 'input', position: { x: 0, y: 0 } },
        {
          id: 'review',
          type: 'human',
          position: { x: 300, y: 0 },
          config: {
            prompt: 'Ship it?',
            schema: { type: 'object', properties: { approved: { type: 'boolean' } }, required: ['approved'] },
          },
        },
        { id: 'out', type: 'output', position: { x: 600, y: 0 } },
      ],
      connections: [
        { id: 'in-review', sourceAgentId: 'in', targetAgentId: 'review' },
        { id: 'review-out', sourceAgentId: 'review', targetAgentId: 'out' },
      ],
    };
    await page.getByLabel('Import a workflow JSON file').setInputFiles({
      name: 'approval.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(approval)),
    });
    await page.getByTestId('node-review').waitFor();
    await page.getByRole('button', { name: '▶ Run' }).click();
    const dialog = page.getByRole('dialog', { name: 'Run workflow' });
    await dialog.getByRole('button', { name: 'Run' }).click();
    await page.locator('[data-testid="node-review"][data-status="waiting"]').waitFor({ timeout: 15_000 });
    // Reload in the middle of the run: the monitor replays the execution and the canvas catches up.
    await page.reload();
    await page.locator('[data-testid="node-in"][data-status="succeeded"]').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="node-review"][data-status="waiting"]').waitFor({ timeout: 15_000 });
    const form = page.getByRole('region', { name: 'Approval for review' });
    await form.getByText('Ship it?').waitFor();
    await shot('05-approval-waiting-light');
    await form.getByRole('checkbox').check();
    await form.getByRole('button', { name: 'Approve' }).click();
    await page.locator('[data-testid="node-out"][data-status="succeeded"]').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('run-status').textContent()).toBe('succeeded');
    expect(await page.getByTestId('json-viewer').first().textContent()).toContain('"approved": true');
  }, 60_000);

  it('shows a viewer the canvas read-only (after switching workspace), and the API refuses a forced save', async () => {
    const password = 'correct horse battery staple';
    const viewerApi = createAgentFlowClient({ baseUrl: server.url, cookies: 'memory' });
    unwrap(
      await viewerApi.api.POST('/api/v1/auth/register', { body: { email: 'viewer@example.test', password } }),
    );
    const ownerApi = createAgentFlowClient({ baseUrl: server.url, cookies: 'memory' });
    unwrap(
      await ownerApi.api.POST('/api/v1/auth/login', { body: { email: 'designer@example.test', password } }),
    );
    const invitation = unwrap(
      await ownerApi.api.POST('/api/v1/members', { body: { email: 'viewer@example.test', role: 'viewer' } }),
    );
    expect(invitation.token).toBeTruthy();
    unwrap(await viewerApi.api.POST('/api/v1/invitations/accept', { body: { token: invitation.token! } }));

    const viewerContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const viewer = await viewerContext.newPage();
    viewer.on('console', (m) => {
      if (m.type() === 'error') problems.push(`viewer console: ${m.text()}`);
    });
    try {
      await viewer.goto(`${server.url}/login`);
      await viewer.getByLabel('Email').fill('viewer@example.test');
      await viewer.getByLabel('Password').fill(password);
      await viewer.getByRole('button', { name: 'Sign in' }).click();
      await viewer.waitForURL(/\/workflows$/);
      await viewer.getByRole('button', { name: /Account and workspace/ }).click();
      await viewer.getByRole('menuitem', { name: /designer's workspace/ }).click();
      await viewer.getByRole('link', { name: 'Untitled workflow' }).click();
      await viewer.getByTestId('node-input').waitFor();
      await viewer.getByText('Read-only').waitFor();
      // At 1024 px the header's badges stay on one line each (the Read-only badge wrapped into two).
      const readOnlyBadge = (await viewer.getByText('Read-only').boundingBox())!;
      const versionBadge = (await viewer.getByTestId('version').boundingBox())!;
      expect(readOnlyBadge.height).toBeLessThanOrEqual(versionBadge.height + 2);
      // ...and the account menu stays inside the window (the workspace name is cut short instead).
      const account = (await viewer.getByRole('button', { name: /Account and workspace/ }).boundingBox())!;
      expect(account.x + account.width).toBeLessThanOrEqual(1024);
      // Every main link shows without scrolling, and the designer's toolbar keeps to one line ending in the
      // window (its less frequent actions are in the "More actions" menu).
      const nav = await viewer
        .getByRole('navigation', { name: 'Main' })
        .evaluate((n) => ({ scroll: n.scrollWidth, client: n.clientWidth }));
      expect(nav.scroll).toBeLessThanOrEqual(nav.client);
      const more = (await viewer.getByRole('button', { name: 'More actions' }).boundingBox())!;
      const name = (await viewer.getByLabel('Workflow name').boundingBox())!;
      expect(more.x + more.width).toBeLessThanOrEqual(1024);
      expect(Math.abs(more.y + more.height / 2 - (name.y + name.height / 2))).toBeLessThan(4);
      expect(await viewer.getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);
      expect(await viewer.getByTestId('palette-agent').isDisabled()).toBe(true);
      // The workflow's description and status read as text, not as fields that look editable.
      expect(await viewer.locator('#wf-description, #wf-status').count()).toBe(0);
      expect(await viewer.getByTestId('workflow-status').textContent()).toBe('draft');
      await viewer.screenshot({ path: join(OUTPUT, '08-viewer-read-only-1024.png') });
      const forced = await viewer.evaluate(async () => {
        const id = location.pathname.split('/').pop()!;
        const csrf = /af_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
        const res = await fetch(`/api/v1/workflows/${id}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) },
          body: JSON.stringify({ name: 'hijacked', agents: [{ id: 'in', type: 'input' }], connections: [] }),
        });
        return {
          status: res.status,
          code: ((await res.json()) as { error?: { code?: string } }).error?.code,
        };
      });
      expect(forced).toEqual({ status: 403, code: 'AF_FORBIDDEN' });
    } finally {
      await viewerContext.close();
    }
    // The forced save's refusal logged a 403 in the viewer's console: expected, not an app error.
    const index = problems.findIndex((p) => p.startsWith('viewer console:') && p.includes('403'));
    if (index >= 0) problems.splice(index, 1);
  }, 60_000);

  it('passes axe-core on every page (no serious or critical violation), light and dark', async () => {
    // axe is injected as a script, which the page's CSP rightly refuses: this context alone bypasses it.
    const axeContext = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });
    const a11y = await axeContext.newPage();
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
      await a11y.getByRole('button', { name: 'Sign in' }).waitFor();
      await check('login');
      await a11y.getByLabel('Email').fill('designer@example.test');
      await a11y.getByLabel('Password').fill('correct horse battery staple');
      await a11y.getByRole('button', { name: 'Sign in' }).click();
      await a11y.getByRole('link', { name: 'Untitled workflow' }).waitFor();
      await check('workflows');
      await a11y.getByRole('link', { name: 'Untitled workflow' }).click();
      await a11y.getByTestId('node-input').waitFor();
      await check('designer');
      await a11y.getByRole('button', { name: 'Switch to dark theme' }).click();
      await a11y.waitForTimeout(400);
      await check('designer (dark)');
      await a11y.goto(`${server.url}/workflows`);
      await a11y.getByRole('link', { name: 'Untitled workflow' }).waitFor();
      await check('workflows (dark)');
    } finally {
      await axeContext.close();
    }
    expect(violations).toEqual([]);
  }, 90_000);

  it('looks right in the dark theme too, with no console error anywhere', async () => {
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await page.waitForTimeout(400); // colour transitions end
    await shot('05-designer-dark');
    await page.getByRole('button', { name: 'More actions' }).click();
    await shot('06a-more-actions-dark');
    await page.getByRole('menuitem', { name: /Keyboard shortcuts/ }).click();
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await shot('06-shortcuts-dark');
    await page.keyboard.press('Escape');
    await page.goto(`${server.url}/workflows`);
    await page.getByRole('link', { name: 'Untitled workflow' }).waitFor();
    await shot('07-list-dark');
    expect(problems).toEqual([]);
  }, 60_000);

  it('searches, filters, duplicates, exports and deletes (confirmed) in the list; cancels a run; signs out', async () => {
    const link = (name: string) => page.getByRole('link', { name, exact: true });
    await page.goto(`${server.url}/workflows`);
    await link('Approval flow').waitFor();
    const search = page.getByLabel('Search workflows');
    await search.fill('APPROVAL');
    await expect.poll(() => link('Untitled workflow').count()).toBe(0);
    expect(await link('Approval flow').count()).toBe(1);
    await search.fill('no such workflow');
    await page.getByText('No workflow matches.').waitFor();
    await search.fill('');

    // The status filter asks the server: nothing is archived; the starter is a draft.
    const status = page.getByLabel('Status', { exact: true });
    await status.selectOption('archived');
    await page.getByText('No workflow matches.').waitFor();
    await status.selectOption('draft');
    await link('Untitled workflow').waitFor();
    for (const badge of await page.locator('tbody tr td:nth-child(2)').allTextContents()) {
      expect(badge).toBe('draft');
    }
    await status.selectOption('all');

    // Duplicate, then export the copy: the file is the definition without the server's ids.
    await page.getByRole('button', { name: 'Duplicate Approval flow', exact: true }).click();
    await page.getByText('Duplicated as “Approval flow (copy)”.').waitFor();
    await link('Approval flow (copy)').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export Approval flow (copy)', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Approval-flow-copy.json');
    const { readFile } = await import('node:fs/promises');
    const exported = JSON.parse(await readFile((await download.path())!, 'utf8')) as Record<string, unknown>;
    expect(exported.name).toBe('Approval flow (copy)');
    expect(exported).not.toHaveProperty('id');
    expect((exported.agents as { id: string }[]).map((a) => a.id)).toEqual(['in', 'review', 'out']);

    // Delete asks first: cancelling keeps the workflow, confirming deletes it.
    await page.getByRole('button', { name: 'Delete Approval flow (copy)', exact: true }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete “Approval flow (copy)”?' });
    await confirm.waitFor();
    await shot('09-delete-confirm-dark');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(await link('Approval flow (copy)').count()).toBe(1);
    await page.getByRole('button', { name: 'Delete Approval flow (copy)', exact: true }).click();
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => link('Approval flow (copy)').count()).toBe(0);
    await page.reload();
    await link('Approval flow').waitFor();
    expect(await link('Approval flow (copy)').count()).toBe(0);

    // Cancel from the canvas: the model call hangs until the run is cancelled.
    fake.setDefault({ kind: 'hang' });
    try {
      await page.getByLabel('Import a workflow JSON file').setInputFiles({
        name: 'slow.json',
        mimeType: 'application/json',
        buffer: Buffer.from(
          JSON.stringify({
            name: 'Slow agent',
            agents: [
              { id: 'in', type: 'input', position: { x: 0, y: 0 } },
              {
                id: 'slow',
                type: 'agent',
                position: { x: 300, y: 0 },
                config: { provider: 'openai', model: 'gpt-test', prompt: 'Take your time' },
              },
              { id: 'out', type: 'output', position: { x: 600, y: 0 } },
            ],
            connections: [
              { id: 'in-slow', sourceAgentId: 'in', targetAgentId: 'slow' },
              { id: 'slow-out', sourceAgentId: 'slow', targetAgentId: 'out' },
            ],
          }),
        ),
      });
      await page.getByTestId('node-slow').waitFor();
      await page.getByRole('button', { name: '▶ Run' }).click();
      await page.getByRole('dialog', { name: 'Run workflow' }).getByRole('button', { name: 'Run' }).click();
      await page.locator('[data-testid="node-slow"][data-status="running"]').waitFor({ timeout: 15_000 });
      await page.getByRole('button', { name: 'Cancel run' }).click();
      await expect
        .poll(() => page.getByTestId('run-status').textContent(), { timeout: 15_000 })
        .toBe('cancelled');
      expect(await page.getByTestId('node-slow').getAttribute('data-status')).not.toBe('running');
      expect(await page.getByTestId('node-out').getAttribute('data-status')).not.toBe('succeeded');
      await shot('10-run-cancelled-dark');
    } finally {
      fake.setDefault({ text: 'Hello, Ada!', delayMs: 600 });
    }

    // Sign out: back to the sign-in page, and the session is gone.
    await page.getByRole('button', { name: /Account and workspace/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login$/);
    await page.goto(`${server.url}/workflows`);
    await page.waitForURL(/\/login$/);
    expect(problems).toEqual([]);
  }, 120_000);
});
