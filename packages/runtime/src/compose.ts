import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AnyNodeType,
  createEngine,
  type Engine,
  type EngineOptions,
  type Logger,
  type ModelProvider,
  type ToolHost,
} from '@agentflow/core';
import type { ModelsConfig } from '@agentflow/models';
import type { ToolApprovalPolicy } from '@agentflow/protocol';
import type { ToolCredentialSource } from './builtin-tools.js';
import { loadConfig, processEnv, type RuntimeConfig } from './config.js';
import { createGuardedModels } from './models.js';
import { createDefaultToolHost, runtimeNodeTypes } from './tools.js';
import { withDefaultModel } from './workspace-settings.js';

export interface EnginePartsOptions {
  /** Replaces the configured model providers (scripted or replayed providers, for instance). */
  models?: ModelProvider;
  /** Replaces the default tool host. */
  tools?: ToolHost;
  /** Node types added to the built-ins and the runtime's own (plugins). */
  nodeTypes?: readonly AnyNodeType[];
  logger?: Logger;
  /** A workspace's provider key, looked up before the operator's (the server's workspaces). */
  resolveKey?: ModelsConfig['resolveKey'];
  /** Workspace credentials of the built-in SQL, mail and Slack tools (builtin-tools.ts). (Default: none) */
  toolCredentials?: ToolCredentialSource;
}

/** What every engine of a deployment is made of, whatever its store. */
export interface EngineParts {
  models: ModelProvider;
  tools: ToolHost;
  nodeTypes: AnyNodeType[];
  toolApproval: ToolApprovalPolicy;
  /** Closes what was created here (the egress guard's pools, MCP connections), not what was given. */
  close(): Promise<void>;
}

/**
 * The parts of an engine, the same for the server, the worker and every CLI command: core's built-in node types,
 * the runtime's (`code`, JavaScript in the WASM sandbox) and plugins; the default tool host (`code`,
 * `http_request`, `web_fetch`, `files`, MCP servers) behind the egress guard; the configured model providers
 * behind the egress guard; the configured tool-approval policy. `createRuntime` builds its engine on the store
 * from these; `createLocalEngine` builds one in memory.
 */
export function composeEngineParts(config: RuntimeConfig, options: EnginePartsOptions = {}): EngineParts {
  const guarded = options.models
    ? undefined
    : createGuardedModels(config, options.resolveKey ? { resolveKey: options.resolveKey } : {});
  const defaultTools = options.tools
    ? undefined
    : createDefaultToolHost(config, options.logger, options.toolCredentials);
  return {
    models: options.models ?? guarded!.models,
    tools: options.tools ?? defaultTools!,
    nodeTypes: [...runtimeNodeTypes, ...(options.nodeTypes ?? [])],
    toolApproval: { mode: config.toolApproval },
    async close() {
      await defaultTools?.close();
      await guarded?.close();
    },
  };
}

export interface LocalEngineOptions extends Omit<EnginePartsOptions, 'resolveKey'> {
  env?: Record<string, string | undefined>;
}

export interface LocalEngine {
  readonly engine: Engine;
  readonly config: RuntimeConfig;
  /** Closes the engine and its parts, and deletes its temporary artifact directory. */
  close(): Promise<void>;
}

/**
 * An engine with the deployment's node types, tools, model providers and tool-approval policy (the same parts as
 * `createRuntime`'s), on core's in-memory store: nothing is written to a database. Files the `files` tool writes
 * go to a temporary directory deleted on `close()`. The CLI validates, lists node types and runs in memory on it.
 */
/** The engine options a runtime's configuration sets, the same for every engine it makes. */
export function engineSettings(
  config: RuntimeConfig,
): Pick<EngineOptions, 'leaseTtlMs' | 'valueLimits' | 'maxRecoveries' | 'ownerId'> {
  return {
    leaseTtlMs: config.leaseTtlMs,
    valueLimits: { maxChars: config.maxValueChars, maxExecutionChars: config.maxExecutionChars },
    maxRecoveries: config.maxDeliveries,
    // Which process holds an execution, for people reading the lease column.
    ownerId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
  };
}

export function createLocalEngine(options: LocalEngineOptions = {}): LocalEngine {
  const env = options.env ?? processEnv();
  // The in-memory engine reads no store: DATABASE_URL is irrelevant; the data directory is a scratch one.
  const scratch = join(tmpdir(), `agentflow-local-${process.pid}-${randomUUID().slice(0, 8)}`);
  const config = loadConfig({ ...env, DATABASE_URL: undefined }, { dataDir: scratch });
  const parts = composeEngineParts(config, options);
  const engine = createEngine({
    // Agents that name no model run on the instance's default (no workspace here).
    models: withDefaultModel(parts.models, async () => ({
      provider: config.defaultProvider,
      model: config.defaultModel,
    })),
    tools: parts.tools,
    nodeTypes: parts.nodeTypes,
    toolApproval: parts.toolApproval,
    ...(options.logger ? { logger: options.logger } : {}),
    ...engineSettings(config),
  });
  let closed: Promise<void> | undefined;
  return {
    engine,
    config,
    close() {
      closed ??= (async () => {
        await engine.close();
        await parts.close();
        await rm(scratch, { recursive: true, force: true });
      })();
      return closed;
    },
  };
}
