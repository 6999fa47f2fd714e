import { describe, expect, it } from 'vitest';
import { cachedCron, nextTick, parseCron, tickMemo } from './cron.js';

const at = Date.UTC(2026, 2, 28, 23, 30); // the night Europe/Paris moves to summer time

describe('cron caches of the claim loop', () => {
  it('reuses a parse only for the same expression and time zone', () => {
    expect(cachedCron('0 2 * * *', 'UTC')).toBe(cachedCron('0 2 * * *', 'UTC'));
    expect(cachedCron('0 2 * * *', 'UTC')).not.toBe(cachedCron('0 2 * * *', 'Europe/Paris'));
    expect(cachedCron('0 2 * * *', 'UTC')).not.toBe(cachedCron('0 3 * * *', 'UTC'));
    expect(() => cachedCron('not a cron', 'UTC')).toThrow(/invalid schedule/);
  });

  it('memoizes next ticks by expression, time zone and cursor, with the uncached answers', () => {
    const next = tickMemo();
    for (const [expression, timezone] of [
      ['0 2 * * *', 'UTC'],
      ['0 2 * * *', 'Europe/Paris'],
      ['30 * * * *', 'Asia/Kolkata'],
      ['* * * * *', 'UTC'],
    ] as const) {
      for (const after of [at, at + 60_000, at + 3_600_000]) {
        const expected = nextTick(parseCron(expression, timezone), after);
        expect(next(expression, timezone, after)).toBe(expected);
        expect(next(expression, timezone, after)).toBe(expected);
      }
    }
    expect(next('0 2 * * *', 'UTC', at)).not.toBe(next('0 2 * * *', 'Europe/Paris', at));
  });
});
