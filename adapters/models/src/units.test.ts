import { describe, expect, it } from 'vitest';
import { ConcurrencyLimiter } from './limiter.js';
import { PriceBook } from './pricing.js';

describe('ConcurrencyLimiter', () => {
  it('hands slots over in order and drops aborted waiters', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const signal = new AbortController().signal;
    expect(limiter.acquire(signal)).toBeUndefined();
    const order: string[] = [];
    const aborted = new AbortController();
    const second = limiter.acquire(signal)?.then(() => order.push('second'));
    const third = limiter
      .acquire(aborted.signal)
      ?.catch((reason: unknown) => order.push(`third ${String(reason)}`));
    const fourth = limiter.acquire(signal)?.then(() => order.push('fourth'));
    expect(limiter.queued).toBe(3);
    aborted.abort('cancelled');
    await third;
    expect(limiter.queued).toBe(2);
    limiter.release();
    await second;
    limiter.release();
    await fourth;
    limiter.release();
    expect(order).toEqual(['third cancelled', 'second', 'fourth']);
    expect(limiter.inFlight).toBe(0);
  });
});

describe('PriceBook', () => {
  it('prices by exact id, then the longest prefix at a boundary', () => {
    const prices = new PriceBook();
    expect(prices.cost('openai', 'gpt-4o', 1_000_000, 1_000_000)).toEqual({ costUsd: 12.5, priced: true });
    expect(prices.cost('openai', 'gpt-4o-2024-08-06', 1_000_000, 0).costUsd).toBe(2.5);
    expect(prices.cost('openai', 'gpt-4o-mini-2024-07-18', 1_000_000, 0).costUsd).toBe(0.15);
    expect(prices.cost('anthropic', 'claude-sonnet-4-5-20250929', 0, 1_000_000).costUsd).toBe(15);
    expect(prices.cost('gemini', 'gemini-2.5-flash-lite', 1_000_000, 0).costUsd).toBe(0.1);
    expect(prices.cost('openai', 'gpt-4oz', 1000, 1000)).toEqual({ costUsd: 0, priced: false });
    expect(prices.cost('ollama', 'llama3.2', 1000, 1000)).toEqual({ costUsd: 0, priced: false });
  });

  it('takes overrides and additions from config', () => {
    const prices = new PriceBook({
      openai: { 'gpt-4o': { inputPerMTok: 1, outputPerMTok: 2 } },
      custom: { 'my-model': { inputPerMTok: 0.5, outputPerMTok: 0.5 } },
    });
    expect(prices.cost('openai', 'gpt-4o', 1_000_000, 1_000_000).costUsd).toBe(3);
    expect(prices.cost('openai', 'gpt-4o-mini', 1_000_000, 0).costUsd).toBe(0.15);
    expect(prices.cost('custom', 'my-model', 2_000_000, 0).costUsd).toBe(1);
  });
});
