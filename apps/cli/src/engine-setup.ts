import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyNodeType, Engine, Logger, ModelProvider } from '@agentflow/core';
import { createRecordingProvider, createReplayProvider } from '@agentflow/models';
import {
  createGuardedModels,
  createLocalEngine,
  createRuntime,
  loadConfig,
  type Runtime,
  type RuntimeRole,
} from '@agentflow/runtime';
import { CliError } from './errors.js';
import type { CliContext } from './io.js';
import { loadScriptedProvider } from './script.js';

/** Flags shared by the commands that run workflows. */
export interface EngineFlags {
  /** JSON script for the deterministic scripted model provider. */
  script?: string;
  /** Record every model response to this cassette file. */
  record?: string;
  /** Answer model calls from this cassette file, without any provider. */
  replay?: string;
  /** Modules exporting extra node types (`export const nodeTypes = [...]` or a default export). */
  plugin?: string[];
  /** Durable mode on this embedded data directory. */
  dataDir?: string;
  /** Durable mode on AGENTFLOW_DATA_DIR (or ./.agentflow), or on DATABASE_URL when it is set. */
  durable?: boolean;
}

export interface OpenedEngine {
  engine: Engine;
  runtime?: Runtime;
  close(): Promise<void>;
}

/**
 * Builds the engine a command runs on, always from @agentflow/runtime (the server's composition: node types, tool
 * host, model providers, tool approval): in memory by default (`createLocalEngine`); durable (the runtime's store)
 * with --data-dir or --durable. Model calls go to the configured providers, unless a script or a cassette replaces
 * them.
 */
export async function openEngine(flags: EngineFlags, io: CliContext): Promise<OpenedEngine> {
  if (flags.script && flags.replay) throw new CliError('--script and --replay cannot be used together');
  const nodeTypes = await loadPlugins(flags.plugin ?? [], io.cwd);
  let models: ModelProvider | undefined;
  let closeGuard: (() => Promise<void>) | undefined;
  if (flags.script) models = await loadScriptedProvider(flags.script, io.cwd);
  else if (flags.replay) models = createReplayProvider(resolve(io.cwd, flags.replay));
  let flush: (() => Promise<void>) | undefined;
  if (flags.record) {
    if (!models) {
      // Recording wraps the configured providers, behind the same egress guard as the server's.
      const guarded = createGuardedModels(loadConfig({ ...io.config.runtimeEnv }));
      models = guarded.models;
      closeGuard = guarded.close;
    }
    const recording = createRecordingProvider(models, resolve(io.cwd, flags.record));
    flush = () => recording.flush();
    models = recording;
  }
  if (flags.dataDir !== undefined || flags.durable) {
    const runtime = await openRuntime(flags, io, { ...(models ? { models } : {}), nodeTypes });
    // Clear dead processes' leases so `resume` can take their executions; resume only what was asked.
    await runtime.recover({ resume: false });
    return {
      engine: runtime.engine,
      runtime,
      async close() {
        await flush?.();
        await runtime.close();
        await closeGuard?.();
      },
    };
  }
  const local = createLocalEngine({
    env: { ...io.config.runtimeEnv },
    ...(models ? { models } : {}),
    nodeTypes,
  });
  return {
    engine: local.engine,
    async close() {
      await flush?.();
      await local.close();
      await closeGuard?.();
    },
  };
}

/**
 * The deployment's node types (built-ins, the runtime's, plugins), from the same composition as the server, for
 * commands that only validate or describe workflows. Nothing is opened that needs closing beyond `close()`.
 */
export async function withLocalEngine<T>(
  io: CliContext,
  use: (engine: Engine) => T | Promise<T>,
  plugins: readonly string[] = [],
): Promise<T> {
  const nodeTypes = await loadPlugins(plugins, io.cwd);
  const local = createLocalEngine({ env: { ...io.config.runtimeEnv }, nodeTypes });
  try {
    return await use(local.engine);
  } finally {
    await local.close();
  }
}

/**
 * The runtime on the configured store, for commands that read or continue stored executions. On PostgreSQL
 * (DATABASE_URL, no --data-dir) keys come from configuration only: without AGENTFLOW_ENCRYPTION_KEY the command
 * stops with a message and writes no key file (the embedded store keeps generated keys in its data directory).
 */
export function openRuntime(
  flags: Pick<EngineFlags, 'dataDir'>,
  io: CliContext,
  extra: { models?: ModelProvider; nodeTypes?: AnyNodeType[]; role?: RuntimeRole; logger?: Logger } = {},
): Promise<Runtime> {
  const env = { ...io.config.runtimeEnv };
  // An explicit data directory means the embedded store, even where DATABASE_URL is set.
  if (flags.dataDir !== undefined) delete env.DATABASE_URL;
  const postgres = flags.dataDir === undefined && io.config.databaseUrl !== undefined;
  return createRuntime({
    env,
    // Relative directories are the command's working directory's (--data-dir, AGENTFLOW_DATA_DIR, .agentflow).
    config: { dataDir: dataDirOf(flags, io) },
    ...(postgres ? { keyFiles: false } : {}),
    ...(extra.models ? { models: extra.models } : {}),
    ...(extra.nodeTypes?.length ? { nodeTypes: extra.nodeTypes } : {}),
    ...(extra.role ? { role: extra.role } : {}),
    ...(extra.logger ? { logger: extra.logger } : {}),
  });
}

/** The embedded data directory: --data-dir, else AGENTFLOW_DATA_DIR, else ./.agentflow, from the command's cwd. */
export function dataDirOf(flags: Pick<EngineFlags, 'dataDir'>, io: CliContext): string {
  return resolve(io.cwd, flags.dataDir ?? io.config.dataDir ?? '.agentflow');
}

/**
 * Refuses a distributed role (`start --role api`, `worker`) unless PostgreSQL and Redis are configured: one
 * line, before anything opens.
 */
export function requireDistributed(what: string, io: CliContext): void {
  const missing = [
    ...(io.config.databaseUrl === undefined ? ['DATABASE_URL'] : []),
    ...(io.config.redisUrl === undefined ? ['REDIS_URL'] : []),
  ];
  if (missing.length > 0) {
    throw new CliError(
      `${what} needs DATABASE_URL (PostgreSQL) and REDIS_URL (Redis); ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set`,
    );
  }
}

export async function loadPlugins(paths: readonly string[], cwd: string): Promise<AnyNodeType[]> {
  const types: AnyNodeType[] = [];
  for (const path of paths) {
    let mod: Record<string, unknown>;
    try {
      mod = (await import(pathToFileURL(resolve(cwd, path)).href)) as Record<string, unknown>;
    } catch (error) {
      throw new CliError(
        `--plugin ${path}: cannot load it (${error instanceof Error ? error.message : error})`,
      );
    }
    const exported = mod.nodeTypes ?? mod.default;
    const list = Array.isArray(exported) ? exported : [exported];
    for (const t of list) {
      if (
        typeof t !== 'object' ||
        t === null ||
        typeof (t as AnyNodeType).type !== 'string' ||
        typeof (t as AnyNodeType).run !== 'function'
      ) {
        throw new CliError(`--plugin ${path}: expected \`export const nodeTypes = [defineNodeType(...)]\``);
      }
      types.push(t as AnyNodeType);
    }
  }
  return types;
}
