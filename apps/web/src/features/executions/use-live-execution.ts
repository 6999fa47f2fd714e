/**
 * Follows one unfinished execution over the WebSocket monitor: which nodes run now (for the graph and the
 * timeline), the tool calls seen, and a refetch of the detail (throttled) whenever a step commits, so the
 * stored records stay the source of truth. Finished executions open no socket.
 */
import type { AgentFlowEvent } from '@agentflow/protocol';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { client } from '../../lib/api.js';
import { opsKeys } from './queries.js';

export interface ToolCall {
  toolCallId: string;
  toolName: string;
  agentId: string;
  stepId: string;
  input: unknown;
  at: number;
  result?: { ok: boolean; output: unknown; at: number };
}

export interface LiveState {
  running: Record<string, { startedAt: number; iteration: number }>;
  toolCalls: ToolCall[];
  status: 'idle' | 'connecting' | 'open' | 'closed';
}

const REFRESHING = new Set<AgentFlowEvent['type']>([
  'step.completed',
  'step.failed',
  'step.skipped',
  'step.waiting',
  'execution.completed',
  'execution.paused',
  'execution.resumed',
  'message',
]);

export function useLiveExecution(
  executionId: string,
  workflowId: string | undefined,
  finished: boolean,
): LiveState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>({ running: {}, toolCalls: [], status: 'idle' });
  useEffect(() => {
    if (!workflowId || finished) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        // The overview, the log and open messages change; a committed step's full record never does.
        void queryClient.invalidateQueries({
          queryKey: opsKeys.detail(executionId),
          predicate: (query) => query.queryKey[2] !== 'steps',
        });
      }, 250);
    };
    const monitor = client.monitor(workflowId, {
      executionId,
      onStatus: (status) => setState((s) => ({ ...s, status })),
      onGap: refresh,
      onEvent: (event) => {
        if (event.executionId !== executionId) return;
        setState((s) => fold(s, event));
        if (REFRESHING.has(event.type)) refresh();
      },
    });
    return () => {
      if (timer) clearTimeout(timer);
      monitor.close();
    };
  }, [executionId, workflowId, finished, queryClient]);
  return state;
}

/** The live state after one event (pure). */
export function fold(state: LiveState, event: AgentFlowEvent): LiveState {
  switch (event.type) {
    case 'step.started':
      return {
        ...state,
        running: { ...state.running, [event.agentId]: { startedAt: event.at, iteration: event.iteration } },
      };
    case 'step.completed':
    case 'step.failed':
    case 'step.skipped':
    case 'step.waiting': {
      if (event.type === 'step.failed' && event.willRetry) return state;
      const { [event.agentId]: _gone, ...running } = state.running;
      return { ...state, running };
    }
    case 'execution.completed':
    case 'execution.paused':
      return { ...state, running: {} };
    case 'step.tool_call':
      return {
        ...state,
        toolCalls: [
          ...state.toolCalls,
          {
            toolCallId: event.toolCallId,
            toolName: event.toolName,
            agentId: event.agentId,
            stepId: event.stepId,
            input: event.input,
            at: event.at,
          },
        ],
      };
    case 'step.tool_result':
      return {
        ...state,
        toolCalls: state.toolCalls.map((c) =>
          c.toolCallId === event.toolCallId && c.stepId === event.stepId
            ? { ...c, result: { ok: event.ok, output: event.output, at: event.at } }
            : c,
        ),
      };
    default:
      return state;
  }
}
