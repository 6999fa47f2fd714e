/**
 * What the audit log learns from requests:
 *
 * - **Where each action came from.** `installRequestMeta` runs every request inside `runWithRequestMeta` (client
 *   IP, as Fastify computes it with the trust-proxy setting, and the User-Agent cut to 512 characters), so every
 *   audit record a service makes while serving it carries `ip` and `userAgent`, whichever service made it.
 * - **Refused attempts** (`installRefusalAudit`): a 401 (`AF_UNAUTHENTICATED`) or 403 (`AF_FORBIDDEN`, `AF_CSRF`)
 *   on a protected route (any permission but `public`; failed sign-ins are audited by the auth service as
 *   `auth.login_failed`) is recorded as `access.denied`: the actor when known (its workspace's log then shows
 *   it), the route and method attempted, the permission it needs, the status, code and reason. So that a flood of
 *   refused requests cannot flood the table, at most `perSourcePerMinute` (10) refusals per source IP and minute
 *   are recorded by this process; the rest are counted, and the first record of the source's next window says how
 *   many were left out (`details.suppressed`). Every refusal, recorded or not, counts in the Prometheus counter
 *   `agentflow_requests_refused_total{status, audited}`. GraphQL fields refused inside an authorized operation
 *   (answered as GraphQL errors, not through the error handler) are recorded through the returned recorder, with
 *   the field (`details.field`), under the same throttle.
 */
import { isAgentFlowError } from '@agentflow/protocol';
import { type AuditService, runWithRequestMeta } from '@agentflow/runtime';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { metaOf } from './routes/auth.js';

/** Runs each request (hooks, handler, and what they start) with its IP and User-Agent as the audit's source. */
export function installRequestMeta(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    runWithRequestMeta(metaOf(request), done);
  });
}

const REFUSALS: Readonly<Record<string, number>> = {
  AF_UNAUTHENTICATED: 401,
  AF_FORBIDDEN: 403,
  AF_CSRF: 403,
};

export interface RefusalAuditOptions {
  /** Refusals recorded per source IP and minute; the rest are counted. (Default: 10) */
  perSourcePerMinute?: number;
  /** Sources remembered at once (the oldest are forgotten first). (Default: 10,000) */
  maxSources?: number;
  /** Counts each refusal (the metrics counter). */
  count?: (status: number, audited: boolean) => void;
  now?: () => number;
}

/** Records one refused attempt of `request` (subject to the throttle); `field`: a GraphQL field refused. */
export type RefusalRecorder = (request: FastifyRequest, error: unknown, field?: string) => Promise<void>;

export function installRefusalAudit(
  app: FastifyInstance,
  audit: Pick<AuditService, 'record'>,
  options: RefusalAuditOptions = {},
): RefusalRecorder {
  const limit = options.perSourcePerMinute ?? 10;
  const maxSources = options.maxSources ?? 10_000;
  const now = options.now ?? Date.now;
  /** Per source: the current minute's window, refusals recorded in it, and those left out. */
  const sources = new Map<string, { windowStart: number; recorded: number; suppressed: number }>();

  /** Whether to record this refusal, and how many of the source's previous window were left out. */
  function admit(ip: string): { record: boolean; suppressed: number } {
    const t = now();
    let entry = sources.get(ip);
    let carried = 0;
    if (entry && t - entry.windowStart >= 60_000) {
      carried = entry.suppressed;
      entry = undefined;
    }
    if (!entry) {
      if (sources.size >= maxSources) sources.delete(sources.keys().next().value as string);
      entry = { windowStart: t, recorded: 0, suppressed: carried };
      sources.delete(ip);
      sources.set(ip, entry);
    }
    if (entry.recorded >= limit) {
      entry.suppressed++;
      return { record: false, suppressed: 0 };
    }
    entry.recorded++;
    const suppressed = entry.suppressed;
    entry.suppressed = 0;
    return { record: true, suppressed };
  }

  const recordRefusal: RefusalRecorder = async (request, error, field) => {
    if (!isAgentFlowError(error)) return;
    const status = REFUSALS[error.code];
    if (status === undefined) return;
    const permission = request.routeOptions.config?.permission;
    if (permission === undefined || permission === 'public') return;
    const { record, suppressed } = admit(request.ip);
    options.count?.(status, record);
    if (!record) return;
    const route = routeOf(request);
    await audit.record({
      action: 'access.denied',
      ...(request.principal ? { principal: request.principal } : { actorType: 'anonymous' as const }),
      target: field
        ? { type: 'graphql_field', id: field }
        : { type: 'route', id: `${request.method} ${route}` },
      details: {
        status,
        code: error.code,
        reason: error.message,
        method: request.method,
        route,
        ...(field ? { field } : { permission }),
        ...(suppressed > 0 ? { suppressed } : {}),
      },
      meta: metaOf(request),
    });
  };
  app.addHook('onError', async (request, _reply, error) => recordRefusal(request, error));
  return recordRefusal;
}

function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? 'unknown';
}
