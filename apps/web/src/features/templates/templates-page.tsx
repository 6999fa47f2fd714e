/**
 * The templates gallery (`/templates`): cards of workflow and agent templates with category chips, a debounced
 * search, kind, source and sort filters (all in the URL), and cursor pages ("Load more", or automatically when
 * the end of the list scrolls into view).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorText } from '../../lib/api.js';
import { Button } from '../../ui/button.js';
import { inputClass } from '../../ui/field.js';
import { AppShell } from '../auth/app-shell.js';
import { KindBadge, SourceBadge, Stars, TemplateIcon } from './components/bits.js';
import {
  categoryLabel,
  compactCount,
  filtersFromParams,
  type GalleryFilters,
  isFiltered,
  paramsFromFilters,
  SORTS,
} from './model/filters.js';
import { type Template, useCategories, useTemplatePages } from './queries.js';

const SEARCH_DEBOUNCE_MS = 250;

export default function TemplatesPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  // From the address bar's URL, not this render's filters nor the router's `current` (which is this render's too:
  // a second change before the next render overwrote the first): two quick changes both land.
  const update = (patch: Partial<GalleryFilters>) =>
    setParams(
      () => {
        const current = new URLSearchParams(window.location.search);
        const next = { ...filtersFromParams(current), ...patch };
        for (const k of Object.keys(patch) as (keyof GalleryFilters)[])
          if (patch[k] === undefined) delete next[k];
        return paramsFromFilters(next);
      },
      { replace: true },
    );

  // The search box types freely; the URL (and the query) follow after a pause.
  const [search, setSearch] = useState(filters.q ?? '');
  const lastPushed = useRef(filters.q ?? '');
  useEffect(() => {
    if (filters.q !== undefined && filters.q !== lastPushed.current) {
      lastPushed.current = filters.q;
      setSearch(filters.q);
    }
  }, [filters.q]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the typed text only
  useEffect(() => {
    const q = search.trim();
    if (q === (filters.q ?? '')) return;
    const timer = setTimeout(() => {
      lastPushed.current = q;
      update({ q: q || undefined });
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [search]);

  const pages = useTemplatePages(filters);
  const categories = useCategories();
  const items = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);

  // Infinite scroll: the sentinel under the grid loads the next page when it comes into view.
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasNextPage) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
      },
      { rootMargin: '300px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const total = categories.data?.reduce((n, c) => n + c.count, 0);
  const chip = (active: boolean) =>
    `rounded-full border px-3 py-1 text-sm transition-colors ${
      active
        ? 'border-indigo-600 bg-indigo-600 text-white dark:border-indigo-400 dark:bg-indigo-500'
        : 'border-slate-300 bg-white text-slate-700 hover:border-indigo-400 hover:text-indigo-700 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:border-indigo-400 dark:hover:text-indigo-300'
    }`;

  return (
    <AppShell>
      <main className="h-full overflow-y-auto" data-testid="templates-scroll">
        <div className="mx-auto max-w-7xl px-6 py-6">
          <div className="mb-1 flex flex-wrap items-end gap-3">
            <h1 className="mr-auto text-xl font-semibold">Templates</h1>
          </div>
          <p className="mb-5 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
            Ready-made workflows and agents. Every built-in template runs as soon as it is installed, without
            an API key: it ships with a scripted model and a sample input.
          </p>

          <div className="mb-3 flex flex-wrap items-center gap-2">
            <input
              type="search"
              aria-label="Search templates"
              placeholder="Search names, descriptions and tags"
              className={`${inputClass} min-w-56 flex-1 sm:max-w-sm`}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
            <select
              aria-label="Kind"
              className={`${inputClass} max-w-52`}
              value={filters.kind ?? ''}
              onChange={(e) => update({ kind: (e.target.value || undefined) as GalleryFilters['kind'] })}
            >
              <option value="">Workflows and agents</option>
              <option value="workflow">Workflows</option>
              <option value="agent">Agents</option>
            </select>
            <select
              aria-label="Source"
              className={`${inputClass} max-w-52`}
              value={filters.visibility ?? ''}
              onChange={(e) =>
                update({ visibility: (e.target.value || undefined) as GalleryFilters['visibility'] })
              }
            >
              <option value="">All sources</option>
              <option value="public">Public and built-in</option>
              <option value="workspace">This workspace</option>
            </select>
            <label className="ml-auto flex items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
              Sort
              <select
                aria-label="Sort"
                className={`${inputClass} max-w-44`}
                value={filters.sort}
                onChange={(e) => update({ sort: e.target.value as GalleryFilters['sort'] })}
              >
                {SORTS.map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.label}
                  </option>
                ))}
              </select>
            </label>
          </div>

          <fieldset className="mb-5 flex flex-wrap gap-2">
            <legend className="sr-only">Categories</legend>
            <button
              type="button"
              className={chip(!filters.category)}
              aria-pressed={!filters.category}
              onClick={() => update({ category: undefined })}
            >
              All{total !== undefined && <span className="ml-1 tabular-nums">{total}</span>}
            </button>
            {categories.data?.map((c) => (
              <button
                key={c.category}
                type="button"
                className={chip(filters.category === c.category)}
                aria-pressed={filters.category === c.category}
                onClick={() => update({ category: filters.category === c.category ? undefined : c.category })}
              >
                {categoryLabel(c.category)}
                <span className="ml-1 tabular-nums">{c.count}</span>
              </button>
            ))}
          </fieldset>

          {pages.isError && (
            <div
              role="alert"
              className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/50 dark:text-red-200"
            >
              <p className="font-medium">The templates could not be loaded.</p>
              <p className="mt-1">{errorText(pages.error)}</p>
              <Button size="sm" className="mt-3" onClick={() => void pages.refetch()}>
                Try again
              </Button>
            </div>
          )}

          {pages.isPending && (
            <ul aria-busy="true" aria-label="Loading templates" className={GRID}>
              {Array.from({ length: 8 }, (_, i) => (
                <li
                  // biome-ignore lint/suspicious/noArrayIndexKey: placeholders
                  key={i}
                  className="h-52 animate-pulse rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
                />
              ))}
            </ul>
          )}

          {pages.isSuccess && items.length === 0 && (
            <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-14 text-center dark:border-slate-700 dark:bg-slate-900">
              <p className="text-base font-medium">
                {isFiltered(filters) ? 'No template matches these filters.' : 'No templates yet.'}
              </p>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
                {isFiltered(filters)
                  ? 'Try other words, another category, or clear the filters.'
                  : 'Publish one from the canvas: open a workflow and choose “Publish as template”.'}
              </p>
              {isFiltered(filters) && (
                <Button
                  className="mt-4"
                  onClick={() => {
                    setSearch('');
                    lastPushed.current = '';
                    setParams(paramsFromFilters({ sort: filters.sort }), { replace: true });
                  }}
                >
                  Clear filters
                </Button>
              )}
            </div>
          )}

          {items.length > 0 && (
            <>
              <p className="sr-only" role="status">
                {items.length} template{items.length === 1 ? '' : 's'} shown
              </p>
              <ul className={GRID} data-testid="template-grid">
                {items.map((t) => (
                  <li key={t.id}>
                    <TemplateCard template={t} />
                  </li>
                ))}
              </ul>
            </>
          )}
          <div ref={sentinel} />
          {hasNextPage && (
            <div className="mt-6 flex justify-center">
              <Button onClick={() => void fetchNextPage()} disabled={isFetchingNextPage}>
                {isFetchingNextPage ? 'Loading…' : 'Load more'}
              </Button>
            </div>
          )}
        </div>
      </main>
    </AppShell>
  );
}

const GRID = 'grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4';

function TemplateCard({ template: t }: { template: Template }) {
  return (
    <Link
      to={`/templates/${encodeURIComponent(t.id)}`}
      data-testid={`template-card-${t.id}`}
      className="group flex h-full flex-col rounded-xl border border-slate-200 bg-white p-4 shadow-sm transition hover:-translate-y-0.5 hover:border-indigo-400 hover:shadow-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:border-slate-800 dark:bg-slate-900 dark:hover:border-indigo-500"
    >
      <div className="flex items-start gap-3">
        <TemplateIcon template={t} />
        <div className="min-w-0 flex-1">
          <h2 className="line-clamp-2 text-sm font-semibold text-slate-900 group-hover:text-indigo-700 dark:text-slate-100 dark:group-hover:text-indigo-300">
            {t.name}
          </h2>
          <div className="mt-1 flex flex-wrap gap-1">
            <KindBadge kind={t.kind} />
            <SourceBadge template={t} />
          </div>
        </div>
      </div>
      <p className="mb-4 mt-3 line-clamp-3 text-sm text-slate-600 dark:text-slate-400">
        {t.description || 'No description.'}
      </p>
      {t.tags.length > 0 && (
        <ul aria-label="Tags" className="-mt-2 mb-4 flex flex-wrap gap-1">
          {t.tags.slice(0, 4).map((tag) => (
            <li
              key={tag}
              className="max-w-full truncate rounded bg-slate-100 px-1.5 py-0.5 text-[11px] text-slate-700 dark:bg-slate-800 dark:text-slate-300"
            >
              #{tag}
            </li>
          ))}
          {t.tags.length > 4 && (
            <li className="px-1 text-[11px] text-slate-500 dark:text-slate-400">+{t.tags.length - 4}</li>
          )}
        </ul>
      )}
      <div className="mt-auto flex items-center justify-between gap-2 border-t border-slate-100 pt-3 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400">
        <Stars rating={t.rating} count={t.ratingCount} compact />
        <span className="flex items-center gap-2">
          {t.category && <span className="truncate">{categoryLabel(t.category)}</span>}
          <span title={`${t.downloads} installs`} className="tabular-nums">
            <span aria-hidden="true">⤓ </span>
            {compactCount(t.downloads)}
            <span className="sr-only"> installs</span>
          </span>
        </span>
      </div>
    </Link>
  );
}
