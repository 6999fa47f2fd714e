/**
 * Behaviour of the workspace settings repository (workspace-settings.ts), run on PGlite
 * (workspace-settings.test.ts) and on PostgreSQL (workspace-settings.int.test.ts).
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SqlStore } from './sql-store.js';
import { createTenancyRepositories } from './tenancy.js';
import { createWorkspaceSettingsRepository, type WorkspaceSettingsRepository } from './workspace-settings.js';

export function defineWorkspaceSettingsTests(getStore: () => SqlStore): void {
  let repo: WorkspaceSettingsRepository | undefined;
  const settings = () => {
    repo ??= createWorkspaceSettingsRepository(getStore().db);
    return repo;
  };

  async function workspace() {
    const repos = createTenancyRepositories(getStore().db);
    const user = await repos.users.createUser({
      email: `s${randomBytes(6).toString('hex')}@example.com`,
      passwordHash: '$argon2id$x',
    });
    return (await repos.workspaces.createWorkspace({ name: 'settings', ownerId: user.id })).id;
  }

  describe('workspace settings', () => {
    it('reads {} for a new workspace and undefined for an unknown one', async () => {
      expect(await settings().read(await workspace())).toEqual({});
      expect(await settings().read('ws_missing')).toBeUndefined();
    });

    it('replaces one workspace’s settings, leaving the others’', async () => {
      const [a, b] = [await workspace(), await workspace()];
      const model = { defaultModel: { provider: 'openai', model: 'gpt-4o-mini' } };
      await settings().write(a, model);
      expect(await settings().read(a)).toEqual(model);
      expect(await settings().read(b)).toEqual({});
      await settings().write(a, {});
      expect(await settings().read(a)).toEqual({});
      await settings().write('ws_missing', model);
      expect(await settings().read('ws_missing')).toBeUndefined();
    });
  });
}
