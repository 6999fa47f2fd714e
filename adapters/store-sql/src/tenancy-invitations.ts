/**
 * Workspace invitations: created by an admin for an email address, accepted by whoever signs in with that
 * address and presents the token. Tokens are looked up by their SHA-256 hash; a new invitation for the same
 * workspace and email replaces the pending one.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from './db.js';
import { workspaceInvitations } from './tenancy-schema.js';
import { normalizeEmail } from './tenancy-users.js';
import type { WorkspaceRole } from './tenancy-workspaces.js';

export interface InvitationRecord {
  id: string;
  workspaceId: string;
  email: string;
  role: WorkspaceRole;
  invitedBy?: string;
  createdAt: number;
  expiresAt: number;
  acceptedAt?: number;
  acceptedBy?: string;
  revokedAt?: number;
  /** The sealed token (`keyId.iv.tag.ciphertext`), when it was not delivered by mail. */
  tokenSealed?: string;
}

export interface InvitationRepository {
  /** Stores a new invitation (revoking a pending one for the same workspace and email). */
  createInvitation(input: {
    workspaceId: string;
    email: string;
    role: WorkspaceRole;
    tokenHash: string;
    tokenSealed?: string;
    invitedBy?: string;
    expiresAt: number;
    id?: string;
  }): Promise<InvitationRecord>;
  /** Invitations neither accepted, revoked nor expired, newest first. */
  listPendingInvitations(workspaceId: string): Promise<InvitationRecord[]>;
  /** The invitation with this token hash, whatever its state. */
  findInvitationByTokenHash(tokenHash: string): Promise<InvitationRecord | undefined>;
  /** Marks a pending invitation accepted; false when it was no longer pending. */
  markInvitationAccepted(id: string, userId: string): Promise<boolean>;
  /** Revokes a pending invitation of the workspace; false when there is none. */
  revokeInvitation(workspaceId: string, id: string): Promise<boolean>;
}

/** A fresh invitation token (`afi_` + 32 random bytes, base64url). */
export function generateInvitationToken(): string {
  return `afi_${randomBytes(32).toString('base64url')}`;
}

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

type Row = typeof workspaceInvitations.$inferSelect;

export function createInvitationRepository(db: Db): InvitationRepository {
  const pending = () =>
    and(
      isNull(workspaceInvitations.acceptedAt),
      isNull(workspaceInvitations.revokedAt),
      gt(workspaceInvitations.expiresAt, new Date()),
    );
  return {
    async createInvitation(input) {
      const email = normalizeEmail(input.email);
      return db.transaction(async (t) => {
        const tx = t as unknown as Db;
        await tx
          .update(workspaceInvitations)
          .set({ revokedAt: new Date() })
          .where(
            and(
              eq(workspaceInvitations.workspaceId, input.workspaceId),
              eq(workspaceInvitations.email, email),
              isNull(workspaceInvitations.acceptedAt),
              isNull(workspaceInvitations.revokedAt),
            ),
          );
        const [row] = await tx
          .insert(workspaceInvitations)
          .values({
            id: input.id ?? randomUUID(),
            workspaceId: input.workspaceId,
            email,
            role: input.role,
            tokenHash: input.tokenHash,
            tokenSealed: input.tokenSealed ?? null,
            invitedBy: input.invitedBy ?? null,
            expiresAt: new Date(input.expiresAt),
          })
          .returning();
        return toInvitation(row!);
      });
    },

    async listPendingInvitations(workspaceId) {
      const rows = await db
        .select()
        .from(workspaceInvitations)
        .where(and(eq(workspaceInvitations.workspaceId, workspaceId), pending()))
        .orderBy(desc(workspaceInvitations.createdAt));
      return rows.map(toInvitation);
    },

    async findInvitationByTokenHash(tokenHash) {
      const [row] = await db
        .select()
        .from(workspaceInvitations)
        .where(eq(workspaceInvitations.tokenHash, tokenHash));
      return row ? toInvitation(row) : undefined;
    },

    async markInvitationAccepted(id, userId) {
      const rows = await db
        .update(workspaceInvitations)
        .set({ acceptedAt: new Date(), acceptedBy: userId })
        .where(and(eq(workspaceInvitations.id, id), pending()))
        .returning({ id: workspaceInvitations.id });
      return rows.length > 0;
    },

    async revokeInvitation(workspaceId, id) {
      const rows = await db
        .update(workspaceInvitations)
        .set({ revokedAt: new Date() })
        .where(
          and(
            eq(workspaceInvitations.id, id),
            eq(workspaceInvitations.workspaceId, workspaceId),
            isNull(workspaceInvitations.acceptedAt),
            isNull(workspaceInvitations.revokedAt),
          ),
        )
        .returning({ id: workspaceInvitations.id });
      return rows.length > 0;
    },
  };
}

function toInvitation(row: Row): InvitationRecord {
  const out: InvitationRecord = {
    id: row.id,
    workspaceId: row.workspaceId,
    email: row.email,
    role: row.role as WorkspaceRole,
    createdAt: row.createdAt.getTime(),
    expiresAt: row.expiresAt.getTime(),
  };
  if (row.invitedBy !== null) out.invitedBy = row.invitedBy;
  if (row.acceptedAt !== null) out.acceptedAt = row.acceptedAt.getTime();
  if (row.acceptedBy !== null) out.acceptedBy = row.acceptedBy;
  if (row.revokedAt !== null) out.revokedAt = row.revokedAt.getTime();
  if (row.tokenSealed !== null) out.tokenSealed = row.tokenSealed;
  return out;
}
