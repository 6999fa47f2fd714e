import type { Runtime } from '@agentflow/runtime';
import type { FastifyInstance } from 'fastify';
import { type BuildServerOptions, buildServer } from './app.js';

export interface StartServerOptions extends BuildServerOptions {
  /** (Default: the runtime config's host, 127.0.0.1) */
  host?: string;
  /** 0 picks a free port. (Default: the runtime config's port, 3000) */
  port?: number;
  /** How long running steps may take to finish on shutdown before they are checkpointed. (Default: 10000) */
  graceMs?: number;
  /** Close on SIGTERM and SIGINT. (Default: true) */
  handleSignals?: boolean;
  /** Where the URL and shutdown notes go. (Default: stdout) */
  print?: (line: string) => void;
}

export interface RunningServer {
  app: FastifyInstance;
  /** `http://host:port`, or `https://` when serving TLS. */
  url: string;
  /** Graceful shutdown (idempotent): stop accepting, drain, then close the runtime. */
  close(): Promise<void>;
  /** Settles when the server and the runtime are closed. */
  readonly closed: Promise<void>;
}

/**
 * Builds the server, listens and prints the URL. On SIGTERM/SIGINT (or `close()`): stops accepting
 * connections and lets in-flight requests finish, waits up to `graceMs` for running executions to finish or
 * pause, then closes the runtime, which interrupts what is left: those executions are durable and resume on the
 * next start. A second signal exits at once.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { runtime } = options;
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const active = trackActive(runtime);
  const app = await buildServer(options);
  const host = options.host ?? runtime.config.host;
  const port = options.port ?? runtime.config.port;
  try {
    await app.listen({ host, port });
  } catch (error) {
    active.stop();
    await app.close();
    throw error;
  }
  const address = app.server.address();
  const boundPort = typeof address === 'object' && address !== null ? address.port : port;
  const scheme = app.initialConfig.https ? 'https' : 'http';
  const url = `${scheme}://${host.includes(':') ? `[${host}]` : host}:${boundPort}`;
  print(`AgentFlow listening on ${url} (API ${url}/api/v1, docs ${url}/docs)`);

  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  let closing: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      print(`${signal} again: exiting now`);
      process.exit(130);
    }
    print(`${signal}: shutting down (running executions have ${options.graceMs ?? 10_000} ms)`);
    void close();
  };
  const handleSignals = options.handleSignals ?? true;
  if (handleSignals) {
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }

  function close(): Promise<void> {
    closing ??= (async () => {
      try {
        await app.close();
        const left = await active.drain(options.graceMs ?? 10_000);
        if (left > 0)
          print(`${left} execution(s) still running: checkpointed, they resume on the next start`);
        active.stop();
        await runtime.close();
      } finally {
        if (handleSignals) {
          process.off('SIGTERM', onSignal);
          process.off('SIGINT', onSignal);
        }
        resolveClosed();
      }
    })();
    return closing;
  }

  return { app, url, close, closed };
}

/** Executions this process is running (started or resumed, not yet completed or paused). */
function trackActive(runtime: Runtime) {
  const running = new Set<string>();
  let changed: (() => void) | undefined;
  const off = runtime.engine.on('event', (event) => {
    if (event.type === 'execution.started' || event.type === 'execution.resumed')
      running.add(event.executionId);
    else if (event.type === 'execution.completed' || event.type === 'execution.paused') {
      running.delete(event.executionId);
      changed?.();
    }
  });
  return {
    /** Waits until nothing runs or `graceMs` passed; returns how many are still running. */
    async drain(graceMs: number): Promise<number> {
      const deadline = Date.now() + graceMs;
      while (running.size > 0 && Date.now() < deadline) {
        await new Promise<void>((resolve) => {
          changed = resolve;
          setTimeout(resolve, Math.min(250, Math.max(0, deadline - Date.now())));
        });
        changed = undefined;
      }
      return running.size;
    },
    stop: () => off(),
  };
}
