import { describe, expect, it } from 'vitest';
import { matches, mergeRows, parseFilters, serializeFilters, toQuery } from './filters.js';

const NOW = Date.UTC(2026, 11, 4, 12, 30, 45);

describe('execution filters', () => {
  it('round-trip through the URL and ignore malformed values', () => {
    const filters = parseFilters(new URLSearchParams('workflow=wf_1&status=failed&range=24h'));
    expect(filters).toEqual({ workflowId: 'wf_1', status: 'failed', range: '24h' });
    expect(serializeFilters(filters).toString()).toBe('workflow=wf_1&status=failed&range=24h');
    expect(parseFilters(new URLSearchParams('status=exploded&range=forever&since=1'))).toEqual({
      range: 'all',
    });
    expect(serializeFilters({ range: 'all' }).toString()).toBe('');
  });

  it('keep custom bounds only with the custom range', () => {
    const custom = parseFilters(new URLSearchParams('range=custom&since=1000&until=2026-12-04T00:00:00Z'));
    expect(custom).toEqual({ range: 'custom', since: 1000, until: Date.UTC(2026, 11, 4) });
    expect(toQuery(custom, NOW)).toEqual({ since: '1000', until: String(Date.UTC(2026, 11, 4)) });
  });

  it('turn a preset window into a lower bound rounded to the minute', () => {
    const query = toQuery({ range: '1h', status: 'running' }, NOW);
    expect(query).toEqual({ status: 'running', since: String(Date.UTC(2026, 11, 4, 11, 30)) });
    // The same minute gives the same query (a stable cache key).
    expect(toQuery({ range: '1h', status: 'running' }, NOW + 10_000)).toEqual(query);
    expect(toQuery({ range: 'all' }, NOW)).toEqual({});
  });

  it('match an execution against a query', () => {
    const e = { workflowId: 'wf', status: 'running', createdAt: 5000 };
    expect(matches(e, {})).toBe(true);
    expect(matches(e, { workflowId: 'other' })).toBe(false);
    expect(matches(e, { status: 'failed' })).toBe(false);
    expect(matches(e, { since: '5000', until: '5001' })).toBe(true);
    expect(matches(e, { until: '5000' })).toBe(false);
  });
});

describe('mergeRows (live updates into loaded pages)', () => {
  const row = (id: string, createdAt: number, status = 'running') => ({ id, createdAt, status });

  it('adds new executions on top, replaces changed ones, keeps older pages', () => {
    const pages = [row('c', 30), row('b', 20), row('a', 10)];
    const fresh = [row('d', 40), row('c', 30, 'succeeded')];
    expect(mergeRows(fresh, pages)).toEqual([
      row('d', 40),
      row('c', 30, 'succeeded'),
      row('b', 20),
      row('a', 10),
    ]);
  });

  it('drops a loaded row newer than the fresh page that no longer matches (it changed status)', () => {
    const pages = [row('c', 30), row('b', 20), row('a', 10)];
    // Filtered on "running": c finished, so the fresh page holds b and a only.
    expect(mergeRows([row('b', 20), row('a', 10)], pages).map((r) => r.id)).toEqual(['b', 'a']);
    // Rows older than the fresh page's oldest are kept (the fresh page does not cover them).
    expect(mergeRows([row('c', 30)], pages).map((r) => r.id)).toEqual(['c', 'b', 'a']);
  });

  it('handles 10,000 rows quickly and without duplicates', () => {
    const pages = Array.from({ length: 10_000 }, (_, i) => row(`r${i}`, 10_000 - i));
    const fresh = [row('new', 20_000), ...pages.slice(0, 49)];
    const merged = mergeRows(fresh, pages);
    expect(merged).toHaveLength(10_001);
    expect(new Set(merged.map((r) => r.id)).size).toBe(10_001);
    expect(merged[0]!.id).toBe('new');
  });
});
