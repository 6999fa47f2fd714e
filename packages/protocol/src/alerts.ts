/**
 * Built-in alerts (issue 17 item 3): rules a workspace keeps, evaluated by every runtime from the store's own
 * records, and the history of their firings. Shapes shared by the runtime, the REST and GraphQL APIs and the web
 * app. See ARCHITECTURE.md §11e.
 */
import { z } from 'zod';
import { httpUrl } from './url.js';

/**
 * What a rule measures (each compared with `threshold` by `>`):
 * - `error_rate`: failed agent steps / steps that ended, of the executions that ended in the window (0..1);
 * - `p95_latency`: p95 duration of top-level executions that ended in the window (ms);
 * - `daily_cost`: USD of top-level executions created since the start of the UTC day (`windowMs` unused);
 * - `workflow_failure_rate`: failed top-level executions / those that ended in the window (0..1);
 * - `queue_backlog`: executions of the workspace waiting to start (status `queued`) now (`windowMs` unused).
 * A window without any execution or step has no value: the condition is false.
 */
export const ALERT_KINDS = [
  'error_rate',
  'p95_latency',
  'daily_cost',
  'workflow_failure_rate',
  'queue_backlog',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_SEVERITIES = ['critical', 'warning', 'info'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const AlertChannels = z.strictObject({
  /** Each gets a POST of the firing as JSON (egress policy applies; retried with backoff). */
  webhooks: z.array(httpUrl).max(10).default([]),
  /** Posted with `slack_post_message` under the workspace's `slack` credential (else the instance's token). */
  slack: z
    .array(z.strictObject({ channel: z.string().trim().min(1).max(200) }))
    .max(10)
    .default([]),
  /** Sent with `send_email` under the workspace's `smtp` credential (else the instance's SMTP server). */
  emails: z.array(z.email().max(320)).max(20).default([]),
});
export type AlertChannels = z.infer<typeof AlertChannels>;

const HOUR = 3_600_000;

export const AlertRuleInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(ALERT_KINDS),
  threshold: z.number().min(0).max(1e12),
  /** Rates and latency: the window each evaluation looks at. (Default: 5 min) */
  windowMs: z
    .number()
    .int()
    .min(60_000)
    .max(24 * HOUR)
    .default(300_000),
  /** How long the condition must hold, evaluation after evaluation, before the rule fires. (Default: 0) */
  durationMs: z
    .number()
    .int()
    .min(0)
    .max(24 * HOUR)
    .default(0),
  severity: z.enum(ALERT_SEVERITIES).default('warning'),
  enabled: z.boolean().default(true),
  channels: AlertChannels.default({ webhooks: [], slack: [], emails: [] }),
});
export type AlertRuleInput = z.infer<typeof AlertRuleInput>;

/** A change: fields left out are kept. */
export const AlertRuleUpdate = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  threshold: z.number().min(0).max(1e12).optional(),
  windowMs: z
    .number()
    .int()
    .min(60_000)
    .max(24 * HOUR)
    .optional(),
  durationMs: z
    .number()
    .int()
    .min(0)
    .max(24 * HOUR)
    .optional(),
  severity: z.enum(ALERT_SEVERITIES).optional(),
  enabled: z.boolean().optional(),
  channels: AlertChannels.optional(),
});
export type AlertRuleUpdate = z.infer<typeof AlertRuleUpdate>;

export interface AlertRule {
  id: string;
  workspaceId: string;
  name: string;
  kind: AlertKind;
  threshold: number;
  windowMs: number;
  durationMs: number;
  severity: AlertSeverity;
  enabled: boolean;
  channels: AlertChannels;
  /** The built-in default this rule was created from, if any. */
  defaultKey?: string;
  createdAt: number;
  updatedAt: number;
  /** Where its evaluation stands. */
  state: {
    /** The condition has held since (not yet for the whole duration, or firing). */
    pendingSince?: number;
    /** The open firing. */
    firingId?: string;
    firingSince?: number;
    lastValue?: number;
    lastEvaluatedAt?: number;
  };
}

export type AlertResolution = 'cleared' | 'rule_disabled' | 'rule_deleted';

export interface AlertFiring {
  id: string;
  ruleId: string;
  ruleName: string;
  kind: AlertKind;
  severity: AlertSeverity;
  threshold: number;
  /** The value when it fired. */
  value: number;
  /** Since when the condition had held. */
  pendingSince: number;
  firedAt: number;
  resolvedAt?: number;
  resolvedValue?: number;
  resolution?: AlertResolution;
}

/** The figure as people read it: rates in %, latency in s, cost in USD. */
export function formatAlertValue(kind: AlertKind, value: number | undefined): string {
  if (value === undefined) return 'no data';
  switch (kind) {
    case 'error_rate':
    case 'workflow_failure_rate':
      return `${(value * 100).toFixed(1)} %`;
    case 'p95_latency':
      return `${(value / 1000).toFixed(2)} s`;
    case 'daily_cost':
      return `$${value.toFixed(2)}`;
    case 'queue_backlog':
      return `${Math.round(value)} queued`;
  }
}

/**
 * The defaults every workspace gets once (the seed's three and the operations alerts). Latency in ms, cost in USD,
 * rates as fractions.
 */
export const DEFAULT_ALERT_RULES: ReadonlyArray<AlertRuleInput & { defaultKey: string }> = [
  {
    defaultKey: 'error_rate',
    name: 'Error rate above 5 % for 5 minutes',
    kind: 'error_rate',
    threshold: 0.05,
    windowMs: 300_000,
    durationMs: 300_000,
    severity: 'critical',
    enabled: true,
    channels: { webhooks: [], slack: [], emails: [] },
  },
  {
    defaultKey: 'p95_latency',
    name: 'p95 latency above 5 s for 10 minutes',
    kind: 'p95_latency',
    threshold: 5000,
    windowMs: 600_000,
    durationMs: 600_000,
    severity: 'warning',
    enabled: true,
    channels: { webhooks: [], slack: [], emails: [] },
  },
  {
    defaultKey: 'daily_cost',
    name: 'Daily cost above $100',
    kind: 'daily_cost',
    threshold: 100,
    windowMs: 300_000,
    durationMs: 0,
    severity: 'warning',
    enabled: true,
    channels: { webhooks: [], slack: [], emails: [] },
  },
  {
    defaultKey: 'workflow_failure_rate',
    name: 'Workflow failure rate above 20 %',
    kind: 'workflow_failure_rate',
    threshold: 0.2,
    windowMs: 900_000,
    durationMs: 0,
    severity: 'warning',
    enabled: true,
    channels: { webhooks: [], slack: [], emails: [] },
  },
  {
    defaultKey: 'queue_backlog',
    name: 'Queue backlog above 1,000 for 15 minutes',
    kind: 'queue_backlog',
    threshold: 1000,
    windowMs: 300_000,
    durationMs: 900_000,
    severity: 'warning',
    enabled: true,
    channels: { webhooks: [], slack: [], emails: [] },
  },
];
