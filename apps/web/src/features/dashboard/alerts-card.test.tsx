import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { type ActiveFiring, AlertsCard, activeFiringsKey } from './alerts-card.js';

afterEach(cleanup);

function renderCard(items: ActiveFiring[]) {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Number.POSITIVE_INFINITY } },
  });
  client.setQueryData(activeFiringsKey, { items });
  render(
    <QueryClientProvider client={client}>
      <AlertsCard />
    </QueryClientProvider>,
  );
}

const firing = (over: Partial<ActiveFiring>): ActiveFiring => ({
  id: 'alf_1',
  ruleId: 'alr_1',
  ruleName: 'Error rate above 5 % for 5 minutes',
  kind: 'error_rate',
  severity: 'critical',
  threshold: 0.05,
  value: 0.125,
  pendingSince: 1_700_000_000_000,
  firedAt: 1_700_000_300_000,
  ...over,
});

describe('AlertsCard', () => {
  it('lists the firing rules with severity and the figure against its threshold', () => {
    renderCard([
      firing({}),
      firing({
        id: 'alf_2',
        ruleName: 'p95 latency',
        kind: 'p95_latency',
        severity: 'warning',
        threshold: 5000,
        value: 7250,
      }),
    ]);
    const card = screen.getByRole('region', { name: 'Alerts' });
    expect(within(card).getByRole('heading').textContent).toBe('Alerts (2 firing)');
    const rows = within(card).getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('critical');
    expect(rows[0]!.textContent).toContain('12.5 % > 5.0 %');
    expect(rows[1]!.textContent).toContain('7.25 s > 5.00 s');
    expect(within(rows[1]!).getByText('p95 latency')).toBeTruthy();
  });

  it('says so when nothing is firing', () => {
    renderCard([]);
    expect(screen.getByRole('region', { name: 'Alerts' }).textContent).toContain('No alert is firing.');
  });
});
