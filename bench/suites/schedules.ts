/**
 * Schedules (issue 19 target: "1,000 schedules firing every minute cost ≤ 2% CPU"), on the embedded store (PGlite
 * in a temp data directory). 1,000 schedule triggers `* * * * *` on one active input -> output workflow, fired by
 * the runtime's own schedule loop as it runs in production (started by `createRuntime`: it sleeps until the earliest
 * due tick or pending firing, at most 5 s ±25 %, and claims and starts up to 250 a round). Only the clock is injected (`triggers.now`): it runs in real
 * time but jumps to the next minute for each fire and stops short of the following one, so a fire is measured
 * alone and the suite does not wait out whole minutes.
 *
 * CPU is the process's (`process.cpuUsage`, user + system) over wall time, in % of one core:
 * - idle: no tick due, every background loop of the runtime running (the schedule loop's due read every ~5 s, the
 *   workflow-event sweep, the notification and alert loops), measured before the schedules exist and again with
 *   the 1,000: the difference is what the schedules add while nothing is due;
 * - firing: from the clock's jump to the 1,000th `execution.completed`: claiming the ticks, the firing ledger,
 *   creating and running the 1,000 executions;
 * - the same 1,000 executions started directly (`workflows.execute`, via 'trigger', one after the other as the
 *   loop does) and run, paired with each fire (in alternating order, so both see the same process state): what
 *   the executions cost without the scheduler;
 * - the scheduler per minute (the issue's target): the idle CPU the schedules add over the whole minute + the median
 *   over pairs of (firing − direct start, each above the idle rate; at least 0), over 60 s. It counts the claim, the ledger's writes, the
 *   leases, the overlap and firing bookkeeping; not the executions' own creation and run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRuntime } from '@agentflow/runtime';
import { sql } from 'drizzle-orm';
import { median } from '../harness.js';
import type { BenchSuite, Result, SuiteOptions } from '../types.js';

const sizes = {
  full: { schedules: 1000, idleMs: 30_000, fires: 6 },
  smoke: { schedules: 10, idleMs: 1_500, fires: 1 },
};
const MINUTE = 60_000;

const workflow = {
  name: 'bench-schedule',
  status: 'active',
  agents: [
    { id: 'in', type: 'input' },
    { id: 'out', type: 'output' },
  ],
  connections: [{ id: 'in-out', sourceAgentId: 'in', targetAgentId: 'out' }],
};

const cpuMs = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The process's CPU over `ms` of idle time, after a settling pause (full size). */
async function idleFor(options: SuiteOptions, ms: number): Promise<{ cpu: number; wall: number }> {
  await sleep(options.size === 'full' ? 3_000 : 0);
  const c = process.cpuUsage();
  const w = performance.now();
  await sleep(ms);
  return { cpu: cpuMs(c), wall: performance.now() - w };
}

async function until(what: string, done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`schedules bench: timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** `size` overrides the suite's sizes (e.g. a shorter run under `--cpu-prof`). */
export async function schedulesCpu(
  options: SuiteOptions,
  size: { schedules: number; idleMs: number; fires: number } = sizes[options.size],
): Promise<Result[]> {
  const n = size.schedules;
  // The simulated clock: real time from `from` (a real instant) on, never past `cap` (so no further tick is due).
  const m0 = Math.floor(Date.now() / MINUTE) * MINUTE;
  let clock = { base: m0 + 5_000, from: Date.now(), cap: m0 + 55_000 };
  const now = () => Math.min(clock.cap, clock.base + (Date.now() - clock.from));
  const dir = mkdtempSync(join(tmpdir(), 'agentflow-bench-schedules-'));
  const runtime = await createRuntime({
    env: {},
    config: { dataDir: dir, logLevel: 'silent' },
    security: { executionLimits: false, passwords: { memoryCost: 4096, timeCost: 1 } },
    triggers: { now },
  });
  try {
    const registered = await runtime.auth.register({
      email: 'schedules@example.com',
      password: 'a-long-password-1',
    });
    const principal = await runtime.auth.authenticateToken(registered.tokens.accessToken);
    const scope = { workspaceId: principal.workspaceId };
    const created = await runtime.workflows.create(workflow as never, scope);
    // The same runtime before any schedule exists: what its background loops cost anyway.
    const idleNone = await idleFor(options, size.idleMs);
    for (let i = 0; i < n; i++) {
      await runtime.triggers.create(principal, created.id, {
        kind: 'schedule',
        name: `every-minute-${i}`,
        config: { cron: '* * * * *', input: { i } } as never,
      });
    }
    let completed = 0;
    const off = runtime.onEvent((event) => {
      if (event.type === 'execution.completed') completed++;
    });

    // (a) Idle: nothing due; the loop reads when the next tick is due every ~5 s and sleeps.
    const idle = await idleFor(options, size.idleMs);
    const idleRate = idle.cpu / idle.wall;
    // What the 1,000 schedules add to the idle runtime (noise can make it negative: then 0).
    const idleAdded = Math.max(0, idleRate - idleNone.cpu / idleNone.wall);

    // (b) Fires: the clock jumps to minute k; the loop claims and starts the 1,000 ticks; all executions end.
    // (c) Beside each fire, the same executions without the scheduler: started one after the other, as the loop
    // starts them. A fire and its direct round make a pair, run in alternating order (fire first, then direct
    // first) so that what grows from round to round (store size, heap) weighs on both sides alike; the figure is
    // the median of the pairs' differences, since one round's CPU varies by more (GC, JIT) than the difference.
    const fires: { cpu: number; wall: number }[] = [];
    const directs: { cpu: number; wall: number }[] = [];
    const fire = async (k: number) => {
      const before = completed;
      const c = process.cpuUsage();
      const w = performance.now();
      clock = { base: m0 + k * MINUTE + 100, from: Date.now(), cap: m0 + k * MINUTE + 59_000 };
      await until(`fire ${k}`, () => completed >= before + n, 10 * MINUTE);
      fires.push({ cpu: cpuMs(c), wall: performance.now() - w });
    };
    const startDirectly = async (k: number) => {
      const before = completed;
      const c = process.cpuUsage();
      const w = performance.now();
      for (let i = 0; i < n; i++) {
        const { done } = await runtime.workflows.execute(created.id, { i }, scope, {
          via: 'trigger',
          executionId: `exe_bench_direct_${k}_${i}`,
        });
        done.catch(() => {});
      }
      await until(`the direct executions ${k}`, () => completed >= before + n, 10 * MINUTE);
      directs.push({ cpu: cpuMs(c), wall: performance.now() - w });
    };
    for (let k = 1; k <= size.fires; k++) {
      if (k % 2 === 1) {
        await fire(k);
        await startDirectly(k);
      } else {
        await startDirectly(k);
        await fire(k);
      }
    }
    // The loop marks a batch's firings started after launching them, so the last executions may end just before
    // their firings are marked: give the marks a moment (well under the 30 s lease that would hide a lost one).
    const countFirings = async () =>
      (
        (await runtime.store.db.execute(sql`
          select count(*)::int as all, count(*) filter (where status = 'started')::int as started
          from trigger_firings`)) as unknown as { rows: { all: number; started: number }[] }
      ).rows[0];
    let firings = await countFirings();
    for (let i = 0; i < 50 && firings?.started !== n * size.fires; i++) {
      await sleep(100);
      firings = await countFirings();
    }
    if (firings?.all !== n * size.fires || firings.started !== n * size.fires) {
      throw new Error(
        `schedules bench: ${JSON.stringify(firings)} firings, expected ${n * size.fires} started`,
      );
    }

    off();
    const direct = { cpu: median(directs.map((d) => d.cpu)), wall: median(directs.map((d) => d.wall)) };

    const fireCpu = median(fires.map((f) => f.cpu));
    const fireWall = median(fires.map((f) => f.wall));
    const above = (r: { cpu: number; wall: number }) => r.cpu - idleRate * r.wall;
    const fireAbove = median(fires.map(above));
    const directAbove = median(directs.map(above));
    // Per pair: the fire's CPU above idle minus its direct round's.
    const differences = fires.map((f, k) => above(f) - above(directs[k]!));
    const difference = median(differences);
    const schedulerPerMinute = idleAdded * MINUTE + difference;
    const pct = (ms: number) => (100 * ms) / MINUTE;
    const common = {
      schedules: n,
      loop: 'sleeps until due, ≤ 5 s; 250 a round',
      store: 'PGlite',
      fires: size.fires,
    };
    return [
      {
        name: `schedules: idle CPU, ${n} schedules, no tick due (whole runtime)`,
        unit: '% of a core',
        value: 100 * idleRate,
        details: {
          ...common,
          includes:
            'schedule loop reading its next due time every ~5 s + the runtime’s other background loops',
          'idle cpu ms': idle.cpu,
          'idle wall ms': idle.wall,
          'idle cpu ms, no schedule': idleNone.cpu,
          'idle wall ms, no schedule': idleNone.wall,
        },
      },
      {
        name: `schedules: firing ${n} ticks + running their executions, per minute`,
        unit: '% of a core',
        value: pct(fireCpu + idleRate * Math.max(0, MINUTE - fireWall)),
        details: {
          ...common,
          includes: 'idle polling + claim + firing ledger + creating and running the executions',
          'cpu ms per fire (median)': fireCpu,
          'wall ms per fire (median)': fireWall,
          'cpu ms per fire, all': fires.map((f) => f.cpu.toFixed(0)).join(' '),
          'direct start+run cpu ms (median)': direct.cpu,
          'direct start+run wall ms (median)': direct.wall,
          'direct start+run cpu ms, all': directs.map((d) => d.cpu.toFixed(0)).join(' '),
        },
      },
      {
        name: `schedules: scheduler cost of ${n} schedules firing every minute`,
        unit: '% of a core',
        // Firing minus direct can come out below 0 (noise larger than the difference): it then counts as 0.
        value: pct(idleAdded * MINUTE + Math.max(0, difference)),
        target: { op: '<=', value: 2, label: '≤ 2 %' },
        details: {
          ...common,
          includes:
            'idle CPU the schedules add over the minute + median over pairs of (firing − the same executions started directly), above idle; not the executions’ own creation and run',
          'scheduler cpu ms per minute': schedulerPerMinute,
          'idle cpu ms per minute the schedules add': idleAdded * MINUTE,
          'firing above idle cpu ms': fireAbove,
          'direct above idle cpu ms': directAbove,
          'firing − direct cpu ms, per pair': differences.map((d) => d.toFixed(0)).join(' '),
          'per firing µs (median pair)': (1000 * difference) / n,
        },
      },
    ];
  } finally {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const suite: BenchSuite = {
  name: 'schedules',
  description: '1,000 every-minute schedules on the embedded store: idle, firing and scheduler CPU',
  run: async (options = { size: 'full' }) => schedulesCpu(options),
};
export default suite;
