import { describe, expect, it } from 'vitest';
import { benchProviderOverhead } from './bench.js';
import { startFakeOpenAI } from './test-support/index.js';

describe('benchProviderOverhead', () => {
  it('measures the adapter against a raw fetch to the same fake server', async () => {
    const result = await benchProviderOverhead({
      startServer: () => startFakeOpenAI({ record: false }),
      iterations: 300,
      warmup: 50,
    });
    console.info('provider overhead', JSON.stringify(result));
    expect(result.iterations).toBe(300);
    expect(result.rawFetch.meanMs).toBeGreaterThan(0);
    expect(result.adapter.meanMs).toBeGreaterThan(0);
    expect(result.overheadMeanMs).toBeCloseTo(result.adapter.meanMs - result.rawFetch.meanMs, 3);
    expect(result.sdk.meanMs).toBeGreaterThan(0);
    expect(result.sdkOverheadP50Ms).toBeCloseTo(result.sdk.p50Ms - result.rawFetch.p50Ms, 3);
    expect(result.firstTokenP50Ms).toBeGreaterThanOrEqual(0);
    expect(result.firstTokenP50Ms).toBeLessThan(50);
  });
});
