/**
 * `GET /embed/chat/:token` (issue 19 item 3): the public chat embed's page, `embed.html` of the web app's build
 * (its own small script, `apps/web/src/embed/`, no React and no app code), served only while the token's chat
 * trigger is enabled (404 otherwise, the same for an unknown token).
 *
 * Its CSP is strict: nothing but this origin's script, style and API (`connect-src 'self'`), no inline script or
 * style attribute, no plugins, no forms, no base URL; `frame-ancestors` is the chat trigger's `frameAncestors`
 * (`*` by default: any page may frame it; `[]`: none, a link only). X-Frame-Options is dropped (it cannot say
 * "these origins"). The page carries no data: its script reads the token from its own URL and calls the API.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Runtime } from '@agentflow/runtime';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

export function embedCsp(frameAncestors: readonly string[]): string {
  return [
    "default-src 'none'",
    "base-uri 'none'",
    "script-src 'self'",
    "script-src-attr 'none'",
    "style-src 'self'",
    "style-src-attr 'none'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'none'",
    "object-src 'none'",
    `frame-ancestors ${frameAncestors.length > 0 ? frameAncestors.join(' ') : "'none'"}`,
  ].join('; ');
}

/** Where the web app's build is (as the web app route finds it). */
function webRoot(runtime: Runtime): string {
  return runtime.config.webDist ?? fileURLToPath(new URL('../../../web/dist/', import.meta.url));
}

const NOT_FOUND = 'This chat is not available.\n';

export const chatEmbedRoutes: FastifyPluginAsyncZod<{ runtime: Runtime }> = async (app, { runtime }) => {
  let page: string | undefined;
  app.get(
    '/embed/chat/:token',
    {
      config: { permission: 'public' },
      schema: { hide: true, params: z.object({ token: z.string().min(1).max(200) }) },
    },
    async (request, reply) => {
      let frameAncestors: string[];
      try {
        ({ frameAncestors } = await runtime.triggers.chat.embed(request.params.token));
      } catch {
        return reply
          .code(404)
          .header('cache-control', 'no-store')
          .type('text/plain; charset=utf-8')
          .send(NOT_FOUND);
      }
      if (page === undefined) {
        const file = join(webRoot(runtime), 'embed.html');
        if (existsSync(file)) page = readFileSync(file, 'utf8');
      }
      if (page === undefined) {
        return reply
          .code(503)
          .type('text/plain; charset=utf-8')
          .send('The web app is not built: run `npm run build` and restart.\n');
      }
      reply.raw.removeHeader('x-frame-options');
      return reply
        .header('content-security-policy', embedCsp(frameAncestors))
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .type('text/html; charset=utf-8')
        .send(page);
    },
  );
};
