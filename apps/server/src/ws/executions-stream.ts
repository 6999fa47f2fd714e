/**
 * `GET /ws/executions` (WebSocket, `execution:read`): lifecycle changes of the caller's workspace's top-level
 * executions, wherever they run (see WorkspaceFeed). `token` authenticates when no cookie or Authorization header
 * can be sent. Frames: `{type: "stream.ready", workspaceId?}` first, then `{type: "execution.changed", change:
 * started|resumed|paused|completed, executionId, workflowId, status, at, usage?, durationMs?}`. Nothing is
 * replayed: a client that reconnects reloads the list over REST.
 */
import type { Runtime } from '@agentflow/runtime';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { scopeOf } from '../auth.js';
import { WorkspaceFeed } from '../events/workspace-feed.js';
import { keepAlive } from './monitor.js';

/** Past this many unsent bytes the client is too slow: it is closed (and reloads). */
const MAX_BUFFERED_BYTES = 1024 * 1024;

export const executionStreamRoutes: FastifyPluginAsyncZod<{ runtime: Runtime }> = async (
  app,
  { runtime },
) => {
  const feed = new WorkspaceFeed(async (id) => {
    const record = await runtime.store.getExecution(id);
    if (!record) return undefined;
    return {
      workspaceId: record.workspaceId,
      workflowId: record.workflowId,
      parentExecutionId: record.parentExecutionId,
    };
  });
  const stop = runtime.onEvent((event) => feed.publish(event));
  app.addHook('onClose', async () => stop());

  app.get(
    '/ws/executions',
    {
      websocket: true,
      config: { permission: 'execution:read', queryToken: true },
      schema: { querystring: z.object({ token: z.string().max(4096).optional() }) },
    },
    (socket: WebSocket, request: FastifyRequest) => {
      const { workspaceId } = scopeOf(request);
      const send = (frame: unknown) => {
        if (socket.readyState !== socket.OPEN) return;
        if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
          socket.close(1013, 'too slow: reconnect and reload');
          return;
        }
        socket.send(JSON.stringify(frame));
      };
      send({ type: 'stream.ready', ...(workspaceId === undefined ? {} : { workspaceId }) });
      const unsubscribe = feed.subscribe(workspaceId, send);
      keepAlive(socket, unsubscribe);
    },
  );
};
