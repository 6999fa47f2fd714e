import type { Runtime } from '@agentflow/runtime';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../auth.js';
import { errorResponses } from '../schemas.js';
import { metaOf } from './auth.js';

const tags = ['workspaces'];

const DefaultModelDto = z.object({
  provider: z.string().min(1).max(64),
  model: z.string().min(1).max(200),
});

const SettingsDto = z.object({
  defaultModel: DefaultModelDto.nullable().meta({
    description: "The workspace's default model for agents that name no provider and model (null: none)",
  }),
  effectiveDefaultModel: DefaultModelDto.meta({
    description:
      "What such agents run on: the workspace's default, else the instance's (AGENTFLOW_DEFAULT_*)",
  }),
});

/** The current workspace's settings: members read them, admins change them (audited). */
export const settingsRoutes: FastifyPluginAsyncZod<{ runtime: Runtime }> = async (app, { runtime }) => {
  const { settings } = runtime;

  app.get(
    '/workspace/settings',
    {
      config: { permission: 'provider:read' },
      schema: {
        tags,
        summary: "The current workspace's settings (the default model of agents that name none)",
        response: { 200: SettingsDto, ...errorResponses },
      },
    },
    async (request) => settings.get(principalOf(request)),
  );

  app.put(
    '/workspace/settings',
    {
      config: { permission: 'provider:manage' },
      schema: {
        tags,
        summary: "Change the current workspace's settings; a field left out is kept, null clears it (admins)",
        body: z.object({ defaultModel: DefaultModelDto.nullable().optional() }),
        response: { 200: SettingsDto, ...errorResponses },
      },
    },
    async (request) => settings.update(principalOf(request), request.body, metaOf(request)),
  );
};
