/**
 * `GET /ws/workflows/:id/monitor` (WebSocket): live events of a workflow's executions, in the caller's
 * workspace only, resumable after a reconnect without gaps (see EventHub for the replay buffer and its limits).
 *
 * Query: `executionId` follows one execution (its buffered events are replayed first, so connecting right after
 * `POST .../execute` misses nothing); `after=<seq>` (with `executionId`) or `lastEventId=<executionId>:<seq>`
 * resumes after the last event seen; `epoch` is the value from the `stream.ready` frame of the previous
 * connection; `token` authenticates when no cookie or Authorization header can be sent.
 *
 * Frames: `{type: "stream.ready", workflowId, executionId?, epoch}` first, then engine events (`step.started`,
 * `step.token`, `step.completed`, `message`, ...) each with its `seq`; `{type: "stream.gap", executionId,
 * after, firstSeq, reason}` when events asked for are no longer buffered (reload the execution over REST).
 */
import { AgentFlowError, type AgentFlowEvent } from '@agentflow/protocol';
import type { Runtime } from '@agentflow/runtime';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { scopeOf } from '../auth.js';
import type { EventHub } from '../events/event-hub.js';

/** Past this many unsent bytes the client is too slow: it is closed and resumes with `after`. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const PING_INTERVAL_MS = 30_000;

const MonitorQuery = z
  .object({
    executionId: z.string().min(1).max(200).optional(),
    after: z.coerce.number().int().min(0).optional(),
    lastEventId: z
      .string()
      .max(300)
      .regex(/^[^:]+:\d+$/, 'must be <executionId>:<seq>')
      .optional(),
    epoch: z.string().max(64).optional(),
    token: z.string().max(4096).optional(),
  })
  .refine((q) => q.after === undefined || q.executionId !== undefined || q.lastEventId !== undefined, {
    message: '`after` needs `executionId` (seq numbers are per execution)',
    path: ['executionId'],
  });

interface MonitorPlan {
  workflowId: string;
  executionId: string | undefined;
  after: number | undefined;
  restarted: boolean;
}

export const monitorRoutes: FastifyPluginAsyncZod<{ runtime: Runtime; hub: EventHub }> = async (
  app,
  { runtime, hub },
) => {
  const plans = new WeakMap<FastifyRequest, MonitorPlan>();

  app.get(
    '/ws/workflows/:id/monitor',
    {
      websocket: true,
      config: { permission: 'execution:read', queryToken: true },
      schema: { params: z.object({ id: z.string().min(1).max(200) }), querystring: MonitorQuery },
      // Checked before the upgrade: a workflow or execution of another workspace is a plain HTTP 404.
      preHandler: async (request) => {
        const { id } = request.params as { id: string };
        const query = request.query as z.output<typeof MonitorQuery>;
        const scope = scopeOf(request);
        await runtime.workflows.get(id, scope);
        let executionId = query.executionId;
        let after = query.after;
        if (query.lastEventId !== undefined) {
          const cut = query.lastEventId.lastIndexOf(':');
          executionId ??= query.lastEventId.slice(0, cut);
          after ??= Number(query.lastEventId.slice(cut + 1));
        }
        if (executionId !== undefined) {
          const execution = await runtime.executions.get(executionId, scope);
          if (execution.workflowId !== id || execution.parentExecutionId !== undefined) {
            throw new AgentFlowError('AF_NOT_FOUND', `execution ${executionId} not found`);
          }
        }
        const restarted = query.epoch !== undefined && query.epoch !== hub.epoch;
        plans.set(request, { workflowId: id, executionId, after, restarted });
      },
    },
    (socket: WebSocket, request: FastifyRequest) => {
      const plan = plans.get(request)!;
      stream(socket, request, hub, plan);
    },
  );
};

function stream(socket: WebSocket, request: FastifyRequest, hub: EventHub, plan: MonitorPlan): void {
  const sent = new Map<string, number>();
  const send = (frame: unknown): boolean => {
    if (socket.readyState !== socket.OPEN) return false;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      socket.close(1013, 'too slow: reconnect with after=<last seq>');
      return false;
    }
    socket.send(JSON.stringify(frame));
    return true;
  };
  const forward = (event: AgentFlowEvent, root: string) => {
    if (plan.executionId !== undefined && root !== plan.executionId) return;
    if (event.seq <= (sent.get(root) ?? 0)) return;
    if (send(event)) sent.set(root, event.seq);
  };

  send({
    type: 'stream.ready',
    workflowId: plan.workflowId,
    ...(plan.executionId === undefined ? {} : { executionId: plan.executionId }),
    epoch: hub.epoch,
  });
  // Replay, then live, in one synchronous step: no event can slip between the two.
  const unsubscribe = hub.subscribe(plan.workflowId, forward);
  if (plan.executionId !== undefined) {
    const after = plan.restarted ? 0 : (plan.after ?? 0);
    const replay = hub.replay(plan.executionId, after);
    const missing = plan.restarted || (replay.known ? replay.firstSeq > after + 1 : after > 0);
    if (missing) {
      send({
        type: 'stream.gap',
        executionId: plan.executionId,
        after: plan.after ?? 0,
        firstSeq: replay.firstSeq,
        reason: plan.restarted ? 'restarted' : replay.known ? 'dropped' : 'not-buffered',
      });
    }
    for (const event of replay.events) forward(event, plan.executionId);
  }

  keepAlive(socket, () => {
    unsubscribe();
    request.log.debug({ workflowId: plan.workflowId }, 'monitor closed');
  });
}

/**
 * Pings a one-way stream's socket every 30 s and ends it when a ping went unanswered; ignores what the client
 * sends; calls `onClose` once the socket closes.
 */
export function keepAlive(socket: WebSocket, onClose: () => void): void {
  let alive = true;
  socket.on('pong', () => {
    alive = true;
  });
  const ping = setInterval(() => {
    if (!alive) {
      socket.terminate();
      return;
    }
    alive = false;
    socket.ping();
  }, PING_INTERVAL_MS);
  ping.unref();
  socket.on('message', () => {
    // The stream is one-way; anything the client sends is ignored.
  });
  socket.on('close', () => {
    clearInterval(ping);
    onClose();
  });
}
