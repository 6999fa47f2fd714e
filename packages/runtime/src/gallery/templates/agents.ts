import { MODEL } from './shared.js';

/** Agent templates for the canvas palette (one configured node each). */
export const AGENT_LIBRARY = [
  {
    id: 'agent-summarizer',
    name: 'Summarizer',
    description: 'Summarizes its input in three sentences.',
    category: 'content',
    tags: ['summarize'],
    icon: '📄',
    configSchema: { type: 'object' },
    defaultConfig: { ...MODEL, systemPrompt: 'You summarize text in three sentences.' },
    script: { fallback: 'A three-sentence summary.' },
    sampleInput: 'A long text to summarize.',
  },
  {
    id: 'agent-classifier',
    name: 'Classifier',
    description: 'Labels its input as positive, neutral or negative (structured output).',
    category: 'data',
    tags: ['classify', 'structured output'],
    icon: '🏷️',
    configSchema: { type: 'object' },
    defaultConfig: {
      ...MODEL,
      systemPrompt: 'You classify sentiment.',
      schema: {
        type: 'object',
        properties: { label: { type: 'string', enum: ['positive', 'neutral', 'negative'] } },
        required: ['label'],
      },
    },
    script: { fallback: { object: { label: 'positive' } } },
    sampleInput: 'I love it!',
  },
];
