/**
 * What the command definitions share: how an action runs (`Act`: the command gets the CliContext, built when the
 * first command starts, and its exit code becomes the CLI's) and repeatable options (`collect`).
 */
import type { CliContext } from './io.js';

/** Runs one command with the CLI's context and keeps its exit code. */
export type Act = (command: (io: CliContext) => Promise<number>) => Promise<void>;

/** Commander's accumulator of a repeatable option (`--plugin a --plugin b`). */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
