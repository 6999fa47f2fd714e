/** Cron expressions with time zones (croner): checked when a schedule is saved, and its ticks enumerated. */
import { AgentFlowError } from '@agentflow/protocol';
import { Cron } from 'croner';

/** A paused croner job (it never schedules a timer of its own: the claim loop is the only timer). */
export function parseCron(expression: string, timezone: string): Cron {
  try {
    return new Cron(expression, { timezone, paused: true, mode: '5-or-6-parts' });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const path = /time ?zone/i.test(message) ? 'config.timezone' : 'config.cron';
    throw new AgentFlowError('AF_VALIDATION', `invalid schedule: ${message}`, {
      issues: [{ code: 'AF_VALIDATION', path, message }],
    });
  }
}

/** Checks the time zone croner would otherwise accept silently (an unknown zone only fails when used). */
export function checkTimezone(timezone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
  } catch {
    throw new AgentFlowError('AF_VALIDATION', `unknown time zone ${timezone}`, {
      issues: [{ code: 'AF_VALIDATION', path: 'config.timezone', message: `unknown time zone ${timezone}` }],
    });
  }
}

/**
 * Parsed schedules by expression and time zone, for the claim loop: a parse depends on nothing else, so an entry
 * is never stale. Bounded (the oldest entry is dropped first).
 */
const parsed = new Map<string, Cron>();
const PARSED_MAX = 1000;

/** `parseCron`, reusing the parse of an identical expression and time zone (throws like `parseCron`). */
export function cachedCron(expression: string, timezone: string): Cron {
  const key = `${timezone}\n${expression}`;
  let cron = parsed.get(key);
  if (cron === undefined) {
    cron = parseCron(expression, timezone);
    if (parsed.size >= PARSED_MAX) parsed.delete(parsed.keys().next().value as string);
    parsed.set(key, cron);
  }
  return cron;
}

/**
 * `nextTick` memoized for one claim round: schedules that share an expression, a time zone and a cursor (every
 * minute, hourly...) have the same next tick, so croner's search (~0.1-0.2 ms with a time zone) runs once for
 * them. The key is everything the result depends on; the memo lives as long as the round.
 */
export function tickMemo(): (expression: string, timezone: string, after: number) => number | undefined {
  const memo = new Map<string, number | undefined>();
  return (expression, timezone, after) => {
    const key = `${after}\n${timezone}\n${expression}`;
    if (memo.has(key)) return memo.get(key);
    const next = nextTick(cachedCron(expression, timezone), after);
    memo.set(key, next);
    return next;
  };
}

/** The first tick strictly after `after` (ms), or undefined when the expression has no more. */
export function nextTick(cron: Cron, after: number): number | undefined {
  return cron.nextRun(new Date(after))?.getTime();
}

/** The next `count` ticks strictly after `after`. */
export function nextTicks(cron: Cron, after: number, count: number): number[] {
  return cron.nextRuns(count, new Date(after)).map((d) => d.getTime());
}
