/**
 * The agent's model selector, tools picker and fallback chain end to end, in Debian's Chromium against a real
 * `agentflow start` with a fake Ollama server (Ollama's /api/tags and streaming /api/pull wire format) as its
 * OLLAMA_BASE_URL: pick a built-in tool and a fallback model and save (the saved definition carries both);
 * choose Ollama and see its status and installed models; pull a model and watch its progress until it is
 * listed. axe-core on the panel; screenshots light and dark in test-output/e2e.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createAgentFlowClient, unwrap } from '@agentflow/client';
import type { Workflow } from '@agentflow/protocol';
import {
  type FakeOllamaServer,
  type FakeProviderServer,
  startFakeOllama,
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
const email = 'pickers@example.test';
const password = 'correct horse battery staple';

const flow = {
  name: 'Pickers',
  status: 'draft',
  config: { maxSteps: 100, concurrency: 4 },
  agents: [
    { id: 'input', type: 'input', config: {}, position: { x: 0, y: 80 } },
    {
      id: 'writer',
      type: 'agent',
      config: { provider: 'openai', model: 'gpt-test', prompt: 'Write about {{input.topic}}' },
      position: { x: 280, y: 80 },
    },
    { id: 'output', type: 'output', config: {}, position: { x: 560, y: 80 } },
  ],
  connections: [
    { id: 'c1', sourceAgentId: 'input', targetAgentId: 'writer', on: 'success' },
    { id: 'c2', sourceAgentId: 'writer', targetAgentId: 'output', on: 'success' },
  ],
} as Workflow;

describe.runIf(enabled)(
  'agent pickers: tools, fallback chain, Ollama models and pull (e2e, Chromium)',
  () => {
    let openai: FakeProviderServer;
    let ollama: FakeOllamaServer;
    let server: RunningAgentFlow;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let workflowId: string;
    const af = () => createAgentFlowClient({ baseUrl: server.url, cookies: 'memory' });
    const problems: string[] = [];

    beforeAll(async () => {
      ensureWebBuild();
      openai = await startFakeOpenAI();
      ollama = await startFakeOllama({
        models: [
          {
            name: 'llama3.2:latest',
            size: 2_019_393_189,
            family: 'llama',
            parameterSize: '3.2B',
            quantization: 'Q4_K_M',
          },
        ],
        pullDelayMs: 250,
      });
      server = await startAgentFlow({
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: openai.baseURL,
        OLLAMA_BASE_URL: ollama.url,
        AGENTFLOW_EGRESS_ALLOW: '127.0.0.1',
      });
      const client = createAgentFlowClient({ baseUrl: server.url, cookies: 'memory' });
      unwrap(await client.api.POST('/api/v1/auth/register', { body: { email, password } }));
      workflowId = unwrap(await client.api.POST('/api/v1/workflows', { body: flow as never })).id;
      browser = await launchBrowser();
      context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      page = await context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      await page.goto(`${server.url}/login`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/workflows$/);
    }, 120_000);

    afterAll(async () => {
      if (problems.length > 0) process.stdout.write(`e2e browser problems:\n${problems.join('\n')}\n`);
      await browser?.close();
      await server?.close();
      await Promise.all([openai?.close(), ollama?.close()]);
    });

    const panel = () => page.getByRole('complementary', { name: 'Properties' });
    const shot = async (name: string) => {
      await page.screenshot({ path: join(OUTPUT, `${name}.png`) });
    };

    it('picks a built-in tool and a fallback model, and saves both', async () => {
      await page.goto(`${server.url}/workflows/${workflowId}`);
      await page.getByTestId('node-writer').click();
      const tools = panel().getByRole('group', { name: /^Tools/ });
      await tools.getByRole('checkbox', { name: /http_request/ }).waitFor();
      // Search narrows the list; the built-ins are grouped.
      await tools.getByRole('searchbox', { name: 'Search tools' }).fill('http');
      await expect.poll(() => tools.getByRole('checkbox').count()).toBe(1);
      await tools.getByRole('checkbox', { name: /http_request/ }).check();
      await tools.getByRole('searchbox', { name: 'Search tools' }).fill('');

      const chain = panel().getByRole('group', { name: 'Fallback chain' });
      await chain.getByRole('button', { name: '+ Add fallback' }).click();
      await chain.getByRole('button', { name: '+ Add fallback' }).click();
      await chain.getByLabel('Fallback 1 provider').selectOption('ollama');
      await chain.getByLabel('Fallback 1 model').fill('llama3.2:latest');
      await chain.getByLabel('Fallback 2 provider').selectOption('openai');
      await chain.getByLabel('Fallback 2 model').fill('gpt-backup');
      // Reorder: the OpenAI fallback first.
      await chain.getByRole('button', { name: 'Move fallback 2 up' }).click();
      expect(await chain.getByLabel('Fallback 1 model').inputValue()).toBe('gpt-backup');
      await expect
        .poll(() => page.getByTestId('problem-count').textContent(), { timeout: 10_000 })
        .toBe('Valid');
      await panel().evaluate((el) => {
        el.scrollTop = 0;
      });
      await shot('20-agent-tools-fallback-light');

      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await expect.poll(() => page.getByTestId('version').textContent()).toBe('v2');
      const client = af();
      unwrap(await client.api.POST('/api/v1/auth/login', { body: { email, password } }));
      const saved = unwrap(
        await client.api.GET('/api/v1/workflows/{id}', { params: { path: { id: workflowId } } }),
      );
      const writer = (saved.definition as Workflow).agents.find((a) => a.id === 'writer')!;
      expect(writer.config).toMatchObject({
        provider: 'openai',
        model: 'gpt-test',
        tools: ['http_request'],
        fallback: [
          { provider: 'openai', model: 'gpt-backup' },
          { provider: 'ollama', model: 'llama3.2:latest' },
        ],
      });
    }, 90_000);

    it("shows Ollama's status and installed models, and pulls a model with progress", async () => {
      // Saving reloads the canvas from the new version: select the agent again.
      await page.getByTestId('node-writer').click();
      await panel().getByLabel('Provider', { exact: true }).selectOption('ollama');
      const box = panel().getByTestId('ollama');
      await expect.poll(() => box.getByRole('status').textContent()).toContain(`at ${ollama.url}`);
      const installed = box.getByRole('list', { name: 'Installed models' });
      await installed.getByRole('button', { name: /llama3\.2:latest/ }).click();
      expect(await panel().getByLabel('Model', { exact: true }).inputValue()).toBe('llama3.2:latest');
      expect(
        await installed.getByRole('button', { name: /llama3\.2:latest/ }).getAttribute('aria-pressed'),
      ).toBe('true');

      await box.getByLabel('Pull a model').fill('qwen2.5:7b');
      await box.getByRole('button', { name: 'Pull', exact: true }).click();
      const progress = box.getByTestId('pull-progress');
      // Live progress: a determinate bar part-way, with its percentage.
      await progress.getByText(/pulling .* · (25|50|75)%/).waitFor({ timeout: 10_000 });
      const value = Number(await progress.locator('progress').getAttribute('value'));
      expect(value).toBeGreaterThan(0);
      expect(value).toBeLessThan(100);
      await shot('21-ollama-pull-progress-light');
      await progress.getByText('Pulled qwen2.5:7b.').waitFor({ timeout: 15_000 });
      await installed.getByRole('button', { name: /qwen2\.5:7b/ }).waitFor();
      expect(ollama.models.has('qwen2.5:7b')).toBe(true);
      await shot('22-ollama-pulled-light');
    }, 60_000);

    it('passes axe-core on the agent panel and looks right in the dark theme', async () => {
      // The page itself never scrolls: the panels do (an absolutely positioned label once stretched it).
      expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(900);
      await page.getByRole('button', { name: 'Switch to dark theme' }).click();
      await page.waitForTimeout(400);
      await shot('23-ollama-dark');
      await panel()
        .getByTestId('ollama')
        .evaluate((el) => el.scrollIntoView());
      const chain = panel().getByRole('group', { name: 'Fallback chain' });
      await chain.scrollIntoViewIfNeeded();
      await shot('24-agent-tools-fallback-dark');

      const axeContext = await browser.newContext({
        bypassCSP: true,
        viewport: { width: 1366, height: 900 },
      });
      try {
        const a11y = await axeContext.newPage();
        await a11y.goto(`${server.url}/login`);
        await a11y.getByLabel('Email').fill(email);
        await a11y.getByLabel('Password').fill(password);
        await a11y.getByRole('button', { name: 'Sign in' }).click();
        await a11y.waitForURL(/\/workflows$/);
        await a11y.goto(`${server.url}/workflows/${workflowId}`);
        await a11y.getByTestId('node-writer').click();
        await a11y.getByRole('complementary', { name: 'Properties' }).getByTestId('tools-list').waitFor();
        await a11y.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
        const found = await a11y.evaluate(async () => {
          const axe = (
            window as unknown as {
              axe: {
                run(context: unknown): Promise<{
                  violations: { id: string; impact?: string; nodes: { target: unknown[] }[] }[];
                }>;
              };
            }
          ).axe;
          // The whole panel: the model selector, the pickers and the generated form below them.
          const result = await axe.run({ include: [['aside']] });
          return result.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
        });
        expect(found).toEqual([]);
      } finally {
        await axeContext.close();
      }
      expect(problems).toEqual([]);
    }, 90_000);
  },
);
