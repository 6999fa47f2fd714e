import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, readdir, realpath, rename, rm, unlink } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { AgentFlowError } from '@agentflow/protocol';
import {
  type ArtifactInfo,
  type ArtifactLimits,
  type ArtifactStore,
  artifactNotFound,
  artifactTooLarge,
  checkArtifactName,
  checkedArtifactBytes,
  checkScope,
  DEFAULT_ARTIFACT_LIMITS,
} from './types.js';

export interface LocalArtifactStoreOptions extends ArtifactLimits {
  /** Directory holding every workspace's artifacts; created if missing. */
  root: string;
}

/**
 * Artifacts on the local file system under `{root}/{workspace}/{workflow}/{execution}/{name}`. Every directory on
 * the way is checked to be a real directory (a symlink anywhere is refused), files are opened with O_NOFOLLOW,
 * and writes go to a temporary file renamed into place.
 */
export function createArtifactStore(options: LocalArtifactStoreOptions): ArtifactStore {
  const limits = { ...DEFAULT_ARTIFACT_LIMITS, ...definedOnly(options) };
  let rootReal: Promise<string> | undefined;
  const root = () => {
    rootReal ??= mkdir(options.root, { recursive: true }).then(() => realpath(options.root));
    return rootReal;
  };

  /** Walks (and optionally creates) the directories of `segments` below the root, refusing anything but dirs. */
  const directory = async (segments: string[], create: boolean): Promise<string | undefined> => {
    let dir = await root();
    for (const segment of segments) {
      dir = join(dir, segment);
      let stats = await lstat(dir).catch(missing);
      if (!stats) {
        if (!create) return undefined;
        await mkdir(dir).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'EEXIST') throw error;
        });
        stats = await lstat(dir);
      }
      if (stats.isSymbolicLink() || !stats.isDirectory()) throw notPlain(segment);
    }
    return dir;
  };

  const store: ArtifactStore = {
    async put(scope, name, data, putOptions = {}) {
      const ids = checkScope(scope);
      const segments = checkArtifactName(name);
      const bytes = await checkedArtifactBytes(store.list(scope), name, data, limits);
      const dir = (await directory([...ids, ...segments.slice(0, -1)], true))!;
      const file = join(dir, segments.at(-1)!);
      const current = await lstat(file).catch(missing);
      if (current && !current.isFile()) throw notPlain(name);
      const temp = join(dir, `.tmp-${randomUUID()}`);
      const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
      const handle = await open(temp, flags, 0o600);
      try {
        await handle.writeFile(bytes);
      } finally {
        await handle.close();
      }
      try {
        await rename(temp, file);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      return { name, size: bytes.length, contentType: putOptions.contentType ?? guessType(name) };
    },

    async get(scope, name) {
      const ids = checkScope(scope);
      const segments = checkArtifactName(name);
      const dir = await directory([...ids, ...segments.slice(0, -1)], false);
      if (!dir) throw artifactNotFound(name);
      const handle = await open(join(dir, segments.at(-1)!), constants.O_RDONLY | constants.O_NOFOLLOW).catch(
        (error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') throw artifactNotFound(name);
          if (error.code === 'ELOOP') throw notPlain(name);
          throw error;
        },
      );
      try {
        const stats = await handle.stat();
        if (!stats.isFile()) throw notPlain(name);
        if (stats.size > limits.maxFileBytes) {
          throw artifactTooLarge(`artifact ${name} is larger than ${limits.maxFileBytes} bytes`);
        }
        const data = await handle.readFile();
        return { data, info: info(name, data.length, stats.mtime) };
      } finally {
        await handle.close();
      }
    },

    async list(scope) {
      const ids = checkScope(scope);
      const dir = await directory(ids, false);
      if (!dir) return [];
      const out: ArtifactInfo[] = [];
      await walk(dir, [], out, limits.maxFiles * 2);
      return out.sort((a, b) => a.name.localeCompare(b.name));
    },

    async delete(scope, name) {
      const ids = checkScope(scope);
      const segments = checkArtifactName(name);
      const dir = await directory([...ids, ...segments.slice(0, -1)], false);
      if (!dir) return;
      const file = join(dir, segments.at(-1)!);
      const stats = await lstat(file).catch(missing);
      if (!stats) return;
      if (!stats.isFile()) throw notPlain(name);
      await unlink(file);
    },
  };
  return store;
}

/** Lists regular files below `dir`; symlinks, temp files and anything else are skipped. */
async function walk(dir: string, prefix: string[], out: ArtifactInfo[], max: number): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (out.length >= max) return;
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await walk(path, [...prefix, entry.name], out, max);
    else if (entry.isFile()) {
      const stats = await lstat(path);
      out.push(info([...prefix, entry.name].join('/'), stats.size, stats.mtime));
    }
  }
}

function info(name: string, size: number, modified: Date): ArtifactInfo {
  return { name, size, contentType: guessType(name), modifiedAt: modified.toISOString() };
}

const TYPES: Record<string, string> = {
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.json': 'application/json',
  '.csv': 'text/csv',
  '.html': 'text/html',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.pdf': 'application/pdf',
};

export function guessType(name: string): string {
  return TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream';
}

function missing(error: NodeJS.ErrnoException): undefined {
  if (error.code === 'ENOENT') return undefined;
  throw error;
}

function notPlain(what: string): AgentFlowError {
  return new AgentFlowError(
    'AF_TOOL_ERROR',
    `artifact path ${JSON.stringify(what)} is not a plain file or directory`,
    {
      retryable: false,
      details: { reason: 'artifact-path' },
    },
  );
}

function definedOnly(limits: ArtifactLimits): ArtifactLimits {
  const out: ArtifactLimits = {};
  if (limits.maxFileBytes !== undefined) out.maxFileBytes = limits.maxFileBytes;
  if (limits.maxExecutionBytes !== undefined) out.maxExecutionBytes = limits.maxExecutionBytes;
  if (limits.maxFiles !== undefined) out.maxFiles = limits.maxFiles;
  return out;
}
