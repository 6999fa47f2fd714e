/**
 * Maps every workspace package to its TypeScript source, for the type-checker (tsconfig.json `paths` mirrors
 * this) and for Vitest, so tests run against source without a build.
 */
export const workspaceSources: Record<string, string> = {
  '@agentflow/protocol': 'packages/protocol/src/index.ts',
  '@agentflow/client': 'packages/client/src/index.ts',
  '@agentflow/core': 'packages/core/src/index.ts',
  '@agentflow/testing': 'packages/testing/src/index.ts',
  '@agentflow/testing/scripted': 'packages/testing/src/scripted-provider.ts',
  '@agentflow/store-sql': 'adapters/store-sql/src/index.ts',
  '@agentflow/models': 'adapters/models/src/index.ts',
  '@agentflow/sandbox': 'adapters/sandbox/src/index.ts',
  '@agentflow/tools': 'adapters/tools/src/index.ts',
  '@agentflow/queue-bullmq': 'adapters/queue-bullmq/src/index.ts',
  '@agentflow/store-sql/pglite': 'adapters/store-sql/src/pglite.ts',
  '@agentflow/store-sql/postgres': 'adapters/store-sql/src/postgres.ts',
  // Benchmark harnesses: sources only (never built into dist/ nor exported), for bench/.
  '@agentflow/models/bench': 'adapters/models/src/bench.ts',
  '@agentflow/sandbox/bench': 'adapters/sandbox/src/bench.ts',
  '@agentflow/tools/bench': 'adapters/tools/src/bench.ts',
  '@agentflow/store-sql/tenancy': 'adapters/store-sql/src/tenancy.ts',
  '@agentflow/runtime': 'packages/runtime/src/index.ts',
  '@agentflow/server': 'apps/server/src/index.ts',
};
