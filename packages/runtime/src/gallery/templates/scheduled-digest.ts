import { agent, type GalleryTemplate, input, link, OPENAI, output } from './shared.js';

export const scheduledDigest: GalleryTemplate = {
  id: 'gallery-scheduled-digest',
  name: 'Scheduled news digest',
  description:
    'Made for a schedule trigger: rates each headline for relevance in a loop, keeps the relevant ones and writes a digest.',
  category: 'productivity',
  tags: ['schedule', 'digest', 'loop'],
  icon: '🗞️',
  workflow: {
    agents: [
      input,
      {
        id: 'rate',
        type: 'loop',
        name: 'Rate each headline',
        config: {
          mode: 'map',
          items: "input.?headlines.orValue(['Rates unchanged', 'New EU AI rules agreed'])",
          concurrency: 4,
          body: {
            agents: [
              { id: 'headline', type: 'input' },
              agent(
                'score',
                'Relevance',
                'You rate headlines for an AI team: answer yes or no.',
                '{{input}}',
              ),
              {
                id: 'pair',
                type: 'transform',
                config: {
                  mapping: { headline: 'input.headline', relevant: "input.score.startsWith('yes')" },
                },
              },
            ],
            connections: [link('headline', 'score'), link('headline', 'pair'), link('score', 'pair')],
          },
        },
      },
      {
        id: 'keep',
        type: 'transform',
        name: 'Relevant only',
        config: { expression: 'input.filter(r, r.relevant).map(r, r.headline)' },
      },
      agent('digest', 'Digest writer', 'You write a short morning digest.', 'Headlines: {{input}}'),
      output(),
    ],
    connections: [link('in', 'rate'), link('rate', 'keep'), link('keep', 'digest'), link('digest', 'out')],
  },
  credentials: [OPENAI],
  script: {
    rules: [
      { when: { systemIncludes: 'rate headlines', lastUserIncludes: 'AI' }, reply: 'yes' },
      { when: { systemIncludes: 'rate headlines' }, reply: 'no' },
      {
        when: { systemIncludes: 'digest' },
        reply: 'Good morning: the EU agreed new AI rules; details follow this week.',
      },
    ],
  },
  sampleInput: { headlines: ['Rates unchanged', 'New EU AI rules agreed', 'Local team wins cup'] },
};
