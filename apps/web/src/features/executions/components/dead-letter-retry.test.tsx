import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../../lib/api.js';
import { DeadLetterRetry, mayBeDeadLettered } from './dead-letter-retry.js';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const letter = {
  id: 'dl_exe-1',
  executionId: 'exe-1',
  reason: 'AF_UNKNOWN_NODE_TYPE: shout',
  deliveries: 5,
  createdAt: 1,
};

function renderRetry(executionId: string) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <DeadLetterRetry executionId={executionId} />
    </QueryClientProvider>,
  );
}

describe('DeadLetterRetry', () => {
  it('retries the execution’s open dead letter', async () => {
    vi.spyOn(api, 'GET').mockResolvedValue({
      data: { items: [letter] },
      response: new Response(null, { status: 200 }),
    } as never);
    const post = vi.spyOn(api, 'POST').mockResolvedValue({
      data: { ...letter, retriedAt: 2 },
      response: new Response(null, { status: 202 }),
    } as never);
    renderRetry('exe-1');
    fireEvent.click(await screen.findByRole('button', { name: 'Retry from the dead letter' }));
    await waitFor(() => expect(post).toHaveBeenCalledTimes(1));
    expect(post.mock.calls[0]).toEqual([
      '/api/v1/dead-letters/{id}/retry',
      { params: { path: { id: 'dl_exe-1' } } },
    ]);
    expect(screen.getByText(/Delivered 5 times/)).toBeTruthy();
  });

  it('shows nothing for an execution without an open letter', async () => {
    const get = vi.spyOn(api, 'GET').mockResolvedValue({
      data: { items: [letter] },
      response: new Response(null, { status: 200 }),
    } as never);
    const { container } = renderRetry('exe-2');
    await waitFor(() => expect(get).toHaveBeenCalled());
    expect(container.textContent).toBe('');
  });

  it('is asked only for executions failed with AF_INTERNAL', () => {
    expect(mayBeDeadLettered('failed', { code: 'AF_INTERNAL' })).toBe(true);
    expect(mayBeDeadLettered('failed', { code: 'AF_NODE_FAILED' })).toBe(false);
    expect(mayBeDeadLettered('running', undefined)).toBe(false);
  });
});
