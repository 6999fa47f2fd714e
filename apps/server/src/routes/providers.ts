import { PassThrough } from 'node:stream';
import { toErrorInfo } from '@agentflow/protocol';
import type { Runtime } from '@agentflow/runtime';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Capabilities, errorResponses } from '../schemas.js';

const tags = ['providers'];

const ModelName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._:/-]+$/, 'must be an Ollama model name such as llama3.2 or qwen2.5:7b');

const ProviderDto = z.object({
  name: z.string(),
  kind: z.string(),
  configured: z.boolean(),
  problem: z.string().optional(),
  capabilities: Capabilities,
  models: z.array(
    z.object({
      id: z.string(),
      capabilities: Capabilities,
      price: z.object({ inputPerMTok: z.number(), outputPerMTok: z.number() }).optional(),
    }),
  ),
});

const OllamaStatusDto = z.object({
  reachable: z.boolean(),
  baseURL: z.string(),
  version: z.string().optional(),
  error: z.string().optional(),
});

const OllamaModelDto = z.object({
  name: z.string(),
  size: z.number(),
  family: z.string(),
  modified: z.string(),
  digest: z.string().optional(),
  parameterSize: z.string().optional(),
  quantization: z.string().optional(),
  capabilities: Capabilities,
});

/** Model providers and their capabilities; Ollama's local models (status, list, pull with progress, delete). */
export const providerRoutes: FastifyPluginAsyncZod<{ runtime: Runtime }> = async (app, { runtime }) => {
  const { providers } = runtime;

  app.get(
    '/providers',
    {
      config: { permission: 'provider:read' },
      schema: {
        tags,
        summary: 'List the model providers: configured or not, known models and their capabilities',
        response: { 200: z.object({ items: z.array(ProviderDto) }), ...errorResponses },
      },
    },
    async () => ({ items: await providers.list() }),
  );

  app.get(
    '/providers/ollama/status',
    {
      config: { permission: 'provider:read' },
      schema: {
        tags,
        summary: 'Is the Ollama server reachable?',
        response: { 200: OllamaStatusDto, ...errorResponses },
      },
    },
    async () => providers.ollama.status(),
  );

  app.get(
    '/providers/ollama/models',
    {
      config: { permission: 'provider:read' },
      schema: {
        tags,
        summary: 'List the models installed in Ollama',
        response: { 200: z.object({ items: z.array(OllamaModelDto) }), ...errorResponses },
      },
    },
    async () => ({ items: await providers.ollama.list() }),
  );

  app.post(
    '/providers/ollama/pull',
    {
      config: { permission: 'provider:manage' },
      schema: {
        tags,
        summary: 'Download a model into Ollama, streaming progress',
        description:
          'Streams one JSON object per line (`application/x-ndjson`), or Server-Sent Events when the request ' +
          'accepts `text/event-stream`: `{status, digest?, total?, completed?, percent?}` while it runs, then ' +
          '`{status: "success"}` or `{status: "error", error: {code, message}}`. Errors before the first ' +
          'progress line are ordinary error responses.',
        body: z.object({ name: ModelName }),
        produces: ['application/x-ndjson', 'text/event-stream'],
        response: {
          200: z.unknown().meta({ description: 'NDJSON (or SSE) progress stream' }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const sse = (request.headers.accept ?? '').includes('text/event-stream');
      const frame = (value: unknown) =>
        sse ? `data: ${JSON.stringify(value)}\n\n` : `${JSON.stringify(value)}\n`;
      const abort = new AbortController();
      const out = new PassThrough();
      let started: (() => void) | undefined;
      const firstProgress = new Promise<void>((resolve) => {
        started = resolve;
      });
      // The client went away before the end: stop downloading for nobody.
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) abort.abort();
      });
      const pulling = providers.ollama.pull(
        request.body.name,
        (progress) => {
          started?.();
          out.write(frame(progress));
        },
        abort.signal,
      );
      // Until Ollama answers, failures are plain error responses; after that they end the stream.
      await Promise.race([firstProgress, pulling]);
      pulling.then(
        () => out.end(frame({ status: 'success' })),
        (error: unknown) => {
          const info = toErrorInfo(error, 'AF_PROVIDER_ERROR');
          request.log.warn({ err: error }, 'ollama pull failed');
          out.end(frame({ status: 'error', error: { code: info.code, message: info.message } }));
        },
      );
      return reply
        .code(200)
        .header('cache-control', 'no-cache')
        .type(sse ? 'text/event-stream' : 'application/x-ndjson')
        .send(out);
    },
  );

  app.delete(
    '/providers/ollama/models/:name',
    {
      config: { permission: 'provider:manage' },
      schema: {
        tags,
        summary: 'Delete a model from Ollama (URL-encode `/` in the name)',
        params: z.object({ name: ModelName }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await providers.ollama.delete(request.params.name);
      return reply.code(204).send(null);
    },
  );
};
