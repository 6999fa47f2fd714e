import { agent, type GalleryTemplate, input, link, OPENAI, output } from './shared.js';

export const codeReviewer: GalleryTemplate = {
  id: 'gallery-code-reviewer',
  name: 'Code reviewer',
  description:
    'Two reviewers read a diff in parallel (correctness, security); a lead merges their comments into a verdict.',
  category: 'engineering',
  tags: ['code review', 'parallel', 'structured output'],
  icon: '🧑‍💻',
  workflow: {
    agents: [
      input,
      agent('correctness', 'Correctness reviewer', 'You review diffs for bugs.', 'Diff:\n{{input.diff}}'),
      agent(
        'security',
        'Security reviewer',
        'You review diffs for security problems.',
        'Diff:\n{{input.diff}}',
      ),
      agent(
        'lead',
        'Lead reviewer',
        'You are the lead reviewer: merge the comments into a verdict.',
        'Bugs:\n{{input.correctness}}\n\nSecurity:\n{{input.security}}',
        {
          schema: {
            type: 'object',
            properties: {
              verdict: { type: 'string', enum: ['approve', 'request-changes'] },
              comments: { type: 'array', items: { type: 'string' } },
            },
            required: ['verdict', 'comments'],
          },
        },
      ),
      output(),
    ],
    connections: [
      link('in', 'correctness'),
      link('in', 'security'),
      link('correctness', 'lead'),
      link('security', 'lead'),
      link('lead', 'out'),
    ],
  },
  credentials: [OPENAI],
  script: {
    rules: [
      { when: { systemIncludes: 'for bugs' }, reply: 'Off-by-one: the loop skips the last element.' },
      {
        when: { systemIncludes: 'security' },
        reply: 'The query concatenates user input: use a parameter.',
      },
      {
        when: { systemIncludes: 'lead reviewer' },
        reply: {
          object: {
            verdict: 'request-changes',
            comments: ['Fix the off-by-one in the loop.', 'Use a query parameter for the name.'],
          },
        },
      },
    ],
  },
  sampleInput: {
    diff: '-for (i = 0; i < n; i++)\n+for (i = 0; i < n - 1; i++)\n+db.query("select * from users where name = \'" + name + "\'")',
  },
};
