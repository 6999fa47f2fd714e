/**
 * The GraphQL schema (SDL). Resolvers call the same runtime services as REST, with the same permissions
 * (FIELD_PERMISSIONS in resolvers.ts). Lists are paginated with `limit` (max 500) and `cursor`; the templates
 * marketplace (graphql/templates.ts) uses cursor connections (`first`, `after`).
 */
export const typeDefs = /* GraphQL */ `
  "Any JSON value."
  scalar JSON

  type Position {
    x: Float!
    y: Float!
  }

  "A node of the workflow graph (the brief calls every node an agent)."
  type Agent {
    id: ID!
    type: String!
    name: String
    description: String
    config: JSON
    position: Position
  }

  type Connection {
    id: ID!
    sourceAgentId: ID!
    targetAgentId: ID!
    condition: String
    sourceHandle: String
    on: String
  }

  type Workflow {
    id: ID!
    workspaceId: ID
    name: String!
    description: String
    status: String!
    version: Int!
    agents: [Agent!]!
    connections: [Connection!]!
    config: JSON
    definition: JSON!
    createdAt: Float!
    updatedAt: Float!
    versions: [WorkflowVersion!]!
    executions(status: String, limit: Int, cursor: String): ExecutionPage!
  }

  type WorkflowVersion {
    version: Int!
    definition: JSON!
    createdAt: Float!
  }

  type WorkflowPage {
    items: [Workflow!]!
    nextCursor: String
  }

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

  type NodeType {
    type: String!
    category: String
    description: String!
    configSchema: JSON!
  }

  type ExecutionStarted {
    executionId: ID!
  }

  type ForkOrigin {
    executionId: ID!
    nodeId: ID
  }

  "A provider and one of its models"
  type ModelRef {
    provider: String!
    model: String!
  }

  input ModelRefInput {
    provider: String!
    model: String!
  }

  "The workspace's settings (REST GET/PUT /workspace/settings)"
  type WorkspaceSettings {
    "The default model of agents that name none (null: none)"
    defaultModel: ModelRef
    "What such agents run on: the workspace's default, else the instance's"
    effectiveDefaultModel: ModelRef!
  }

  input WorkspaceSettingsInput {
    "Left out: kept; null: cleared"
    defaultModel: ModelRefInput
  }

  "A spend budget (REST /budgets): USD limits; null means none"
  type Budget {
    workflowId: ID
    dailyUsd: Float
    monthlyUsd: Float
    executionUsd: Float
    "pause or fail"
    onExceed: String!
  }

  type BudgetPeriod {
    start: Float!
    limitUsd: Float
    spentUsd: Float!
    "Held by model calls in flight (their maximum cost)"
    reservedUsd: Float!
    "Leased by processes and not used yet: refusals can come this much before the limit"
    leasedUsd: Float!
    calls: Int!
  }

  "A budget and what was spent in the current UTC day and month"
  type BudgetUsage {
    workflowId: ID
    budget: Budget
    day: BudgetPeriod!
    month: BudgetPeriod!
  }

  input BudgetInput {
    "Left out: kept; null: no such limit"
    dailyUsd: Float
    monthlyUsd: Float
    executionUsd: Float
    "pause or fail"
    onExceed: String
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

  type ExecutionBucket {
    start: Float!
    total: Int!
    succeeded: Int!
    failed: Int!
    cancelled: Int!
    active: Int!
    p50DurationMs: Float
    p95DurationMs: Float
    costUsd: Float!
  }

  type ExecutionTotals {
    total: Int!
    succeeded: Int!
    failed: Int!
    cancelled: Int!
    active: Int!
    p50DurationMs: Float
    p95DurationMs: Float
    costUsd: Float!
    successRate: Float
  }

  "Executions per bucket over a window (see REST GET /analytics/executions)"
  type ExecutionStats {
    from: Float!
    to: Float!
    bucketMs: Float!
    buckets: [ExecutionBucket!]!
    totals: ExecutionTotals!
  }

  type AgentStat {
    workflowId: ID!
    agentId: ID!
    steps: Int!
    failed: Int!
    errorRate: Float!
    inputTokens: Float!
    outputTokens: Float!
    costUsd: Float!
  }

  type ModelStat {
    provider: String!
    model: String!
    workflowId: ID!
    calls: Int!
    errors: Int!
    inputTokens: Float!
    outputTokens: Float!
    costUsd: Float!
  }

  "Per node and per provider/model/workflow figures (see REST GET /analytics/steps)"
  type StepStats {
    from: Float!
    to: Float!
    agents: [AgentStat!]!
    models: [ModelStat!]!
  }

  type WorkflowCost {
    workflowId: ID!
    todayUsd: Float!
    monthUsd: Float!
    monthExecutions: Int!
  }

  type CostSummary {
    currency: String!
    dayStart: Float!
    monthStart: Float!
    todayUsd: Float!
    monthUsd: Float!
    workflows: [WorkflowCost!]!
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

  input PositionInput {
    x: Float!
    y: Float!
  }

  input AgentInput {
    id: ID!
    type: String!
    name: String
    description: String
    config: JSON
    position: PositionInput
    retry: JSON
    timeoutMs: Int
    fallback: JSON
  }

  input ConnectionInput {
    id: ID!
    sourceAgentId: ID!
    targetAgentId: ID!
    condition: String
    sourceHandle: String
    on: String
  }

  input WorkflowInput {
    name: String!
    description: String
    status: String
    agents: [AgentInput!]!
    connections: [ConnectionInput!]
    config: JSON
  }

  type Query {
    workflow(id: ID!): Workflow
    workflows(status: String, limit: Int, cursor: String): WorkflowPage!
    execution(id: ID!): Execution
    executions(
      workflowId: ID
      status: String
      "Any of these statuses"
      statuses: [String!]
      since: Float
      until: Float
      limit: Int
      cursor: String
    ): ExecutionPage!
    nodeTypes: [NodeType!]!
    "Nodes waiting for a person across the workspace, longest waiting first"
    approvals(workflowId: ID, limit: Int, cursor: String): ApprovalPage!
    "window: 1h, 24h, 7d or 30d; bucket: 1m, 5m, 15m, 1h, 6h or 1d"
    analyticsExecutions(window: String!, bucket: String, workflowId: ID): ExecutionStats!
    analyticsSteps(window: String!, bucket: String, workflowId: ID): StepStats!
    analyticsCosts(utcOffsetMinutes: Int): CostSummary!
    workspaceSettings: WorkspaceSettings!
    "The workspace's budget and its workflows' (workflowId: that workflow's only)"
    budgets(workflowId: ID): [BudgetUsage!]!
  }

  type Mutation {
    createWorkflow(input: WorkflowInput!): Workflow!
    updateWorkflow(id: ID!, input: WorkflowInput!): Workflow!
    deleteWorkflow(id: ID!): Boolean!
    executeWorkflow(id: ID!, input: JSON, version: Int): ExecutionStarted!
    cancelExecution(id: ID!): Boolean!
    approveExecution(id: ID!, agentId: ID!, payload: JSON): ExecutionStarted!
    "Re-runs an ended or paused execution: same input, same pinned version"
    rerunExecution(id: ID!): ForkStarted!
    "Forks an ended or paused execution at a node (steps not downstream of it reused), optionally with its input edited"
    forkExecution(id: ID!, nodeId: ID!, input: JSON): ForkStarted!
    "Changes the workspace's settings (admins; audited)"
    updateWorkspaceSettings(input: WorkspaceSettingsInput!): WorkspaceSettings!
    "Sets the workspace's budget (no workflowId: admins) or a workflow's (audited)"
    setBudget(workflowId: ID, input: BudgetInput!): BudgetUsage!
  }

  type Subscription {
    "Live events of a workflow's executions (or of one execution), replaying buffered ones after 'after'."
    executionEvents(workflowId: ID!, executionId: ID, after: Int): ExecutionEvent!
  }
`;
