/**
 * `POST /hooks/<trigger id>` (issue 19 item 1): checks a webhook request and starts its workflow. The server hands
 * over the raw body (the signature covers its exact bytes); every refusal is an AgentFlowError with a stable code
 * (the server maps it to a 4xx) and nothing is recorded. Order: the hook (404), enabled (409), content type (415),
 * size (413), authentication (401), replay (409), rate limits per hook and per workspace (429), the workflow's
 * status and the plan's execution limit (the gate: 409 / 429), the input node's schema (400).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { RunResult } from '@agentflow/core';
import { AgentFlowError, scanJsonText, type WebhookConfig } from '@agentflow/protocol';
import type { TriggerFiringRepository, TriggerRecord, TriggerRepository } from '@agentflow/store-sql';
import type { RateLimiter, RateRule } from '../auth/rate-limit.js';
import type { TriggerService } from './service.js';

/** Requests per workspace over all its hooks. */
export const WEBHOOK_WORKSPACE_LIMIT: RateRule = { limit: 600, windowMs: 60_000 };

/** Headers never passed to the workflow (credentials and signatures). */
const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'x-api-key',
  'x-hub-signature',
  'x-hub-signature-256',
  'stripe-signature',
]);

export interface WebhookRequest {
  id: string;
  body: Buffer;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, string>;
}

export interface WebhookResponse {
  status: 200 | 202;
  body: {
    executionId: string;
    status: string;
    output?: unknown;
    error?: { code: string; message: string };
  };
}

export interface WebhookOptions {
  /** Looks the hook up by id. */
  triggers: Pick<TriggerRepository, 'get'>;
  /** Records what each request started. */
  firings: Pick<TriggerFiringRepository, 'record'>;
  service: Pick<TriggerService, 'openSecret'>;
  limiter: Pick<RateLimiter, 'hit'>;
  /** Starts the workflow (the workflow service's `execute` with `via: 'trigger'`). */
  start(
    target: { workspaceId: string; workflowId: string },
    input: unknown,
  ): Promise<{ executionId: string; done: Promise<RunResult> }>;
  now: () => number;
  /** (Default: WEBHOOK_WORKSPACE_LIMIT) */
  workspaceLimit?: RateRule;
}

const header = (headers: WebhookRequest['headers'], name: string) => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};

function equalText(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

const signatureError = (message: string) => new AgentFlowError('AF_WEBHOOK_SIGNATURE', message);

/** Returns the signature to remember against replays. */
function verify(
  config: WebhookConfig,
  secret: string | undefined,
  request: WebhookRequest,
  now: number,
): string | undefined {
  const { auth } = config;
  if (auth.bearer) {
    const given = header(request.headers, 'authorization') ?? '';
    const token = /^Bearer\s+(.+)$/i.exec(given)?.[1];
    if (!token || !secret || !equalText(token, secret)) throw signatureError('missing or wrong bearer token');
    return undefined;
  }
  if (auth.hmac === 'github') {
    const given = header(request.headers, 'x-hub-signature-256') ?? '';
    const expected = `sha256=${createHmac('sha256', secret ?? '')
      .update(request.body)
      .digest('hex')}`;
    if (!secret || !given || !equalText(given, expected))
      throw signatureError('missing or bad X-Hub-Signature-256');
    return given;
  }
  if (auth.hmac === 'stripe') {
    const given = header(request.headers, 'stripe-signature') ?? '';
    const parts = given.split(',').map((p) => p.trim().split('=') as [string, string?]);
    const t = Number(parts.find(([k]) => k === 't')?.[1]);
    const v1 = parts.filter(([k]) => k === 'v1').map(([, v]) => v ?? '');
    if (!secret || !Number.isInteger(t) || v1.length === 0)
      throw signatureError('missing or malformed Stripe-Signature');
    if (Math.abs(now / 1000 - t) > auth.toleranceSec) {
      throw signatureError(`the signature's timestamp is outside the ${auth.toleranceSec} s tolerance`);
    }
    const mac = createHmac('sha256', secret).update(`${t}.`).update(request.body).digest('hex');
    if (!v1.some((v) => equalText(v, mac))) throw signatureError('bad Stripe-Signature');
    return `${t}:${mac}`;
  }
  return undefined;
}

function parseBody(request: WebhookRequest): unknown {
  const contentType = (header(request.headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType !== 'application/json' && !/^application\/[\w.+-]+\+json$/.test(contentType)) {
    throw new AgentFlowError('AF_VALIDATION', 'a webhook takes JSON (Content-Type: application/json)', {
      issues: [
        {
          code: 'AF_VALIDATION',
          path: 'headers.content-type',
          message: `unsupported media type ${contentType || '(none)'}`,
        },
      ],
    });
  }
  const text = request.body.toString('utf8');
  if (text.trim() === '') return null;
  const issue = scanJsonText(text, {});
  if (issue)
    throw new AgentFlowError(
      issue.code === 'AF_LIMIT_EXCEEDED' ? 'AF_INPUT_TOO_LARGE' : issue.code,
      issue.message,
      { issues: [issue] },
    );
  try {
    return JSON.parse(text, (key, value) => (key === '__proto__' ? undefined : value));
  } catch (error) {
    throw new AgentFlowError('AF_VALIDATION', 'the body is not valid JSON', {
      issues: [
        {
          code: 'AF_VALIDATION',
          path: 'body',
          message: error instanceof Error ? error.message : 'invalid JSON',
        },
      ],
    });
  }
}

export function createWebhookHandler(options: WebhookOptions) {
  const { triggers, firings, limiter, now } = options;
  const workspaceLimit = options.workspaceLimit ?? WEBHOOK_WORKSPACE_LIMIT;
  /** Hook rows for a second (a burst from one sender reads the row once); changes apply within that. */
  const rows = new Map<string, { row: TriggerRecord | undefined; secret?: string; until: number }>();
  async function load(id: string) {
    const hit = rows.get(id);
    if (hit && hit.until > Date.now()) return hit;
    const row = await triggers.get(id);
    const entry = {
      row: row?.kind === 'webhook' ? row : undefined,
      ...(row?.kind === 'webhook' && row.secret ? { secret: options.service.openSecret(row) } : {}),
      until: Date.now() + 1000,
    };
    if (rows.size >= 10_000) rows.delete(rows.keys().next().value as string);
    rows.set(id, entry);
    return entry;
  }

  return {
    /** Forgets a hook's cached row (this process changed or deleted it; other processes see it within 1 s). */
    evict(id: string) {
      rows.delete(id);
    },
    async handle(request: WebhookRequest): Promise<WebhookResponse> {
      const { row, secret } = await load(request.id);
      if (!row) throw new AgentFlowError('AF_NOT_FOUND', 'no such webhook');
      if (!row.enabled) throw new AgentFlowError('AF_TRIGGER_DISABLED', 'this webhook is disabled');
      const config = row.config as WebhookConfig;
      const body = parseBody(request);
      if (request.body.length > config.maxBodyBytes) {
        throw new AgentFlowError(
          'AF_INPUT_TOO_LARGE',
          `the body is over this hook's ${config.maxBodyBytes} bytes`,
          {
            issues: [
              { code: 'AF_INPUT_TOO_LARGE', path: 'body', message: `at most ${config.maxBodyBytes} bytes` },
            ],
          },
        );
      }
      const at = now();
      const signature = verify(config, secret, request, at);
      if (signature !== undefined) {
        const seen = await limiter.hit(
          `hooksig:${row.id}:${createHash('sha256').update(signature).digest('base64url')}`,
          { limit: 1, windowMs: config.auth.toleranceSec * 1000 },
        );
        if (!seen.allowed)
          throw new AgentFlowError('AF_WEBHOOK_REPLAY', 'this signed request was already received');
      }
      for (const [key, rule] of [
        [`hook:${row.id}`, config.rateLimit],
        [`hookws:${row.workspaceId}`, workspaceLimit],
      ] as const) {
        const result = await limiter.hit(key, rule);
        if (!result.allowed) {
          throw new AgentFlowError(
            'AF_RATE_LIMITED',
            `too many webhook requests (${rule.limit} per ${rule.windowMs / 1000} s)`,
            {
              retryAfterMs: Math.max(1, result.retryAfterMs),
              details: { reason: key.startsWith('hookws:') ? 'webhook_workspace' : 'webhook' },
            },
          );
        }
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (value === undefined || SECRET_HEADERS.has(name)) continue;
        headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const input = { body, headers, query: request.query };
      const { executionId, done } = await options.start(
        { workspaceId: row.workspaceId, workflowId: row.workflowId },
        input,
      );
      await firings.record({
        executionId,
        triggerId: row.id,
        workspaceId: row.workspaceId,
        workflowId: row.workflowId,
        kind: 'webhook',
        status: 'started',
        startedAt: at,
      });
      if (config.mode === 'async') {
        done.catch(() => {});
        return { status: 202, body: { executionId, status: 'queued' } };
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const result = await Promise.race([
        done,
        new Promise<undefined>((resolve) => {
          timer = setTimeout(() => resolve(undefined), config.timeoutMs);
        }),
      ]).finally(() => clearTimeout(timer));
      if (!result) return { status: 202, body: { executionId, status: 'running' } };
      return {
        status: 200,
        body: {
          executionId,
          status: result.status,
          ...(result.status === 'succeeded' ? { output: result.output ?? null } : {}),
          ...(result.error ? { error: { code: result.error.code, message: result.error.message } } : {}),
        },
      };
    },
  };
}

export type WebhookHandler = ReturnType<typeof createWebhookHandler>;
