/** Shared bits of the designer's chat panel: its query keys and how errors and times are written. */
import { ApiError } from '../../../lib/api.js';

export const chatKeys = {
  list: (workflowId: string) => ['chat', 'conversations', workflowId] as const,
  one: (id: string) => ['chat', 'conversation', id] as const,
};

export function errorText(error: unknown): string {
  if (error instanceof ApiError) return `${error.message} (${error.code})`;
  return error instanceof Error ? error.message : String(error);
}

/** A conversation's time: the hour today, else the day. */
export function when(ms: number): string {
  const d = new Date(ms);
  const today = new Date();
  return d.toDateString() === today.toDateString()
    ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleDateString([], { month: 'short', day: 'numeric' });
}
