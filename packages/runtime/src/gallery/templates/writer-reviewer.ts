import { agent, type GalleryTemplate, input, link, OPENAI, output } from './shared.js';

export const writerReviewer: GalleryTemplate = {
  id: 'gallery-writer-reviewer',
  name: 'Writer and reviewer with a quality gate',
  description:
    'A writer drafts, a reviewer answers APPROVED or REVISE; a router sends the draft back at most three times.',
  category: 'content',
  tags: ['loop', 'quality gate', 'writing'],
  icon: '✍️',
  workflow: {
    agents: [
      input,
      agent(
        'writer',
        'Writer',
        'You write short product announcements.',
        'Write a three-sentence announcement about {{workflowInput.product}}.\n{{inputs.gate.review}}\n{{inputs.gate.draft}}',
      ),
      agent(
        'reviewer',
        'Reviewer',
        'You review announcements. Answer APPROVED if it is ready, otherwise REVISE: and what to change.',
        'Review this draft:\n{{input}}',
      ),
      {
        id: 'merge',
        type: 'transform',
        name: 'Pair draft and review',
        config: { mapping: { draft: 'input.writer', review: 'input.reviewer' } },
      },
      {
        id: 'gate',
        type: 'router',
        name: 'Approved?',
        config: {
          routes: [{ name: 'approved', when: "input.review.startsWith('APPROVED')" }],
          default: 'revise',
          maxIterations: 3,
          exhaustedRoute: 'exhausted',
        },
      },
      output("{'draft': input.draft, 'approved': input.review.startsWith('APPROVED')}"),
    ],
    connections: [
      link('in', 'writer'),
      link('writer', 'reviewer'),
      link('writer', 'merge'),
      link('reviewer', 'merge'),
      link('merge', 'gate'),
      link('gate', 'writer', 'revise'),
      link('gate', 'out', 'approved'),
      link('gate', 'out', 'exhausted'),
    ],
  },
  credentials: [OPENAI],
  script: {
    rules: [
      {
        when: { systemIncludes: 'You write', lastUserIncludes: 'REVISE' },
        reply:
          'Meet Lumen, the lamp that follows daylight. It warms as evening comes. Lumen ships in May for 49 euros.',
      },
      {
        when: { systemIncludes: 'You write' },
        reply: 'Meet Lumen, the lamp that follows daylight. It warms as evening comes.',
      },
      {
        when: { systemIncludes: 'You review', lastUserIncludes: '49 euros' },
        reply: 'APPROVED. Says when and how much.',
      },
      { when: { systemIncludes: 'You review' }, reply: 'REVISE: say when it ships and what it costs.' },
    ],
  },
  sampleInput: { product: 'Lumen, a desk lamp that follows daylight' },
};
