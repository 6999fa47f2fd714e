import {
  type AnyNodeType,
  createEngine,
  type Engine,
  type Logger,
  type ModelProvider,
  type Store,
  type ToolHost,
} from '@agentflow/core';
import { createModelProvider } from '@agentflow/models';
import type { SqlStore } from '@agentflow/store-sql';
import { schema } from '@agentflow/store-sql';
import { createPgliteStore } from '@agentflow/store-sql/pglite';
import { createPostgresStore } from '@agentflow/store-sql/postgres';
import { inArray } from 'drizzle-orm';
import { loadConfig, type RuntimeConfig } from './config.js';
import {
  createExecutionService,
  createWorkflowService,
  type ExecutionService,
  type WorkflowService,
} from './services.js';

export interface RuntimeOptions {
  /** Overrides for the configuration read from `env`. */
  config?: Partial<RuntimeConfig>;
  env?: Record<string, string | undefined>;
  /** Open the embedded store in memory (tests). */
  inMemory?: boolean;
  nodeTypes?: AnyNodeType[];
  /** Replaces the configured model providers (scripted or replayed providers, for instance). */
  models?: ModelProvider;
  tools?: ToolHost;
  logger?: Logger;
}

/**
 * The one composition root: configuration -> adapters -> engine -> app services. The server, the worker and
 * the CLI all start here, so they behave the same.
 */
export interface Runtime {
  readonly config: RuntimeConfig;
  readonly mode: 'embedded' | 'distributed';
  readonly store: SqlStore;
  readonly engine: Engine;
  readonly models: ModelProvider;
  readonly workflows: WorkflowService;
  readonly executions: ExecutionService;
  /**
   * Takes over executions left behind by a process that died (in embedded mode every lease in the data
   * directory is stale, since this process holds its lock) and, unless `resume` is false, resumes them in the
   * background. Also prunes executions older than `retentionDays` when it is set. Returns the orphans' ids.
   */
  recover(options?: { resume?: boolean }): Promise<string[]>;
  /** Stops taking work, lets running steps checkpoint, closes the store. */
  close(): Promise<void>;
}

export async function createRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const env = options.env ?? process.env;
  const config = loadConfig(env, options.config);
  const distributed = config.databaseUrl !== undefined;
  const store: SqlStore = distributed
    ? await createPostgresStore({
        url: config.databaseUrl!,
        ...(config.databaseSchema ? { schema: config.databaseSchema } : {}),
      })
    : await createPgliteStore(options.inMemory ? { inMemory: true } : { dataDir: config.dataDir });
  const models = options.models ?? createModelProvider({ env });
  const engine = createEngine({
    store: store as Store,
    models,
    ...(options.tools ? { tools: options.tools } : {}),
    ...(options.nodeTypes ? { nodeTypes: options.nodeTypes } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    leaseTtlMs: config.leaseTtlMs,
    workflows: async (id) => (await store.getWorkflow(id))?.definition,
  });
  let closed: Promise<void> | undefined;
  return {
    config,
    mode: distributed ? 'distributed' : 'embedded',
    store,
    engine,
    models,
    workflows: createWorkflowService(store, engine),
    executions: createExecutionService(store, engine),
    async recover(recoverOptions = {}) {
      if (!distributed) {
        // This process holds the data directory's lock, so any lease in it belongs to a process that died.
        await store.db
          .update(schema.workflowExecutions)
          .set({ leaseOwner: null, leaseExpiresAt: null })
          .where(inArray(schema.workflowExecutions.status, ['queued', 'running']));
      }
      if (config.retentionDays > 0) {
        await store.pruneExecutions(Date.now() - config.retentionDays * 86_400_000);
      }
      if (recoverOptions.resume === false) return store.listOrphans();
      return engine.recoverOrphans();
    },
    close() {
      closed ??= (async () => {
        await engine.close();
        await store.close();
      })();
      return closed;
    },
  };
}
