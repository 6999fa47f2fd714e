/**
 * A step that kills its process every time it runs (real SIGKILLs, the embedded store): each `agentflow start`
 * takes the interrupted execution up again, until it has been taken up AGENTFLOW_MAX_DELIVERIES times without
 * committing a step; the next start fails it instead of dying again, so the crash loop ends and the server stays
 * up. The count is kept in the data directory (a restart does not reset it), and the server's log (JSON lines on
 * stdout) says which execution was failed and why.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const plugin = resolve(import.meta.dirname, '../test-fixtures/crash-plugin.mjs');
const dir = mkdtempSync(join(tmpdir(), 'agentflow-crash-loop-'));
const workflowFile = join(dir, 'crash.json');
writeFileSync(
  workflowFile,
  JSON.stringify({
    name: 'kills its process',
    agents: [
      { id: 'in', type: 'input' },
      { id: 'boom', type: 'kill_process' },
      { id: 'out', type: 'output' },
    ],
    connections: [
      { id: 'c1', sourceAgentId: 'in', targetAgentId: 'boom' },
      { id: 'c2', sourceAgentId: 'boom', targetAgentId: 'out' },
    ],
  }),
);

interface Child {
  process: ChildProcess;
  out(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function cli(args: string[]): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'apps/cli/src/main.ts'), ...args], {
    cwd: root,
    env: { ...process.env, AGENTFLOW_MAX_DELIVERIES: '1', NO_COLOR: '1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c) => {
    out += c;
  });
  child.stderr!.on('data', (c) => {
    out += c;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once('close', (code, signal) => r({ code, signal })),
  );
  return { process: child, out: () => out, exited };
}

async function waitFor(child: Child, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = pattern.exec(child.out());
    if (found) return found;
    if (Date.now() > deadline || child.process.exitCode !== null || child.process.signalCode !== null) {
      throw new Error(`no ${pattern} in: ${child.out()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

const start = () =>
  cli(['start', '--port', '0', '--host', '127.0.0.1', '--data-dir', dir, '--plugin', plugin]);

describe('a step that kills its process at every try', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is failed after AGENTFLOW_MAX_DELIVERIES take-ups across restarts, and the server stays up', async () => {
    const run = cli([
      'run',
      workflowFile,
      '--plugin',
      plugin,
      '--data-dir',
      dir,
      '--events',
      '--input',
      '"x"',
    ]);
    const [, executionId] = await waitFor(run, /"type":"execution.started","executionId":"([^"]+)"/);
    expect(await run.exited).toMatchObject({ signal: 'SIGKILL' });

    // The first start takes it up (1 of 1 allowed) and dies with it.
    const first = start();
    expect(await first.exited, first.out()).toMatchObject({ signal: 'SIGKILL' });

    // The next one fails it, logs why, and serves.
    const second = start();
    const [line] = await waitFor(
      second,
      /\{[^\n]*"msg":"execution failed after repeated interruptions"[^\n]*\}/,
    );
    expect(JSON.parse(line!)).toMatchObject({ level: 50, executionId, recoveries: 1 });
    const [, url] = await waitFor(second, /listening on (http:\/\/[\d.:]+)/);
    expect(await (await fetch(`${url}/health`)).json()).toEqual({ status: 'ok' });
    second.process.kill('SIGTERM');
    expect(await second.exited, second.out()).toMatchObject({ code: 0 });

    const show = cli(['executions', 'show', executionId!, '--data-dir', dir, '--json']);
    expect(await show.exited, show.out()).toMatchObject({ code: 0 });
    const detail = JSON.parse(show.out()) as {
      execution: { status: string; error: { code: string; message: string } };
      steps: { agentId: string }[];
    };
    expect(detail.execution).toMatchObject({ status: 'failed', error: { code: 'AF_INTERNAL' } });
    expect(detail.execution.error.message).toContain('interrupted 2 times');
    expect(detail.steps.map((s) => s.agentId)).toEqual(['in']);
  }, 180_000);
});
