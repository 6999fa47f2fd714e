/**
 * Members and roles: the members of the workspace with their roles; owners and admins change a role, remove a
 * member, invite by email and revoke pending invitations. Without mail delivery the server hands the
 * invitation's token to the admin, shown here as a link to pass on.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, errorText, unwrap } from '../../lib/api.js';
import { Badge } from '../../ui/badge.js';
import { Button } from '../../ui/button.js';
import { SecretValue } from '../../ui/copy-button.js';
import { ConfirmDialog, Dialog } from '../../ui/dialog.js';
import { Field, inputClass } from '../../ui/field.js';
import { useMe } from '../auth/session.js';
import {
  allowed,
  cardClass,
  grantableRoles,
  headClass,
  type Role,
  rowClass,
  settingsKeys,
  tableClass,
  when,
} from './queries.js';

type Invitation = Awaited<ReturnType<typeof listInvitations>>[number];

async function listInvitations() {
  return unwrap(await api.GET('/api/v1/invitations')).items;
}

/** The link an invitee opens (signed in with the invited email) to join. */
export function acceptLink(token: string): string {
  return `${window.location.origin}/settings/accept-invitation?token=${encodeURIComponent(token)}`;
}

export function MembersSection() {
  const me = useMe().data;
  const manage = allowed(me, 'member:manage');
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | undefined>();
  const [removing, setRemoving] = useState<{ userId: string; email: string } | undefined>();
  const [revoking, setRevoking] = useState<Invitation | undefined>();
  const [invited, setInvited] = useState<Invitation | undefined>();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');

  const members = useQuery({
    queryKey: settingsKeys.members,
    queryFn: async () => unwrap(await api.GET('/api/v1/members')).items,
  });
  const invitations = useQuery({
    queryKey: settingsKeys.invitations,
    queryFn: listInvitations,
    enabled: manage,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: settingsKeys.all });
  const onError = (error: unknown) => setNotice(errorText(error));

  const changeRole = useMutation({
    mutationFn: async (v: { userId: string; role: Role }) =>
      unwrap(
        await api.PATCH('/api/v1/members/{userId}', {
          params: { path: { userId: v.userId } },
          body: { role: v.role },
        }),
      ),
    onSuccess: (m) => {
      setNotice(`${m.email} is now ${m.role}.`);
      return refresh();
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: async (userId: string) =>
      unwrap(await api.DELETE('/api/v1/members/{userId}', { params: { path: { userId } } })),
    onSuccess: refresh,
    onError,
  });
  const invite = useMutation({
    mutationFn: async (body: { email: string; role: Role }) =>
      unwrap(await api.POST('/api/v1/members', { body })),
    onSuccess: (invitation) => {
      setEmail('');
      setNotice(undefined);
      setInvited(invitation);
      return refresh();
    },
    onError,
  });
  const revoke = useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.DELETE('/api/v1/invitations/{id}', { params: { path: { id } } })),
    onSuccess: refresh,
    onError,
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate({ email: email.trim(), role });
  };
  const roles = grantableRoles(me);

  return (
    <div className="space-y-6">
      {notice && (
        <p role="status" className="rounded-md bg-slate-100 px-3 py-2 text-sm dark:bg-slate-800">
          {notice}
        </p>
      )}
      {manage && (
        <form onSubmit={submit} className={`${cardClass} flex flex-wrap items-end gap-3`} aria-label="Invite">
          <div className="min-w-64 flex-1">
            <Field
              label="Invite by email"
              type="email"
              required
              maxLength={254}
              placeholder="name@example.com"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          <div className="w-40 space-y-1">
            <label
              htmlFor="invite-role"
              className="block text-sm font-medium text-slate-700 dark:text-slate-200"
            >
              Role
            </label>
            <select
              id="invite-role"
              className={inputClass}
              value={role}
              onChange={(e) => setRole(e.target.value as Role)}
            >
              {roles.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" variant="primary" disabled={invite.isPending}>
            Send invitation
          </Button>
        </form>
      )}

      {!manage && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Owners and admins invite people and change roles; ask one of them.
        </p>
      )}
      <section aria-labelledby="members-title" className={cardClass}>
        <h2 id="members-title" className="mb-3 text-sm font-semibold">
          Members {members.data ? <span className="text-slate-500">({members.data.length})</span> : null}
        </h2>
        {members.isPending && <p className="text-sm text-slate-500">Loading…</p>}
        {members.error && (
          <p role="alert" className="text-sm text-red-600">
            {errorText(members.error)}
          </p>
        )}
        {members.data && (
          <table className={tableClass}>
            <thead className={headClass}>
              <tr>
                <th className="py-2 font-medium">Member</th>
                <th className="py-2 font-medium">Role</th>
                <th className="py-2 font-medium">Joined</th>
                {manage && <th className="py-2 text-right font-medium">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {members.data.map((m) => {
                const self = m.userId === me?.user.id;
                // Admins cannot touch owners; only owners grant or take the owner role.
                const editable = manage && !self && (m.role !== 'owner' || me?.role === 'owner');
                return (
                  <tr key={m.userId} className={rowClass}>
                    <td className="py-2">
                      <div className="flex items-center gap-2 font-medium">
                        {m.name ?? m.email}
                        {self && <Badge tone="indigo">you</Badge>}
                      </div>
                      {m.name && <div className="text-xs text-slate-500 dark:text-slate-400">{m.email}</div>}
                    </td>
                    <td className="py-2">
                      {editable ? (
                        <select
                          aria-label={`Role of ${m.email}`}
                          className={`${inputClass} h-8 w-32`}
                          value={m.role}
                          disabled={changeRole.isPending}
                          onChange={(e) =>
                            changeRole.mutate({ userId: m.userId, role: e.target.value as Role })
                          }
                        >
                          {roles.map((r) => (
                            <option key={r} value={r}>
                              {r}
                            </option>
                          ))}
                        </select>
                      ) : (
                        <Badge tone={m.role === 'owner' ? 'amber' : m.role === 'admin' ? 'blue' : 'slate'}>
                          {m.role}
                        </Badge>
                      )}
                    </td>
                    <td className="py-2 text-slate-600 dark:text-slate-400">{when(m.createdAt)}</td>
                    {manage && (
                      <td className="py-2 text-right">
                        {editable && (
                          <Button
                            size="sm"
                            variant="ghost"
                            aria-label={`Remove ${m.email}`}
                            onClick={() => setRemoving({ userId: m.userId, email: m.email })}
                          >
                            Remove
                          </Button>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      {manage && (
        <section aria-labelledby="invitations-title" className={cardClass}>
          <h2 id="invitations-title" className="mb-3 text-sm font-semibold">
            Pending invitations
          </h2>
          {invitations.data?.length === 0 && (
            <p className="text-sm text-slate-500 dark:text-slate-400">
              No pending invitations. Invite someone by email above; they join once they accept.
            </p>
          )}
          {invitations.error && (
            <p role="alert" className="text-sm text-red-600">
              {errorText(invitations.error)}
            </p>
          )}
          {invitations.data && invitations.data.length > 0 && (
            <table className={tableClass}>
              <thead className={headClass}>
                <tr>
                  <th className="py-2 font-medium">Email</th>
                  <th className="py-2 font-medium">Role</th>
                  <th className="py-2 font-medium">Expires</th>
                  <th className="py-2 text-right font-medium">Actions</th>
                </tr>
              </thead>
              <tbody>
                {invitations.data.map((inv) => (
                  <tr key={inv.id} className={rowClass}>
                    <td className="py-2 font-medium">{inv.email}</td>
                    <td className="py-2">
                      <Badge>{inv.role}</Badge>
                    </td>
                    <td className="py-2 text-slate-600 dark:text-slate-400">{when(inv.expiresAt)}</td>
                    <td className="space-x-1 py-2 text-right">
                      {inv.token && (
                        <Button size="sm" variant="ghost" onClick={() => setInvited(inv)}>
                          Show link
                        </Button>
                      )}
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={`Revoke the invitation of ${inv.email}`}
                        onClick={() => setRevoking(inv)}
                      >
                        Revoke
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}

      <Dialog
        open={invited !== undefined}
        onOpenChange={(open) => !open && setInvited(undefined)}
        wide
        title="Invitation created"
        description={
          invited?.token
            ? 'Mail delivery is not configured: pass this link on yourself. The invitee opens it signed in with the invited email.'
            : 'If the address can receive it, an email with the invitation is on its way.'
        }
      >
        {invited?.token && (
          <div className="space-y-3">
            <SecretValue value={acceptLink(invited.token)} label="Invitation link" />
            <p className="text-xs text-slate-500 dark:text-slate-400">
              Anyone with this link and the invited email's account can join as {invited.role}. It expires{' '}
              {when(invited.expiresAt)}.
            </p>
          </div>
        )}
        <div className="mt-4 flex justify-end">
          <Button variant="primary" onClick={() => setInvited(undefined)}>
            Done
          </Button>
        </div>
      </Dialog>
      <ConfirmDialog
        open={removing !== undefined}
        onOpenChange={(open) => !open && setRemoving(undefined)}
        title="Remove this member?"
        description={`${removing?.email ?? ''} loses access to this workspace at once.`}
        confirmLabel="Remove member"
        onConfirm={() => removing && remove.mutate(removing.userId)}
      />
      <ConfirmDialog
        open={revoking !== undefined}
        onOpenChange={(open) => !open && setRevoking(undefined)}
        title="Revoke this invitation?"
        description={`The link sent to ${revoking?.email ?? ''} stops working.`}
        confirmLabel="Revoke invitation"
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
      />
    </div>
  );
}
