/**
 * Triggers (issue 19): what starts a workflow without anyone calling the API. Shapes shared by the runtime, the
 * REST and GraphQL APIs and the web app. Cron expressions and time zones are checked by the runtime (croner).
 */
import { z } from 'zod';

export const TRIGGER_KINDS = ['webhook', 'schedule', 'workflow_event'] as const;
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
  config: WebhookConfig | ScheduleConfig | WorkflowEventConfig;
  /** Webhooks: the path to POST to. */
  path?: string;
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
