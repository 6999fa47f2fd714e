import { randomUUID } from 'node:crypto';
import type { Engine, RunResult } from '@agentflow/core';
import { isAgentFlowError } from '@agentflow/protocol';
import { type EngineFlags, openEngine } from '../engine-setup.js';
import { CliError, EXIT } from '../errors.js';
import type { CliContext } from '../io.js';
import { loadWorkflowFile, parseInputArg, parseJson } from '../load.js';
import { ProgressView } from '../progress.js';
import { printResult } from '../result.js';

export interface RunCommandOptions extends EngineFlags {
  /** Print every event as one JSON line on stdout, then the result as the last line. */
  events?: boolean;
  /** Inline JSON, or `@path` to a JSON file. (Default: null) */
  input?: string;
  /** Print only the result JSON, even on a terminal. */
  json?: boolean;
  /** `agentId=JSON` payloads for human nodes, given when the execution pauses at them. */
  approve?: string[];
}

/**
 * `agentflow run <file>`: runs a workflow in-process with the in-memory store. On a terminal it draws live
 * progress, then the output; otherwise (or with --json) it prints only the result JSON.
 */
export async function runCommand(file: string, options: RunCommandOptions, io: CliContext): Promise<number> {
  const raw = await loadWorkflowFile(file, io.cwd);
  const input = await parseInputArg(options.input, io.cwd);
  const approvals = await parseApprovals(options.approve ?? [], io.cwd);
  const opened = await openEngine(options, io);
  const engine = opened.engine;
  const checked = engine.validate(raw);
  if (!checked.ok) {
    await opened.close();
    throw new CliError(`${file}: invalid workflow`, checked.issues);
  }

  const executionId = randomUUID();
  const live = io.stdout.isTTY === true && !options.json && !options.events;
  if (options.events) engine.on('event', (event) => io.stdout.write(`${JSON.stringify(event)}\n`));
  const view = live
    ? new ProgressView(checked.workflow, executionId, { out: io.stdout, color: io.config.color })
    : undefined;
  if (view) {
    engine.on('event', view.onEvent);
    view.start();
  }
  const say = (text: string) => (view ? view.setNote(text) : io.stderr.write(`agentflow: ${text}\n`));
  const controller = new AbortController();
  let forceExit: (code: number) => void = () => {};
  const forced = new Promise<number>((resolve) => {
    forceExit = resolve;
  });
  const stopListening = io.onInterrupt(() => {
    if (controller.signal.aborted) {
      say('interrupted again, exiting without waiting');
      forceExit(EXIT.failed);
      return;
    }
    say('cancelling (press Ctrl-C again to exit at once)');
    void engine.cancel(executionId, 'cancelled by the user (Ctrl-C)').catch(() => false);
    controller.abort();
  });

  const work = async (): Promise<number> => {
    let result = await engine.run(raw, input, { executionId, signal: controller.signal }).catch((error) => {
      if (!isAgentFlowError(error) || error.code !== 'AF_INVALID_INPUT' || options.input !== undefined)
        throw error;
      throw new CliError(
        'the input does not match the workflow (no --input was given: the input is null)',
        error.issues,
      );
    });
    result = await continueWithApprovals(engine, result, approvals, controller.signal);
    view?.stop();
    printResult(result, { io, json: !live });
    if (result.status === 'succeeded') return EXIT.ok;
    if (result.status === 'paused') reportPaused(await waitingOf(engine, result.executionId), io);
    return EXIT.failed;
  };
  try {
    return await Promise.race([work(), forced]);
  } finally {
    view?.stop();
    stopListening();
    await opened.close();
  }
}

/** While the execution pauses at a human node that has an --approve payload, give it and continue. */
async function continueWithApprovals(
  engine: Engine,
  first: RunResult,
  approvals: Map<string, unknown>,
  signal: AbortSignal,
): Promise<RunResult> {
  let result = first;
  while (result.status === 'paused' && !signal.aborted) {
    const next = (await waitingOf(engine, result.executionId)).find((id) => approvals.has(id));
    if (next === undefined) break;
    result = await engine.approve(result.executionId, next, approvals.get(next));
  }
  return result;
}

async function waitingOf(engine: Engine, executionId: string): Promise<string[]> {
  return (await engine.store.getExecution(executionId))?.waiting ?? [];
}

function reportPaused(waiting: readonly string[], io: CliContext): void {
  io.stderr.write(
    `agentflow: the execution paused waiting for ${waiting.join(', ')}; ` +
      `give the payload with --approve ${waiting[0] ?? '<agentId>'}='<json>'\n`,
  );
}

async function parseApprovals(values: readonly string[], cwd: string): Promise<Map<string, unknown>> {
  const approvals = new Map<string, unknown>();
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq <= 0) throw new CliError(`--approve ${value}: expected <agentId>=<json> or <agentId>=@<file>`);
    const agentId = value.slice(0, eq);
    const payload = value.slice(eq + 1);
    approvals.set(
      agentId,
      payload.startsWith('@')
        ? await parseInputArg(payload, cwd)
        : parseJson(payload, `--approve ${agentId}`),
    );
  }
  return approvals;
}
