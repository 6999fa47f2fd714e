/**
 * `agentflow admin set-plan` / `admin workspaces` (issue 13 item 11): the operator changes a workspace's plan on
 * the store directly (here an embedded data directory); the change is audited and the runtime opened afterwards
 * applies the new plan's execution limit.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime } from '@agentflow/runtime';
import { describe, expect, it } from 'vitest';
import { main } from './main.js';
import { testIo } from './test-support/io.js';

async function cli(...argv: string[]) {
  const io = testIo({ cwd: tmpdir() });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('agentflow admin', () => {
  it("sets a workspace's plan on the data directory, audited, and refuses unknown plans and workspaces", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'agentflow-admin-'));
    let runtime = await createRuntime({ config: { dataDir }, env: {} });
    const { workspace, user } = await runtime.auth.register({
      email: 'owner@admin.test',
      password: 'a long passphrase',
    });
    await runtime.close();
    expect(workspace.plan).toBe('free');

    const listed = await cli('admin', 'workspaces', '--data-dir', dataDir);
    expect(listed.code).toBe(0);
    expect(listed.out).toContain(`${workspace.id}\tfree\t`);

    const set = await cli('admin', 'set-plan', workspace.id, 'enterprise', '--data-dir', dataDir);
    expect(set.err).toBe('');
    expect(set.code).toBe(0);
    expect(set.out).toContain('enterprise');

    const bad = await cli('admin', 'set-plan', workspace.id, 'platinum', '--data-dir', dataDir);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('AF_VALIDATION');
    const missing = await cli('admin', 'set-plan', 'no-such-workspace', 'pro', '--data-dir', dataDir);
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain('AF_NOT_FOUND');

    runtime = await createRuntime({ config: { dataDir }, env: {} });
    try {
      const principal = {
        kind: 'user' as const,
        userId: user.id,
        workspaceId: workspace.id,
        role: 'owner' as const,
        plan: 'free' as const,
      };
      expect((await runtime.tenancy.workspaces.get(principal, workspace.id)).workspace.plan).toBe(
        'enterprise',
      );
      // The execution limit reads the plan: 10,000 per hour now, so 150 starts' worth is still available.
      await expect(runtime.executionGate.ensure({ workspaceId: workspace.id }, 150)).resolves.toBeUndefined();
      const audit = await runtime.tenancy.audit.list(principal, { action: 'workspace.plan_change' });
      expect(audit.items[0]).toMatchObject({
        actorType: 'system',
        details: { plan: 'enterprise', previous: 'free', by: 'operator' },
      });
    } finally {
      await runtime.close();
    }
  });
});
