/**
 * Workspace settings (column `workspaces.settings`, JSON): what a workspace changes from the instance's defaults
 * (today its default model). Stored as given; the runtime's settings service (packages/runtime/src/
 * workspace-settings.ts) validates, authorizes and audits.
 */
import { eq } from 'drizzle-orm';
import type { Db } from './db.js';
import { workspaces } from './schema.js';

export interface WorkspaceSettingsRepository {
  /** The stored settings of a workspace (`{}` when none were set), or undefined when there is no such workspace. */
  read(workspaceId: string): Promise<unknown>;
  /** Replaces the workspace's settings (nothing happens when there is no such workspace). */
  write(workspaceId: string, settings: Record<string, unknown>): Promise<void>;
}

export function createWorkspaceSettingsRepository(db: Db): WorkspaceSettingsRepository {
  return {
    async read(workspaceId) {
      const rows = await db
        .select({ settings: workspaces.settings })
        .from(workspaces)
        .where(eq(workspaces.id, workspaceId))
        .limit(1);
      return rows[0]?.settings;
    },
    async write(workspaceId, settings) {
      await db.update(workspaces).set({ settings }).where(eq(workspaces.id, workspaceId));
    },
  };
}
