/**
 * GraphQL types of the workspace's administration: its settings (the default model) and spend budgets, with
 * their inputs. Composed into the schema by schema.ts; resolved by resolvers.ts (workspaceSettings, budgets,
 * updateWorkspaceSettings, setBudget).
 */
export const workspaceTypeDefs = /* GraphQL */ `
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
`;
