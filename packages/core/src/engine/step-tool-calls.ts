import {
  type ErrorInfo,
  type NodeEmittable,
  storedToolValue,
  TOOL_CALL_LIMITS,
  type ToolCallRecord,
} from '@agentflow/protocol';

type ToolEvent = Extract<NodeEmittable, { type: 'step.tool_call' | 'step.tool_result' }>;

/**
 * A step's tool calls, folded from the `step.tool_call` / `step.tool_result` events its node emits (all
 * attempts), kept as `StepRecord.toolCalls` when the step commits. Made by the first tool event, so a step that
 * calls no tool pays nothing. Arguments and results are stored redacted and bounded (`storedToolValue`); past
 * `TOOL_CALL_LIMITS.stepCalls` calls, the rest are only counted (`dropped`).
 */
export class StepToolCalls {
  readonly records: ToolCallRecord[] = [];
  dropped = 0;
  /** Calls started and not answered yet, by call id. */
  private readonly open = new Map<string, ToolCallRecord>();

  add(event: ToolEvent, attempt: number, now: number): void {
    if (event.type === 'step.tool_call') {
      if (this.records.length >= TOOL_CALL_LIMITS.stepCalls) {
        this.dropped += 1;
        return;
      }
      const record: ToolCallRecord = {
        toolName: event.toolName,
        toolCallId: event.toolCallId,
        status: 'running',
        attempt,
        startedAt: now,
      };
      const args = storedToolValue(event.input);
      if (args !== undefined) record.args = args;
      this.records.push(record);
      this.open.set(event.toolCallId, record);
      return;
    }
    let record = this.open.get(event.toolCallId);
    if (record) this.open.delete(event.toolCallId);
    else {
      // A result without a call: a rejected approval (the call never ran).
      if (this.records.length >= TOOL_CALL_LIMITS.stepCalls) {
        this.dropped += 1;
        return;
      }
      record = {
        toolName: event.toolName,
        toolCallId: event.toolCallId,
        status: 'running',
        attempt,
        startedAt: now,
      };
      this.records.push(record);
    }
    record.latencyMs = Math.max(0, now - record.startedAt);
    if (event.approval) record.approval = { ...event.approval };
    if (event.ok) {
      record.status = 'ok';
      const result = storedToolValue(event.output);
      if (result !== undefined) record.result = result;
      return;
    }
    record.status = event.approval?.approved === false ? 'rejected' : 'error';
    const error = errorOf(event.output);
    if (error) record.error = error;
    else {
      const result = storedToolValue(event.output);
      if (result !== undefined) record.result = result;
    }
  }
}

/** The ErrorInfo of a failed call's output (`{error: {code, message, ...}}`), if it has that shape. */
function errorOf(output: unknown): ErrorInfo | undefined {
  const error = (output as { error?: unknown } | null | undefined)?.error;
  if (error === null || typeof error !== 'object') return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || typeof message !== 'string') return undefined;
  return storedToolValue(error) as ErrorInfo;
}
