import { agent, type GalleryTemplate, input, link, OPENAI, output } from './shared.js';

export const webSummarizer: GalleryTemplate = {
  id: 'gallery-web-summarizer',
  name: 'Web page summarizer',
  description:
    'An agent reads a web page with the web_fetch tool and summarizes it in bullet points. The script asks for the sample page and answers as if it had read it.',
  category: 'research',
  tags: ['web_fetch', 'tools', 'summarize'],
  icon: '🌐',
  workflow: {
    agents: [
      input,
      agent(
        'summarize',
        'Summarizer',
        'You summarize web pages in bullet points. Use web_fetch to read the page.',
        'Summarize {{input.url}}',
        { tools: ['web_fetch'] },
      ),
      output(),
    ],
    connections: [link('in', 'summarize'), link('summarize', 'out')],
  },
  credentials: [OPENAI],
  script: {
    replies: [
      { toolCalls: [{ name: 'web_fetch', input: { url: 'https://example.com/' }, id: 'fetch-1' }] },
      '- Example Domain is reserved for use in documentation\n- It may be used without asking for permission\n- It links to more information at IANA',
    ],
  },
  sampleInput: { url: 'https://example.com/' },
};
