/**
 * The templates marketplace's server state (TanStack Query over `@agentflow/client`): the gallery's pages, the
 * categories, one template, its versions and reviews, rating, the install preview and install, publish.
 */
import type { paths } from '@agentflow/client';
import {
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api.js';
import type { GalleryFilters } from './model/filters.js';

type Ok<T> = T extends { responses: { 200: { content: { 'application/json': infer B } } } }
  ? B
  : T extends { responses: { 201: { content: { 'application/json': infer B } } } }
    ? B
    : never;

export type Template = Ok<paths['/api/v1/templates/{id}']['get']>;
export type TemplateVersion = Ok<paths['/api/v1/templates/{id}/versions']['get']>['items'][number];
export type TemplateRating = Ok<paths['/api/v1/templates/{id}/ratings']['get']>['items'][number];
export type RatingSummary = Ok<paths['/api/v1/templates/{id}/rating']['put']>;
export type InstallPreview = Ok<paths['/api/v1/templates/{id}/install-preview']['post']>;
export type InstallBody = NonNullable<
  paths['/api/v1/templates/{id}/install']['post']['requestBody']
>['content']['application/json'];
export type PublishBody = NonNullable<
  paths['/api/v1/templates']['post']['requestBody']
>['content']['application/json'];

export const PAGE_SIZE = 24;

export const templateKeys = {
  all: ['templates'] as const,
  list: (f: GalleryFilters) => ['templates', 'list', f] as const,
  categories: ['templates', 'categories'] as const,
  one: (id: string) => ['templates', 'one', id] as const,
  versions: (id: string) => ['templates', 'versions', id] as const,
  ratings: (id: string) => ['templates', 'ratings', id] as const,
  agents: ['templates', 'agent-library'] as const,
};

/** The gallery: cursor pages of `PAGE_SIZE` templates for the filters. */
export function useTemplatePages(filters: GalleryFilters) {
  return useInfiniteQuery({
    queryKey: templateKeys.list(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/templates', {
          params: {
            query: {
              limit: PAGE_SIZE,
              sort: filters.sort,
              ...(filters.q ? { q: filters.q } : {}),
              ...(filters.category ? { category: filters.category } : {}),
              ...(filters.kind ? { kind: filters.kind } : {}),
              ...(filters.visibility ? { visibility: filters.visibility } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useCategories() {
  return useQuery({
    queryKey: templateKeys.categories,
    queryFn: async () => unwrap(await api.GET('/api/v1/templates/categories')).items,
    staleTime: 60_000,
  });
}

export function useTemplate(id: string) {
  return useQuery({
    queryKey: templateKeys.one(id),
    queryFn: async () => unwrap(await api.GET('/api/v1/templates/{id}', { params: { path: { id } } })),
  });
}

export function useTemplateVersions(id: string) {
  return useQuery({
    queryKey: templateKeys.versions(id),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/templates/{id}/versions', { params: { path: { id } } })).items,
  });
}

export function useTemplateRatings(id: string) {
  return useInfiniteQuery({
    queryKey: templateKeys.ratings(id),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/templates/{id}/ratings', {
          params: { path: { id }, query: { limit: 20, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}

function refreshTemplate(queryClient: QueryClient, id: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: templateKeys.one(id) }),
    queryClient.invalidateQueries({ queryKey: templateKeys.ratings(id) }),
    queryClient.invalidateQueries({ queryKey: ['templates', 'list'] }),
  ]);
}

/** Rates (again: replaces) or, with `stars: 0`, withdraws the caller's rating. */
export function useRate(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ stars, review }: { stars: number; review?: string }) =>
      stars === 0
        ? unwrap(await api.DELETE('/api/v1/templates/{id}/rating', { params: { path: { id } } }))
        : unwrap(
            await api.PUT('/api/v1/templates/{id}/rating', {
              params: { path: { id } },
              body: { stars, ...(review ? { review } : {}) },
            }),
          ),
    onSuccess: () => refreshTemplate(queryClient, id),
  });
}

export async function installPreview(id: string, body: Omit<InstallBody, 'confirm'>) {
  return unwrap(await api.POST('/api/v1/templates/{id}/install-preview', { params: { path: { id } }, body }));
}

export function useInstall(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: InstallBody) =>
      unwrap(await api.POST('/api/v1/templates/{id}/install', { params: { path: { id } }, body })),
    onSuccess: () =>
      Promise.all([
        refreshTemplate(queryClient, id),
        queryClient.invalidateQueries({ queryKey: ['workflows'] }),
      ]),
  });
}

export function usePublish() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: PublishBody) => unwrap(await api.POST('/api/v1/templates', { body })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['templates', 'list'] }),
        queryClient.invalidateQueries({ queryKey: templateKeys.categories }),
        queryClient.invalidateQueries({ queryKey: templateKeys.agents }),
      ]),
  });
}

/** The agent library of the designer's palette: every agent template the workspace sees (one page of 200). */
export const agentLibraryQuery = {
  queryKey: templateKeys.agents,
  queryFn: async () =>
    unwrap(
      await api.GET('/api/v1/templates', {
        params: { query: { kind: 'agent', sort: 'popular', limit: 200 } },
      }),
    ).items,
  staleTime: 60_000,
};
