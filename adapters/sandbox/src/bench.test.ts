import { expect, it } from 'vitest';
import { benchSandbox } from './bench.js';

it('benchSandbox measures a warm run and a bare evaluation', async () => {
  const result = await benchSandbox({ iterations: 20, warmup: 5 });
  expect(result.iterations).toBe(20);
  expect(result.coldStartMs).toBeGreaterThan(0);
  expect(result.run.p50Ms).toBeGreaterThan(0);
  expect(result.run.p95Ms).toBeGreaterThanOrEqual(result.run.p50Ms);
  expect(result.evaluate.p50Ms).toBeGreaterThan(0);
  if (process.env.AF_BENCH_REPORT) console.log(JSON.stringify(result));
});
