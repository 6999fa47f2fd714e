import { agent, type GalleryTemplate, input, link, OPENAI, output } from './shared.js';

export const socialPostApproval: GalleryTemplate = {
  id: 'gallery-social-post-approval',
  name: 'Social post with human approval',
  description:
    'An agent drafts a post; the run pauses until a person approves it; the result pairs the draft and the decision.',
  category: 'content',
  tags: ['human approval', 'social'],
  icon: '✅',
  workflow: {
    agents: [
      input,
      agent('draft', 'Draft', 'You write one-sentence social media posts.', 'Announce: {{input.news}}'),
      {
        id: 'approval',
        type: 'human',
        config: {
          prompt: 'Publish this post?',
          schema: { type: 'object', properties: { approved: { type: 'boolean' } }, required: ['approved'] },
        },
      },
      {
        id: 'result',
        type: 'transform',
        config: { mapping: { post: 'input.draft', approved: 'input.approval.approved' } },
      },
      output(),
    ],
    connections: [
      link('in', 'draft'),
      link('draft', 'approval'),
      link('draft', 'result'),
      link('approval', 'result'),
      link('result', 'out'),
    ],
  },
  credentials: [OPENAI],
  script: { replies: ['Our Berlin office opens on 3 June: come and say hello!'] },
  sampleInput: { news: 'Berlin office opens 3 June' },
  approvals: { approval: { approved: true } },
};
