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

/** The first tick strictly after `after` (ms), or undefined when the expression has no more. */
export function nextTick(cron: Cron, after: number): number | undefined {
  return cron.nextRun(new Date(after))?.getTime();
}

/** The next `count` ticks strictly after `after`. */
export function nextTicks(cron: Cron, after: number, count: number): number[] {
  return cron.nextRuns(count, new Date(after)).map((d) => d.getTime());
}
