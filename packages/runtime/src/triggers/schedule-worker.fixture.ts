/**
 * Test fixture run in a child process (`node --import tsx schedule-worker.fixture.ts`): a distributed worker
 * runtime (DATABASE_URL, REDIS_URL, AGENTFLOW_DB_SCHEMA from the environment) that runs queued executions and,
 * on command, the schedule loop under a clock the parent sets. Commands are JSON lines on stdin:
 * `{"cmd":"tick","now":ms}` runs the loop once at that time; `{"cmd":"claimAndLease","now":ms}` claims due ticks
 * and leases the pending firings without starting them (the parent then SIGKILLs it: an owner dying mid-way).
 * Each command is answered with one JSON line on stdout.
 */
import { createInterface } from 'node:readline';
import { createRuntime } from '../runtime.js';

let clock = 0;
const runtime = await createRuntime({
  role: 'worker',
  triggers: { schedules: false, now: () => clock, leaseMs: 5000, missedAfterMs: 60_000 },
});
runtime.work();
const reply = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
reply({ ready: true, pid: process.pid });

for await (const line of createInterface({ input: process.stdin })) {
  const command = JSON.parse(line) as { cmd: string; now: number };
  clock = command.now;
  try {
    if (command.cmd === 'tick') {
      reply({ ok: true, ...(await runtime.triggers.schedules.runOnce()) });
    } else if (command.cmd === 'claimAndLease') {
      const claimed = await runtime.triggers.schedules.claim();
      const leased = await runtime.triggers.schedules.lease();
      reply({ ok: true, claimed, leased: leased.length });
    } else if (command.cmd === 'close') {
      await runtime.close();
      reply({ ok: true });
      process.exit(0);
    }
  } catch (error) {
    reply({ ok: false, error: String(error) });
  }
}
