import type { RunResult } from '@agentflow/core';
import { formatIssues } from '@agentflow/protocol';
import type { CliContext } from './io.js';
import { seconds } from './progress.js';

/** The result as `run --json` prints it. */
export interface ResultJson {
  executionId: string;
  status: RunResult['status'];
  output: unknown;
  error: RunResult['error'] | null;
  usage: RunResult['usage'];
  /** Number of step records (skipped nodes included). */
  steps: number;
  durationMs: number;
}

export function resultJson(result: RunResult): ResultJson {
  return {
    executionId: result.executionId,
    status: result.status,
    output: result.output ?? null,
    error: result.error ?? null,
    usage: result.usage,
    steps: result.stepCounts.total,
    durationMs: result.durationMs,
  };
}

/** Prints the result: JSON only, or (on a terminal) a status line, the error and the output. */
export function printResult(result: RunResult, options: { io: CliContext; json: boolean }): void {
  const { io } = options;
  if (options.json) {
    io.stdout.write(`${JSON.stringify(resultJson(result), null, 2)}\n`);
    return;
  }
  const tokens = result.usage.inputTokens + result.usage.outputTokens;
  const mark = result.status === 'succeeded' ? '✓' : result.status === 'paused' ? '‖' : '✗';
  io.stdout.write(
    `\n${mark} ${result.status} in ${seconds(result.durationMs)} · ${plural(result.stepCounts.total, 'step')} · ${tokens} tokens\n`,
  );
  if (result.error) {
    const agent = result.error.details?.agentId;
    const where = typeof agent === 'string' ? ` (agent "${agent}")` : '';
    io.stdout.write(`${result.error.code}${where}: ${result.error.message}\n`);
    if (result.error.issues?.length) io.stdout.write(`${formatIssues(result.error.issues)}\n`);
  }
  if (result.output !== undefined) {
    const text = typeof result.output === 'string' ? result.output : JSON.stringify(result.output, null, 2);
    io.stdout.write(`\nOutput:\n${text}\n`);
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
