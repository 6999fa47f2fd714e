import { agent, type GalleryTemplate, input, link, OPENAI, output } from './shared.js';

export const meetingNotes: GalleryTemplate = {
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
      agent('summary', 'Summarizer', 'You summarize meetings in three sentences.', 'Notes:\n{{input.notes}}'),
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
};
