import { agent, type GalleryTemplate, input, link, OPENAI, output } from './shared.js';

export const mapOverList: GalleryTemplate = {
  id: 'gallery-map-over-list',
  name: 'Summarize every item of a list',
  description: 'A loop runs an agent on each item of a list, two at a time, and reports all the summaries.',
  category: 'data',
  tags: ['loop', 'map', 'batch'],
  icon: '🔁',
  workflow: {
    agents: [
      input,
      {
        id: 'each',
        type: 'loop',
        name: 'Summarize each item',
        config: {
          mode: 'map',
          items: "input.?items.orValue(['The battery barely lasts a day.', 'Support fixed my issue fast.'])",
          concurrency: 2,
          body: {
            agents: [
              { id: 'item', type: 'input' },
              agent(
                'summarize',
                'Summarizer',
                'You summarize feedback in at most six words.',
                'Feedback: {{input}}',
              ),
            ],
            connections: [link('item', 'summarize')],
          },
        },
      },
      output("{'count': size(input), 'summaries': input}"),
    ],
    connections: [link('in', 'each'), link('each', 'out')],
  },
  credentials: [OPENAI],
  script: { fallback: 'Short, clear feedback.' },
  sampleInput: { items: ['The battery barely lasts a day.', 'Love the screen.', 'No charger in the box!'] },
};
