import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDirLock, LOCK_FILE } from './dir-lock.js';

const dirs: string[] = [];
const children: ChildProcess[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'agentflow-lock-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const c of children) c.kill();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function writeLock(dir: string, pid: number, host = hostname()): void {
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, hostname: host, startedAt: 'then' }));
}

describe('data directory lock', () => {
  it('is taken with our pid and removed on release; a second take in this process fails', () => {
    const dir = tempDir();
    const lock = acquireDirLock(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    expect(() => acquireDirLock(dir)).toThrow(`pid ${process.pid}`);
    lock.release();
    lock.release(); // idempotent
    expect(readdirSync(dir)).toEqual([]);
    acquireDirLock(dir).release();
  });

  it('refuses while the owning process lives, naming the directory and its pid', async () => {
    const dir = tempDir();
    const owner = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    children.push(owner);
    writeLock(dir, owner.pid!);
    let error: (Error & { code?: string; details?: Record<string, unknown> }) | undefined;
    try {
      acquireDirLock(dir);
    } catch (e) {
      error = e as typeof error;
    }
    expect(error?.message).toContain(
      `the data directory ${dir} is in use by another AgentFlow process (pid ${owner.pid}`,
    );
    expect(error?.code).toBe('AF_CONFLICT');
    expect(error?.details).toMatchObject({ dataDir: dir, pid: owner.pid });
    owner.kill();
    await new Promise((resolve) => owner.once('exit', resolve));
    // Its process is gone now: the lock is stale and taken over.
    const lock = acquireDirLock(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a stale lock of a dead pid or an unreadable one', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', 'console.log(process.pid)']);
    const dir = tempDir();
    writeLock(dir, Number(stdout.trim()));
    acquireDirLock(dir).release();
    writeFileSync(join(dir, LOCK_FILE), 'garbage');
    const lock = acquireDirLock(dir);
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
    lock.release();
  });

  it('treats a lock from another host as held (it cannot be checked)', () => {
    const dir = tempDir();
    writeLock(dir, 1, 'some-other-host');
    expect(() => acquireDirLock(dir)).toThrow('on some-other-host');
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
  });
});
