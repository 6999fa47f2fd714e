import { agent, type GalleryTemplate, input, link, OPENAI, output } from './shared.js';

export const documentExtraction: GalleryTemplate = {
  id: 'gallery-document-extraction',
  name: 'Document extraction to JSON',
  description:
    'Extracts the fields of an invoice (vendor, date, total, line items) as JSON checked against a schema.',
  category: 'data',
  tags: ['structured output', 'extraction', 'json'],
  icon: '🧾',
  workflow: {
    agents: [
      input,
      agent('extract', 'Extractor', 'You extract invoice fields as JSON.', 'Invoice:\n{{input.text}}', {
        schema: {
          type: 'object',
          properties: {
            vendor: { type: 'string' },
            date: { type: 'string' },
            total: { type: 'number' },
            items: {
              type: 'array',
              items: {
                type: 'object',
                properties: { description: { type: 'string' }, amount: { type: 'number' } },
                required: ['description', 'amount'],
              },
            },
          },
          required: ['vendor', 'total', 'items'],
        },
      }),
      output(),
    ],
    connections: [link('in', 'extract'), link('extract', 'out')],
  },
  credentials: [OPENAI],
  script: {
    replies: [
      {
        object: {
          vendor: 'Acme Paper Ltd',
          date: '2026-03-01',
          total: 42.5,
          items: [
            { description: 'A4 paper, 5 reams', amount: 30 },
            { description: 'Delivery', amount: 12.5 },
          ],
        },
      },
    ],
  },
  sampleInput: {
    text: 'Acme Paper Ltd, 1 March 2026. A4 paper, 5 reams: 30.00. Delivery: 12.50. Total 42.50',
  },
};
