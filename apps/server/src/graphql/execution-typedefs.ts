/**
 * GraphQL types of executions: an execution with its steps, tool calls, messages and logs; what starting,
 * re-running and forking one returns; nodes waiting for a person (approvals); and the live events the
 * executionEvents subscription streams. Composed into the schema by schema.ts; resolved by resolvers.ts.
 */
export const executionTypeDefs = /* GraphQL */ `
  type Usage {
    inputTokens: Float!
    outputTokens: Float!
    costUsd: Float!
  }

  type Step {
    id: ID!
    agentId: ID!
    iteration: Int!
    seq: Int!
    status: String!
    attempt: Int!
    input: JSON
    output: JSON
    error: JSON
    startedAt: Float!
    completedAt: Float!
    usage: Usage
    "The tool calls the step made, in order (arguments and results redacted and bounded as in REST)"
    toolCalls: [ToolCall!]
    "A fork reused this step of its source execution (that step's id): it did not run again"
    reusedFrom: ID
  }

  type ToolCall {
    toolName: String!
    toolCallId: ID!
    "ok, error, rejected (a person refused it: it never ran) or running (no result when the step committed)"
    status: String!
    attempt: Int!
    startedAt: Float!
    latencyMs: Float
    args: JSON
    result: JSON
    error: JSON
    "How a person answered the call, when it waited for approval"
    approval: ToolCallApproval
  }

  type ToolCallApproval {
    approved: Boolean!
    reason: String
  }

  type Message {
    connectionId: ID!
    fromAgentId: ID!
    toAgentId: ID!
    payload: JSON
    at: Float!
  }

  type Execution {
    id: ID!
    workflowId: ID!
    workflowVersion: Int!
    status: String!
    input: JSON
    output: JSON
    error: JSON
    waiting: [ID!]!
    stepCount: Int!
    usage: Usage!
    createdAt: Float!
    startedAt: Float
    completedAt: Float
    "completedAt - startedAt, once ended"
    durationMs: Float
    "The execution this one re-runs (no nodeId) or was forked from"
    forkedFrom: ForkOrigin
    "Every step in seq order; a step's data (input, output, toolCalls) is read only when the query selects it"
    steps: [Step!]!
    "One step in full (null when the execution has no step of that id)"
    step(id: ID!): Step
    messages: [Message!]!
    "Log lines in the order they were written: level keeps that level and above, levels exactly those"
    logs(level: LogLevel, levels: [LogLevel!], agentId: ID, limit: Int, cursor: String): LogPage!
  }

  enum LogLevel {
    debug
    info
    warn
    error
  }

  "One line of an execution's log"
  type LogLine {
    stepId: ID
    "The node that logged it"
    agentId: ID
    "The step's attempt (1 on the first)"
    attempt: Int
    level: LogLevel!
    message: String!
    data: JSON
    at: Float!
  }

  type LogPage {
    items: [LogLine!]!
    nextCursor: String
  }

  type ExecutionPage {
    items: [Execution!]!
    nextCursor: String
  }

  type ExecutionStarted {
    executionId: ID!
  }

  type ForkOrigin {
    executionId: ID!
    nodeId: ID
  }

  type ForkStarted {
    executionId: ID!
    forkedFrom: ForkOrigin!
    "Steps taken over from the source (not run again)"
    reusedSteps: Int!
  }

  "A node waiting for a person (see REST GET /approvals)"
  type Approval {
    executionId: ID!
    workflowId: ID!
    workflowName: String
    workflowVersion: Int!
    agentId: ID!
    nodeName: String
    "human or tool_call"
    kind: String!
    prompt: String
    "A human node's JSON Schema of its payload (the form)"
    schema: JSON
    "tool_call: {tool, args, idempotencyKey, toolCallId?}"
    call: JSON
    stepId: ID!
    waitingSince: Float!
    executionCreatedAt: Float!
  }

  type ApprovalPage {
    items: [Approval!]!
    nextCursor: String
  }

  "A live execution event; seq numbers the execution's stream (see the WebSocket monitor)."
  type ExecutionEvent {
    executionId: ID!
    seq: Int!
    type: String!
    at: Float!
    agentId: ID
    stepId: ID
    "The whole event."
    data: JSON!
  }
`;
