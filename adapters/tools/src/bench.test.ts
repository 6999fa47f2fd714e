import { expect, it } from 'vitest';
import { benchMcpHttpCall, benchToolDispatch } from './bench.js';

it('benchToolDispatch times no-op calls through the host', async () => {
  const result = await benchToolDispatch({ iterations: 200, warmup: 20 });
  expect(result.iterations).toBe(200);
  expect(result.host.p50Us).toBeGreaterThan(0);
  expect(result.host.p95Us).toBeGreaterThanOrEqual(result.host.p50Us);
  if (process.env.AF_BENCH_REPORT) console.log(JSON.stringify(result));
});

it('benchMcpHttpCall times MCP calls to a local server', async () => {
  const result = await benchMcpHttpCall({ iterations: 50, warmup: 5 });
  expect(result.iterations).toBe(50);
  expect(result.call.p50Us).toBeGreaterThan(0);
  if (process.env.AF_BENCH_REPORT) console.log(JSON.stringify(result));
});
