/**
 * Scheduled backups of `agentflow start`: every `everyMs` a logical backup of the running store (a consistent
 * snapshot, taken while the server serves) is written to `dir` as `agentflow-backup-<UTC time>.jsonl.gz`, then
 * the oldest are deleted so that the newest `keep` remain. Configured by `AGENTFLOW_BACKUP_EVERY` (`30m`, `6h`,
 * `1d`...), `AGENTFLOW_BACKUP_KEEP` (default 7) and `AGENTFLOW_BACKUP_DIR` (default `<dataDir>/backups`), or the
 * `start` flags of the same names. The clock and the timer are injectable, so retention is tested without
 * waiting.
 */
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CliError } from './errors.js';

export const BACKUP_PREFIX = 'agentflow-backup-';
export const BACKUP_SUFFIX = '.jsonl.gz';

export interface BackupSchedule {
  everyMs: number;
  keep: number;
  dir: string;
}

/** The schedule's defaults from the environment (`AGENTFLOW_BACKUP_*`, read by loadCliConfig). */
export interface BackupDefaults {
  readonly everyMs?: number;
  readonly keep?: number;
  readonly dir?: string;
}

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90s`, `30m`, `6h`, `1d` -> ms (at least a minute, at most 30 days). */
export function parseInterval(text: string, shown: string): number {
  const match = /^(\d+)\s*([smhd])$/.exec(text.trim());
  const ms = match ? Number(match[1]) * UNITS[match[2]!]! : Number.NaN;
  if (!(ms >= 60_000 && ms <= 30 * 86_400_000)) {
    throw new CliError(`${shown} must be a duration from 1m to 30d such as 30m, 6h or 1d, not "${text}"`);
  }
  return ms;
}

/**
 * The schedule from flags, else the configuration (`AGENTFLOW_BACKUP_*`, checked by loadCliConfig); undefined
 * when no interval is configured. Bad flags stop the start with a message naming the flag.
 */
export function backupScheduleOf(
  flags: { backupEvery?: string; backupKeep?: string; backupDir?: string },
  configured: BackupDefaults,
  cwd: string,
  dataDir: string,
): BackupSchedule | undefined {
  const everyMs =
    flags.backupEvery !== undefined ? parseInterval(flags.backupEvery, '--backup-every') : configured.everyMs;
  if (everyMs === undefined) return undefined;
  let keep = configured.keep ?? 7;
  if (flags.backupKeep !== undefined) {
    keep = Number(flags.backupKeep);
    if (!/^\d+$/.test(flags.backupKeep) || keep < 1 || keep > 10_000) {
      throw new CliError(`--backup-keep must be a whole number from 1 to 10000, not "${flags.backupKeep}"`);
    }
  }
  const dirText = flags.backupDir ?? configured.dir;
  return { everyMs, keep, dir: dirText === undefined ? join(dataDir, 'backups') : resolve(cwd, dirText) };
}

/** `2026-12-04T21:05:00.123Z` -> `20261204T210500123Z`: file names that sort by time. */
function stamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

/** Deletes the oldest backups in `dir` so that the newest `keep` remain; returns the deleted file names. */
export async function pruneBackups(dir: string, keep: number): Promise<string[]> {
  const names = (await readdir(dir))
    .filter((n) => n.startsWith(BACKUP_PREFIX) && n.endsWith(BACKUP_SUFFIX))
    .sort();
  const old = names.slice(0, Math.max(0, names.length - keep));
  for (const name of old) await rm(join(dir, name), { force: true });
  return old;
}

export interface Timer {
  clear(): void;
}

export interface BackupScheduler {
  /** Takes one backup now and prunes (what each tick does); returns the file written. */
  runOnce(): Promise<string>;
  /** Stops the timer and waits for a backup in progress. */
  stop(): Promise<void>;
}

export function startBackupSchedule(options: {
  schedule: BackupSchedule;
  /** Writes a backup to `file`. */
  take: (file: string) => Promise<unknown>;
  log: (line: string) => void;
  now?: () => Date;
  /** Calls `tick` every `ms` until cleared. (Default: setInterval, unref'd) */
  every?: (ms: number, tick: () => void) => Timer;
}): BackupScheduler {
  const { schedule, take, log } = options;
  const now = options.now ?? (() => new Date());
  const every =
    options.every ??
    ((ms, tick) => {
      const handle = setInterval(tick, ms);
      handle.unref();
      return { clear: () => clearInterval(handle) };
    });
  let running: Promise<unknown> = Promise.resolve();
  const runOnce = async (): Promise<string> => {
    await mkdir(schedule.dir, { recursive: true });
    const file = join(schedule.dir, `${BACKUP_PREFIX}${stamp(now())}${BACKUP_SUFFIX}`);
    await take(file);
    const deleted = await pruneBackups(schedule.dir, schedule.keep);
    log(
      `backup written to ${file}${deleted.length > 0 ? `; deleted ${deleted.length} older backup(s)` : ''}`,
    );
    return file;
  };
  const timer = every(schedule.everyMs, () => {
    // One at a time: a tick that finds a backup running waits for it.
    running = running
      .then(runOnce)
      .catch((error: unknown) =>
        log(`backup failed: ${error instanceof Error ? error.message : String(error)}`),
      );
  });
  return {
    runOnce: () => {
      const next = running.then(runOnce);
      running = next.catch(() => {});
      return next;
    },
    async stop() {
      timer.clear();
      await running;
    },
  };
}
