/**
 * The way back for a dead-lettered execution (distributed mode: no worker could run it, so it failed with
 * AF_INTERNAL): finds its open dead letter and retries it, which reopens the execution and puts it back
 * on the queue; the page then follows it live. Nothing shows for another failure, or once the letter was retried.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorText, unwrap } from '../../../lib/api.js';
import { Button } from '../../../ui/button.js';
import { opsKeys } from '../queries.js';

export const deadLettersKey = ['dead-letters'] as const;

/**
 * Whether an execution may be dead-lettered: failed with AF_INTERNAL, the code a worker fails it with (the error's
 * details stay on the server; the open letter itself is the answer).
 */
export function mayBeDeadLettered(status: string, error: { code: string } | undefined): boolean {
  return status === 'failed' && error?.code === 'AF_INTERNAL';
}

export function DeadLetterRetry({ executionId }: { executionId: string }) {
  const queryClient = useQueryClient();
  const letters = useQuery({
    queryKey: deadLettersKey,
    queryFn: async () => unwrap(await api.GET('/api/v1/dead-letters')).items,
  });
  const letter = letters.data?.find((l) => l.executionId === executionId);
  const retry = useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.POST('/api/v1/dead-letters/{id}/retry', { params: { path: { id } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: deadLettersKey });
      // The list and this execution's detail (its keys start with the list's).
      await queryClient.invalidateQueries({ queryKey: opsKeys.executions });
    },
  });
  if (!letter) return null;
  return (
    <span className="mt-2 flex flex-wrap items-center gap-2">
      <Button
        size="sm"
        variant="primary"
        disabled={retry.isPending}
        onClick={() => retry.mutate(letter.id)}
        title="Put it back on the queue: it resumes after its last committed step"
      >
        Retry from the dead letter
      </Button>
      <span className="text-xs">
        Delivered {letter.deliveries} times. Fix the cause first (e.g. give the workers the missing plugin).
      </span>
      {retry.error && (
        <span role="alert" className="text-xs font-medium">
          {errorText(retry.error)}
        </span>
      )}
    </span>
  );
}
