/**
 * Chat (issue 19 item 3). Signed-in members: `POST /api/v1/workflows/:id/chat` (a reply streamed as Server-Sent
 * Events), the workflow's conversations and one conversation's messages. The public embed of a chat trigger:
 * `GET /api/v1/chat/:token`, `POST /api/v1/chat/:token/messages` (SSE), `GET
 * /api/v1/chat/:token/conversations/:id`, and its page `GET /embed/chat/:token` (chatEmbedPage).
 *
 * A stream: `event: start` (the stored user message, the conversation, the execution id), `event: token` per text
 * delta of the execution's agents (the engine's `step.token` events, its subworkflows' included, followed through
 * the event hub), then `event: done` with the stored reply (succeeded or failed). Refusals before the execution
 * starts (validation, rate limits, the plan's limit, an unknown conversation) are ordinary JSON error responses.
 * A client that goes away stops nothing: the execution runs on and its reply is stored.
 */
import { PassThrough } from 'node:stream';
import type { ChatStreamEvent } from '@agentflow/protocol';
import type { Runtime } from '@agentflow/runtime';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../auth.js';
import type { EventHub } from '../events/event-hub.js';
import { errorResponses, IdParams, MAX_TIME_MS } from '../schemas.js';

const tags = ['chat'];

type Chat = Runtime['triggers']['chat'];
type ChatTurn = Awaited<ReturnType<Chat['send']>>;
type ChatHooks = NonNullable<Parameters<Chat['send']>[3]>;

/** Keeps proxies from closing a quiet stream (a comment line every 15 s). */
const KEEPALIVE_MS = 15_000;

const MessageDto = z.object({
  conversationId: z.string(),
  seq: z.number(),
  role: z.enum(['user', 'assistant']),
  content: z.string().meta({ description: 'Plain text: render it as text, never as HTML' }),
  status: z.enum(['pending', 'succeeded', 'failed']),
  executionId: z.string().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  createdAt: z.number(),
  completedAt: z.number().optional(),
});

const ConversationDto = z.object({
  id: z.string(),
  workflowId: z.string(),
  title: z.string(),
  source: z.enum(['app', 'embed']),
  messageCount: z.number(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

const SendBody = z.strictObject({
  conversationId: z.string().min(1).max(200).optional(),
  message: z.string().max(200_000),
});

const TokenParams = z.object({ token: z.string().min(1).max(200) });

const STREAM_DESCRIPTION =
  'Server-Sent Events (`text/event-stream`): `event: start` `{conversationId, executionId, message}` (the ' +
  'stored user message), `event: token` `{delta, nodeId}` for each text delta, then `event: done` ' +
  '`{executionId, message}` (the stored reply: `status` succeeded with `content`, or failed with `error`). ' +
  'Refusals before the execution starts are ordinary JSON error responses.';

const streamResponse = {
  200: z.unknown().meta({ description: 'text/event-stream of ChatStreamEvent' }),
  413: errorResponses[400],
  ...errorResponses,
};

const frame = (event: ChatStreamEvent) => {
  const { type, ...data } = event;
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
};

/**
 * Starts a turn and answers with its event stream. Tokens that arrive before the turn is known are held back
 * until `start` is written.
 */
async function streamTurn(
  hub: EventHub,
  request: FastifyRequest,
  reply: FastifyReply,
  send: (hooks: ChatHooks) => Promise<ChatTurn>,
) {
  const out = new PassThrough();
  let unsubscribe: (() => void) | undefined;
  let held: string[] | undefined = [];
  let closed = false;
  const write = (text: string) => {
    if (closed) return;
    if (held) held.push(text);
    else out.write(text);
  };
  const hooks: ChatHooks = {
    beforeStart(executionId, workflowId) {
      unsubscribe = hub.subscribe(workflowId, (event, root) => {
        if (root !== executionId || event.type !== 'step.token') return;
        write(frame({ type: 'token', delta: event.delta, nodeId: event.agentId }));
      });
    },
  };
  let turn: ChatTurn;
  try {
    turn = await send(hooks);
  } catch (error) {
    unsubscribe?.();
    throw error;
  }
  const keepalive = setInterval(() => write(': keepalive\n\n'), KEEPALIVE_MS);
  const finish = () => {
    clearInterval(keepalive);
    unsubscribe?.();
    unsubscribe = undefined;
  };
  // The client went away: stop following (the execution runs on; its reply is stored).
  request.raw.on('close', () => {
    if (reply.raw.writableFinished) return;
    closed = true;
    finish();
  });
  out.write(
    frame({
      type: 'start',
      conversationId: turn.conversation.id,
      executionId: turn.executionId,
      message: turn.user,
    }),
  );
  for (const text of held ?? []) out.write(text);
  held = undefined;
  void turn.reply.then((message) => {
    finish();
    if (!closed) out.end(frame({ type: 'done', executionId: turn.executionId, message }));
    else out.end();
  });
  return reply
    .code(200)
    .header('cache-control', 'no-cache, no-transform')
    .header('x-accel-buffering', 'no')
    .type('text/event-stream; charset=utf-8')
    .send(out);
}

export const chatRoutes: FastifyPluginAsyncZod<{ runtime: Runtime; hub: EventHub }> = async (
  app,
  { runtime, hub },
) => {
  const { chat } = runtime.triggers;

  app.post(
    '/workflows/:id/chat',
    {
      bodyLimit: 256 * 1024,
      config: { permission: 'workflow:execute' },
      schema: {
        tags,
        summary:
          'Send a chat message to the workflow and stream the reply (a new conversation without conversationId)',
        description: `${STREAM_DESCRIPTION} The execution's input is \`{message, conversationId, history}\`.`,
        params: IdParams,
        body: SendBody,
        produces: ['text/event-stream'],
        response: streamResponse,
      },
    },
    async (request, reply) =>
      streamTurn(hub, request, reply, (hooks) =>
        chat.send(principalOf(request), request.params.id, request.body, hooks),
      ),
  );

  app.get(
    '/workflows/:id/conversations',
    {
      config: { permission: 'workflow:read' },
      schema: {
        tags,
        summary: "The workflow's chat conversations, most recently active first",
        params: IdParams,
        querystring: z.object({
          source: z.enum(['app', 'embed']).optional(),
          limit: z.coerce.number().int().min(1).max(200).optional(),
          before: z.coerce
            .number()
            .int()
            .min(0)
            .max(MAX_TIME_MS)
            .optional()
            .meta({ description: 'updatedAt (ms) of the last one seen' }),
        }),
        response: { 200: z.object({ items: z.array(ConversationDto) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: await chat.list(principalOf(request), request.params.id, request.query),
    }),
  );

  app.get(
    '/conversations/:id',
    {
      config: { permission: 'workflow:read' },
      schema: {
        tags,
        summary: 'A conversation and its messages in order',
        params: IdParams,
        response: {
          200: z.object({ conversation: ConversationDto, messages: z.array(MessageDto) }),
          ...errorResponses,
        },
      },
    },
    async (request) => chat.get(principalOf(request), request.params.id),
  );

  app.delete(
    '/conversations/:id',
    {
      config: { permission: 'workflow:execute' },
      schema: {
        tags,
        summary: 'Delete a conversation and its messages (its executions stay)',
        params: IdParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await chat.remove(principalOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  // The public embed: the token is the only key (404 for an unknown token and a disabled chat alike).
  app.get(
    '/chat/:token',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: "A shared chat's title and greeting (public; the chat trigger's token)",
        params: TokenParams,
        response: {
          200: z.object({ title: z.string(), greeting: z.string().optional(), maxMessageChars: z.number() }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { title, greeting, maxMessageChars } = await chat.embed(request.params.token);
      return reply
        .header('cache-control', 'no-store')
        .send({ title, ...(greeting ? { greeting } : {}), maxMessageChars });
    },
  );

  app.post(
    '/chat/:token/messages',
    {
      bodyLimit: 256 * 1024,
      config: { permission: 'public' },
      schema: {
        tags,
        summary:
          'Send a message to a shared chat and stream the reply (public; rate-limited per chat and workspace)',
        description: STREAM_DESCRIPTION,
        params: TokenParams,
        body: SendBody,
        produces: ['text/event-stream'],
        response: streamResponse,
      },
    },
    async (request, reply) =>
      streamTurn(hub, request, reply, (hooks) => chat.embedSend(request.params.token, request.body, hooks)),
  );

  app.get(
    '/chat/:token/conversations/:id',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: "A shared chat's conversation (public; its id is the visitor's key)",
        params: TokenParams.extend({ id: z.string().min(1).max(200) }),
        response: {
          200: z.object({ conversation: ConversationDto, messages: z.array(MessageDto) }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) =>
      reply
        .header('cache-control', 'no-store')
        .send(await chat.embedConversation(request.params.token, request.params.id)),
  );
};
