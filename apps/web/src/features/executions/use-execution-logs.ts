/**
 * An execution's log lines for the log tab and the step panel: the overview holds the first 1,000; the log API
 * pages through the rest (up to 20,000), only when there are more. Lines are sorted by time and tied to their node.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { ApiError, api, unwrap } from '../../lib/api.js';
import type { Level, ViewerLine } from './components/log-viewer.js';
import type { ExecutionOverview, LogLine } from './queries.js';

/** Log lines the overview carries (the server's DETAIL_LOG_LINES). */
const OVERVIEW_LOG_LINES = 1000;

export function useExecutionLogs(
  executionId: string,
  steps: ExecutionOverview['steps'],
  overviewLogs: ExecutionOverview['logs'],
): { allLogs: LogLine[]; logLines: ViewerLine[] } {
  const moreLogs = overviewLogs.length >= OVERVIEW_LOG_LINES;
  const logPages = useQuery({
    enabled: moreLogs,
    queryKey: ['executions', executionId, 'logs', steps.length] as const,
    queryFn: async (): Promise<LogLine[]> => {
      const lines: LogLine[] = [];
      let cursor: string | undefined;
      do {
        const page = unwrap(
          await api.GET('/api/v1/executions/{id}/logs', {
            params: { path: { id: executionId }, query: { limit: 1000, ...(cursor ? { cursor } : {}) } },
          }),
        );
        lines.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor && lines.length < 20_000);
      return lines;
    },
    placeholderData: (previous) => previous,
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 1,
  });
  const allLogs = moreLogs ? (logPages.data ?? overviewLogs) : overviewLogs;
  const logLines = useMemo((): ViewerLine[] => {
    const agentOfStep = new Map(steps.map((s) => [s.id, s.agentId]));
    return allLogs
      .map((l) => ({
        at: l.at,
        level: l.level as Level,
        message: l.message,
        stepId: l.stepId,
        agentId: (l as { agentId?: string }).agentId ?? (l.stepId ? agentOfStep.get(l.stepId) : undefined),
      }))
      .sort((a, b) => a.at - b.at);
  }, [allLogs, steps]);

  return { allLogs, logLines };
}
