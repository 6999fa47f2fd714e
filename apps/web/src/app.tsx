/** The app's routes. The designer (React Flow, the form library) loads with its route only. */
import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { RequireAuth } from './features/auth/app-shell.js';
import { LoginPage, RegisterPage } from './features/auth/auth-pages.js';
import { WorkflowsPage } from './features/workflows/workflows-page.js';
import { lazyPage } from './lib/lazy-page.js';

// The designer and the execution detail: not lazy(), so no Suspense fallback throttle (lib/lazy-page.tsx);
// preloaded on a cold load of their URL (boot.tsx).
export const DesignerPage = lazyPage(
  () => import('./features/designer/designer-page.js'),
  <p className="p-6 text-sm text-slate-500">Loading the designer…</p>,
);
const SettingsPage = lazy(() => import('./features/settings/settings-page.js'));
const AcceptInvitationPage = lazy(() => import('./features/settings/accept-invitation-page.js'));
const ExecutionsPage = lazy(() => import('./features/executions/executions-page.js'));
export const ExecutionPage = lazyPage(
  () => import('./features/executions/execution-page.js'),
  <p className="p-6 text-sm text-slate-500">Loading…</p>,
);
const ApprovalsPage = lazy(() => import('./features/approvals/approvals-page.js'));
const TemplatesPage = lazy(() => import('./features/templates/templates-page.js'));
const TemplatePage = lazy(() => import('./features/templates/template-page.js'));
const DashboardPage = lazy(() => import('./features/dashboard/dashboard-page.js'));
const loading = <p className="p-6 text-sm text-slate-500">Loading…</p>;

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/register" element={<RegisterPage />} />
        <Route
          path="/workflows"
          element={
            <RequireAuth>
              <WorkflowsPage />
            </RequireAuth>
          }
        />
        <Route
          path="/workflows/:id"
          element={
            <RequireAuth>
              <DesignerPage />
            </RequireAuth>
          }
        />
        <Route
          path="/executions"
          element={
            <RequireAuth>
              <Suspense fallback={loading}>
                <ExecutionsPage />
              </Suspense>
            </RequireAuth>
          }
        />
        <Route
          path="/executions/:id"
          element={
            <RequireAuth>
              <ExecutionPage />
            </RequireAuth>
          }
        />
        <Route
          path="/approvals"
          element={
            <RequireAuth>
              <Suspense fallback={loading}>
                <ApprovalsPage />
              </Suspense>
            </RequireAuth>
          }
        />
        <Route
          path="/templates"
          element={
            <RequireAuth>
              <Suspense fallback={loading}>
                <TemplatesPage />
              </Suspense>
            </RequireAuth>
          }
        />
        <Route
          path="/templates/:id"
          element={
            <RequireAuth>
              <Suspense fallback={loading}>
                <TemplatePage />
              </Suspense>
            </RequireAuth>
          }
        />
        <Route
          path="/dashboard"
          element={
            <RequireAuth>
              <Suspense fallback={loading}>
                <DashboardPage />
              </Suspense>
            </RequireAuth>
          }
        />
        <Route
          path="/settings/accept-invitation"
          element={
            <Suspense fallback={loading}>
              <AcceptInvitationPage />
            </Suspense>
          }
        />
        <Route
          path="/settings/*"
          element={
            <RequireAuth>
              <Suspense fallback={loading}>
                <SettingsPage />
              </Suspense>
            </RequireAuth>
          }
        />
        <Route path="*" element={<Navigate to="/workflows" replace />} />
      </Routes>
    </BrowserRouter>
  );
}
