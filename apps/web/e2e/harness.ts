/**
 * End-to-end harness: a real `agentflow start` (fresh data directory, free port) with the fake OpenAI server
 * as its model provider (configured by the administrator's environment), and Debian's Chromium driven by
 * playwright-core. Never downloads a browser.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = process.env.AGENTFLOW_CHROMIUM ?? '/usr/bin/chromium';
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const OUTPUT = join(ROOT, 'test-output', 'e2e');
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Whether the e2e suite can run here. In CI a missing browser is a failure, never a skip. */
export function browserAvailable(): boolean {
  const found = existsSync(CHROMIUM);
  if (!found && process.env.CI) {
    throw new Error(
      `e2e: ${CHROMIUM} is missing in CI (.ci/run installs it with apt-get install -y chromium)`,
    );
  }
  if (!found) process.stdout.write(`e2e: SKIPPED, no browser at ${CHROMIUM} (apt-get install -y chromium)\n`);
  return found;
}

/** Builds the web app when it is not built (CI builds it before the tests). */
export function ensureWebBuild(): void {
  if (existsSync(join(ROOT, 'apps/web/dist/index.html'))) return;
  const built = spawnSync('npm', ['run', 'build', '-w', '@agentflow/web'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('e2e: the web app build failed');
}

export interface RunningAgentFlow {
  url: string;
  close(): Promise<void>;
  output(): string;
}

/**
 * `agentflow start` through its real launcher (apps/cli/bin/agentflow.js, the build). With
 * `AGENTFLOW_E2E_SOURCE=1` the CLI runs from source through tsx instead (while iterating without a build).
 */
export async function startAgentFlow(env: Record<string, string>): Promise<RunningAgentFlow> {
  const dataDir = mkdtempSync(join(tmpdir(), 'agentflow-e2e-'));
  const cliArgs = ['start', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir];
  const args =
    process.env.AGENTFLOW_E2E_SOURCE === '1'
      ? [
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          "const m = await import('./apps/cli/src/main.ts'); await m.runCli();",
          '--',
          'agentflow',
          ...cliArgs,
        ]
      : [join(ROOT, 'apps/cli/bin/agentflow.js'), ...cliArgs];
  // The product as `npm start` runs it: the embedded store in its own data directory. The test run's
  // DATABASE_URL/REDIS_URL (set in CI for the integration suites) are not passed on: a server on the shared test
  // database would see other suites' writes (and they its), and its data would not be its own.
  const { DATABASE_URL: _db, REDIS_URL: _redis, ...inherited } = process.env;
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...inherited,
      ...env,
      // Another build can be served for an A/B comparison (`AGENTFLOW_E2E_WEB_DIST`): this checkout's otherwise.
      AGENTFLOW_WEB_DIST: process.env.AGENTFLOW_E2E_WEB_DIST ?? join(ROOT, 'apps/web/dist'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d) => {
    log += String(d);
  });
  child.stderr?.on('data', (d) => {
    log += String(d);
  });
  const url = await new Promise<string>((resolve, reject) => {
    // Seconds on a quiet machine; on a shared 2-core machine under load it has taken over a minute.
    const timer = setTimeout(
      () => reject(new Error(`agentflow start did not listen in 150 s:\n${log}`)),
      150_000,
    );
    const check = () => {
      const found = /listening on (http:\/\/[\d.:]+)/.exec(log);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`agentflow start exited with ${code}:\n${log}`));
    });
  });
  return {
    url,
    output: () => log,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(OUTPUT, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
}
