/** Formatting shared by the operations views: durations, money, tokens, times, status colours. */
import type { Tone } from '../../../ui/badge.js';

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${Math.floor(ms / 3_600_000)} h ${Math.round((ms % 3_600_000) / 60_000)} min`;
}

/** US dollars: small amounts keep 4 decimals (a model call costs fractions of a cent). */
export function formatCost(usd: number | undefined): string {
  if (usd === undefined || !Number.isFinite(usd)) return '—';
  if (usd === 0) return '$0';
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  if (usd < 100) return `$${usd.toFixed(2)}`;
  return `$${Math.round(usd).toLocaleString()}`;
}

export function formatTokens(n: number | undefined): string {
  if (n === undefined) return '—';
  if (n < 10_000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)}k`;
  return `${(n / 1_000_000).toFixed(2)}M`;
}

export function formatTime(at: number | undefined): string {
  if (at === undefined) return '—';
  const d = new Date(at);
  const today = new Date();
  return d.toDateString() === today.toDateString()
    ? d.toLocaleTimeString()
    : d.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

/** A waiting time in whole units: "4 s", "3 min", "2 h 5 min", "3 d 4 h". */
export function formatAge(since: number, now = Date.now()): string {
  const s = Math.floor(Math.max(0, now - since) / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

export function percent(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `${(ratio * 100).toFixed(ratio >= 0.999 || ratio === 0 ? 0 : 1)}%`;
}

export const STATUS_TONE: Record<string, Tone> = {
  queued: 'slate',
  running: 'blue',
  paused: 'amber',
  waiting: 'amber',
  succeeded: 'green',
  failed: 'red',
  cancelled: 'slate',
  skipped: 'slate',
  resumed: 'indigo',
};

/** Wall-clock duration of an execution (running ones: until now). */
export function executionDuration(
  e: { startedAt?: number; completedAt?: number; createdAt: number; status: string },
  now = Date.now(),
): number | undefined {
  const start = e.startedAt ?? e.createdAt;
  if (e.completedAt !== undefined) return e.completedAt - start;
  if (e.status === 'running' || e.status === 'queued' || e.status === 'paused') return now - start;
  return undefined;
}
