/**
 * Workspaces and their members. A workspace always keeps at least one owner: demoting or removing the last one
 * is refused (AF_CONFLICT). Membership changes of one workspace are serialized by locking its row, so two
 * concurrent demotions cannot leave it without an owner.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '@agentflow/core';
import { AgentFlowError } from '@agentflow/protocol';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from './db.js';
import { sqlState } from './errors.js';
import { users, workspaceMembers, workspaces } from './schema.js';

export const WORKSPACE_ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];
export const WORKSPACE_PLANS = ['free', 'pro', 'enterprise'] as const;
export type WorkspacePlan = (typeof WORKSPACE_PLANS)[number];

export interface WorkspaceRecord {
  id: string;
  name: string;
  ownerId?: string;
  plan: WorkspacePlan;
  createdAt: number;
}

export interface MemberRecord {
  workspaceId: string;
  userId: string;
  email: string;
  name?: string;
  role: WorkspaceRole;
  createdAt: number;
}

export interface Membership {
  workspace: WorkspaceRecord;
  role: WorkspaceRole;
}

export interface WorkspaceRepository {
  /** Creates the workspace with `ownerId` as its first owner, in one transaction. */
  createWorkspace(input: {
    name: string;
    ownerId: string;
    plan?: WorkspacePlan;
    id?: string;
  }): Promise<WorkspaceRecord>;
  getWorkspace(id: string): Promise<WorkspaceRecord | undefined>;
  /** Workspaces the user belongs to, oldest membership first. */
  listWorkspacesForUser(userId: string): Promise<Membership[]>;
  setWorkspacePlan(id: string, plan: WorkspacePlan): Promise<WorkspaceRecord | undefined>;
  /** Every workspace of the instance, by id (instance admins and operators only). (Default limit: 50, max 500) */
  listAllWorkspaces(query?: { limit?: number; cursor?: string }): Promise<Page<WorkspaceRecord>>;
  /** The user's role in the workspace and the workspace's plan (one indexed lookup: the auth hot path). */
  getMembership(
    workspaceId: string,
    userId: string,
  ): Promise<{ role: WorkspaceRole; plan: WorkspacePlan } | undefined>;
  /** AF_CONFLICT if already a member, AF_NOT_FOUND if the workspace or user does not exist. */
  addMember(workspaceId: string, userId: string, role: WorkspaceRole): Promise<MemberRecord>;
  /** Undefined if not a member; AF_CONFLICT when it would demote the last owner. */
  changeMemberRole(
    workspaceId: string,
    userId: string,
    role: WorkspaceRole,
  ): Promise<MemberRecord | undefined>;
  /** False if not a member; AF_CONFLICT when it would remove the last owner. */
  removeMember(workspaceId: string, userId: string): Promise<boolean>;
  listMembers(workspaceId: string): Promise<MemberRecord[]>;
  getMember(workspaceId: string, userId: string): Promise<MemberRecord | undefined>;
}

type WorkspaceRow = typeof workspaces.$inferSelect;

const memberColumns = {
  workspaceId: workspaceMembers.workspaceId,
  userId: workspaceMembers.userId,
  role: workspaceMembers.role,
  createdAt: workspaceMembers.createdAt,
  email: users.email,
  name: users.name,
};

export function createWorkspaceRepository(db: Db): WorkspaceRepository {
  async function getMember(workspaceId: string, userId: string, tx: Db = db) {
    const [row] = await tx
      .select(memberColumns)
      .from(workspaceMembers)
      .innerJoin(users, eq(users.id, workspaceMembers.userId))
      .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
    return row ? toMember(row) : undefined;
  }

  /**
   * Locks the workspace row, then refuses a change that leaves no owner (`next` is the member's new role, or
   * undefined for removal). Runs inside `tx`.
   */
  async function guardLastOwner(
    tx: Db,
    workspaceId: string,
    userId: string,
    next: WorkspaceRole | undefined,
  ) {
    await tx
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId))
      .for('update');
    const current = await getMember(workspaceId, userId, tx);
    if (!current) return undefined;
    if (current.role === 'owner' && next !== 'owner') {
      const [owners] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(workspaceMembers)
        .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.role, 'owner')));
      if ((owners?.n ?? 0) <= 1) {
        throw new AgentFlowError(
          'AF_CONFLICT',
          `cannot ${next ? 'demote' : 'remove'} the last owner of the workspace; make another member owner first`,
        );
      }
    }
    return current;
  }

  return {
    async createWorkspace(input) {
      const id = input.id ?? randomUUID();
      try {
        return await db.transaction(async (t) => {
          const tx = t as unknown as Db;
          const [row] = await tx
            .insert(workspaces)
            .values({ id, name: input.name, ownerId: input.ownerId, plan: input.plan ?? 'free' })
            .returning();
          await tx.insert(workspaceMembers).values({ workspaceId: id, userId: input.ownerId, role: 'owner' });
          return toWorkspace(row!);
        });
      } catch (error) {
        if (sqlState(error) === '23503') throw new AgentFlowError('AF_NOT_FOUND', 'user not found');
        if (sqlState(error) === '23505') throw new AgentFlowError('AF_CONFLICT', `workspace ${id} exists`);
        throw error;
      }
    },

    async getWorkspace(id) {
      const [row] = await db.select().from(workspaces).where(eq(workspaces.id, id));
      return row ? toWorkspace(row) : undefined;
    },

    async listWorkspacesForUser(userId) {
      const found = await db
        .select({ workspace: workspaces, role: workspaceMembers.role })
        .from(workspaceMembers)
        .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
        .where(eq(workspaceMembers.userId, userId))
        .orderBy(asc(workspaceMembers.createdAt), asc(workspaces.id));
      return found.map((r) => ({ workspace: toWorkspace(r.workspace), role: r.role as WorkspaceRole }));
    },

    async listAllWorkspaces(query = {}) {
      const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
      const after =
        query.cursor === undefined ? undefined : Buffer.from(query.cursor, 'base64url').toString('utf8');
      const found = await db
        .select()
        .from(workspaces)
        .where(after === undefined ? undefined : gt(workspaces.id, after))
        .orderBy(asc(workspaces.id))
        .limit(limit + 1);
      const items = found.slice(0, limit).map(toWorkspace);
      const page: Page<WorkspaceRecord> = { items };
      const last = items.at(-1);
      if (found.length > limit && last) page.nextCursor = Buffer.from(last.id, 'utf8').toString('base64url');
      return page;
    },

    async setWorkspacePlan(id, plan) {
      const [row] = await db.update(workspaces).set({ plan }).where(eq(workspaces.id, id)).returning();
      return row ? toWorkspace(row) : undefined;
    },

    async getMembership(workspaceId, userId) {
      const [row] = await db
        .select({ role: workspaceMembers.role, plan: workspaces.plan })
        .from(workspaceMembers)
        .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
        .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
      return row ? { role: row.role as WorkspaceRole, plan: toPlan(row.plan) } : undefined;
    },

    async addMember(workspaceId, userId, role) {
      try {
        await db.insert(workspaceMembers).values({ workspaceId, userId, role });
      } catch (error) {
        if (sqlState(error) === '23505') throw new AgentFlowError('AF_CONFLICT', 'already a member');
        if (sqlState(error) === '23503')
          throw new AgentFlowError('AF_NOT_FOUND', 'user or workspace not found');
        throw error;
      }
      return (await getMember(workspaceId, userId))!;
    },

    async changeMemberRole(workspaceId, userId, role) {
      return db.transaction(async (t) => {
        const tx = t as unknown as Db;
        const current = await guardLastOwner(tx, workspaceId, userId, role);
        if (!current) return undefined;
        if (current.role === role) return current;
        await tx
          .update(workspaceMembers)
          .set({ role })
          .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
        return { ...current, role };
      });
    },

    async removeMember(workspaceId, userId) {
      return db.transaction(async (t) => {
        const tx = t as unknown as Db;
        const current = await guardLastOwner(tx, workspaceId, userId, undefined);
        if (!current) return false;
        await tx
          .delete(workspaceMembers)
          .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
        return true;
      });
    },

    async listMembers(workspaceId) {
      const found = await db
        .select(memberColumns)
        .from(workspaceMembers)
        .innerJoin(users, eq(users.id, workspaceMembers.userId))
        .where(eq(workspaceMembers.workspaceId, workspaceId))
        .orderBy(asc(workspaceMembers.createdAt), asc(users.email));
      return found.map(toMember);
    },

    getMember: (workspaceId, userId) => getMember(workspaceId, userId),
  };
}

export function toPlan(plan: string): WorkspacePlan {
  return (WORKSPACE_PLANS as readonly string[]).includes(plan) ? (plan as WorkspacePlan) : 'free';
}

function toWorkspace(row: WorkspaceRow): WorkspaceRecord {
  const ws: WorkspaceRecord = {
    id: row.id,
    name: row.name,
    plan: toPlan(row.plan),
    createdAt: row.createdAt.getTime(),
  };
  if (row.ownerId !== null) ws.ownerId = row.ownerId;
  return ws;
}

function toMember(row: {
  workspaceId: string;
  userId: string;
  role: string;
  createdAt: Date;
  email: string;
  name: string | null;
}): MemberRecord {
  const m: MemberRecord = {
    workspaceId: row.workspaceId,
    userId: row.userId,
    email: row.email,
    role: row.role as WorkspaceRole,
    createdAt: row.createdAt.getTime(),
  };
  if (row.name !== null) m.name = row.name;
  return m;
}
