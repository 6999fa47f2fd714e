/**
 * Everything the CLI touches in its process: output streams, the working directory, the environment and
 * Ctrl-C. `main` receives it as one object so tests run the whole CLI in-process with captured output.
 */
import type { CliConfig } from './config.js';

export interface CliOutput {
  write(text: string): void;
  /** True when the stream is a terminal: `run` then draws live progress. */
  readonly isTTY?: boolean;
  /** Terminal width in characters, when known. */
  readonly columns?: number;
}

export interface CliIo {
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  /** Directory relative paths resolve against. */
  readonly cwd: string;
  /** The process's environment: `main` reads it once, through `loadCliConfig`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Calls `handler` on Ctrl-C (SIGINT) until the returned function is called. */
  onInterrupt(handler: () => void): () => void;
}

/** What every command gets: the process's streams, cwd and Ctrl-C, and the configuration instead of the environment. */
export interface CliContext extends Omit<CliIo, 'env'> {
  readonly config: CliConfig;
}

/** `io` with its environment replaced by the configuration read from it. */
export function cliContext(io: CliIo, config: CliConfig): CliContext {
  return {
    stdout: io.stdout,
    stderr: io.stderr,
    cwd: io.cwd,
    onInterrupt: (handler) => io.onInterrupt(handler),
    config,
  };
}

/** The real process: stdout, stderr, cwd, environment and SIGINT. */
export function processIo(): CliIo {
  return {
    stdout: {
      write: (text) => process.stdout.write(text),
      get isTTY() {
        return process.stdout.isTTY === true;
      },
      get columns() {
        return process.stdout.columns;
      },
    },
    stderr: { write: (text) => process.stderr.write(text), isTTY: process.stderr.isTTY === true },
    cwd: process.cwd(),
    env: process.env,
    onInterrupt(handler) {
      process.on('SIGINT', handler);
      return () => process.off('SIGINT', handler);
    },
  };
}
