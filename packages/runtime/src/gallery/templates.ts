/**
 * The built-in template gallery (issue 16): workflows that show what AgentFlow does well, each with a
 * scripted-provider script (`agentflow run --script`) and a sample input so it runs offline, without API keys.
 * `installGallery` writes them into the store as public, built-in templates (a newer `GALLERY_VERSION` replaces
 * older copies; downloads and ratings stay). `gallery.test.ts` runs every one with its script.
 */
import type { TemplateCredentialRequirement } from '@agentflow/protocol';

/** Bump when any template below changes: stored copies with a lower version are replaced on start. */
export const GALLERY_VERSION = 2;

export interface GalleryTemplate {
  id: string;
  name: string;
  description: string;
  category: string;
  tags: string[];
  icon: string;
  workflow: Record<string, unknown>;
  credentials: TemplateCredentialRequirement[];
  script: Record<string, unknown>;
  sampleInput: unknown;
  /** What a person answers at each human node when the gallery test runs it (node id -> payload). */
  approvals?: Record<string, unknown>;
}

const MODEL = { provider: 'openai', model: 'gpt-4o-mini' } as const;
const OPENAI: TemplateCredentialRequirement = {
  key: 'openai',
  type: 'openai',
  description: 'An OpenAI API key (or run it offline with its script)',
  optional: true,
};

function agent(id: string, name: string, systemPrompt: string, prompt: string, extra: object = {}) {
  return { id, type: 'agent', name, config: { ...MODEL, systemPrompt, prompt, ...extra } };
}
function link(from: string, to: string, sourceHandle?: string) {
  return {
    id: `${from}-${to}${sourceHandle ? `-${sourceHandle}` : ''}`,
    sourceAgentId: from,
    targetAgentId: to,
    ...(sourceHandle ? { sourceHandle } : {}),
  };
}
const input = { id: 'in', type: 'input' };
const output = (value?: string) => ({ id: 'out', type: 'output', ...(value ? { config: { value } } : {}) });

export const GALLERY: GalleryTemplate[] = [
  {
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
  },
  {
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
  },
  {
    id: 'gallery-support-triage',
    name: 'Support ticket triage',
    description:
      'Classifies a ticket (structured output); a refund waits for a person to approve it before the reply confirms or declines it, a question is answered directly. The result: the category, a summary and the reply to send.',
    category: 'support',
    tags: ['router', 'human approval', 'structured output', 'support'],
    icon: '🎫',
    workflow: {
      agents: [
        input,
        agent('classify', 'Classifier', 'You classify support tickets.', 'Ticket: {{input.ticket}}', {
          schema: {
            type: 'object',
            properties: {
              category: { type: 'string', enum: ['refund', 'question', 'bug'] },
              summary: { type: 'string' },
            },
            required: ['category', 'summary'],
          },
        }),
        {
          id: 'route',
          type: 'router',
          name: 'Refund?',
          config: { routes: [{ name: 'refund', when: "input.category == 'refund'" }], default: 'answer' },
        },
        {
          id: 'approve',
          type: 'human',
          name: 'Approve the refund',
          config: {
            prompt: 'Approve this refund?',
            schema: {
              type: 'object',
              properties: { approved: { type: 'boolean' }, note: { type: 'string' } },
              required: ['approved'],
            },
          },
        },
        agent(
          'confirm',
          'Refund reply',
          'You write support replies about refund decisions.',
          'Ticket: {{workflowInput.ticket}}\nRefund approved: {{input.approved}}',
        ),
        agent(
          'reply',
          'Answer',
          'You write friendly support replies.',
          'Answer this ticket: {{workflowInput.ticket}}',
        ),
        output(
          "{'category': input.classify.category, 'summary': input.classify.summary, 'reply': has(input.confirm) ? input.confirm : input.reply}",
        ),
      ],
      connections: [
        link('in', 'classify'),
        link('classify', 'route'),
        link('classify', 'out'),
        link('route', 'approve', 'refund'),
        link('route', 'reply', 'answer'),
        link('approve', 'confirm'),
        link('confirm', 'out'),
        link('reply', 'out'),
      ],
    },
    credentials: [OPENAI],
    script: {
      rules: [
        {
          when: { systemIncludes: 'classify', lastUserIncludes: 'refund' },
          reply: { object: { category: 'refund', summary: 'Charged twice for order 1042' } },
        },
        {
          when: { systemIncludes: 'classify' },
          reply: { object: { category: 'question', summary: 'Cannot sign in' } },
        },
        {
          when: { systemIncludes: 'refund decisions', lastUserIncludes: 'approved: true' },
          reply: 'Sorry about the double charge: we have refunded one payment for order 1042.',
        },
        {
          when: { systemIncludes: 'refund decisions' },
          reply: 'We looked into order 1042 and cannot refund it; here is why.',
        },
        {
          when: { systemIncludes: 'support replies' },
          reply: 'Thanks for writing! Use "Forgot password" on the sign-in page to reset it.',
        },
      ],
    },
    sampleInput: { ticket: 'I was charged twice for order 1042, please refund one payment.' },
    approvals: { approve: { approved: true } },
  },
  {
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
  },
  {
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
            items:
              "input.?items.orValue(['The battery barely lasts a day.', 'Support fixed my issue fast.'])",
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
  },
  {
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
  },
  {
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
  },
  {
    id: 'gallery-code-reviewer',
    name: 'Code reviewer',
    description:
      'Two reviewers read a diff in parallel (correctness, security); a lead merges their comments into a verdict.',
    category: 'engineering',
    tags: ['code review', 'parallel', 'structured output'],
    icon: '🧑‍💻',
    workflow: {
      agents: [
        input,
        agent('correctness', 'Correctness reviewer', 'You review diffs for bugs.', 'Diff:\n{{input.diff}}'),
        agent(
          'security',
          'Security reviewer',
          'You review diffs for security problems.',
          'Diff:\n{{input.diff}}',
        ),
        agent(
          'lead',
          'Lead reviewer',
          'You are the lead reviewer: merge the comments into a verdict.',
          'Bugs:\n{{input.correctness}}\n\nSecurity:\n{{input.security}}',
          {
            schema: {
              type: 'object',
              properties: {
                verdict: { type: 'string', enum: ['approve', 'request-changes'] },
                comments: { type: 'array', items: { type: 'string' } },
              },
              required: ['verdict', 'comments'],
            },
          },
        ),
        output(),
      ],
      connections: [
        link('in', 'correctness'),
        link('in', 'security'),
        link('correctness', 'lead'),
        link('security', 'lead'),
        link('lead', 'out'),
      ],
    },
    credentials: [OPENAI],
    script: {
      rules: [
        { when: { systemIncludes: 'for bugs' }, reply: 'Off-by-one: the loop skips the last element.' },
        {
          when: { systemIncludes: 'security' },
          reply: 'The query concatenates user input: use a parameter.',
        },
        {
          when: { systemIncludes: 'lead reviewer' },
          reply: {
            object: {
              verdict: 'request-changes',
              comments: ['Fix the off-by-one in the loop.', 'Use a query parameter for the name.'],
            },
          },
        },
      ],
    },
    sampleInput: {
      diff: '-for (i = 0; i < n; i++)\n+for (i = 0; i < n - 1; i++)\n+db.query("select * from users where name = \'" + name + "\'")',
    },
  },
  {
    id: 'gallery-meeting-notes',
    name: 'Meeting notes to Slack',
    description:
      'Turns raw meeting notes into a summary and a list of action items in parallel, joins them into one message and posts it to a Slack channel with slack_post_message once a person approves the post.',
    category: 'productivity',
    tags: ['meetings', 'slack', 'parallel'],
    icon: '📝',
    workflow: {
      agents: [
        input,
        agent(
          'summary',
          'Summarizer',
          'You summarize meetings in three sentences.',
          'Notes:\n{{input.notes}}',
        ),
        agent(
          'actions',
          'Action items',
          'You list action items as "owner: task" lines.',
          'Notes:\n{{input.notes}}',
        ),
        {
          id: 'message',
          type: 'transform',
          name: 'Slack message',
          config: {
            expression: "'*Meeting summary*\\n' + input.summary + '\\n\\n*Action items*\\n' + input.actions",
          },
        },
        {
          id: 'post',
          type: 'tool',
          name: 'Post to Slack',
          config: {
            tool: 'slack_post_message',
            args: "{'channel': workflowInput.?channel.orValue('#team'), 'text': input}",
          },
        },
        output("{'channel': input.channel, 'ts': input.ts}"),
      ],
      connections: [
        link('in', 'summary'),
        link('in', 'actions'),
        link('summary', 'message'),
        link('actions', 'message'),
        link('message', 'post'),
        link('post', 'out'),
      ],
    },
    credentials: [
      OPENAI,
      {
        key: 'slack',
        type: 'slack',
        description:
          "A Slack bot token (xoxb-...) with chat:write to post the update (else the instance's SLACK_BOT_TOKEN)",
        optional: true,
      },
    ],
    script: {
      rules: [
        {
          when: { systemIncludes: 'summarize meetings' },
          reply: 'The team agreed to ship on Friday. QA starts Wednesday.',
        },
        {
          when: { systemIncludes: 'action items' },
          reply: 'Ana: write release notes\nBo: run the QA checklist',
        },
      ],
    },
    sampleInput: {
      notes: 'Ship Friday. QA from Wednesday, Bo owns it. Ana writes the release notes.',
      channel: '#release',
    },
    approvals: { post: { approved: true } },
  },
  {
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
  },
  {
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
  },
  {
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
  },
];

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
