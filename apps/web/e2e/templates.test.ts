/**
 * The templates marketplace end to end, in Debian's Chromium against a real `agentflow start`: browse the
 * built-in gallery, filter by category, search (debounced, in the URL), sort; open a template (its graph drawn
 * by the designer's canvas), rate it; install it (credential "none": offline) and land on the canvas; run it
 * with its sample input while the fake OpenAI server answers from the template's own scripted-provider script;
 * read the output. Then publish the canvas as a template (public refused for a non-admin, workspace accepted) and
 * drop an agent template from the palette's agent library. Screenshots of each view (light and dark) go to
 * AGENTFLOW_SHOTS (default test-output/e2e/templates); axe-core on the gallery and the detail.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createAgentFlowClient, unwrap } from '@agentflow/client';
import {
  type FakeProviderServer,
  type FakeStep,
  type RecordedRequest,
  startFakeOpenAI,
} from '@agentflow/testing';
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
/** Polls wait for the page (vitest's 1 s default is short on a loaded machine). */
const WAIT = { timeout: 15_000 };
const SHOTS = process.env.AGENTFLOW_SHOTS ?? join(OUTPUT, 'templates');

/** A template's scripted-provider script (the subset the gallery uses), answered over the OpenAI wire format. */
interface Script {
  rules?: {
    when: { systemIncludes?: string; lastUserIncludes?: string; model?: string };
    reply: unknown;
    times?: number;
  }[];
  replies?: unknown[];
  fallback?: unknown;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content))
    return content
      .map((p) => (typeof p === 'string' ? p : String((p as { text?: unknown }).text ?? '')))
      .join('');
  return '';
}

/** Answers a chat request as the scripted provider would with `script` (first matching rule, then replies). */
function scriptedAnswer(script: Script): (request: RecordedRequest) => FakeStep {
  const used = new Map<number, number>();
  const replies = [...(script.replies ?? [])];
  const toStep = (reply: unknown): FakeStep => {
    if (typeof reply === 'string') return { text: reply, delayMs: 150 };
    const r = reply as { text?: string; object?: unknown };
    return r.object !== undefined ? { json: r.object, delayMs: 150 } : { text: r.text ?? '', delayMs: 150 };
  };
  return (request) => {
    const body = request.body as { model?: string; messages?: { role: string; content: unknown }[] };
    const messages = body.messages ?? [];
    const system = messages
      .filter((m) => m.role === 'system' || m.role === 'developer')
      .map((m) => textOf(m.content))
      .join('\n');
    const lastUser = textOf(messages.filter((m) => m.role === 'user').at(-1)?.content);
    for (const [i, rule] of (script.rules ?? []).entries()) {
      if (rule.times !== undefined && (used.get(i) ?? 0) >= rule.times) continue;
      const w = rule.when;
      if (w.systemIncludes !== undefined && !system.includes(w.systemIncludes)) continue;
      if (w.lastUserIncludes !== undefined && !lastUser.includes(w.lastUserIncludes)) continue;
      if (w.model !== undefined && body.model !== w.model) continue;
      used.set(i, (used.get(i) ?? 0) + 1);
      return toStep(rule.reply);
    }
    if (replies.length > 0) return toStep(replies.shift());
    if (script.fallback !== undefined) return toStep(script.fallback);
    return { kind: 'error', status: 500, message: 'the script has no reply left' };
  };
}

describe.runIf(enabled)('templates marketplace (e2e, Chromium)', () => {
  let fake: FakeProviderServer;
  let server: RunningAgentFlow;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    mkdirSync(SHOTS, { recursive: true });
    fake = await startFakeOpenAI();
    fake.setDefault({ text: 'unscripted', delayMs: 100 });
    server = await startAgentFlow({
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: fake.baseURL,
      AGENTFLOW_EGRESS_ALLOW: '127.0.0.1',
    });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
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

  const setTheme = async (theme: 'light' | 'dark') => {
    const label = theme === 'dark' ? 'Switch to dark theme' : 'Switch to light theme';
    const toggle = page.getByRole('button', { name: label });
    if ((await toggle.count()) > 0) await toggle.click();
    // Under a modal dialog the header's toggle is inert: switch the class the theme sets directly.
    else
      await page.evaluate((t) => {
        localStorage.setItem('agentflow.theme', t);
        document.documentElement.classList.toggle('dark', t === 'dark');
      }, theme);
    await expect
      .poll(() => page.evaluate(() => document.documentElement.classList.contains('dark')), WAIT)
      .toBe(theme === 'dark');
  };
  /** The view in both themes (back to light after). */
  const shots = async (name: string) => {
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(SHOTS, `${name}-light.png`) });
    await setTheme('dark');
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(SHOTS, `${name}-dark.png`) });
    await setTheme('light');
  };
  const cards = () => page.locator('[data-testid^="template-card-"]');

  it('browses the gallery, filters by category, searches and sorts (all in the URL)', async () => {
    await page.goto(`${server.url}/register`);
    await page.getByLabel('Email').fill('gallery@example.test');
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/workflows$/);
    await page.evaluate(() => localStorage.setItem('agentflow.theme', 'light'));

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Templates' }).click();
    await page.waitForURL(/\/templates$/);
    await page.getByRole('heading', { name: 'Templates' }).waitFor();
    await expect.poll(() => cards().count(), WAIT).toBeGreaterThanOrEqual(12);
    const research = page.getByTestId('template-card-gallery-research-team');
    expect(await research.textContent()).toContain('Built-in');
    expect(await research.textContent()).toContain('Workflow');
    await shots('01-gallery');

    // Category chip: only that category's templates, and the chip is pressed.
    const categories = page.getByRole('group', { name: 'Categories' });
    await categories.getByRole('button', { name: /^Research/ }).click();
    await page.waitForURL(/category=research/);
    await expect
      .poll(async () => {
        const texts = await cards().allTextContents();
        return texts.length > 0 && texts.every((t) => t.includes('Research'));
      }, WAIT)
      .toBe(true);
    expect(await cards().count()).toBeGreaterThanOrEqual(1);
    expect(await categories.getByRole('button', { name: /^Research/ }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await categories.getByRole('button', { name: /^All/ }).click();
    await expect.poll(() => page.url(), WAIT).not.toContain('category=');

    // Search: debounced into the URL; the API searches names, descriptions and tags.
    await page.getByRole('searchbox', { name: 'Search templates' }).fill('heat');
    await page.getByRole('searchbox', { name: 'Search templates' }).fill('specialists');
    await page.waitForURL(/q=specialists/);
    await expect.poll(() => cards().count(), WAIT).toBe(1);
    expect(await cards().first().getAttribute('data-testid')).toBe('template-card-gallery-research-team');
    await page.getByRole('searchbox', { name: 'Search templates' }).fill('no template has this');
    await page.getByText('No template matches these filters.').waitFor();
    await shots('02-gallery-empty');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => cards().count(), WAIT).toBeGreaterThanOrEqual(12);
    expect(new URL(page.url()).search).toBe('');

    // Sort and kind are in the URL too (a reload keeps them).
    await page.getByLabel('Sort').selectOption('new');
    await page.getByLabel('Kind').selectOption('agent');
    await page.waitForURL(/kind=agent/);
    expect(page.url()).toContain('sort=new');
    // Every card shown is an agent (polled as a whole: the list settles after the filter's request).
    const onlyAgents = async () => {
      const texts = await cards().allTextContents();
      return texts.length >= 2 && texts.every((text) => text.includes('Agent'));
    };
    await expect.poll(onlyAgents, WAIT).toBe(true);
    await page.reload();
    expect(new URL(page.url()).search).toBe('?kind=agent&sort=new');
    await expect.poll(onlyAgents, WAIT).toBe(true);
    expect(await page.getByLabel('Kind').inputValue()).toBe('agent');
    await shots('03-gallery-agents');
    // A narrower window: the filters wrap, the cards reflow to fewer columns.
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByLabel('Kind').selectOption('');
    await expect.poll(() => cards().count(), WAIT).toBeGreaterThanOrEqual(12);
    await shots('03b-gallery-1024');
    await page.setViewportSize({ width: 1440, height: 900 });
  }, 120_000);

  it('opens a template: its graph, credentials, versions; rates and reviews it', async () => {
    await page.goto(`${server.url}/templates`);
    await page.getByTestId('template-card-gallery-research-team').click();
    await page.waitForURL(/\/templates\/gallery-research-team$/);
    await page.getByRole('heading', { name: 'Research team', level: 1 }).waitFor();
    // The designer's own node rendering, read-only, every node of the workflow.
    const graph = page.getByTestId('template-graph');
    for (const node of ['in', 'topic', 'economist', 'historian', 'technologist', 'writer', 'out'])
      await graph.getByTestId(`node-${node}`).waitFor();
    expect(await page.getByTestId('sample-input').textContent()).toContain('heat pumps');
    await page
      .getByRole('complementary', { name: 'Details' })
      .getByText('openai', { exact: true })
      .first()
      .waitFor();
    await page
      .getByText(/^v\d+$/)
      .first()
      .waitFor();
    await shots('04-detail');

    const form = page.getByRole('form', { name: 'Your rating' });
    await form.getByRole('radio', { name: '4 stars' }).check({ force: true });
    await form.getByLabel('Review (optional)').fill('Ran offline on the first try.');
    await form.getByRole('button', { name: 'Submit rating' }).click();
    await form.getByText('Your rating: 4 of 5').waitFor();
    const reviews = page.getByRole('list', { name: 'Reviews' });
    await reviews.getByText('Ran offline on the first try.').waitFor();
    expect(await reviews.textContent()).toContain('You');
    await page
      .getByRole('complementary', { name: 'Details' })
      .getByText('4.0 out of 5 (1 rating)')
      .first()
      .waitFor();
    await shots('05-detail-rated');
  }, 60_000);

  it('installs it, opens the canvas, runs it with its script and shows the output', async () => {
    // The fake OpenAI server answers as the template's scripted provider would.
    const reader = createAgentFlowClient({ baseUrl: server.url, cookies: 'memory' });
    unwrap(
      await reader.api.POST('/api/v1/auth/login', {
        body: { email: 'gallery@example.test', password: 'correct horse battery staple' },
      }),
    );
    const template = unwrap(
      await reader.api.GET('/api/v1/templates/{id}', { params: { path: { id: 'gallery-research-team' } } }),
    );
    fake.setDefault(scriptedAnswer(template.script as Script));

    await page.getByRole('button', { name: 'Install', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Install “Research team”' });
    await dialog.getByText('What it will reach').waitFor();
    expect(await dialog.getByLabel(/^openai/).inputValue()).toBe('');
    await dialog.getByLabel('Workflow name').fill('Heat pump brief');
    await shots('06-install-dialog');
    await dialog.getByRole('button', { name: 'Install and open' }).click();
    await page.waitForURL(/\/workflows\/[^/]+$/);
    await page.getByTestId('node-writer').waitFor();
    expect(await page.getByLabel('Workflow name').inputValue()).toBe('Heat pump brief');

    await page.getByRole('button', { name: '▶ Run' }).click();
    const run = page.getByRole('dialog', { name: 'Run workflow' });
    // The run starts with the template's sample input.
    expect(JSON.parse(await run.locator('textarea').inputValue())).toEqual({ topic: 'heat pumps' });
    await run.getByRole('button', { name: 'Run' }).click();
    await page.locator('[data-testid="node-out"][data-status="succeeded"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('run-status').textContent(), WAIT).toBe('succeeded');
    expect(await page.getByTestId('json-viewer').first().textContent()).toContain('Heat pumps: a brief.');
    await shots('07-installed-run');
    // Four model calls, each answered by its own rule of the script.
    const bodies = fake.modelRequests().map((r) => JSON.stringify(r.body));
    for (const who of ['economist', 'historian', 'technologist', 'writer'])
      expect(bodies.some((b) => b.includes(who))).toBe(true);

    // The install counted.
    await page.goto(`${server.url}/templates/gallery-research-team`);
    await page.getByText(`${template.downloads + 1} install`).waitFor();
  }, 120_000);

  it('publishes the canvas as a template (public refused for a non-admin) and finds it in the gallery', async () => {
    await page.goto(`${server.url}/workflows`);
    await page.getByRole('link', { name: 'Heat pump brief' }).click();
    await page.getByTestId('node-writer').waitFor();
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: /Publish as template/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish as template' });
    await dialog.getByLabel('Template name').fill('Heat pump brief (ours)');
    await dialog.getByLabel('Category').fill('research');
    await dialog.getByLabel('Tags').fill('Energy, briefs');
    await dialog.getByLabel('Icon').fill('🔥');
    await dialog.getByLabel(/^Public/).check();
    await shots('08-publish-dialog');
    await dialog.getByRole('button', { name: 'Publish' }).click();
    await dialog.getByText(/needs an instance administrator/).waitFor();
    await dialog.getByLabel('This workspace').check();
    await dialog.getByRole('button', { name: 'Publish' }).click();
    await dialog.getByText('Published “Heat pump brief (ours)”.').waitFor();
    await dialog.getByRole('link', { name: 'View the template' }).click();
    await page.waitForURL(/\/templates\/[^/]+$/);
    await page.getByRole('heading', { name: 'Heat pump brief (ours)', level: 1 }).waitFor();
    const header = await page.locator('header', { hasText: 'Heat pump brief (ours)' }).last().textContent();
    expect(header).toContain('Workspace');
    await page.getByText('#energy').waitFor();
    // Your own template: no rating form.
    await page.getByText('You published this template.').waitFor();
    await page.getByTestId('template-graph').getByTestId('node-writer').waitFor();

    await page.goto(`${server.url}/templates?visibility=workspace`);
    await expect.poll(() => cards().count(), WAIT).toBe(1);
    expect(await cards().first().textContent()).toContain('Heat pump brief (ours)');
  }, 60_000);

  it('adds an agent template from the palette’s agent library onto the canvas', async () => {
    await page.goto(`${server.url}/workflows`);
    await page.getByRole('button', { name: 'New workflow' }).click();
    await page.waitForURL(/\/workflows\/[^/]+$/);
    await page.getByTestId('node-input').waitFor();
    const palette = page.getByRole('complementary', { name: 'Node palette' });
    await palette.getByRole('heading', { name: 'Agent library' }).waitFor();
    const canvas = page.locator('.react-flow__pane');
    const box = (await canvas.boundingBox())!;
    await palette.getByTestId('palette-template-agent-summarizer').dragTo(canvas, {
      targetPosition: { x: box.width / 2, y: box.height / 2 + 120 },
    });
    const node = page.getByTestId('node-agent');
    await node.waitFor();
    expect(await node.textContent()).toContain('Summarizer');
    await node.click();
    const panel = page.getByRole('complementary', { name: 'Properties' });
    await expect
      .poll(
        async () =>
          (
            await panel
              .locator('textarea')
              .evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value))
          ).join('\n'),
        WAIT,
      )
      .toContain('You summarize text in three sentences.');
    // The search of the palette filters the library too; click (or Enter) adds one at the centre.
    await palette.getByRole('searchbox', { name: 'Search node types' }).fill('classif');
    await palette.getByTestId('palette-template-agent-classifier').press('Enter');
    await page.getByTestId('node-agent-2').waitFor();
    expect(await page.getByTestId('node-agent-2').textContent()).toContain('Classifier');
    await palette.getByRole('searchbox', { name: 'Search node types' }).fill('');
    await shots('09-agent-library');
  }, 60_000);

  it('passes axe-core on the gallery and a template (no serious or critical violation), light and dark', async () => {
    const axeContext = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });
    const a11y = await axeContext.newPage();
    const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
    try {
      await a11y.goto(`${server.url}/login`);
      await a11y.getByLabel('Email').fill('gallery@example.test');
      await a11y.getByLabel('Password').fill('correct horse battery staple');
      await a11y.getByRole('button', { name: 'Sign in' }).click();
      await a11y.waitForURL(/\/workflows$/);
      const found: string[] = [];
      for (const theme of ['light', 'dark'] as const) {
        await a11y.evaluate((t) => localStorage.setItem('agentflow.theme', t), theme);
        for (const path of ['/templates', '/templates/gallery-research-team']) {
          await a11y.goto(`${server.url}${path}`);
          await a11y.locator('h1').first().waitFor();
          await a11y.waitForTimeout(300);
          await a11y.addScriptTag({ path: axePath });
          const violations = await a11y.evaluate(async () => {
            const axe = (
              window as unknown as {
                axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
              }
            ).axe;
            const result = await axe.run();
            return result.violations
              .filter((v) => v.impact === 'serious' || v.impact === 'critical')
              .map(
                (v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => (n as { target: unknown }).target))}`,
              );
          });
          for (const v of violations) found.push(`${theme} ${path}: ${v}`);
        }
      }
      expect(found).toEqual([]);
    } finally {
      await axeContext.close();
    }
    // The one failed request the browser logs is the public publish the API refused (403, tested above).
    expect(problems.filter((p) => !p.includes('status of 403'))).toEqual([]);
    expect(problems.filter((p) => p.includes('status of 403'))).toHaveLength(1);
  }, 120_000);
});
