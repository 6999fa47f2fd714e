import { formatIssues, type Issue } from '@agentflow/protocol';

/** Exit codes of every command. */
export const EXIT = {
  /** The command did what was asked (the workflow is valid, the execution succeeded). */
  ok: 0,
  /** The execution failed, was cancelled, or is paused with no way to continue. */
  failed: 1,
  /** Bad usage: invalid workflow or input, bad flags, unreadable file. */
  usage: 2,
} as const;

/**
 * A problem the user can fix: printed as its message and every issue with its path, never as a stack trace.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly issues: readonly Issue[] = [],
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** `message` then one `path: message [CODE]` line per issue. */
export function formatProblem(message: string, issues: readonly Issue[] = []): string {
  return issues.length === 0 ? `${message}\n` : `${message}\n${indent(formatIssues(issues))}\n`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
