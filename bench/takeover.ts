/**
 * Orphan takeover time in distributed mode over many kills (issue 12: p100 ≤ lease + 5 s over 20 kills). Two
 * real `agentflow worker` processes; each round SIGKILLs the one running a step and measures kill -> the other's
 * `execution.resumed`. Needs PostgreSQL and Redis, so it is not part of `npm run bench`:
 *
 *   DATABASE_URL=postgres://root@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379 \
 *     npx tsx bench/takeover.ts [kills=20] [leaseMs=3000]
 */
import { startTakeoverHarness } from '../apps/cli/src/test-support/takeover.js';

const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
if (!databaseUrl || !redisUrl) {
  console.error('bench/takeover.ts needs DATABASE_URL and REDIS_URL');
  process.exit(2);
}
const kills = Number(process.argv[2] ?? 20);
const leaseMs = Number(process.argv[3] ?? 3000);

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

const harness = await startTakeoverHarness({ databaseUrl, redisUrl, leaseMs });
const times: number[] = [];
try {
  for (let i = 0; i < kills; i++) {
    times.push(await harness.killOnce());
    console.log(`kill ${i + 1}/${kills}: taken over after ${times.at(-1)} ms`);
  }
} finally {
  await harness.close();
}
const sorted = [...times].sort((a, b) => a - b);
const bound = leaseMs + 5000;
console.log(
  `takeover over ${kills} kills, lease ${leaseMs} ms: min ${sorted[0]} p50 ${quantile(sorted, 0.5)} ` +
    `p90 ${quantile(sorted, 0.9)} p100 ${sorted.at(-1)} ms (bound lease + 5 s = ${bound} ms: ` +
    `${sorted.at(-1)! <= bound ? 'met' : 'MISSED'})`,
);
process.exit(sorted.at(-1)! <= bound ? 0 : 1);
