/**
 * GraphQL types of analytics (the same read models as REST /analytics): executions per bucket, per node and
 * per model figures, and spend per workflow. Composed into the schema by schema.ts; resolved by resolvers.ts
 * (analyticsExecutions, analyticsSteps, analyticsCosts).
 */
export const analyticsTypeDefs = /* GraphQL */ `
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
`;
