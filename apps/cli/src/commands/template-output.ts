/**
 * The templates commands' human output: ratings as stars, what an install would reach, and left-aligned tables.
 * (`--json` prints what the API answered instead.)
 */
import type { ResponseOf } from '@agentflow/client';

type Preview = ResponseOf<'/api/v1/templates/{id}/install-preview', 'post'>;

export function stars(t: { rating?: number; ratingCount: number }): string {
  if (t.rating === undefined || t.ratingCount === 0) return '';
  return `★ ${t.rating.toFixed(1)} (${t.ratingCount})`;
}

export function describeTarget(t: Preview['targets'][number]): string {
  if (t.kind === 'model') return `model ${t.provider ?? '?'}/${t.model ?? '?'}${t.url ? ` at ${t.url}` : ''}`;
  if (t.kind === 'tool') return `tool ${t.tool ?? '?'}${t.host ? ` (${t.host})` : ''}`;
  return `url ${t.url ?? t.host ?? '?'}`;
}

export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Left-aligned columns, two spaces apart, sized by their widest cell. */
export function table(header: string[], rows: string[][]): string {
  const width = (s: string) => [...s].length;
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i]! - width(c))))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
