/**
 * `/settings/accept-invitation?token=…`: the invitee, signed in with the invited email, joins the workspace
 * and is switched to it. Signed out, the page says to sign in first and keeps the link working.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, errorText, unwrap } from '../../lib/api.js';
import { Button } from '../../ui/button.js';
import { Field } from '../../ui/field.js';
import { Logo } from '../../ui/logo.js';
import { useMe } from '../auth/session.js';

export default function AcceptInvitationPage() {
  const [params] = useSearchParams();
  const [token, setToken] = useState(params.get('token') ?? '');
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const accept = useMutation({
    mutationFn: async () => {
      const member = unwrap(await api.POST('/api/v1/invitations/accept', { body: { token: token.trim() } }));
      unwrap(await api.POST('/api/v1/auth/switch-workspace', { body: { workspaceId: member.workspaceId } }));
      return member;
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      navigate('/workflows');
    },
  });

  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 p-6 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <div className="mb-4 flex items-center gap-2 font-semibold">
          <Logo /> AgentFlow
        </div>
        <h1 className="text-lg font-semibold">Accept an invitation</h1>
        {me.isPending ? (
          <p className="mt-3 text-sm text-slate-500">Loading…</p>
        ) : !me.data ? (
          <p className="mt-3 text-sm text-slate-600 dark:text-slate-300">
            Sign in with the email the invitation was sent to, or create an account with it, then open this
            link again.{' '}
            <Link className="text-indigo-600 underline dark:text-indigo-400" to="/login">
              Sign in
            </Link>{' '}
            ·{' '}
            <Link className="text-indigo-600 underline dark:text-indigo-400" to="/register">
              Create an account
            </Link>
          </p>
        ) : (
          <form
            className="mt-3 space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              accept.mutate();
            }}
          >
            <p className="text-sm text-slate-600 dark:text-slate-300">
              Signed in as <span className="font-medium">{me.data.user.email}</span>. The invitation must be
              for this email.
            </p>
            <Field
              label="Invitation token"
              required
              maxLength={200}
              value={token}
              onChange={(e) => setToken(e.target.value)}
              error={accept.error ? errorText(accept.error) : undefined}
            />
            <div className="flex justify-end gap-2">
              <Button onClick={() => navigate('/workflows')}>Not now</Button>
              <Button type="submit" variant="primary" disabled={accept.isPending || token.trim() === ''}>
                Join the workspace
              </Button>
            </div>
          </form>
        )}
      </div>
    </main>
  );
}
