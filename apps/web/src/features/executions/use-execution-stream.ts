/**
 * Follows the workspace's execution stream (`/ws/executions`): each change asks the newest executions again
 * (and the dashboard's figures), batched over 200 ms; a reconnect asks them again once (nothing is replayed).
 * Returns whether the stream is open: the list polls only while it is not.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { client } from '../../lib/api.js';

export function useExecutionStream(): boolean {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        void queryClient.invalidateQueries({ queryKey: ['executions', 'head'] });
      }, 200);
    };
    let stream: { close(): void } | undefined;
    try {
      stream = client.executionStream({
        onChange: refresh,
        onStatus: (status) => {
          setOpen(status === 'open');
          if (status === 'open') refresh();
        },
      });
    } catch {
      stream = undefined; // no WebSocket here: the list polls
    }
    return () => {
      if (timer) clearTimeout(timer);
      stream?.close();
    };
  }, [queryClient]);
  return open;
}
