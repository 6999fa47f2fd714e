/** The signed-in frame: header (workspace switcher, theme, sign out) around the page; signs out to /login. */
import type { ReactNode } from 'react';
import { Link, Navigate, NavLink } from 'react-router';
import { setTheme, useTheme } from '../../lib/theme.js';
import { Button } from '../../ui/button.js';
import { Logo } from '../../ui/logo.js';
import { Menu, MenuContent, MenuItem, MenuLabel, MenuSeparator, MenuTrigger } from '../../ui/menu.js';
import { useLogout, useMe, useSwitchWorkspace } from './session.js';

const navClass = ({ isActive }: { isActive: boolean }) =>
  `rounded px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800 ${
    isActive ? 'bg-slate-100 font-medium text-indigo-700 dark:bg-slate-800 dark:text-indigo-300' : ''
  }`;

export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  if (me.isPending) return <p className="p-6 text-sm text-slate-500">Loading…</p>;
  // Only a 401 means signed out (data null); a busy or unreachable server (429, 5xx, network) is said as such.
  if (me.isError && me.data === undefined) {
    return (
      <div role="alert" className="p-6 text-sm text-slate-700 dark:text-slate-200">
        <p>Could not check your session: {me.error.message}</p>
        <button
          type="button"
          className="mt-3 rounded border border-slate-300 px-3 py-1 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
          onClick={() => void me.refetch()}
        >
          Try again
        </button>
      </div>
    );
  }
  if (!me.data) return <Navigate to="/login" replace />;
  return <>{children}</>;
}

export function AppShell({ children }: { children: ReactNode }) {
  const me = useMe().data;
  const logout = useLogout();
  const switchWorkspace = useSwitchWorkspace();
  const theme = useTheme();
  return (
    <div className="flex h-screen flex-col bg-slate-50 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      <header className="flex h-12 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-4 dark:border-slate-800 dark:bg-slate-900">
        {/* Below 1280 px the name gives way to the links (the logo stays, labelled). */}
        <Link
          to="/workflows"
          className="flex shrink-0 items-center gap-2 font-semibold"
          aria-label="AgentFlow"
        >
          <Logo />
          <span className="hidden xl:inline">AgentFlow</span>
        </Link>
        {/* The links scroll rather than push the account menu out of a narrow window. */}
        <nav
          aria-label="Main"
          className="ml-2 flex min-w-0 gap-1 overflow-x-auto whitespace-nowrap text-sm xl:ml-4"
        >
          <NavLink to="/workflows" className={navClass}>
            Workflows
          </NavLink>
          <NavLink to="/templates" className={navClass}>
            Templates
          </NavLink>
          <NavLink to="/executions" className={navClass}>
            Executions
          </NavLink>
          <NavLink to="/approvals" className={navClass}>
            Approvals
          </NavLink>
          <NavLink to="/dashboard" className={navClass}>
            Dashboard
          </NavLink>
          <NavLink to="/settings" className={navClass}>
            Settings
          </NavLink>
        </nav>
        <div className="ml-auto flex shrink-0 items-center gap-2">
          <Button
            variant="ghost"
            size="sm"
            aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
            onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
          >
            {theme === 'dark' ? '☀' : '☾'}
          </Button>
          {me && (
            <Menu>
              <MenuTrigger asChild>
                <Button variant="ghost" size="sm">
                  <span className="sr-only">Account and workspace: </span>
                  <span className="max-w-28 truncate xl:max-w-48">{me.workspace.name}</span>
                  <span className="text-xs text-slate-500 dark:text-slate-400">{me.role}</span>▾
                </Button>
              </MenuTrigger>
              <MenuContent>
                <MenuLabel>{me.user.email}</MenuLabel>
                <MenuSeparator />
                <MenuLabel>
                  <span className="font-medium">Workspaces</span>
                </MenuLabel>
                {me.workspaces.map(({ workspace, role }) => (
                  <MenuItem
                    key={workspace.id}
                    hint={role}
                    onSelect={() => switchWorkspace.mutate(workspace.id)}
                  >
                    {workspace.id === me.workspace.id ? '✓ ' : ''}
                    {workspace.name}
                  </MenuItem>
                ))}
                <MenuSeparator />
                <MenuItem onSelect={() => logout.mutate()}>Sign out</MenuItem>
              </MenuContent>
            </Menu>
          )}
        </div>
      </header>
      <div className="min-h-0 flex-1">{children}</div>
    </div>
  );
}
