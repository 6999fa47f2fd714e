/** The signed-in session: who, which workspace, which role (server state, from `GET /api/v1/auth/me`). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, client, keys, type Me, unwrap } from '../../lib/api.js';

export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: async (): Promise<Me | null> => {
      // No session cookie: signed out, without a request the browser would log as a failed 401.
      if (!client.csrfToken()) return null;
      try {
        return unwrap(await api.GET('/api/v1/auth/me'));
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** Whether the role may change workflows (viewers see the canvas read-only; the API refuses them anyway). */
export function canEdit(me: Me | null | undefined): boolean {
  return me?.permissions.includes('workflow:update') ?? false;
}

/** Whether the role may create workflows. */
export function canCreate(me: Me | null | undefined): boolean {
  return me?.permissions.includes('workflow:create') ?? false;
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await api.POST('/api/v1/auth/logout');
    },
    onSettled: () => {
      queryClient.clear();
      window.location.assign('/login');
    },
  });
}

export function useSwitchWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (workspaceId: string) =>
      unwrap(await api.POST('/api/v1/auth/switch-workspace', { body: { workspaceId } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries();
    },
  });
}
