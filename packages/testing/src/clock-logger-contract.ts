import type { Clock, Logger } from '@agentflow/core';
import { describe, expect, it } from 'vitest';

/** The Clock contract: time never goes backwards; sleep waits and stops on abort with the signal's reason. */
export function defineClockContract(name: string, factory: () => Clock): void {
  describe(`Clock contract: ${name}`, () => {
    it('never goes backwards', () => {
      const clock = factory();
      let last = clock.now();
      for (let i = 0; i < 1000; i++) {
        const now = clock.now();
        expect(now).toBeGreaterThanOrEqual(last);
        last = now;
      }
    });

    it('sleeps at least the time asked', async () => {
      const clock = factory();
      const start = clock.now();
      await clock.sleep(15);
      expect(clock.now() - start).toBeGreaterThanOrEqual(14);
    });

    it('stops sleeping when the signal aborts, with its reason', async () => {
      const clock = factory();
      const controller = new AbortController();
      const reason = new Error('stop');
      const sleeping = clock.sleep(60_000, controller.signal);
      controller.abort(reason);
      await expect(sleeping).rejects.toBe(reason);
      await expect(clock.sleep(10, controller.signal)).rejects.toBe(reason);
    });
  });
}

export interface LoggerFixture {
  logger: Logger;
  /** What was logged so far, with merged bindings. */
  lines(): { level: string; message: string; data: Record<string, unknown> }[];
}

/** The Logger contract: every level is recorded with its data; children add their bindings. */
export function defineLoggerContract(name: string, factory: () => LoggerFixture): void {
  describe(`Logger contract: ${name}`, () => {
    it('records each level with its message and data', () => {
      const { logger, lines } = factory();
      logger.debug('d', { a: 1 });
      logger.info('i');
      logger.warn('w');
      logger.error('e', { b: 2 });
      expect(lines().map((l) => [l.level, l.message])).toEqual([
        ['debug', 'd'],
        ['info', 'i'],
        ['warn', 'w'],
        ['error', 'e'],
      ]);
      expect(lines()[0]!.data).toMatchObject({ a: 1 });
    });

    it('children carry their bindings, without changing the parent', () => {
      const { logger, lines } = factory();
      const child = logger.child({ executionId: 'x1' }).child({ stepId: 's1' });
      child.info('from child', { n: 3 });
      logger.info('from parent');
      const [fromChild, fromParent] = lines();
      expect(fromChild!.data).toMatchObject({ executionId: 'x1', stepId: 's1', n: 3 });
      expect(fromParent!.data).not.toHaveProperty('executionId');
    });
  });
}
