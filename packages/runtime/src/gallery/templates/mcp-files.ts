import { agent, type GalleryTemplate, input, link, OPENAI, output } from './shared.js';

/**
 * An agent using an MCP server's tools. MCP servers come from the instance's AGENTFLOW_MCP_SERVERS (a template
 * never names a server's address): this one expects a server named `files` with the reference filesystem
 * server's read tools (`list_directory`, `read_text_file`), which the runtime lists as `files__<tool>`.
 */
export const mcpFiles: GalleryTemplate = {
  id: 'gallery-mcp-files',
  name: 'Ask a folder (MCP tools)',
  description:
    "An agent answers a question about a folder with an MCP server's tools: it lists the folder, reads the file that matters and answers from it. Needs an MCP server named files (for example @modelcontextprotocol/server-filesystem) in AGENTFLOW_MCP_SERVERS.",
  category: 'engineering',
  tags: ['mcp', 'tools', 'files'],
  icon: '🗂️',
  workflow: {
    agents: [
      input,
      agent(
        'reader',
        'Folder reader',
        'You answer questions about the files of a folder. List the folder with files__list_directory, read what you need with files__read_text_file, then answer in one or two sentences and name the file.',
        'Folder: {{input.folder}}\nQuestion: {{input.question}}',
        { tools: ['files__list_directory', 'files__read_text_file'] },
      ),
      output(),
    ],
    connections: [link('in', 'reader'), link('reader', 'out')],
  },
  credentials: [OPENAI],
  script: {
    replies: [
      { toolCalls: [{ name: 'files__list_directory', id: 'ls-1', input: { path: '/project' } }] },
      {
        toolCalls: [{ name: 'files__read_text_file', id: 'read-1', input: { path: '/project/RELEASE.md' } }],
      },
      'The release is planned for 14 March (RELEASE.md).',
    ],
  },
  sampleInput: { folder: '/project', question: 'When is the release?' },
};
