/**
 * GraphQL types of workflows: the graph (agents, connections, positions), its versions and pages, the node-type
 * catalogue the designer builds from, and the inputs createWorkflow/updateWorkflow take. Composed into the
 * schema by schema.ts; resolved by resolvers.ts (Query.workflow(s), Query.nodeTypes, Workflow.*).
 */
export const workflowTypeDefs = /* GraphQL */ `
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

  type NodeType {
    type: String!
    category: String
    description: String!
    configSchema: JSON!
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
`;
