/**
 * The GraphQL schema (SDL). Resolvers call the same runtime services as REST, with the same permissions
 * (FIELD_PERMISSIONS in resolvers.ts). Lists are paginated with `limit` (max 500) and `cursor`.
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
    steps: [Step!]!
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

  type Template {
    id: ID!
    name: String!
    description: String
    category: String
    isPublic: Boolean!
    configSchema: JSON!
    defaultConfig: JSON
    "Workflows created from this template (one per install)"
    downloads: Int!
    createdAt: Float!
  }

  type TemplatePage {
    items: [Template!]!
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
      since: Float
      until: Float
      limit: Int
      cursor: String
    ): ExecutionPage!
    template(id: ID!): Template
    templates(category: String, limit: Int, cursor: String): TemplatePage!
    nodeTypes: [NodeType!]!
  }

  type Mutation {
    createWorkflow(input: WorkflowInput!): Workflow!
    updateWorkflow(id: ID!, input: WorkflowInput!): Workflow!
    deleteWorkflow(id: ID!): Boolean!
    executeWorkflow(id: ID!, input: JSON, version: Int): ExecutionStarted!
    cancelExecution(id: ID!): Boolean!
    approveExecution(id: ID!, agentId: ID!, payload: JSON): ExecutionStarted!
    "Creates a workflow from a template; AF_CONFIRMATION_REQUIRED (extensions.details: digest, targets) until 'confirm' is the digest of its external targets."
    instantiateTemplate(id: ID!, name: String, config: JSON, confirm: String): Workflow!
  }

  type Subscription {
    "Live events of a workflow's executions (or of one execution), replaying buffered ones after 'after'."
    executionEvents(workflowId: ID!, executionId: ID, after: Int): ExecutionEvent!
  }
`;
