/** Error codes a sandbox run can end with (all defined in @agentflow/protocol). */
export type SandboxErrorCode = 'AF_TIMEOUT' | 'AF_TOOL_ERROR' | 'AF_LIMIT_EXCEEDED' | 'AF_CANCELLED';

export interface SandboxError {
  code: SandboxErrorCode;
  message: string;
}

/** One `console.*` call made by the script. */
export interface SandboxLog {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
}

/** What a run returns. Never throws: every failure, host-side ones included, is an `{ ok: false }` result. */
export type SandboxResult =
  | { ok: true; output: unknown; logs: SandboxLog[] }
  | { ok: false; error: SandboxError; logs: SandboxLog[] };

/** Limits of one run, fully resolved (the sandbox fills in its defaults). */
export interface RunLimits {
  timeoutMs: number;
  memoryLimitBytes: number;
  maxStackBytes: number;
  /** Cap on the JSON text of the output. */
  maxOutputBytes: number;
  /** Cap on the number of captured log lines; later lines are counted, not kept. */
  maxLogLines: number;
  /** Cap on one log line, in characters. */
  maxLogLineChars: number;
}

/** A run as handed to the evaluator (in-thread or inside a worker): plain data only. */
export interface EvaluateRequest {
  code: string;
  /** The input as JSON text, or undefined for no input. */
  inputJson: string | undefined;
  limits: RunLimits;
}

/** The evaluator's answer; `tainted` means the WASM module hit a host-level fault and must not be reused. */
export interface EvaluateOutcome {
  result: SandboxResult;
  tainted: boolean;
}
