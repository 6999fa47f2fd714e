/**
 * Single owner for an embedded data directory. PGlite has no lock of its own and two processes writing one data
 * directory corrupt it, so the store takes `<dir>/agentflow.lock` (holding the owner's pid) before opening it.
 * A lock whose process is gone (it was killed) is taken over.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AgentFlowError } from '@agentflow/protocol';

export const LOCK_FILE = 'agentflow.lock';

interface LockInfo {
  pid: number;
  hostname: string;
  startedAt: string;
}

export interface DirLock {
  readonly path: string;
  release(): void;
}

/** Takes the lock of `dir` (which must exist) or throws an AgentFlowError naming the directory and owner pid. */
export function acquireDirLock(dir: string): DirLock {
  const path = join(dir, LOCK_FILE);
  const mine: LockInfo = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(path, mine)) {
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        const owner = readLock(path);
        if (owner?.pid === process.pid) {
          try {
            unlinkSync(path);
          } catch {
            // already gone
          }
        }
      };
      process.on('exit', release);
      return { path, release };
    }
    const owner = readLock(path);
    if (owner && isAlive(owner)) throw lockedError(dir, path, owner);
    // Stale (its process is dead) or unreadable: move it aside atomically, then check we moved what we read.
    const aside = `${path}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      renameSync(path, aside);
    } catch {
      continue; // someone else moved it first; try again
    }
    const moved = readLock(aside);
    if (moved && moved.pid !== owner?.pid && isAlive(moved)) {
      // A live process took the lock between our read and our rename: put it back and give up.
      try {
        renameSync(aside, path);
      } catch {
        // it will be recreated by its owner's checks
      }
      throw lockedError(dir, path, moved);
    }
    try {
      unlinkSync(aside);
    } catch {
      // ignore
    }
  }
  throw new AgentFlowError('AF_INTERNAL', `could not take the lock ${path}: it keeps changing hands`, {
    details: { dataDir: dir, lockFile: path },
  });
}

/** Creates the lock with its full content in one step (hard link of a written temp file): never half-written. */
function tryCreate(path: string, info: LockInfo): boolean {
  const temp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, `${JSON.stringify(info)}\n`, { mode: 0o644 });
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temp);
  }
}

function readLock(path: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockInfo>;
    if (typeof info.pid !== 'number') return undefined;
    return { pid: info.pid, hostname: String(info.hostname ?? ''), startedAt: String(info.startedAt ?? '') };
  } catch {
    return undefined;
  }
}

function isAlive(owner: LockInfo): boolean {
  // A lock from another machine (a shared volume) cannot be checked: treat it as held.
  if (owner.hostname && owner.hostname !== hostname()) return true;
  if (owner.pid === process.pid) return true; // this process already has the directory open
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockedError(dir: string, path: string, owner: LockInfo): AgentFlowError {
  const where = owner.hostname && owner.hostname !== hostname() ? ` on ${owner.hostname}` : '';
  return new AgentFlowError(
    'AF_CONFLICT',
    `the data directory ${dir} is in use by another AgentFlow process (pid ${owner.pid}${where}, since ` +
      `${owner.startedAt}). Stop that process, or point AGENTFLOW_DATA_DIR at another directory. If no such ` +
      `process exists, delete ${path}.`,
    { details: { dataDir: dir, lockFile: path, pid: owner.pid, hostname: owner.hostname } },
  );
}
