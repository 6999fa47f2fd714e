/** Server state of the settings pages: query keys (TanStack Query) and the permissions they depend on. */
import type { Me } from '../../lib/api.js';

export const settingsKeys = {
  all: ['settings'] as const,
  members: ['settings', 'members'] as const,
  invitations: ['settings', 'invitations'] as const,
  apiKeys: ['settings', 'api-keys'] as const,
  credentials: ['settings', 'credentials'] as const,
  providers: ['providers'] as const,
};

export const ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Whether the signed-in role holds `permission` (from `GET /auth/me`; the API refuses the rest anyway). */
export function allowed(me: Me | null | undefined, permission: string): boolean {
  return me?.permissions.includes(permission) ?? false;
}

/** Roles the caller may grant: only owners grant owner; never above the caller's own role. */
export function grantableRoles(me: Me | null | undefined): Role[] {
  if (!me) return [];
  const rank = ROLES.indexOf(me.role);
  return ROLES.filter((role, i) => i >= rank && (role !== 'owner' || me.role === 'owner'));
}

export const tableClass = 'w-full text-left text-sm';
export const headClass =
  'border-b border-slate-200 text-xs font-medium uppercase tracking-wide text-slate-500 dark:border-slate-700 dark:text-slate-400';
export const rowClass = 'border-b border-slate-100 last:border-0 dark:border-slate-800';
export const cardClass =
  'rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900';

/** A date for tables (locale, date and time to the minute). */
export function when(ms: number | undefined): string {
  return ms === undefined
    ? '—'
    : new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
