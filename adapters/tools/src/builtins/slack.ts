import { defineTool, type Tool } from '@agentflow/core';
import { AgentFlowError } from '@agentflow/protocol';
import type { EgressGuard } from '../egress/guard.js';
import { postJson, type SecretValue, secretOf } from './api-call.js';

export interface SlackToolOptions {
  /** Bot token (`xoxb-...`). */
  token: SecretValue;
  egress: EgressGuard;
  /** Web API base. (Default: https://slack.com/api) */
  baseUrl?: string;
  /** Channel used when a call names none. */
  defaultChannel?: string;
  /** (Default: 15000 ms) */
  timeoutMs?: number;
}

export interface SlackPostInput {
  channel?: string;
  text: string;
  blocks?: unknown[];
  thread_ts?: string;
}

export interface SlackPostOutput {
  channel: string;
  ts: string;
}

/**
 * `slack_post_message`: Slack Web API `chat.postMessage` (POST JSON, `Authorization: Bearer <token>`). Slack has
 * no idempotency key; the step's key travels in the message `metadata` (event `agentflow_tool_call`), where a
 * retry can be recognized.
 */
export function createSlackPostMessageTool(options: SlackToolOptions): Tool<SlackPostInput, SlackPostOutput> {
  const base = (options.baseUrl ?? 'https://slack.com/api').replace(/\/+$/, '');
  return defineTool<SlackPostInput, SlackPostOutput>({
    name: 'slack_post_message',
    description: 'Posts a message to a Slack channel (or a thread with thread_ts).',
    sideEffect: true,
    inputSchema: {
      type: 'object',
      properties: {
        channel: { type: 'string', minLength: 1, maxLength: 200, description: 'Channel id or name.' },
        text: { type: 'string', minLength: 1, maxLength: 40_000 },
        blocks: { type: 'array', maxItems: 50 },
        thread_ts: { type: 'string', maxLength: 64 },
      },
      required: ['text'],
      additionalProperties: false,
    },
    async run(input, ctx) {
      const channel = input.channel ?? options.defaultChannel;
      if (!channel)
        throw new AgentFlowError('AF_TOOL_ERROR', 'slack_post_message: no channel given', {
          retryable: false,
        });
      const body: Record<string, unknown> = {
        channel,
        text: input.text,
        metadata: {
          event_type: 'agentflow_tool_call',
          event_payload: { idempotency_key: ctx.idempotencyKey },
        },
      };
      if (input.blocks) body.blocks = input.blocks;
      if (input.thread_ts) body.thread_ts = input.thread_ts;
      const token = await secretOf(options.token);
      const { json } = await postJson(
        'slack_post_message',
        options.egress,
        `${base}/chat.postMessage`,
        token,
        body,
        ctx.signal,
        options.timeoutMs ?? 15_000,
      );
      if (json.ok !== true) {
        const error = String(json.error ?? 'unknown_error');
        throw new AgentFlowError('AF_TOOL_ERROR', `slack_post_message: Slack answered ${error}`, {
          retryable: error === 'ratelimited' || error === 'service_unavailable' || error === 'internal_error',
          details: { slackError: error },
        });
      }
      return { channel: String(json.channel ?? channel), ts: String(json.ts ?? '') };
    },
  });
}
