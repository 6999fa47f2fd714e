/**
 * The web app in headless Chromium against a real `agentflow start` (fresh data directory): opening a
 * 500-node, 600-edge workflow in the designer (time to nodes drawn, and to the first input handled: a click
 * selects a node in view), the frame time p95 while dragging a node there, and the first contentful paint of
 * `GET /` cold (a new browser context each time, its tab navigated a second after it opened, median of 5).
 * Targets from the web app's issue: ≤ 1.0 s, ≤ 16 ms, ≤ 300 ms. Skipped without /usr/bin/chromium or a web
 * build, and at smoke size.
 *
 * Frame time is the main thread's work for a frame: from the frame's start (the timestamp its
 * `requestAnimationFrame` callbacks get, before the frame's input events run) to the end of its rendering (a
 * message posted from the callback runs after the frame's style, layout and paint, and after whatever other
 * work the frame queued before it). The interval between frames cannot show it: headless Chromium draws at
 * 60 Hz even with the frame-rate limit off, so an interval is never under 16.7 ms (a blank page's p95 is
 * 16.8 ms); the intervals are kept in the details, with the number of frames that took longer than 1.5
 * intervals (dropped frames).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAgentFlowClient, unwrap } from '@agentflow/client';
import type { Workflow } from '@agentflow/protocol';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS, startAgentFlow } from '../../apps/web/e2e/harness.js';
import type { BenchSuite, Result } from '../types.js';
import { WEB_DIST } from './web.js';

const NAMES = [
  'web: open 500-node workflow, nodes drawn',
  'web: open 500-node workflow, first input handled',
  'web: drag a node in the 500-node workflow, frame work p95',
  'web: GET / cold, first contentful paint',
] as const;
const UNITS = ['ms', 'ms', 'ms', 'ms'];
/** The pause between opening a new tab and navigating it (a user typing the address). */
const TYPING_MS = 1000;

/** 500 agents (input, 498 zero-millisecond delays, output) on a grid; a chain plus 101 skip edges: 600. */
export function bigWorkflow(nodes = 500, edges = 600): Workflow {
  const id = (i: number) => (i === 0 ? 'input' : i === nodes - 1 ? 'output' : `d${i}`);
  const agents = Array.from({ length: nodes }, (_, i) => ({
    id: id(i),
    type: i === 0 ? 'input' : i === nodes - 1 ? 'output' : 'delay',
    config: i === 0 || i === nodes - 1 ? {} : { ms: 0 },
    position: { x: (i % 25) * 260, y: Math.floor(i / 25) * 140 },
  }));
  const connections: Workflow['connections'] = [];
  const link = (a: number, b: number) =>
    connections.push({
      id: `c${connections.length}`,
      sourceAgentId: id(a),
      targetAgentId: id(b),
      on: 'success',
    });
  for (let i = 0; i < nodes - 1; i++) link(i, i + 1);
  for (let i = 0; connections.length < edges; i++) link(i, i + 2);
  return {
    name: 'Bench: 500 nodes',
    status: 'draft',
    config: { maxSteps: 10_000, concurrency: 64 },
    agents,
    connections,
  } as Workflow;
}

/** The page's globals the frame recorder uses (the bench compiles without the DOM library). */
interface FramePage {
  /** Intervals between frames (ms). */
  __frames: number[];
  /** Each frame's main-thread work (ms): from its start to the end of its rendering. */
  __work: number[];
  __stop: boolean;
}

const RECORDER = `(() => {
  window.__frames = [];
  window.__work = [];
  window.__stop = false;
  let last = performance.now();
  let start = 0;
  const afterRendering = new MessageChannel();
  afterRendering.port1.onmessage = () => window.__work.push(performance.now() - start);
  const tick = (now) => {
    window.__frames.push(now - last);
    last = now;
    start = now;
    afterRendering.port2.postMessage(0);
    if (!window.__stop) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

function p(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function measure(): Promise<Result[]> {
  const server = await startAgentFlow({});
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_FLAGS, '--disable-frame-rate-limit', '--disable-gpu-vsync'],
    headless: true,
  });
  try {
    const email = 'bench@example.test';
    const password = 'correct horse battery staple';
    const af = createAgentFlowClient({ baseUrl: server.url, cookies: 'memory' });
    unwrap(await af.api.POST('/api/v1/auth/register', { body: { email, password } }));
    const workflow = unwrap(await af.api.POST('/api/v1/workflows', { body: bigWorkflow() }));

    // First contentful paint of GET / (cold: a new context, no cache), median of 5: a new tab, and the address
    // entered a second later (TYPING_MS), as a user does. Navigating at once, the bench's way until 2026-12-06,
    // is kept in the details: it races the spare renderer the new tab's browser context is still starting, and
    // measures that process launch on every page whose COOP differs from the blank page's (bench/README.md).
    const paints: number[] = [];
    const immediate: number[] = [];
    for (let i = 0; i < 10; i++) {
      const typed = i % 2 === 0;
      const context = await browser.newContext();
      const page = await context.newPage();
      if (typed) await new Promise((resolve) => setTimeout(resolve, TYPING_MS));
      await page.goto(`${server.url}/`, { waitUntil: 'load' });
      await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
      (typed ? paints : immediate).push(
        await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]!.startTime),
      );
      await context.close();
    }

    const context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/workflows$/);
    // Warm the designer chunk once (a returning user), then time a fresh open of the big workflow.
    await page.goto(`${server.url}/workflows/${workflow.id}`);
    await page.locator('.react-flow__node').first().waitFor();
    await page.goto(`${server.url}/workflows`);
    await page.getByRole('heading', { name: 'Workflows' }).waitFor();

    const t0 = performance.now();
    await page.goto(`${server.url}/workflows/${workflow.id}`, { waitUntil: 'commit' });
    await page.locator('.react-flow__node').first().waitFor();
    const drawn = performance.now() - t0;
    // A node in view: one half under the properties panel made Playwright scroll the canvas and retry.
    await page.locator('.react-flow__node[data-id="d1"]').click();
    await page.locator('.react-flow__node.selected').first().waitFor();
    const interactive = performance.now() - t0;
    const shown = await page.locator('.react-flow__node').count();

    // Drag a node for 60 pointer moves while a rAF loop records frame intervals.
    // A string, not a function: tsx would wrap a named inner function in a helper the page lacks.
    await page.evaluate(RECORDER);
    const box = (await page.locator('.react-flow__node').nth(5).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.evaluate(() => {
      const w = globalThis as unknown as FramePage;
      w.__frames = [];
      w.__work = [];
    });
    for (let i = 1; i <= 60; i++) {
      await page.mouse.move(box.x + box.width / 2 + i * 4, box.y + box.height / 2 + i * 2);
    }
    const { frames, work } = await page.evaluate(() => {
      const w = globalThis as unknown as FramePage;
      w.__stop = true;
      return { frames: w.__frames.slice(1), work: w.__work.slice(1) };
    });
    const interval = p(frames, 0.5);
    await page.mouse.up();
    await context.close();

    return [
      {
        name: NAMES[0],
        unit: 'ms',
        value: drawn,
        target: { op: '<=', value: 1000, label: '≤ 1.0 s' },
        details: { nodesInDom: shown },
      },
      { name: NAMES[1], unit: 'ms', value: interactive, target: { op: '<=', value: 1000, label: '≤ 1.0 s' } },
      {
        name: NAMES[2],
        unit: 'ms',
        value: p(work, 0.95),
        target: { op: '<=', value: 16, label: '≤ 16 ms' },
        details: {
          frames: work.length,
          median: p(work, 0.5),
          max: Math.max(...work),
          intervalMedian: interval,
          intervalP95: p(frames, 0.95),
          dropped: frames.filter((f) => f > 1.5 * interval).length,
        },
      },
      {
        name: NAMES[3],
        unit: 'ms',
        value: p(paints, 0.5),
        target: { op: '<=', value: 300, label: '≤ 300 ms' },
        details: {
          runs: paints.length,
          max: Math.max(...paints),
          immediateMedian: p(immediate, 0.5),
          immediateMax: Math.max(...immediate),
        },
      },
    ];
  } finally {
    await browser.close();
    await server.close();
  }
}

const suite: BenchSuite = {
  name: 'web-canvas',
  description: 'the designer in headless Chromium: opening and dragging a 500-node workflow; FCP of GET /',
  run: async (options) => {
    const skipped =
      options?.size === 'smoke'
        ? 'smoke size (a real browser and server: npm run bench only)'
        : !existsSync(CHROMIUM)
          ? `no browser at ${CHROMIUM}`
          : !existsSync(join(WEB_DIST, 'index.html'))
            ? 'apps/web is not built (npm run build)'
            : undefined;
    if (skipped) return NAMES.map((name, i) => ({ name, unit: UNITS[i]!, value: 0, skipped }));
    return measure();
  },
};
export default suite;
