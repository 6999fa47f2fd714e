import { agent, type GalleryTemplate, input, link, OPENAI, output } from './shared.js';

export const multiProviderFallback: GalleryTemplate = {
  id: 'gallery-multi-provider-fallback',
  name: 'Multi-provider fallback',
  description:
    'An answer from OpenAI, falling back to Anthropic and then Gemini when a provider is down or rate-limited.',
  category: 'reliability',
  tags: ['fallback', 'providers', 'resilience'],
  icon: '🛟',
  workflow: {
    agents: [
      input,
      agent('answer', 'Answer', 'You answer questions in one paragraph.', '{{input.question}}', {
        fallback: [
          { provider: 'anthropic', model: 'claude-3-5-haiku-latest' },
          { provider: 'gemini', model: 'gemini-2.0-flash' },
        ],
      }),
      output(),
    ],
    connections: [link('in', 'answer'), link('answer', 'out')],
  },
  credentials: [
    OPENAI,
    { key: 'anthropic', type: 'anthropic', description: 'The first fallback', optional: true },
    { key: 'gemini', type: 'gemini', description: 'The second fallback', optional: true },
  ],
  script: { replies: ['Tides are caused mainly by the Moon pulling on the oceans.'] },
  sampleInput: { question: 'What causes tides?' },
};
