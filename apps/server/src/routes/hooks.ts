import type { Runtime } from '@agentflow/runtime';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, errorResponses, JsonObject } from '../schemas.js';

/** The largest body any hook takes (a hook's own `maxBodyBytes` is checked by the runtime). */
const MAX_HOOK_BODY = 1024 * 1024;

const JSON_TYPE = /^application\/(?:json|[\w.+-]+\+json)$/;

/**
 * `POST /hooks/:id` (issue 19 item 1): public; the trigger id is unguessable, and the hook's own HMAC signature
 * or bearer token authenticates the sender. The raw body is handed to the runtime (signatures cover its bytes).
 */
export const hookRoutes: FastifyPluginAsyncZod<{ runtime: Runtime }> = async (app, { runtime }) => {
  // This plugin's own parsers: every media type arrives as raw bytes; the handler refuses what is not JSON.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_HOOK_BODY }, (_request, body, done) =>
    done(null, body),
  );

  app.post(
    '/hooks/:id',
    {
      bodyLimit: MAX_HOOK_BODY,
      config: { permission: 'public' },
      schema: {
        tags: ['triggers'],
        summary: "Start the webhook trigger's workflow with {body, headers, query} (JSON body)",
        params: z.object({ id: z.string().min(1).max(200) }),
        querystring: z.object({}).catchall(z.string()),
        response: {
          200: z.object({
            executionId: z.string(),
            status: z.string(),
            output: z.unknown().optional(),
            error: JsonObject.optional(),
          }),
          202: z.object({ executionId: z.string(), status: z.string() }),
          413: ErrorResponse,
          415: ErrorResponse,
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const contentType = String(request.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim()
        .toLowerCase();
      if (!JSON_TYPE.test(contentType)) {
        throw Object.assign(new Error(`Unsupported Media Type: ${contentType || '(none)'}`), {
          statusCode: 415,
          code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
        });
      }
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const result = await runtime.triggers.webhook({
        id: request.params.id,
        body,
        headers: request.headers,
        query: request.query,
      });
      return reply.code(result.status).send(result.body);
    },
  );
};
