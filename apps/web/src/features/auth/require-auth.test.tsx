import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { client } from '../../lib/api.js';
import { RequireAuth } from './app-shell.js';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function renderGuarded() {
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queries}>
      <MemoryRouter initialEntries={['/executions']}>
        <Routes>
          <Route path="/login" element={<p>login page</p>} />
          <Route
            path="/executions"
            element={
              <RequireAuth>
                <p>executions page</p>
              </RequireAuth>
            }
          />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('RequireAuth', () => {
  it('says the session could not be checked when the server is busy, rather than signing the person out', async () => {
    // A session cookie is there; GET /auth/me answers 503 (test-setup's fetch), as a 429 or an outage would.
    vi.spyOn(client, 'csrfToken').mockReturnValue('token');
    renderGuarded();
    expect((await screen.findByRole('alert')).textContent).toContain('Could not check your session');
    expect(screen.queryByText('login page')).toBeNull();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('sends a visitor without a session to the login page', async () => {
    vi.spyOn(client, 'csrfToken').mockReturnValue(undefined);
    renderGuarded();
    expect(await screen.findByText('login page')).toBeTruthy();
  });
});
