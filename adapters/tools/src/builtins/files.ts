import { createHash } from 'node:crypto';
import { defineTool, type Tool, type ToolCallContext } from '@agentflow/core';
import { AgentFlowError } from '@agentflow/protocol';
import type { ArtifactInfo, ArtifactScope, ArtifactStore } from '../artifacts/types.js';

export type ArtifactScopeResolver = (ctx: ToolCallContext) => ArtifactScope | Promise<ArtifactScope>;

export interface FilesToolOptions {
  store: ArtifactStore;
  /** Maps a call to its execution's artifact scope. (Default: `defaultArtifactScope`) */
  scope?: ArtifactScopeResolver;
}

export interface FilesInput {
  action: 'read' | 'write' | 'list';
  name?: string;
  content?: string;
  /** How `content` is encoded, for write; how to return it, for read. (Default: utf8 for text) */
  encoding?: 'utf8' | 'base64';
  contentType?: string;
}

export type FilesOutput =
  | { name: string; content: string; encoding: 'utf8' | 'base64'; size: number; contentType?: string }
  | ArtifactInfo
  | { files: ArtifactInfo[] };

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * The scope of a call: `{workspace}/{workflow}/{execution}` from the call context. Ids that are not plain path
 * segments (child executions are `step/key`) are replaced by a hash of themselves, so they stay distinct.
 */
export function defaultArtifactScope(ctx: ToolCallContext): ArtifactScope {
  const workflowId = ctx.workflowId;
  return {
    workspaceId: safeSegment(ctx.workspaceId ?? 'default'),
    workflowId: safeSegment(workflowId ?? 'workflow'),
    executionId: safeSegment(ctx.executionId),
  };
}

export function safeSegment(id: string): string {
  if (SAFE_ID.test(id) && !id.includes('..')) return id;
  return `h-${createHash('sha256').update(id).digest('hex').slice(0, 40)}`;
}

/** `files`: reads, writes and lists files in the current execution's artifact directory, and nowhere else. */
export function createFilesTool(options: FilesToolOptions): Tool<FilesInput, FilesOutput> {
  const scopeOf = options.scope ?? defaultArtifactScope;
  return defineTool<FilesInput, FilesOutput>({
    name: 'files',
    description:
      "Reads, writes and lists files in this run's own file area. Names are relative, like `report.md` or " +
      '`data/results.csv` (letters, digits, ".", "_", "-"; no "..").',
    // Reading and listing change nothing; a write does (and waits for approval).
    sideEffect: (input) => input?.action !== 'read' && input?.action !== 'list',
    inputSchema: {
      type: 'object',
      properties: {
        action: { enum: ['read', 'write', 'list'] },
        name: { type: 'string', minLength: 1, maxLength: 255 },
        content: { type: 'string', maxLength: 20_000_000 },
        encoding: { enum: ['utf8', 'base64'] },
        contentType: { type: 'string', maxLength: 200 },
      },
      required: ['action'],
      additionalProperties: false,
    },
    async run(input, ctx) {
      const scope = await scopeOf(ctx);
      if (input.action === 'list') return { files: await options.store.list(scope) };
      if (input.name === undefined) throw badInput(`${input.action} needs a name`);
      if (input.action === 'write') {
        if (input.content === undefined) throw badInput('write needs content');
        const data = input.encoding === 'base64' ? Buffer.from(input.content, 'base64') : input.content;
        const putOptions = input.contentType ? { contentType: input.contentType } : {};
        return options.store.put(scope, input.name, data, putOptions);
      }
      const { data, info } = await options.store.get(scope, input.name);
      const text = data.toString('utf8');
      const binary = data.includes(0) || text.includes('\uFFFD');
      const encoding = input.encoding ?? (binary ? 'base64' : 'utf8');
      const out: FilesOutput = {
        name: info.name,
        content: encoding === 'base64' ? data.toString('base64') : text,
        encoding,
        size: info.size,
      };
      if (info.contentType) out.contentType = info.contentType;
      return out;
    },
  });
}

function badInput(message: string): AgentFlowError {
  return new AgentFlowError('AF_TOOL_ERROR', `files: ${message}`, { retryable: false });
}
