import { AgentFlowError } from '@agentflow/protocol';

/** Where an execution's files live: `{workspace}/{workflow}/{execution}/...`. */
export interface ArtifactScope {
  workspaceId: string;
  workflowId: string;
  executionId: string;
}

export interface ArtifactInfo {
  /** The artifact's name inside its execution (`report.md`, `charts/q1.png`). */
  name: string;
  size: number;
  contentType?: string;
  /** ISO 8601. */
  modifiedAt?: string;
}

export interface ArtifactLimits {
  /** Largest single file. (Default: 10 MiB) */
  maxFileBytes?: number;
  /** All files of one execution together. (Default: 100 MiB) */
  maxExecutionBytes?: number;
  /** Files per execution. (Default: 1000) */
  maxFiles?: number;
}

/**
 * Files produced by tools and agents, kept per execution. Names are never used as paths as given: each is checked
 * segment by segment (see `checkArtifactName`), and scope ids likewise.
 */
export interface ArtifactStore {
  put(
    scope: ArtifactScope,
    name: string,
    data: Uint8Array | string,
    options?: { contentType?: string },
  ): Promise<ArtifactInfo>;
  /** Throws AF_NOT_FOUND when there is no such artifact. */
  get(scope: ArtifactScope, name: string): Promise<{ data: Buffer; info: ArtifactInfo }>;
  /** Every artifact of the execution, sorted by name. */
  list(scope: ArtifactScope): Promise<ArtifactInfo[]>;
  /** Deleting a missing artifact is not an error. */
  delete(scope: ArtifactScope, name: string): Promise<void>;
}

export const DEFAULT_ARTIFACT_LIMITS: Required<ArtifactLimits> = {
  maxFileBytes: 10 * 1024 * 1024,
  maxExecutionBytes: 100 * 1024 * 1024,
  maxFiles: 1000,
};

const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * Checks an artifact name and returns its segments. A name is 1 to 255 characters of `/`-separated segments (at
 * most 8), each made of letters, digits, `.`, `_` and `-`, not starting with `.` (so no `.`, `..` or hidden
 * files); no absolute paths, backslashes, NUL or empty segments. Throws AF_TOOL_ERROR otherwise.
 */
export function checkArtifactName(name: unknown): string[] {
  if (typeof name !== 'string' || name.length === 0 || name.length > 255) {
    throw invalidName(name, 'must be 1 to 255 characters');
  }
  const segments = name.split('/');
  if (segments.length > 8) throw invalidName(name, 'may have at most 8 segments');
  for (const segment of segments) {
    if (!SEGMENT.test(segment)) {
      throw invalidName(name, 'each segment must be letters, digits, ".", "_" or "-", not starting with "."');
    }
  }
  return segments;
}

/** Checks the ids of a scope (each becomes one directory or key segment). Throws AF_TOOL_ERROR. */
export function checkScope(scope: ArtifactScope): [string, string, string] {
  const ids: [string, string, string] = [scope.workspaceId, scope.workflowId, scope.executionId];
  for (const id of ids) {
    if (typeof id !== 'string' || !ID.test(id) || id.includes('..')) {
      throw new AgentFlowError('AF_TOOL_ERROR', `invalid artifact scope id ${JSON.stringify(id)}`, {
        retryable: false,
        details: { reason: 'artifact-scope' },
      });
    }
  }
  return ids;
}

export function artifactNotFound(name: string): AgentFlowError {
  return new AgentFlowError('AF_NOT_FOUND', `no artifact named ${JSON.stringify(name)}`, {
    retryable: false,
  });
}

export function artifactTooLarge(message: string): AgentFlowError {
  return new AgentFlowError('AF_LIMIT_EXCEEDED', message, {
    retryable: false,
    details: { reason: 'artifact-size' },
  });
}

function invalidName(name: unknown, why: string): AgentFlowError {
  return new AgentFlowError('AF_TOOL_ERROR', `invalid artifact name ${JSON.stringify(name)}: ${why}`, {
    retryable: false,
    details: { reason: 'artifact-name' },
  });
}

/**
 * Encodes `data` and checks it against the limits, given what the execution already stores: file size, number
 * of files (a same-name write replaces, so it does not count) and total bytes. Throws AF_LIMIT_EXCEEDED.
 */
export async function checkedArtifactBytes(
  existing: Promise<readonly ArtifactInfo[]>,
  name: string,
  data: string | Uint8Array,
  limits: Required<ArtifactLimits>,
): Promise<Buffer> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  if (bytes.length > limits.maxFileBytes) {
    throw artifactTooLarge(`artifact ${name} is larger than ${limits.maxFileBytes} bytes`);
  }
  const stored = await existing;
  const replaced = stored.find((a) => a.name === name);
  if (!replaced && stored.length >= limits.maxFiles) {
    throw artifactTooLarge(`the execution already has ${limits.maxFiles} artifacts`);
  }
  const total = stored.reduce((sum, a) => sum + (a === replaced ? 0 : a.size), 0) + bytes.length;
  if (total > limits.maxExecutionBytes) {
    throw artifactTooLarge(`the execution's artifacts would exceed ${limits.maxExecutionBytes} bytes`);
  }
  return bytes;
}
