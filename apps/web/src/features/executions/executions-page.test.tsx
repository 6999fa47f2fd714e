import type { ExecutionStreamOptions } from '@agentflow/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { api, client } from '../../lib/api.js';
import ExecutionsPage from './executions-page.js';
import { toQuery } from './model/filters.js';
import { type ExecutionSummary, opsKeys } from './queries.js';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

// happy-dom has no layout: the list's scroll box reports the size of a typical viewport.
const height = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
const width = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth');
beforeAll(() => {
  const sized = (size: number, fallback: PropertyDescriptor | undefined) => ({
    configurable: true,
    get(this: HTMLElement) {
      return this.dataset.testid === 'executions-scroller' ? size : (fallback?.get?.call(this) ?? 0);
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', sized(800, height));
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', sized(1200, width));
});
afterAll(() => {
  if (height) Object.defineProperty(HTMLElement.prototype, 'clientHeight', height);
  if (width) Object.defineProperty(HTMLElement.prototype, 'clientWidth', width);
});

const row = (i: number, status: ExecutionSummary['status'] = 'succeeded'): ExecutionSummary => ({
  id: `exec-${String(i).padStart(5, '0')}`,
  workflowId: 'wf',
  workflowVersion: 1,
  status,
  input: {},
  ready: [],
  waiting: [],
  stepCount: 3,
  createdAt: 1_700_000_000_000 - i * 1000,
  startedAt: 1_700_000_000_000 - i * 1000,
  completedAt: 1_700_000_000_000 - i * 1000 + 1500,
  usage: { inputTokens: 10, outputTokens: 5, costUsd: 0.0042 },
});

function Where() {
  const location = useLocation();
  return <output data-testid="search">{location.search}</output>;
}

function renderList(url: string, rows: ExecutionSummary[]) {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Number.POSITIVE_INFINITY } },
  });
  const params = new URL(url, 'http://x').searchParams;
  const query = toQuery(
    {
      range: 'all',
      ...(params.get('status') ? { status: params.get('status') as ExecutionSummary['status'] } : {}),
    },
    Date.now(),
  );
  const pages = [];
  for (let i = 0; i < rows.length; i += 200) pages.push({ items: rows.slice(i, i + 200) });
  client.setQueryData(opsKeys.list(query), { pages, pageParams: pages.map(() => undefined) });
  client.setQueryData(opsKeys.head(query), { items: rows.slice(0, 50) });
  client.setQueryData(opsKeys.workflowNames, [{ id: 'wf', name: 'Nightly report' }]);
  client.setQueryData(['me'], null);
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route
            path="/executions"
            element={
              <>
                <ExecutionsPage />
                <Where />
              </>
            }
          />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('ExecutionsPage', () => {
  it('keeps only a window of 10,000 rows in the DOM (virtualized) and shows cost and duration', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => row(i));
    renderList('/executions', rows);
    const shown = screen.getAllByTestId('execution-row');
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(100);
    expect(screen.getByText('10,000 shown')).toBeTruthy();
    expect(shown[0]!.textContent).toContain('Nightly report');
    expect(shown[0]!.textContent).toContain('$0.0042');
    expect(shown[0]!.textContent).toContain('1.50 s');
  });

  it('puts the filters in the URL and shows an empty state that says the filters matched nothing', () => {
    renderList('/executions?status=failed', []);
    expect(screen.getByText('No execution matches these filters.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Time'), { target: { value: '24h' } });
    expect(screen.getByTestId('search').textContent).toBe('?status=failed&range=24h');
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(screen.getByTestId('search').textContent).toBe('');
  });

  it("shows a new execution without a reload when the workspace's stream reports it, and stops polling", async () => {
    let stream: ExecutionStreamOptions | undefined;
    vi.spyOn(client, 'executionStream').mockImplementation((options) => {
      stream = options;
      return { close: () => {} };
    });
    const fresh = { ...row(-1, 'running'), id: 'exec-new' };
    const get = vi.spyOn(api, 'GET').mockResolvedValue({
      data: { items: [fresh, row(0), row(1)] },
      response: new Response(null, { status: 200 }),
    } as never);
    renderList('/executions', [row(0), row(1)]);
    expect(screen.queryByText('exec-new')).toBeNull();
    expect(stream).toBeDefined();
    act(() => stream?.onStatus?.('open'));
    expect(document.querySelector('[data-live]')?.getAttribute('data-live')).toBe('stream');
    get.mockClear();
    act(() =>
      stream?.onChange({
        type: 'execution.changed',
        change: 'started',
        executionId: 'exec-new',
        workflowId: 'wf',
        status: 'running',
        at: Date.now(),
      }),
    );
    await waitFor(() => expect(screen.getAllByTestId('execution-row')[0]?.textContent).toContain('exec-new'));
    expect(get).toHaveBeenCalledWith('/api/v1/executions', expect.anything());
    act(() => stream?.onStatus?.('closed'));
    expect(document.querySelector('[data-live]')?.getAttribute('data-live')).toBe('poll');
  });

  it('invites to run a workflow when there is no execution at all', () => {
    renderList('/executions', []);
    expect(screen.getByText(/No executions yet/)).toBeTruthy();
  });
});
