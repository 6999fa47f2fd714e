import type { QuickJSContext, QuickJSHandle, QuickJSRuntime } from 'quickjs-emscripten-core';
import type { QuickJSInstance } from './quickjs-module.js';
import type {
  EvaluateOutcome,
  EvaluateRequest,
  RunLimits,
  SandboxError,
  SandboxLog,
  SandboxResult,
} from './types.js';

/**
 * `JS_EVAL_FLAG_ASYNC` of QuickJS (2024-01-13 and later): a global script may use top-level `await`; the
 * evaluation returns a promise of `{ value }`, `value` being the script's completion value.
 */
const EVAL_GLOBAL_ASYNC = 1 << 7;
/** `JS_EVAL_FLAG_COMPILE_ONLY`: parse and compile, run nothing. */
const EVAL_COMPILE_ONLY = 1 << 5;

type Stop = 'timeout' | 'cancelled' | undefined;

/**
 * Runs one script in a fresh QuickJS runtime and context, synchronously. The script sees `input` (parsed from
 * JSON inside the sandbox), `console.{log,info,warn,error,debug}` (captured) and the standard built-ins; no host
 * object is reachable. The result is the script's completion value or, when the code uses `return` or top-level
 * `await`, the value its async-function body returns. The output leaves the sandbox as JSON text.
 */
export function evaluate(
  instance: QuickJSInstance,
  request: EvaluateRequest,
  isCancelled: () => boolean,
): EvaluateOutcome {
  const { limits } = request;
  const logs = createLogSink(limits);
  instance.beginRun();
  const deadline = performance.now() + limits.timeoutMs;
  let stop: Stop;
  const interruptHandler = () => {
    if (stop) return true;
    if (isCancelled()) stop = 'cancelled';
    else if (performance.now() > deadline) stop = 'timeout';
    return stop !== undefined;
  };
  let runtime: QuickJSRuntime | undefined;
  let context: QuickJSContext | undefined;
  const handles: QuickJSHandle[] = [];
  let result: SandboxResult;
  let tainted = false;
  try {
    // The memory limit is the cap on the instance's WebAssembly memory (see quickjs-module.ts); QuickJS's own
    // malloc limit is left off because this build counts allocations, not bytes, against it.
    runtime = instance.module.newRuntime({
      maxStackSizeBytes: limits.maxStackBytes,
      interruptHandler,
    });
    context = runtime.newContext();
    const outcome = runScript(runtime, context, request, logs, handles, () => stop);
    result = outcome.ok
      ? { ok: true, output: outcome.output, logs: logs.finish() }
      : { ok: false, error: outcome.error, logs: logs.finish() };
  } catch (error) {
    // A fault outside QuickJS's own checks (host stack overflow inside WASM, a trap): contained, but the module's
    // memory may be inconsistent, so the caller must load a fresh one.
    tainted = true;
    result = { ok: false, error: hostFault(error, stop, limits), logs: logs.finish() };
  }
  // Out of linear memory, QuickJS may fail to even build its error object (it throws null): say what happened.
  if (!result.ok && result.error.code === 'AF_TOOL_ERROR' && instance.exhausted()) {
    result.error = {
      code: 'AF_LIMIT_EXCEEDED',
      message: `the script exceeded the memory limit (${mib(limits)})`,
    };
  }
  if (!tainted) {
    // After a host fault nothing more is run in the module (freeing could trip QuickJS's leak assertion).
    try {
      for (const handle of handles.reverse()) if (handle.alive) handle.dispose();
      context?.dispose();
      runtime?.dispose();
    } catch {
      tainted = true;
    }
  }
  return { result, tainted };
}

type Outcome = { ok: true; output: unknown } | { ok: false; error: SandboxError };

function runScript(
  runtime: QuickJSRuntime,
  context: QuickJSContext,
  request: EvaluateRequest,
  logs: LogSink,
  handles: QuickJSHandle[],
  stopped: () => Stop,
): Outcome {
  const { limits } = request;
  const keep = (h: QuickJSHandle) => {
    handles.push(h);
    return h;
  };
  // Pristine JSON functions, taken before any user code can replace them.
  const json = keep(context.getProp(context.global, 'JSON'));
  const parse = keep(context.getProp(json, 'parse'));
  const stringify = keep(context.getProp(json, 'stringify'));
  const fail = (h: QuickJSHandle): Outcome => ({
    ok: false,
    error: describeError(context, h, stopped, limits),
  });

  if (request.inputJson === undefined) {
    context.setProp(context.global, 'input', context.undefined);
  } else {
    const text = keep(context.newString(request.inputJson));
    const parsed = context.callFunction(parse, json, text);
    if (parsed.error) return fail(keep(parsed.error));
    context.setProp(context.global, 'input', keep(parsed.value));
  }
  installConsole(context, logs, stringify, json);

  // A script's completion value is its output; code with a top-level `return` runs as an async function body.
  let evaluated = context.evalCode(request.code, 'code.js', EVAL_GLOBAL_ASYNC);
  let completion = true;
  if (evaluated.error && !stopped() && isParseError(context, request.code, EVAL_GLOBAL_ASYNC)) {
    const wrapped = `(async function () {\n${request.code}\n})()`;
    if (!isParseError(context, wrapped, 0)) {
      evaluated.error.dispose();
      evaluated = context.evalCode(wrapped, 'code.js', { type: 'global' });
      completion = false;
    }
  }
  if (evaluated.error) return fail(keep(evaluated.error));
  const value = keep(evaluated.value);

  const drained = drainJobs(runtime, stopped);
  if (drained) return fail(keep(drained));
  const state = context.getPromiseState(value);
  let settled: QuickJSHandle;
  if (state.type === 'pending') {
    return {
      ok: false,
      error: {
        code: 'AF_TOOL_ERROR',
        message: 'the script returned a promise that never settled (the sandbox has no timers or I/O)',
      },
    };
  } else if (state.type === 'rejected') {
    return fail(keep(state.error));
  } else {
    settled = state.notAPromise ? value : keep(state.value);
  }
  if (completion && context.typeof(settled) === 'object') {
    settled = keep(context.getProp(settled, 'value'));
  }

  const serialized = context.callFunction(stringify, json, settled);
  if (serialized.error) {
    const error = describeError(context, keep(serialized.error), stopped, limits);
    if (error.code === 'AF_TOOL_ERROR')
      error.message = `the output is not JSON-serializable: ${error.message}`;
    return { ok: false, error };
  }
  const text = keep(serialized.value);
  if (context.typeof(text) !== 'string') return { ok: true, output: null };
  const jsonText = context.getString(text);
  if (jsonText.length > limits.maxOutputBytes || Buffer.byteLength(jsonText) > limits.maxOutputBytes) {
    return {
      ok: false,
      error: {
        code: 'AF_LIMIT_EXCEEDED',
        message: `the output is larger than ${limits.maxOutputBytes} bytes of JSON`,
      },
    };
  }
  return { ok: true, output: JSON.parse(jsonText) };
}

/** Runs queued promise jobs until none is left; returns the error handle if a job was interrupted. */
function drainJobs(runtime: QuickJSRuntime, stopped: () => Stop): QuickJSHandle | undefined {
  for (;;) {
    if (stopped()) break;
    const jobs = runtime.executePendingJobs();
    if (jobs.error) return jobs.error;
    if (jobs.value === 0) return undefined;
  }
  return undefined;
}

/** True when `code` does not even compile as a global script (nothing of it has run). */
function isParseError(context: QuickJSContext, code: string, flags: number): boolean {
  const compiled = context.evalCode(code, 'code.js', flags | EVAL_COMPILE_ONLY);
  if (compiled.error) {
    compiled.error.dispose();
    return true;
  }
  compiled.value.dispose();
  return false;
}

const CONSOLE_LEVELS: [string, SandboxLog['level']][] = [
  ['log', 'info'],
  ['info', 'info'],
  ['debug', 'debug'],
  ['warn', 'warn'],
  ['error', 'error'],
];

function installConsole(
  context: QuickJSContext,
  logs: LogSink,
  stringify: QuickJSHandle,
  json: QuickJSHandle,
): void {
  const consoleObject = context.newObject();
  for (const [method, level] of CONSOLE_LEVELS) {
    const fn = context.newFunction(method, (...args) => {
      if (logs.full()) {
        logs.add(level, '');
        return;
      }
      logs.add(level, args.map((arg) => formatArg(context, arg, stringify, json)).join(' '));
    });
    context.setProp(consoleObject, method, fn);
    fn.dispose();
  }
  context.setProp(context.global, 'console', consoleObject);
  consoleObject.dispose();
}

function formatArg(
  context: QuickJSContext,
  arg: QuickJSHandle,
  stringify: QuickJSHandle,
  json: QuickJSHandle,
): string {
  const type = context.typeof(arg);
  if (type === 'string') return context.getString(arg);
  if (type === 'number') return String(context.getNumber(arg));
  if (type === 'undefined') return 'undefined';
  if (type === 'boolean' || type === 'bigint' || type === 'symbol') return String(context.dump(arg));
  if (type === 'function') return '[function]';
  const text = context.callFunction(stringify, json, arg);
  if (text.error) {
    text.error.dispose();
    return '[unserializable]';
  }
  const out = context.typeof(text.value) === 'string' ? context.getString(text.value) : String(undefined);
  text.value.dispose();
  return out;
}

interface LogSink {
  add(level: SandboxLog['level'], message: string): void;
  full(): boolean;
  finish(): SandboxLog[];
}

function createLogSink(limits: RunLimits): LogSink {
  const lines: SandboxLog[] = [];
  let dropped = 0;
  return {
    full: () => lines.length >= limits.maxLogLines,
    add(level, message) {
      if (lines.length >= limits.maxLogLines) {
        dropped += 1;
        return;
      }
      const text =
        message.length > limits.maxLogLineChars ? `${message.slice(0, limits.maxLogLineChars)}…` : message;
      lines.push({ level, message: text });
    },
    finish() {
      const out = lines.slice();
      if (dropped > 0) out.push({ level: 'warn', message: `${dropped} more log lines were dropped` });
      return out;
    },
  };
}

/** Reads the name and message of a thrown value without trusting it (getters run inside the sandbox). */
function describeError(
  context: QuickJSContext,
  thrown: QuickJSHandle,
  stopped: () => Stop,
  limits: RunLimits,
): SandboxError {
  const stopBefore = stopped();
  if (stopBefore) return stopError(stopBefore, limits);
  let name = '';
  let message = '';
  if (context.typeof(thrown) === 'object') {
    name = readStringProp(context, thrown, 'name');
    message = readStringProp(context, thrown, 'message');
  }
  // A getter on the thrown value may itself have run out the clock.
  const stopAfter = stopped();
  if (stopAfter) return stopError(stopAfter, limits);
  if (!name && !message) {
    try {
      message = `uncaught ${truncate(JSON.stringify(context.dump(thrown)) ?? 'undefined', 500)}`;
    } catch {
      message = 'uncaught exception';
    }
  }
  return classify(name, message, limits);
}

function readStringProp(context: QuickJSContext, handle: QuickJSHandle, key: string): string {
  try {
    const prop = context.getProp(handle, key);
    const out = context.typeof(prop) === 'string' ? context.getString(prop) : '';
    prop.dispose();
    return out;
  } catch {
    return '';
  }
}

function classify(name: string, message: string, limits: RunLimits): SandboxError {
  if (/out of memory/i.test(message)) {
    return { code: 'AF_LIMIT_EXCEEDED', message: `the script exceeded the memory limit (${mib(limits)})` };
  }
  if (/stack overflow|maximum call stack/i.test(message)) {
    return { code: 'AF_LIMIT_EXCEEDED', message: 'the script exceeded the stack limit (recursion too deep)' };
  }
  if (
    name === 'RangeError' &&
    /invalid (array|string) length|string too long|array too long/i.test(message)
  ) {
    return { code: 'AF_LIMIT_EXCEEDED', message: `the script tried to allocate too much: ${message}` };
  }
  const text = name && message ? `${name}: ${message}` : name || message;
  return { code: 'AF_TOOL_ERROR', message: truncate(text, 2000) };
}

function stopError(stop: 'timeout' | 'cancelled', limits: RunLimits): SandboxError {
  return stop === 'timeout'
    ? { code: 'AF_TIMEOUT', message: `the script ran longer than ${limits.timeoutMs} ms` }
    : { code: 'AF_CANCELLED', message: 'the script was cancelled' };
}

function hostFault(error: unknown, stop: Stop, limits: RunLimits): SandboxError {
  if (stop) return stopError(stop, limits);
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError && /call stack/i.test(message)) {
    return { code: 'AF_LIMIT_EXCEEDED', message: 'the script exceeded the stack limit (recursion too deep)' };
  }
  return classify('', `sandbox fault: ${message}`, limits);
}

function mib(limits: RunLimits): string {
  return `${Math.round((limits.memoryLimitBytes / 1024 / 1024) * 10) / 10} MiB`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
