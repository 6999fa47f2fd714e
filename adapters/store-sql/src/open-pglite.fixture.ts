/**
 * Test fixture run in a child process: `npx tsx open-pglite.fixture.ts <dataDir> [open|crash]`.
 * - open: opens the embedded store and prints one JSON line, `{"ok":true,...}` or `{"ok":false,"code",...}`.
 * - crash: opens it, creates execution `crashed` with 3 committed steps, prints `{"committed":3}`, then kills
 *   itself with SIGKILL (no close, no exit handlers: the lock file stays behind).
 */
import { createPgliteStore } from './pglite.js';

const [dataDir, mode = 'open'] = process.argv.slice(2);
try {
  const store = await createPgliteStore({ dataDir });
  if (mode === 'crash') {
    const now = Date.now();
    await store.createExecution({
      id: 'crashed',
      workflowId: 'wf',
      workflowVersion: 1,
      workflow: {
        name: 'wf',
        status: 'active',
        agents: [],
        connections: [],
        config: { maxSteps: 10, concurrency: 1 },
      },
      status: 'running',
      input: { n: 1 },
      createdAt: now,
      ready: ['s1'],
      waiting: [],
      stepCount: 0,
      usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
    });
    for (const seq of [1, 2, 3]) {
      const agentId = `s${seq}`;
      await store.commitStep({
        executionId: 'crashed',
        steps: [
          {
            id: `crashed:${agentId}:0`,
            executionId: 'crashed',
            agentId,
            iteration: 0,
            seq,
            status: 'succeeded',
            attempt: 1,
            output: { seq },
            startedAt: now,
            completedAt: now,
          },
        ],
        messages: [],
        ready: [`s${seq + 1}`],
        waiting: [],
      });
    }
    console.log(JSON.stringify({ committed: 3, pid: process.pid }));
    process.kill(process.pid, 'SIGKILL');
  }
  const executions = (await store.listExecutions()).items.length;
  await store.close();
  console.log(JSON.stringify({ ok: true, pid: process.pid, executions }));
} catch (error) {
  const e = error as { code?: string; message?: string; details?: unknown };
  console.log(
    JSON.stringify({ ok: false, pid: process.pid, code: e.code, message: e.message, details: e.details }),
  );
}
