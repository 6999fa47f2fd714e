/**
 * The core GraphQL schema (SDL): the JSON scalar and the root operation types (every core query, mutation and
 * subscription, in one place), composed with the object and input types of each domain: workflows
 * (workflow-typedefs.ts), executions and their events (execution-typedefs.ts), the workspace's settings and
 * budgets (workspace-typedefs.ts) and analytics (analytics-typedefs.ts). plugin.ts adds the triggers, templates
 * and alerts modules, which extend Query and Mutation.
 *
 * Resolvers call the same runtime services as REST, with the same permissions (FIELD_PERMISSIONS in
 * resolvers.ts). Lists are paginated with `limit` (max 500) and `cursor`; the templates marketplace
 * (graphql/templates.ts) uses cursor connections (`first`, `after`).
 */
import { analyticsTypeDefs } from './analytics-typedefs.js';
import { executionTypeDefs } from './execution-typedefs.js';
import { workflowTypeDefs } from './workflow-typedefs.js';
import { workspaceTypeDefs } from './workspace-typedefs.js';

const scalarTypeDefs = /* GraphQL */ `
  "Any JSON value."
  scalar JSON
`;

/** The root operation types: the core API at a glance (the types they return are in the domain modules). */
const rootTypeDefs = /* GraphQL */ `
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

export const typeDefs = [
  scalarTypeDefs,
  workflowTypeDefs,
  executionTypeDefs,
  workspaceTypeDefs,
  analyticsTypeDefs,
  rootTypeDefs,
].join('');
