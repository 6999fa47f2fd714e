import type { Runtime } from '@agentflow/runtime';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../auth.js';
import { errorResponses, IdParams, JsonObject, MAX_TIME_MS, PageQuery, page, TimeParam } from '../schemas.js';
import { metaOf, RoleEnum } from './auth.js';

const ApiKeyDto = z.object({
  id: z.string(),
  userId: z.string(),
  workspaceId: z.string(),
  name: z.string(),
  prefix: z.string().meta({ description: 'First characters of the key, for recognising it' }),
  role: RoleEnum,
  createdAt: z.number(),
  lastUsedAt: z.number().optional(),
  expiresAt: z.number().optional(),
  revokedAt: z.number().optional(),
});

/** Metadata only: a credential's value is never returned by any route. */
const CredentialDto = z.object({
  id: z.string(),
  workspaceId: z.string(),
  name: z.string(),
  type: z.string(),
  keyId: z.string().meta({ description: 'Encryption key the value is sealed under' }),
  baseURLs: z
    .array(z.string())
    .optional()
    .meta({ description: "Base URLs a provider key is sent to; absent: the provider's configured endpoint" }),
  createdBy: z.string().optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

const CredentialName = z
  .string()
  .min(1)
  .max(255)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]*$/,
    'letters, digits, "_", "." and "-", starting with a letter or digit',
  );
const CredentialType = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9][a-z0-9_.-]*$/, 'lower-case letters, digits, "_", "." and "-"');
const Secret = z.string().min(1).max(16_384);

const AuditDto = z.object({
  id: z.string(),
  at: z.number(),
  action: z.string(),
  workspaceId: z.string().optional(),
  actorId: z.string().optional(),
  actorType: z.string().optional(),
  targetType: z.string().optional(),
  targetId: z.string().optional(),
  details: JsonObject.optional(),
  ip: z.string().optional().meta({ description: 'Client IP of the request the action came from' }),
  userAgent: z.string().optional().meta({ description: 'Its User-Agent header (at most 512 characters)' }),
});

/** API keys (shown once), encrypted credentials (never shown), and the audit log of the workspace. */
export const accessRoutes: FastifyPluginAsyncZod<{ runtime: Runtime }> = async (app, { runtime }) => {
  const { apiKeys, credentials, audit } = runtime.tenancy;

  app.get(
    '/api-keys',
    {
      config: { permission: 'apikey:manage' },
      schema: {
        tags: ['api-keys'],
        summary: "The workspace's API keys (never the keys themselves)",
        response: { 200: z.object({ items: z.array(ApiKeyDto) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await apiKeys.list(principalOf(request)) }),
  );

  app.post(
    '/api-keys',
    {
      config: { permission: 'apikey:manage' },
      schema: {
        tags: ['api-keys'],
        summary: 'Create an API key; the response is the only time the key is shown',
        body: z.object({
          name: z.string().min(1).max(255),
          role: RoleEnum.optional().meta({
            description: "At most the caller's role (default: the caller's)",
          }),
          expiresAt: z
            .number()
            .int()
            .max(MAX_TIME_MS)
            .optional()
            .meta({ description: 'ms since the epoch; never when absent' }),
        }),
        response: { 201: z.object({ key: z.string(), apiKey: ApiKeyDto }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await apiKeys.create(principalOf(request), request.body, metaOf(request));
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ key: created.key, apiKey: created.record });
    },
  );

  app.delete(
    '/api-keys/:id',
    {
      config: { permission: 'apikey:manage' },
      schema: {
        tags: ['api-keys'],
        summary: 'Revoke an API key (takes effect at once)',
        params: IdParams,
        response: { 200: ApiKeyDto, ...errorResponses },
      },
    },
    async (request) => apiKeys.revoke(principalOf(request), request.params.id, metaOf(request)),
  );

  app.get(
    '/credentials',
    {
      config: { permission: 'credential:read' },
      schema: {
        tags: ['credentials'],
        summary: "The workspace's credentials: names and types, never values",
        response: { 200: z.object({ items: z.array(CredentialDto) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await credentials.list(principalOf(request)) }),
  );

  app.post(
    '/credentials',
    {
      config: { permission: 'credential:manage' },
      schema: {
        tags: ['credentials'],
        summary:
          'Store a provider key or tool secret (encrypted; name it like the provider to use it as its key)',
        body: z.object({
          name: CredentialName,
          type: CredentialType,
          value: Secret,
          baseURLs: z.array(z.string().max(2048)).min(1).max(16).optional().meta({
            description:
              "Provider keys: the only base URLs the key is sent to (origin + path). Default: the provider's configured endpoint",
          }),
        }),
        response: { 201: CredentialDto, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await credentials.create(principalOf(request), request.body, metaOf(request))),
  );

  app.put(
    '/credentials/:id',
    {
      config: { permission: 'credential:manage' },
      schema: {
        tags: ['credentials'],
        summary: "Replace a credential's value and/or the base URLs a provider key is sent to",
        params: IdParams,
        body: z.object({
          value: Secret.optional(),
          baseURLs: z.array(z.string().max(2048)).min(1).max(16).nullable().optional().meta({
            description: "New binding of a provider key; null: the provider's configured endpoint",
          }),
        }),
        response: { 200: CredentialDto, ...errorResponses },
      },
    },
    async (request) => {
      const { value, baseURLs } = request.body;
      const change = {
        ...(value !== undefined ? { value } : {}),
        ...(baseURLs !== undefined ? { baseURLs } : {}),
      };
      return credentials.update(principalOf(request), request.params.id, change, metaOf(request));
    },
  );

  app.delete(
    '/credentials/:id',
    {
      config: { permission: 'credential:manage' },
      schema: {
        tags: ['credentials'],
        summary: 'Delete a credential',
        params: IdParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await credentials.remove(principalOf(request), request.params.id, metaOf(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/audit',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: "The workspace's audit log, newest first",
        querystring: PageQuery.extend({
          action: z
            .string()
            .min(1)
            .max(100)
            .optional()
            .meta({ description: 'Exact, or a prefix ending in "."' }),
          actorId: z.string().max(200).optional(),
          targetType: z.string().max(100).optional(),
          targetId: z.string().max(200).optional(),
          since: TimeParam.optional(),
          until: TimeParam.optional(),
        }),
        response: { 200: page(AuditDto), ...errorResponses },
      },
    },
    async (request) => audit.list(principalOf(request), request.query),
  );
};
