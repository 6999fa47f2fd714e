import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const source = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/**
 * The web app's build: hashed assets under `assets/` (served immutable by the server), no inline script or
 * style (the server's CSP allows neither), workspace packages bundled from their sources.
 */
export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: {
    alias: {
      '@agentflow/protocol': source('packages/protocol/src/index.ts'),
      '@agentflow/client': source('packages/client/src/index.ts'),
      // Only @rjsf/core's test registry imports Ajv (eval-based code generation, refused by the CSP).
      '@rjsf/validator-ajv8': fileURLToPath(
        new URL('src/features/designer/model/no-ajv.ts', import.meta.url),
      ),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Never inline assets as data: URLs into CSS or JS (keeps the CSP simple and caching per file).
    assetsInlineLimit: 0,
    // No modulepreload polyfill: it is an inline-free module, but every supported browser has modulepreload.
    modulePreload: { polyfill: false },
    sourcemap: false,
    // dist/.vite/manifest.json (never served): which chunks each route loads, for the bundle-size benchmark.
    manifest: true,
    chunkSizeWarningLimit: 1200,
    // Two pages: the app, and the public chat embed (its own small bundle; served by the server with a strict CSP).
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('index.html', import.meta.url)),
        embed: fileURLToPath(new URL('embed.html', import.meta.url)),
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/ws': { target: 'ws://127.0.0.1:3000', ws: true },
    },
  },
});
