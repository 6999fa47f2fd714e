/**
 * Workspace settings at `/settings/*`: members and roles, API keys, credentials (tabs as links, one route
 * each). Loaded with its route only. Each tab shows only what the role allows; the API refuses the rest.
 */
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { AppShell } from '../auth/app-shell.js';
import { useMe } from '../auth/session.js';
import { ApiKeysSection } from './api-keys-section.js';
import { CredentialsSection } from './credentials-section.js';
import { MembersSection } from './members-section.js';
import { allowed } from './queries.js';

const TABS = [
  { path: 'members', label: 'Members', permission: 'member:read' },
  { path: 'api-keys', label: 'API keys', permission: 'apikey:manage' },
  { path: 'credentials', label: 'Credentials', permission: 'credential:read' },
] as const;

export default function SettingsPage() {
  const me = useMe().data;
  const tabs = TABS.filter((t) => allowed(me, t.permission));
  return (
    <AppShell>
      <main className="mx-auto h-full max-w-5xl overflow-auto px-6 py-6">
        <h1 className="text-xl font-semibold">Settings</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Workspace{' '}
          <span className="font-medium text-slate-800 dark:text-slate-200">{me?.workspace.name}</span>, where
          you are {me?.role}.
        </p>
        <nav
          aria-label="Settings"
          className="mt-4 mb-5 flex gap-1 border-b border-slate-200 dark:border-slate-800"
        >
          {tabs.map((t) => (
            <NavLink
              key={t.path}
              to={`/settings/${t.path}`}
              className={({ isActive }) =>
                `-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
                  isActive
                    ? 'border-indigo-600 text-indigo-700 dark:border-indigo-400 dark:text-indigo-300'
                    : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100'
                }`
              }
            >
              {t.label}
            </NavLink>
          ))}
        </nav>
        <Routes>
          <Route path="members" element={<MembersSection />} />
          <Route path="api-keys" element={<ApiKeysSection />} />
          <Route path="credentials" element={<CredentialsSection />} />
          <Route path="*" element={<Navigate to="/settings/members" replace />} />
        </Routes>
      </main>
    </AppShell>
  );
}
