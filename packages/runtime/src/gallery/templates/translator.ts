import { agent, type GalleryTemplate, input, link, OPENAI, output } from './shared.js';

export const translator: GalleryTemplate = {
  id: 'gallery-translator',
  name: 'Translate into three languages',
  description: 'Three translators work in parallel; the result is one object keyed by language.',
  category: 'content',
  tags: ['translation', 'parallel'],
  icon: '🌍',
  workflow: {
    agents: [
      input,
      agent('fr', 'French', 'You translate into French.', '{{input.text}}'),
      agent('de', 'German', 'You translate into German.', '{{input.text}}'),
      agent('es', 'Spanish', 'You translate into Spanish.', '{{input.text}}'),
      {
        id: 'join',
        type: 'transform',
        name: 'By language',
        config: { mapping: { fr: 'input.fr', de: 'input.de', es: 'input.es' } },
      },
      output(),
    ],
    connections: [
      link('in', 'fr'),
      link('in', 'de'),
      link('in', 'es'),
      link('fr', 'join'),
      link('de', 'join'),
      link('es', 'join'),
      link('join', 'out'),
    ],
  },
  credentials: [OPENAI],
  script: {
    rules: [
      { when: { systemIncludes: 'French' }, reply: 'Bonjour le monde' },
      { when: { systemIncludes: 'German' }, reply: 'Hallo Welt' },
      { when: { systemIncludes: 'Spanish' }, reply: 'Hola mundo' },
    ],
  },
  sampleInput: { text: 'Hello world' },
};
