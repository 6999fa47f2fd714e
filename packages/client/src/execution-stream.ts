/**
 * The workspace's execution changes (`/ws/executions`): started, resumed, paused, completed, for every top-level
 * execution of the caller's workspace, wherever it runs. Reconnects on its own; nothing is replayed, so a client
 * should reload what it shows when the status becomes `open` again.
 */
import { type MonitorContext, reconnecting, webSocketBase } from './monitor.js';

export interface ExecutionChange {
  type: 'execution.changed';
  change: 'started' | 'resumed' | 'paused' | 'completed';
  executionId: string;
  workflowId: string;
  status: 'queued' | 'running' | 'paused' | 'succeeded' | 'failed' | 'cancelled';
  at: number;
  usage?: { inputTokens: number; outputTokens: number; costUsd: number };
  durationMs?: number;
}

export interface ExecutionStreamOptions {
  onChange: (change: ExecutionChange) => void;
  /** Connection state changes: poll while it is not `open`. */
  onStatus?: (status: 'connecting' | 'open' | 'closed') => void;
  /** Delay before the first reconnect; doubles up to 5 s. (Default: 300 ms) */
  reconnectDelayMs?: number;
}

export interface ExecutionStream {
  close(): void;
}

export function openExecutionStream(
  context: MonitorContext,
  options: ExecutionStreamOptions,
): ExecutionStream {
  const url = () => {
    const qs = context.apiKey === undefined ? '' : `?token=${encodeURIComponent(context.apiKey)}`;
    return `${webSocketBase(context.baseUrl)}/ws/executions${qs}`;
  };
  return reconnecting(
    context,
    url,
    (message) => {
      try {
        const frame = JSON.parse(String(message.data)) as { type?: string };
        if (frame.type === 'execution.changed') options.onChange(frame as ExecutionChange);
      } catch {
        // not a frame of ours
      }
    },
    options,
  );
}
