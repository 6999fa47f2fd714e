/**
 * The dashboard's "Alerts" card: the workspace's built-in alert rules firing now (`GET /api/v1/alerts/firings
 * ?active=true`, refreshed every 30 s), most recent first, with severity, the figure that fired and since when.
 */
import type { paths } from '@agentflow/client';
import { type AlertKind, formatAlertValue } from '@agentflow/protocol';
import { useQuery } from '@tanstack/react-query';
import { api, errorText, unwrap } from '../../lib/api.js';

type Page = paths['/api/v1/alerts/firings']['get']['responses'][200]['content']['application/json'];
export type ActiveFiring = Page['items'][number];

export const activeFiringsKey = ['alerts', 'firings', 'active'] as const;

const SEVERITY_CLASS: Record<string, string> = {
  critical: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200',
  warning: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200',
  info: 'bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200',
};

export function AlertsCard() {
  const firings = useQuery({
    queryKey: activeFiringsKey,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/alerts/firings', { params: { query: { active: 'true', limit: 20 } } })),
    refetchInterval: 30_000,
  });
  const items = firings.data?.items ?? [];
  return (
    <section
      aria-label="Alerts"
      data-testid="alerts-card"
      className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 className="px-3 pt-2.5 pb-1.5 text-sm font-medium">
        Alerts{firings.data ? ` (${items.length} firing)` : ''}
      </h2>
      {firings.error ? (
        <p className="px-3 pb-3 text-sm text-red-700 dark:text-red-300">{errorText(firings.error)}</p>
      ) : items.length === 0 ? (
        <p className="px-3 pb-3 text-sm text-slate-600 dark:text-slate-300">
          {firings.data ? 'No alert is firing.' : 'Loading…'}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800">
          {items.map((f) => (
            <li key={f.id} className="flex flex-wrap items-center gap-2 px-3 py-2 text-sm">
              <span
                className={`rounded px-1.5 py-0.5 text-xs font-semibold uppercase ${SEVERITY_CLASS[f.severity] ?? ''}`}
              >
                {f.severity}
              </span>
              <span className="font-medium">{f.ruleName}</span>
              <span className="text-slate-700 tabular-nums dark:text-slate-300">
                {formatAlertValue(f.kind as AlertKind, f.value)} &gt;{' '}
                {formatAlertValue(f.kind as AlertKind, f.threshold)}
              </span>
              <time
                className="ml-auto text-xs text-slate-600 dark:text-slate-400"
                dateTime={new Date(f.firedAt).toISOString()}
              >
                since {new Date(f.firedAt).toLocaleString()}
              </time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
