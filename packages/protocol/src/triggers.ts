/**
 * Triggers (issue 19): what starts a workflow without anyone calling the API. Shapes shared by the runtime, the
 * REST and GraphQL APIs and the web app. Cron expressions and time zones are checked by the runtime (croner).
 */
import { z } from 'zod';

export const TRIGGER_KINDS = ['webhook', 'schedule', 'workflow_event', 'chat'] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

/** `POST /hooks/<trigger id>`. Defaults: async, 30 s sync timeout, 256 KiB, 60 requests per minute. */
export const WebhookConfig = z.strictObject({
  /** `async`: 202 with the execution id at once; `sync`: wait for the output up to `timeoutMs`. */
  mode: z.enum(['async', 'sync']).default('async'),
  timeoutMs: z.number().int().min(100).max(120_000).default(30_000),
  /** `hmac`: the signature style checked with the hook's secret; `bearer`: a token in Authorization. */
  auth: z
    .strictObject({
      hmac: z.enum(['github', 'stripe']).optional(),
      bearer: z.boolean().optional(),
      /** Stripe style: how old a signed timestamp may be; also how long a signature is remembered (replays). */
      toleranceSec: z.number().int().min(1).max(3600).default(300),
    })
    .default({ toleranceSec: 300 }),
  maxBodyBytes: z
    .number()
    .int()
    .min(1)
    .max(1024 * 1024)
    .default(256 * 1024),
  rateLimit: z
    .strictObject({
      limit: z.number().int().min(1).max(100_000),
      windowMs: z.number().int().min(1000).max(86_400_000),
    })
    .default({ limit: 60, windowMs: 60_000 }),
});
export type WebhookConfig = z.infer<typeof WebhookConfig>;

export const ScheduleConfig = z.strictObject({
  /** 5 fields (minute precision) or 6 (seconds first). */
  cron: z.string().min(1).max(200),
  /** IANA time zone. (Default: UTC) */
  timezone: z.string().min(1).max(100).default('UTC'),
  /** The input of every execution. (Default: {}) */
  input: z.unknown().optional(),
  /** A tick while the previous execution still runs: `allow` starts anyway, `skip` drops it, `queue` waits. */
  overlap: z.enum(['allow', 'skip', 'queue']).default('allow'),
  /** Ticks missed while nothing ran: `run_once` runs the latest of them once, `skip` runs none. */
  missed: z.enum(['run_once', 'skip']).default('run_once'),
});
export type ScheduleConfig = z.infer<typeof ScheduleConfig>;

export const WorkflowEventConfig = z.strictObject({
  sourceWorkflowId: z.string().min(1).max(200),
  /** Which ends of the source's executions start this workflow. (Default: ['succeeded']) */
  on: z
    .array(z.enum(['succeeded', 'failed']))
    .min(1)
    .default(['succeeded']),
});
export type WorkflowEventConfig = z.infer<typeof WorkflowEventConfig>;

/** A `frame-ancestors` source: `*`, or an http(s) origin (a leading `*.` for subdomains), nothing else. */
const FrameAncestor = z
  .string()
  .max(200)
  .regex(/^(?:\*|https?:\/\/(?:\*\.)?[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*(?::\d{1,5})?)$/, {
    message: "'*' or an origin such as https://example.com",
  });

/**
 * A chat trigger (issue 19 item 3): the workflow's public chat embed, `/embed/chat/<token>`. A workflow has at
 * most one; it is created disabled (the public embed is off until someone turns it on). Signed-in members chat
 * with any workflow they may run without one.
 */
export const ChatConfig = z.strictObject({
  /** Shown at the top of the embed. (Default: the workflow's name) */
  title: z.string().max(200).optional(),
  /** The first assistant line the embed shows (not sent to the model). */
  greeting: z.string().max(2000).optional(),
  /** Pages allowed to frame the embed (CSP `frame-ancestors`): `['*']` any; `[]` none (a link only). */
  frameAncestors: z.array(FrameAncestor).max(20).default(['*']),
  /** The longest message a visitor may send, in characters. */
  maxMessageChars: z.number().int().min(1).max(32_000).default(4000),
  /** Earlier messages passed to each execution as `history`. */
  historyMessages: z.number().int().min(0).max(200).default(20),
  /** Messages per window through this embed (all visitors together). */
  rateLimit: z
    .strictObject({
      limit: z.number().int().min(1).max(100_000),
      windowMs: z.number().int().min(1000).max(86_400_000),
    })
    .default({ limit: 20, windowMs: 60_000 }),
});
export type ChatConfig = z.infer<typeof ChatConfig>;

const name = z.string().min(1).max(200);

/** What a client sends to create a trigger. */
export const TriggerCreate = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('webhook'),
    name,
    enabled: z.boolean().optional(),
    config: WebhookConfig.optional(),
  }),
  z.strictObject({
    kind: z.literal('schedule'),
    name,
    enabled: z.boolean().optional(),
    config: ScheduleConfig,
  }),
  z.strictObject({
    kind: z.literal('workflow_event'),
    name,
    enabled: z.boolean().optional(),
    config: WorkflowEventConfig,
  }),
  z.strictObject({
    kind: z.literal('chat'),
    name,
    /** (Default for chat: false, the public embed is off until turned on) */
    enabled: z.boolean().optional(),
    config: ChatConfig.optional(),
  }),
]);
export type TriggerCreate = z.input<typeof TriggerCreate>;

/** A change: any of these; `config` replaces the whole config (checked against the trigger's kind). */
export const TriggerUpdate = z.strictObject({
  name: name.optional(),
  enabled: z.boolean().optional(),
  config: z.record(z.string(), z.unknown()).optional(),
});
export type TriggerUpdate = z.infer<typeof TriggerUpdate>;

/** A trigger as the API shows it (never its secret). */
export interface TriggerView {
  id: string;
  workflowId: string;
  kind: TriggerKind;
  name: string;
  enabled: boolean;
  config: WebhookConfig | ScheduleConfig | WorkflowEventConfig | ChatConfig;
  /** Webhooks: the path to POST to. Chat: the public embed's page, `/embed/chat/<token>`. */
  path?: string;
  /** Chat: the share token (shown to members who may change the workflow; rotate it to revoke a shared link). */
  token?: string;
  /** Schedules: the next tick not yet claimed (ms). */
  nextRunAt?: number;
  createdAt: number;
  updatedAt: number;
}

/** What started an execution (absent: a person or an API client). */
export interface TriggerRef {
  id: string;
  kind: TriggerKind;
  name?: string;
}

/** One execution a trigger started or was to start. */
export interface TriggerFiring {
  executionId: string;
  triggerId: string;
  kind: TriggerKind;
  status: 'pending' | 'started' | 'skipped' | 'refused';
  scheduledFor?: number;
  sourceExecutionId?: string;
  error?: string;
  createdAt: number;
  startedAt?: number;
}

/**
 * Chat (issue 19 item 3). The input of the execution each user message starts: the message, the conversation,
 * and the conversation's earlier messages (oldest first; replies that failed are left out; at most the chat
 * trigger's `historyMessages`, 20 by default). An agent node with `chatHistory: true` sends `history` to the
 * model as earlier turns before its prompt (`{{input.message}}`). The reply is the execution's output: a string
 * as it is; an object's `reply`, `text`, `message`, `answer` or `output` string; anything else as JSON.
 */
export interface ChatInput {
  message: string;
  conversationId: string;
  history: { role: 'user' | 'assistant'; content: string }[];
}

export interface ChatMessageView {
  conversationId: string;
  seq: number;
  role: 'user' | 'assistant';
  /** Plain text (model output: render as text, never as HTML). */
  content: string;
  status: 'pending' | 'succeeded' | 'failed';
  executionId?: string;
  error?: { code: string; message: string };
  createdAt: number;
  completedAt?: number;
}

export interface ConversationView {
  id: string;
  workflowId: string;
  title: string;
  source: 'app' | 'embed';
  messageCount: number;
  createdAt: number;
  updatedAt: number;
}

/**
 * The events of a chat reply's `text/event-stream` (`event: <type>`, `data: <JSON>`): `start` once the turn is
 * stored and the execution started, `token` for each text delta an agent streams, then `done` with the stored
 * reply (succeeded or failed). An `error` event ends a stream that broke before `done` (the reply is still stored
 * when the execution ends; read it from the conversation).
 */
export type ChatStreamEvent =
  | { type: 'start'; conversationId: string; executionId: string; message: ChatMessageView }
  | { type: 'token'; delta: string; nodeId?: string }
  | { type: 'done'; executionId: string; message: ChatMessageView }
  | { type: 'error'; code: string; message: string };

/** The most a chat reply's text keeps (a longer output is cut there). */
export const CHAT_REPLY_MAX_CHARS = 100_000;

/** The reply text of a chat execution's output (see ChatInput). */
export function chatReplyText(output: unknown): string {
  let text: string;
  if (typeof output === 'string') text = output;
  else if (output === undefined || output === null) text = '';
  else {
    const o = output as Record<string, unknown>;
    const key = ['reply', 'text', 'message', 'answer', 'output'].find((k) => typeof o[k] === 'string');
    text = key ? (o[key] as string) : JSON.stringify(output);
  }
  return text.length > CHAT_REPLY_MAX_CHARS ? text.slice(0, CHAT_REPLY_MAX_CHARS) : text;
}
