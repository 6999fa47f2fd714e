import type { CliIo } from '../io.js';

/** An in-memory CliIo for tests: captured output, a fake terminal, Ctrl-C on demand. */
export interface TestIo extends CliIo {
  out(): string;
  err(): string;
  /** Simulates Ctrl-C. */
  interrupt(): void;
}

export function testIo(options: { cwd: string; tty?: boolean; env?: Record<string, string> }): TestIo {
  let out = '';
  let err = '';
  const handlers = new Set<() => void>();
  return {
    stdout: {
      write: (s) => {
        out += s;
      },
      isTTY: options.tty ?? false,
      columns: 100,
    },
    stderr: {
      write: (s) => {
        err += s;
      },
    },
    cwd: options.cwd,
    env: options.env ?? {},
    onInterrupt(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    out: () => out,
    err: () => err,
    interrupt: () => {
      for (const h of [...handlers]) h();
    },
  };
}
