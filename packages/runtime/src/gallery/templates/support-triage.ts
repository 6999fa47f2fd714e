import { agent, type GalleryTemplate, input, link, OPENAI, output } from './shared.js';

export const supportTriage: GalleryTemplate = {
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
};
