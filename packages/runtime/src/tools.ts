import { join } from 'node:path';
import type { AnyNodeType, Logger, ToolHost } from '@agentflow/core';
import { codeNode, codeTool } from '@agentflow/sandbox';
import {
  type AgentFlowToolHost,
  type ArtifactStore,
  createArtifactStore,
  createEgressGuard,
  createS3ArtifactStore,
  createToolHost,
} from '@agentflow/tools';
import { createConfiguredTools, type ToolCredentialSource } from './builtin-tools.js';
import { mcpServersOf, type RuntimeConfig } from './config.js';

/** Node types the runtime adds to core's built-ins: `code` (JavaScript in the WASM sandbox). */
export const runtimeNodeTypes: readonly AnyNodeType[] = [codeNode];

/**
 * The default tool host: `code` (sandboxed JavaScript), `http_request` and `web_fetch` behind the egress guard
 * (private, loopback, link-local and metadata addresses refused unless `AGENTFLOW_EGRESS_ALLOW` lists them),
 * `files` in a per-execution artifact store (local disk, or S3 with `ARTIFACTS_URL`), `sql_query`, `send_email`,
 * `slack_post_message` and `gmail_send` with the workspace's credentials or the instance's defaults
 * (builtin-tools.ts), and MCP servers from admin configuration (`AGENTFLOW_MCP_SERVERS`, JSON; stdio commands only
 * from `AGENTFLOW_MCP_STDIO_ALLOW`, JSON). MCP servers are connected on first use, never when a workflow is
 * imported or opened.
 */
export function createDefaultToolHost(
  config: RuntimeConfig,
  logger?: Logger,
  credentials?: ToolCredentialSource,
): AgentFlowToolHost {
  const egress = createEgressGuard({ allow: config.egressAllow });
  // Slack and Gmail also reach the API endpoints the operator configured, whatever their address.
  const operatorApis = [config.slackBaseUrl, config.gmailBaseUrl].filter((url) => url !== undefined);
  const apiEgress = operatorApis.length
    ? createEgressGuard({ allow: config.egressAllow, allowOrigins: operatorApis })
    : egress;
  const configured = createConfiguredTools(config, { egress, apiEgress, credentials, logger });
  const artifacts = createConfiguredArtifacts(config);
  const host = createToolHost({
    tools: [codeTool as never, ...configured.tools],
    builtins: { httpRequest: true, webFetch: true, files: true },
    artifacts: artifacts.store,
    egress,
    ...mcpServersOf(config),
    // Provider APIs accept only [A-Za-z0-9_-] in tool names.
    mcpSeparator: '__',
    ...(logger ? { logger } : {}),
  });
  return {
    ...host,
    async close() {
      await host.close();
      await configured.close();
      artifacts.close();
      await Promise.all([egress.close(), apiEgress === egress ? undefined : apiEgress.close()]);
    },
  };
}

/**
 * The artifact store configuration selects: S3 (or an S3-compatible store) with `ARTIFACTS_URL=s3://bucket/prefix`,
 * shared by every process of the installation, else `<dataDir>/artifacts` on this machine's disk.
 */
export function createConfiguredArtifacts(config: RuntimeConfig): { store: ArtifactStore; close(): void } {
  if (!config.artifactsUrl) {
    return { store: createArtifactStore({ root: join(config.dataDir, 'artifacts') }), close() {} };
  }
  const url = new URL(config.artifactsUrl);
  const path = url.pathname.replace(/^\/+|\/+$/g, '');
  const store = createS3ArtifactStore({
    bucket: url.hostname,
    prefix: path ? `${path}/` : '',
    client: {
      region: config.awsRegion ?? 'us-east-1',
      ...(config.artifactsS3Endpoint ? { endpoint: config.artifactsS3Endpoint } : {}),
      forcePathStyle: config.artifactsS3ForcePathStyle ?? config.artifactsS3Endpoint !== undefined,
      ...(config.awsAccessKeyId && config.awsSecretAccessKey
        ? {
            credentials: {
              accessKeyId: config.awsAccessKeyId,
              secretAccessKey: config.awsSecretAccessKey,
              ...(config.awsSessionToken ? { sessionToken: config.awsSessionToken } : {}),
            },
          }
        : {}),
    },
  });
  return { store, close: () => store.close() };
}

export type { ToolHost };
