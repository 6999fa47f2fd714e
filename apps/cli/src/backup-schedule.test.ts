import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime } from '@agentflow/runtime';
import { writeLogicalBackup } from '@agentflow/store-sql';
import { afterAll, describe, expect, it } from 'vitest';
import { BACKUP_PREFIX, BACKUP_SUFFIX, backupScheduleOf, startBackupSchedule } from './backup-schedule.js';
import { main } from './main.js';
import { testIo } from './test-support/io.js';

/**
 * Scheduled backups of the embedded store with retention: real logical backups of a running store, a clock and a
 * timer under the test's control (six hours pass in no time), the newest N kept.
 */
const tmp = mkdtempSync(join(tmpdir(), 'agentflow-cli-backups-'));
const HOUR = 3_600_000;

describe('scheduled backups (agentflow start --backup-every)', () => {
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('takes a backup every interval and keeps the newest N, deleting older ones', async () => {
    const dataDir = join(tmp, 'data');
    const runtime = await createRuntime({ env: {}, config: { dataDir } });
    const schedule = backupScheduleOf({ backupEvery: '6h', backupKeep: '3' }, {}, tmp, dataDir);
    expect(schedule).toEqual({ everyMs: 6 * HOUR, keep: 3, dir: join(dataDir, 'backups') });
    let clock = Date.parse('2026-01-01T00:00:00Z');
    let tick: (() => void) | undefined;
    let interval = 0;
    let cleared = false;
    const scheduler = startBackupSchedule({
      schedule: schedule!,
      take: (file) => writeLogicalBackup(runtime.store.db, file),
      log: () => {},
      now: () => new Date(clock),
      every: (ms, fn) => {
        interval = ms;
        tick = fn;
        return { clear: () => (cleared = true) };
      },
    });
    expect(interval).toBe(6 * HOUR);
    // Something else in the directory is never touched by retention.
    mkdirSync(schedule!.dir, { recursive: true });
    writeFileSync(join(schedule!.dir, 'notes.txt'), 'keep me');
    const written: string[] = [];
    try {
      await runtime.workflows.create({
        name: 'kept',
        agents: [{ id: 'in', type: 'input' }],
        connections: [],
      } as never);
      for (let i = 0; i < 5; i++) {
        written.push(await scheduler.runOnce());
        clock += 6 * HOUR;
      }
      // The timer's tick does the same (one more backup, one more deletion).
      tick!();
      await scheduler.stop();
      expect(cleared).toBe(true);
    } finally {
      await runtime.close();
    }
    const names = readdirSync(schedule!.dir).sort();
    const backups = names.filter((n) => n.startsWith(BACKUP_PREFIX) && n.endsWith(BACKUP_SUFFIX));
    expect(backups).toEqual([
      `${BACKUP_PREFIX}20260101T180000000Z${BACKUP_SUFFIX}`,
      `${BACKUP_PREFIX}20260102T000000000Z${BACKUP_SUFFIX}`,
      `${BACKUP_PREFIX}20260102T060000000Z${BACKUP_SUFFIX}`,
    ]);
    expect(names).toContain('notes.txt');
    expect(written[0]).toContain('20260101T000000000Z');

    // The newest restores into a fresh data directory, with the workflow in it.
    const restoredDir = join(tmp, 'restored');
    const io = testIo({ cwd: tmp });
    const code = await main(['restore', join(schedule!.dir, backups.at(-1)!), '--data-dir', restoredDir], io);
    expect(code, io.err()).toBe(0);
    expect(io.out()).toMatch(/^restored .* \(\d+ tables, \d+ rows\)\n$/);
    const exported = testIo({ cwd: tmp });
    expect(await main(['export', '--data-dir', restoredDir], exported)).toBe(0);
    expect(exported.out()).toContain('"kept"');
  }, 120_000);

  it('refuses bad settings with the flag or variable named, before anything starts', async () => {
    const often = testIo({ cwd: tmp, env: { AGENTFLOW_BACKUP_EVERY: 'often' } });
    expect(await main(['start', '--port', '0', '--data-dir', join(tmp, 'x')], often)).toBe(2);
    expect(often.err()).toBe(
      'agentflow: invalid configuration: AGENTFLOW_BACKUP_EVERY: must be a duration from 1m to 30d such as 30m, 6h or 1d\n',
    );
    expect(() => backupScheduleOf({ backupEvery: '1h', backupKeep: '0' }, {}, tmp, tmp)).toThrow(
      '--backup-keep must be a whole number from 1 to 10000',
    );
    expect(backupScheduleOf({}, {}, tmp, tmp)).toBeUndefined();
    const io = testIo({ cwd: tmp });
    const code = await main(
      ['start', '--port', '0', '--data-dir', join(tmp, 'x'), '--backup-every', '5x'],
      io,
    );
    expect(code).toBe(2);
    expect(io.err()).toBe(
      'agentflow: --backup-every must be a duration from 1m to 30d such as 30m, 6h or 1d, not "5x"\n',
    );
  });
});
