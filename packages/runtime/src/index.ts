/**
 * @agentflow/runtime: the composition root. Reads configuration, picks adapters (embedded PGlite or PostgreSQL,
 * model providers, tools), builds the engine and exposes the app services every shell uses.
 */

export {
  type Authenticator,
  isApiKey,
} from './auth/authenticate.js';
export { authorize, requireUser, roleAtLeast, roleRank, weakerRole } from './auth/authorize.js';
export { type CsrfGuard, createCsrfGuard } from './auth/csrf.js';
export {
  ENCRYPTION_KEY_FILE,
  JWT_SECRET_FILE,
  type KeyMaterial,
  type KeyMaterialOptions,
  keyIdOf,
  loadKeyMaterial,
} from './auth/key-material.js';
export { createLoginGuard, type LoginGuard, type LoginGuardOptions } from './auth/login-guard.js';
export { checkPasswordPolicy, createPasswordHasher, type PasswordHasher } from './auth/passwords.js';
export {
  can,
  PERMISSIONS,
  type Permission,
  type Principal,
  ROLE_PERMISSIONS,
  ROLES,
  type Role,
} from './auth/permissions.js';
export {
  AUTH_FAILURE_LIMIT,
  createRateLimiter,
  RATE_LIMITS,
  type RateLimiter,
  type RateLimiterOptions,
  type RateLimitResult,
  type RateRule,
  type RateTier,
} from './auth/rate-limit.js';
export { createSecretBox, type SecretBox } from './auth/secret-box.js';
export type { AuthResult, AuthService, AuthServiceOptions, MeResult, TokenPair } from './auth/service.js';
export {
  ACCESS_TOKEN_TTL_MS,
  type AccessClaims,
  createTokenService,
  type TokenService,
  type TokenServiceOptions,
} from './auth/tokens.js';
export {
  type Budget,
  BudgetInput,
  type BudgetLimitRef,
  type BudgetService,
  type BudgetUsage,
  createBudgetService,
} from './budgets.js';
export type { InstantiateOptions, TemplateService, TemplateServiceOptions } from './catalog.js';
export {
  composeEngineParts,
  createLocalEngine,
  type EngineParts,
  type EnginePartsOptions,
  type LocalEngine,
  type LocalEngineOptions,
} from './compose.js';
export { loadConfig, RuntimeConfig } from './config.js';
export { createDeadLetterService, type DeadLetter, type DeadLetterService } from './dead-letters.js';
export type { EventFeed, RuntimeRole } from './distributed.js';
export type { HealthService, Readiness } from './health.js';
export type { McpService } from './mcp.js';
export { createGuardedModels, type GuardedModels, type ModelsRuntimeConfig } from './models.js';
export type { NodeTypeInfo, NodeTypeService } from './node-types.js';
export {
  createNotificationService,
  type NotificationDelivery,
  type NotificationOptions,
  type NotificationService,
  notificationPayload,
  signNotification,
} from './notifications.js';
export {
  type ApprovalItem,
  createOperationsService,
  type ExecutionOverview,
  type OperationsService,
} from './operations.js';
export { createProcessLogger, LOG_REDACT, type ProcessLogger, pinoLogger } from './process-logger.js';
export type { ProviderInfo, ProviderModelInfo, ProviderService } from './providers.js';
export { publicModelLabels } from './providers.js';
export { createRuntime, type Runtime, type RuntimeOptions } from './runtime.js';
export { createSecurity, type Security, type SecurityOptions, type TenancyServices } from './security.js';
export {
  createExecutionService,
  createWorkflowService,
  type ExecutionDetail,
  type ExecutionService,
  isShared,
  type Scope,
  type WorkflowService,
} from './services.js';
export type { InstallPreview, InstallTarget } from './template-targets.js';
export { checkPlan, type InstanceAdminService } from './tenancy/admin.js';
export type { ApiKeyService, CreateApiKeyInput } from './tenancy/api-keys.js';
export {
  type AuditInput,
  type AuditService,
  currentRequestMeta,
  type RequestMeta,
  runWithRequestMeta,
} from './tenancy/audit.js';
export { currentWorkspaceId, runInWorkspace } from './tenancy/context.js';
export { CredentialInput, type CredentialService, type ProviderKeyHandle } from './tenancy/credentials.js';
export {
  assertRunnable,
  createExecutionGate,
  EXECUTION_LIMITS,
  type ExecutionGate,
  type ExecutionGateOptions,
  type RunSubject,
  type RunVia,
} from './tenancy/execution-limit.js';
export {
  createSmtpInvitationDelivery,
  type SmtpInvitationOptions,
  smtpDeliveryFromConfig,
} from './tenancy/invitation-mail.js';
export type {
  InvitationDelivery,
  InvitationService,
  InvitationServiceOptions,
  InvitationView,
} from './tenancy/invitations.js';
export type { MemberService, WorkspaceService } from './tenancy/members.js';
export {
  type RuntimeTracing,
  startTracing,
  type Tracer,
  type TraceSpan,
  type TracingSettings,
  tracesUrl,
} from './tracing.js';
export {
  type CreatedTrigger,
  createTriggers,
  type TriggerOptions,
  type Triggers,
  type WebhookRequest,
  type WebhookResponse,
} from './triggers/index.js';
export {
  createWorkspaceSettingsService,
  DefaultModel,
  WorkspaceSettings,
  type WorkspaceSettingsService,
  type WorkspaceSettingsView,
  withDefaultModel,
} from './workspace-settings.js';
