import { agent, type GalleryTemplate, input, link, OPENAI, output } from './shared.js';

/**
 * Runs its queries with `sql_query`: read-only (`BEGIN READ ONLY`) on the workspace's `postgres` credential,
 * else the instance's AGENTFLOW_SQL_URL. The script asks the sample `orders` table.
 */
export const sqlAnalyst: GalleryTemplate = {
  id: 'gallery-sql-analyst',
  name: 'SQL analyst on a read-only database',
  description:
    "Answers a question about a PostgreSQL database: an agent writes SQL, runs it with sql_query in a read-only transaction and explains the result. Uses the workspace's postgres credential. The script asks the sample orders(region, amount) table.",
  category: 'data',
  tags: ['sql', 'postgres', 'tools', 'analytics'],
  icon: '🗄️',
  workflow: {
    agents: [
      input,
      agent(
        'analyst',
        'SQL analyst',
        'You are a data analyst. Answer with numbers from the database: query it with sql_query (read-only, PostgreSQL), then explain the result in two sentences.',
        'Question: {{input.question}}',
        { tools: ['sql_query'] },
      ),
      output(),
    ],
    connections: [link('in', 'analyst'), link('analyst', 'out')],
  },
  credentials: [
    OPENAI,
    {
      key: 'database',
      type: 'postgres',
      description: "A PostgreSQL URL, ideally a read-only role (else the instance's AGENTFLOW_SQL_URL)",
      optional: true,
    },
  ],
  script: {
    replies: [
      {
        toolCalls: [
          {
            name: 'sql_query',
            id: 'sql-1',
            input: {
              sql: 'select region, sum(amount)::float8 as total from orders group by region order by total desc',
            },
          },
        ],
      },
      'North sold the most (1,200), ahead of South (450). Together they make 1,650 in orders.',
    ],
  },
  sampleInput: { question: 'Which region sold the most?' },
};
