/**
 * @agentflow/tools: the ToolHost adapter. In-process tools (built-ins and `defineTool` tools) next to MCP servers'
 * tools (official SDK client, Streamable HTTP and allow-listed stdio), an egress guard for every URL a tool
 * opens, per-execution artifact storage (local or S3), and an MCP server that publishes workflows as tools.
 */

export { createArtifactStore, type LocalArtifactStoreOptions } from './artifacts/local.js';
export { createS3ArtifactStore, type S3ArtifactStoreOptions } from './artifacts/s3.js';
export {
  type ArtifactInfo,
  type ArtifactLimits,
  type ArtifactScope,
  type ArtifactStore,
  checkArtifactName,
  checkScope,
} from './artifacts/types.js';
export type { SecretValue } from './builtins/api-call.js';
export {
  type ArtifactScopeResolver,
  createFilesTool,
  defaultArtifactScope,
  type FilesInput,
  type FilesOutput,
  type FilesToolOptions,
} from './builtins/files.js';
export { createGmailSendTool, type GmailSendOutput, type GmailToolOptions } from './builtins/gmail.js';
export {
  createHttpRequestTool,
  type HttpRequestInput,
  type HttpRequestOutput,
  type HttpRequestToolOptions,
} from './builtins/http-request.js';
export { type BuiltinToolsOptions, createBuiltinTools } from './builtins/index.js';
export { MAIL_INPUT_SCHEMA, type MailInput, type RecipientPolicy } from './builtins/message.js';
export {
  createSendEmailTool,
  type SendEmailOutput,
  type SendEmailToolOptions,
  type SmtpSettings,
} from './builtins/send-email.js';
export {
  createSlackPostMessageTool,
  type SlackPostInput,
  type SlackPostOutput,
  type SlackToolOptions,
} from './builtins/slack.js';
export {
  createSqlQueryTool,
  firstKeyword,
  isWriteStatement,
  openSqlQueryTool,
  type SqlConnection,
  type SqlQueryInput,
  type SqlQueryOutput,
  type SqlQueryToolOptions,
  sqlQueryInputSchema,
} from './builtins/sql-query.js';
export {
  createWebFetchTool,
  type WebFetchInput,
  type WebFetchOutput,
  type WebFetchToolOptions,
} from './builtins/web-fetch.js';
export { blockedReason, parseAllowList } from './egress/address-policy.js';
export {
  type BufferedResponse,
  createEgressGuard,
  type EgressGuard,
  type EgressOptions,
  type EgressRequestInit,
  type RequestLimits,
  type Resolver,
} from './egress/guard.js';
export { createGuardedFetch } from './egress/standard-fetch.js';
export {
  checkMcpConfig,
  type McpHttpServerConfig,
  type McpServerConfig,
  type McpStdioServerConfig,
  type StdioAllowRule,
  stdioAllowed,
} from './mcp/config.js';
export {
  createWorkflowMcpServer,
  type PublishedWorkflow,
  type WorkflowMcpHandler,
  type WorkflowMcpServerOptions,
} from './mcp/workflow-server.js';
export {
  type AgentFlowToolHost,
  createToolHost,
  type McpServerHandle,
  type ToolHostOptions,
} from './tool-host.js';
