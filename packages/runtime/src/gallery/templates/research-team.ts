import { agent, type GalleryTemplate, input, link, OPENAI, output } from './shared.js';

export const researchTeam: GalleryTemplate = {
  id: 'gallery-research-team',
  name: 'Research team',
  description:
    'Three specialists (economist, historian, technologist) research a topic in parallel; a writer merges their notes into one brief.',
  category: 'research',
  tags: ['parallel', 'multi-agent', 'research'],
  icon: '🔬',
  workflow: {
    agents: [
      input,
      {
        id: 'topic',
        type: 'transform',
        name: 'Topic',
        config: { expression: "input.?topic.orValue('heat pumps')" },
      },
      agent(
        'economist',
        'Economist',
        'You are an economist.',
        'Topic: {{input}}\nGive two economic findings.',
      ),
      agent(
        'historian',
        'Historian',
        'You are a historian.',
        'Topic: {{input}}\nGive two historical findings.',
      ),
      agent(
        'technologist',
        'Technologist',
        'You are a technologist.',
        'Topic: {{input}}\nGive two findings on the technology.',
      ),
      agent(
        'writer',
        'Writer',
        'You are a writer who merges research notes into a short brief.',
        'Write a brief on {{input.topic}}.\n\nEconomics:\n{{input.economist}}\n\nHistory:\n{{input.historian}}\n\nTechnology:\n{{input.technologist}}',
      ),
      output(),
    ],
    connections: [
      link('in', 'topic'),
      link('topic', 'economist'),
      link('topic', 'historian'),
      link('topic', 'technologist'),
      link('topic', 'writer'),
      link('economist', 'writer'),
      link('historian', 'writer'),
      link('technologist', 'writer'),
      link('writer', 'out'),
    ],
  },
  credentials: [OPENAI],
  script: {
    rules: [
      { when: { systemIncludes: 'economist' }, reply: 'Heat pumps cost more up front but less to run.' },
      { when: { systemIncludes: 'historian' }, reply: 'The first heat pump was built in 1856.' },
      {
        when: { systemIncludes: 'technologist' },
        reply: 'A refrigerant cycle moves three units of heat per unit of power.',
      },
      {
        when: { systemIncludes: 'writer' },
        reply:
          'Heat pumps: a brief. Invented in 1856, they move heat instead of making it and pay back their price in running costs.',
      },
    ],
  },
  sampleInput: { topic: 'heat pumps' },
};
