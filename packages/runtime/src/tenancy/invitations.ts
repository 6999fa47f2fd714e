/**
 * Invitations to a workspace. Adding someone by email never adds them directly and never tells the inviter
 * whether the address has an account: it creates an invitation (random token, stored as a SHA-256 hash, with a
 * role and an expiry, default 7 days) and answers the same either way. The invitee becomes a member only by
 * accepting: signed in with an account of that email (registering first if they have none), presenting the
 * token. Delivery: with a `delivery` configured (SMTP, see `createSmtpInvitationDelivery`) the token is mailed
 * and never shown; without one, it is sealed (AES-256-GCM) next to its hash and shown to the workspace's
 * admins in the invitation response and list, for them to pass on. Invite, revoke and accept are audited.
 */
import { randomUUID } from 'node:crypto';
import { AgentFlowError } from '@agentflow/protocol';
import {
  generateInvitationToken,
  hashInvitationToken,
  type InvitationRecord,
  type MemberRecord,
  normalizeEmail,
  type TenancyRepositories,
} from '@agentflow/store-sql/tenancy';
import { z } from 'zod';
import { authorize, requireUser } from '../auth/authorize.js';
import type { Principal, Role } from '../auth/permissions.js';
import { packSealed, type SecretBox, unpackSealed } from '../auth/secret-box.js';
import type { AuditService, RequestMeta } from './audit.js';
import { checkRole } from './members.js';

/** Sends an invitation to its invitee (mail). */
export interface InvitationDelivery {
  send(message: {
    email: string;
    token: string;
    role: Role;
    workspaceName: string;
    expiresAt: number;
  }): Promise<void>;
}

export interface InvitationServiceOptions {
  /** How long an invitation stays valid. (Default: 7 days) */
  ttlMs?: number;
  /** Mails invitations; without it the token is shown to workspace admins instead. (Default: none) */
  delivery?: InvitationDelivery;
}

/** What admins see of an invitation; `token` only when it is not delivered by mail. */
export interface InvitationView {
  id: string;
  workspaceId: string;
  email: string;
  role: Role;
  status: 'pending';
  delivery: 'email' | 'manual';
  createdAt: number;
  expiresAt: number;
  token?: string;
}

export interface InvitationService {
  /** `member:manage`; only an owner invites an owner. The same answer whether or not the email has an account. */
  invite(
    principal: Principal,
    input: { email: string; role: Role },
    meta?: RequestMeta,
  ): Promise<InvitationView>;
  /** Pending invitations of the caller's workspace (`member:manage`). */
  list(principal: Principal): Promise<InvitationView[]>;
  /** `member:manage`; AF_NOT_FOUND unless pending in the caller's workspace. */
  revoke(principal: Principal, id: string, meta?: RequestMeta): Promise<void>;
  /**
   * Joins the invitation's workspace with its role: the caller must be a signed-in user whose email is the
   * invited one. AF_NOT_FOUND for an unknown, used, revoked or expired token.
   */
  accept(principal: Principal, token: string, meta?: RequestMeta): Promise<MemberRecord>;
}

const Email = z.string().trim().max(254).pipe(z.email());
const TOKEN = /^afi_[A-Za-z0-9_-]{43}$/;

export function createInvitationService(deps: {
  repos: TenancyRepositories;
  box: SecretBox;
  audit: AuditService;
  onAccessChange: () => void;
  options?: InvitationServiceOptions;
}): InvitationService {
  const { repos, box, audit } = deps;
  const ttlMs = deps.options?.ttlMs ?? 7 * 24 * 3_600_000;
  const delivery = deps.options?.delivery;
  const aad = (inv: { workspaceId: string; id: string }) => `invitation:${inv.workspaceId}:${inv.id}`;

  function view(inv: InvitationRecord, token?: string): InvitationView {
    const out: InvitationView = {
      id: inv.id,
      workspaceId: inv.workspaceId,
      email: inv.email,
      role: inv.role,
      status: 'pending',
      delivery: inv.tokenSealed === undefined ? 'email' : 'manual',
      createdAt: inv.createdAt,
      expiresAt: inv.expiresAt,
    };
    const shown = token ?? (inv.tokenSealed ? box.open(unpackSealed(inv.tokenSealed), aad(inv)) : undefined);
    if (shown !== undefined && out.delivery === 'manual') out.token = shown;
    return out;
  }
  const invalid = () =>
    new AgentFlowError('AF_NOT_FOUND', 'invitation not found, already used, revoked or expired');

  return {
    async invite(principal, input, meta) {
      authorize(principal, 'member:manage');
      const role = checkRole(input?.role);
      if (role === 'owner' && principal.role !== 'owner') {
        throw new AgentFlowError('AF_FORBIDDEN', 'only an owner can grant, change or remove the owner role');
      }
      const parsed = Email.safeParse(input?.email);
      if (!parsed.success) {
        throw new AgentFlowError('AF_VALIDATION', 'a valid email address is required', {
          issues: [{ code: 'AF_VALIDATION', path: 'email', message: 'a valid email address' }],
        });
      }
      const email = normalizeEmail(parsed.data);
      const token = generateInvitationToken();
      const id = randomUUID();
      const ids = { workspaceId: principal.workspaceId, id };
      const invitation = await repos.invitations.createInvitation({
        id,
        workspaceId: principal.workspaceId,
        email,
        role,
        tokenHash: hashInvitationToken(token),
        ...(delivery ? {} : { tokenSealed: packSealed(box.seal(token, aad(ids))) }),
        invitedBy: principal.userId,
        expiresAt: Date.now() + ttlMs,
      });
      if (delivery) {
        const workspace = await repos.workspaces.getWorkspace(principal.workspaceId);
        await delivery.send({
          email,
          token,
          role,
          workspaceName: workspace?.name ?? principal.workspaceId,
          expiresAt: invitation.expiresAt,
        });
      }
      await audit.record({
        action: 'member.invite',
        principal,
        target: { type: 'invitation', id },
        details: { role, delivery: delivery ? 'email' : 'manual' },
        ...(meta ? { meta } : {}),
      });
      return view(invitation, token);
    },

    async list(principal) {
      authorize(principal, 'member:manage');
      return (await repos.invitations.listPendingInvitations(principal.workspaceId)).map((i) => view(i));
    },

    async revoke(principal, id, meta) {
      authorize(principal, 'member:manage');
      if (!(await repos.invitations.revokeInvitation(principal.workspaceId, id))) {
        throw new AgentFlowError('AF_NOT_FOUND', `invitation ${id} not found`);
      }
      await audit.record({
        action: 'member.invite_revoke',
        principal,
        target: { type: 'invitation', id },
        ...(meta ? { meta } : {}),
      });
    },

    async accept(principal, token, meta) {
      requireUser(principal, 'accepting an invitation');
      if (typeof token !== 'string' || !TOKEN.test(token)) throw invalid();
      const invitation = await repos.invitations.findInvitationByTokenHash(hashInvitationToken(token));
      if (
        !invitation ||
        invitation.acceptedAt !== undefined ||
        invitation.revokedAt !== undefined ||
        invitation.expiresAt <= Date.now()
      ) {
        throw invalid();
      }
      const user = await repos.users.getUser(principal.userId);
      if (!user || normalizeEmail(user.email) !== invitation.email) {
        throw new AgentFlowError(
          'AF_FORBIDDEN',
          'this invitation is for another email address; sign in with the invited account',
        );
      }
      const existing = await repos.workspaces.getMember(invitation.workspaceId, user.id);
      if (!(await repos.invitations.markInvitationAccepted(invitation.id, user.id))) throw invalid();
      const member =
        existing ?? (await repos.workspaces.addMember(invitation.workspaceId, user.id, invitation.role));
      deps.onAccessChange();
      await audit.record({
        action: 'member.invite_accept',
        workspaceId: invitation.workspaceId,
        actorId: user.id,
        actorType: 'user',
        target: { type: 'invitation', id: invitation.id },
        details: { role: member.role, ...(existing ? { alreadyMember: true } : {}) },
        ...(meta ? { meta } : {}),
      });
      return member;
    },
  };
}
