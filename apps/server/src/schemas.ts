/**
 * Request and response schemas of the REST API (Zod; the OpenAPI document is generated from them). Response
 * schemas are also filters: a field not listed here is never sent.
 */
import { WorkflowStatus } from '@agentflow/protocol';
import { z } from 'zod';

export const JsonObject = z.record(z.string(), z.unknown());

export const IdParams = z.object({ id: z.string().min(1).max(200) });

/** A workflow version number: stored as a 32-bit integer, so a larger one is a bad request, never a database error. */
export const MAX_VERSION = 2_147_483_647;
export const VersionNumber = z.number().int().min(1).max(MAX_VERSION);

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable AF_ error code' }),
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string(), code: z.string() })).optional(),
      details: JsonObject.optional().meta({
        description: 'AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm',
      }),
      requestId: z.string().optional(),
    }),
  })
  .meta({ description: 'Every error has this shape; issues list each bad field with its path.' });

/** Error responses every route may give. */
export const errorResponses = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  429: ErrorResponse,
  500: ErrorResponse,
} as const;

export const PageQuery = z.object({
  /** Max items. (Default: 50, max 500) */
  limit: z.coerce.number().int().min(1).max(500).optional(),
  /** `nextCursor` of the previous page. */
  cursor: z.string().min(1).max(1000).optional(),
});

export function page<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().optional().meta({ description: 'Pass as `cursor` to get the next page' }),
  });
}

/** The last millisecond of the year 9999: the latest time the store's timestamp columns take from ISO text. */
export const MAX_TIME_MS = 253_402_300_799_999;

/** A time filter: milliseconds since the epoch or an ISO 8601 date. */
export const TimeParam = z
  .string()
  .max(64)
  .transform((value, ctx) => {
    const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
    // Within the range of the store's timestamps: 1970 to the end of the year 9999.
    if (!Number.isFinite(ms) || ms < 0 || ms > MAX_TIME_MS) {
      ctx.addIssue({ code: 'custom', message: 'must be milliseconds since the epoch or an ISO 8601 date' });
      return z.NEVER;
    }
    return ms;
  })
  .meta({ description: 'Milliseconds since the epoch, or an ISO 8601 date' });

export const Usage = z.object({ inputTokens: z.number(), outputTokens: z.number(), costUsd: z.number() });

const IssueDto = z.object({ code: z.string(), path: z.string(), message: z.string() });

/** An error recorded on an execution or a step (details stay in the server's store and logs). */
export const ErrorInfoDto = z.object({
  code: z.string(),
  message: z.string(),
  retryable: z.boolean().optional(),
  issues: z.array(IssueDto).optional(),
  retryAfterMs: z.number().optional(),
});

export const WorkflowDto = z.object({
  id: z.string(),
  workspaceId: z.string().optional(),
  name: z.string(),
  description: z.string().optional(),
  status: WorkflowStatus,
  version: z.number().int(),
  definition: JsonObject.meta({ description: 'The current version (see the Workflow request schema)' }),
  createdBy: z.string().optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export const WorkflowVersionDto = z.object({
  workflowId: z.string(),
  version: z.number().int(),
  definition: JsonObject,
  createdBy: z.string().optional(),
  createdAt: z.number(),
});

export const ExecutionStatusEnum = z.enum([
  'queued',
  'running',
  'paused',
  'succeeded',
  'failed',
  'cancelled',
]);

export const ExecutionSummaryDto = z.object({
  id: z.string(),
  workflowId: z.string(),
  workflowVersion: z.number().int(),
  workspaceId: z.string().optional(),
  parentExecutionId: z.string().optional(),
  status: ExecutionStatusEnum,
  input: z.unknown(),
  output: z.unknown().optional(),
  error: ErrorInfoDto.optional(),
  createdAt: z.number(),
  startedAt: z.number().optional(),
  completedAt: z.number().optional(),
  ready: z.array(z.string()),
  waiting: z.array(z.string()).meta({
    description:
      'Nodes waiting for a payload: human nodes, and tool calls waiting for approval (see /executions/{id}/approvals)',
  }),
  stepCount: z.number().int(),
  usage: Usage.meta({ description: "Totals of the execution's steps: `costUsd` is its cost (USD)" }),
  durationMs: z.number().optional().meta({
    description: 'completedAt - startedAt, for an execution that ended (absent while it runs)',
  }),
  forkedFrom: z
    .object({
      executionId: z.string(),
      nodeId: z.string().optional().meta({ description: 'The fork node; absent for a re-run' }),
    })
    .optional()
    .meta({ description: 'The execution this one re-runs or was forked from' }),
});

export const ExecutionDto = ExecutionSummaryDto.extend({
  workflow: JsonObject.meta({ description: 'The exact definition the execution runs' }),
});

const ModelCallDto = z.object({
  provider: z.string(),
  model: z.string(),
  status: z.enum(['ok', 'error']),
  latencyMs: z.number(),
  inputTokens: z.number().optional(),
  outputTokens: z.number().optional(),
  costUsd: z.number().optional(),
  error: ErrorInfoDto.optional(),
});

const ToolCallDto = z.object({
  toolName: z.string(),
  toolCallId: z.string(),
  status: z.enum(['ok', 'error', 'rejected', 'running']).meta({
    description:
      '`rejected`: a person refused it (it never ran); `running`: no result when the step was committed',
  }),
  attempt: z.number().int().meta({ description: 'The step attempt that made the call' }),
  startedAt: z.number(),
  latencyMs: z.number().optional(),
  args: z.unknown().optional().meta({
    description:
      'Credential-like keys redacted; a value over 16,384 JSON characters becomes {truncated, chars, preview}',
  }),
  result: z.unknown().optional().meta({ description: 'Redacted and bounded as `args`' }),
  error: ErrorInfoDto.optional(),
  approval: z
    .object({ approved: z.boolean(), reason: z.string().optional() })
    .optional()
    .meta({ description: 'How a person answered the call, when it waited for approval' }),
});

export const StepDto = z.object({
  id: z.string(),
  executionId: z.string(),
  agentId: z.string(),
  iteration: z.number().int(),
  seq: z.number().int(),
  status: z.enum(['succeeded', 'failed', 'skipped', 'waiting', 'resumed', 'cancelled']),
  attempt: z.number().int(),
  input: z.unknown().optional(),
  output: z.unknown().optional(),
  error: ErrorInfoDto.optional(),
  route: z.string().optional(),
  fallbackUsed: z.boolean().optional(),
  startedAt: z.number(),
  completedAt: z.number(),
  usage: Usage.optional(),
  attempts: z
    .array(
      z.object({
        attempt: z.number().int(),
        startedAt: z.number(),
        durationMs: z.number(),
        error: ErrorInfoDto.optional(),
      }),
    )
    .optional(),
  modelCalls: z.array(ModelCallDto).optional(),
  toolCalls: z.array(ToolCallDto).optional().meta({ description: 'The tool calls the step made, in order' }),
  reusedFrom: z.string().optional().meta({
    description:
      'A fork reused this step of the execution it was forked from (that step id): it did not run again',
  }),
});

export const MessageDto = z.object({
  executionId: z.string(),
  connectionId: z.string(),
  fromAgentId: z.string(),
  toAgentId: z.string(),
  stepId: z.string(),
  payload: z.unknown(),
  at: z.number(),
});

export const LogLevelEnum = z.enum(['debug', 'info', 'warn', 'error']);

export const LogDto = z.object({
  executionId: z.string(),
  stepId: z.string().optional(),
  agentId: z.string().optional().meta({ description: 'The node that logged the line' }),
  attempt: z.number().int().optional().meta({ description: "The step's attempt (1 on the first)" }),
  level: LogLevelEnum,
  message: z.string(),
  data: JsonObject.optional(),
  at: z.number(),
});

export const ExecutionDetailDto = z.object({
  execution: ExecutionDto,
  steps: z.array(StepDto),
  messages: z.array(MessageDto),
  logs: z.array(LogDto).meta({
    description:
      'The first 1,000 log lines; GET /executions/{id}/logs pages through all of them, with filters',
  }),
});

export const Accepted = z.object({ executionId: z.string() });

export const TemplateCredentialDto = z.object({
  key: z.string(),
  type: z.string().meta({ description: 'Workspace credential type it must be (provider or tool type)' }),
  description: z.string().optional(),
  optional: z.boolean(),
});

/**
 * A template (issue 16). A public template carries no `workspaceId` or `createdBy`; `myRating` is the caller's
 * own rating. `workflow` is a workflow template's definition; `configSchema`/`defaultConfig`/`nodeType` an agent
 * template's node.
 */
export const TemplateDto = z.object({
  id: z.string(),
  kind: z.enum(['workflow', 'agent']),
  workspaceId: z.string().optional(),
  name: z.string(),
  description: z.string().optional(),
  category: z.string().optional(),
  tags: z.array(z.string()),
  icon: z.string().optional(),
  iconUrl: z.string().optional(),
  author: z.string().optional(),
  visibility: z.enum(['workspace', 'public']),
  isPublic: z.boolean(),
  builtin: z.boolean().meta({ description: 'Ships with AgentFlow (the gallery)' }),
  version: z.number().int(),
  workflow: JsonObject.optional(),
  configSchema: JsonObject,
  defaultConfig: JsonObject.optional(),
  nodeType: z.string().optional(),
  credentials: z.array(TemplateCredentialDto),
  script: JsonObject.optional().meta({ description: 'Scripted-provider script: runs the template offline' }),
  sampleInput: z.unknown().optional(),
  createdBy: z.string().optional(),
  downloads: z.number().int().meta({ description: 'Installs' }),
  rating: z.number().optional().meta({ description: 'Average stars (1-5); absent until rated' }),
  ratingCount: z.number().int(),
  myRating: z.number().int().optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export const TemplateVersionDto = z.object({
  version: z.number().int(),
  changelog: z.string().optional(),
  createdAt: z.number(),
});

export const TemplateReviewDto = z.object({
  stars: z.number().int(),
  review: z.string().optional(),
  mine: z.boolean().meta({ description: "The caller's own rating" }),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export const TemplateRatingSummaryDto = z.object({
  rating: z.number().optional(),
  ratingCount: z.number().int(),
  myRating: z.number().int().optional(),
});

export const TemplateCategoryDto = z.object({ category: z.string(), count: z.number().int() });

export const Capabilities = z.object({
  functionCalling: z.boolean(),
  vision: z.boolean(),
  streaming: z.boolean(),
  structuredOutput: z.boolean(),
  penalties: z.boolean().meta({ description: 'Takes frequencyPenalty and presencePenalty' }),
});

/**
 * A pending workspace invitation. `token` (accept it with POST /invitations/accept) is shown to the workspace's
 * admins only when the server mails no invitations (`delivery: 'manual'`).
 */
export const InvitationDto = z.object({
  id: z.string(),
  workspaceId: z.string(),
  email: z.string(),
  role: z.enum(['owner', 'admin', 'member', 'viewer']),
  status: z.literal('pending'),
  delivery: z.enum(['email', 'manual']),
  createdAt: z.number(),
  expiresAt: z.number(),
  token: z.string().optional(),
});
