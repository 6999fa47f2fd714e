import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { workspaceSources } from './workspace-aliases.js';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  resolve: {
    alias: Object.entries(workspaceSources).map(([name, path]) => ({
      find: new RegExp(`^${name.replace('/', '\\/')}$`),
      replacement: `${root}${path}`,
    })),
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
    globalSetup: ['./vitest.global-setup.ts'],
    // Two environments: Node for everything, a DOM (happy-dom) for the web app's component tests.
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: [
            '{packages,adapters,apps}/*/src/**/*.test.ts',
            'apps/web/e2e/**/*.test.ts',
            'examples/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
          exclude: ['apps/web/src/**', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'web',
          include: ['apps/web/src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['./apps/web/src/test-setup.ts'],
        },
      },
    ],
  },
});
