/** Small pieces of the marketplace: the template's icon, its kind and visibility badges, stars. */
import { Badge } from '../../../ui/badge.js';
import { ratingText } from '../model/filters.js';
import type { Template } from '../queries.js';

/** Emoji icons are shown as they are; a short icon name (or none) becomes a monogram tile. */
export function TemplateIcon({ template, size = 'md' }: { template: Template; size?: 'md' | 'lg' }) {
  const box = size === 'lg' ? 'size-14 text-3xl' : 'size-10 text-xl';
  const icon = template.icon;
  const emoji = icon !== undefined && /\p{Extended_Pictographic}/u.test(icon);
  return (
    <span
      aria-hidden="true"
      className={`${box} inline-flex shrink-0 items-center justify-center rounded-lg ${
        template.kind === 'agent'
          ? 'bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-200'
          : 'bg-indigo-100 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200'
      }`}
    >
      {emoji ? icon : (icon ?? template.name).slice(0, 1).toUpperCase()}
    </span>
  );
}

export function KindBadge({ kind }: { kind: Template['kind'] }) {
  return (
    <Badge tone={kind === 'agent' ? 'amber' : 'indigo'}>{kind === 'agent' ? 'Agent' : 'Workflow'}</Badge>
  );
}

/** Where the template comes from: shipped with AgentFlow, public (another publisher), or this workspace's. */
export function SourceBadge({ template }: { template: Template }) {
  if (template.builtin) return <Badge tone="green">Built-in</Badge>;
  if (template.visibility === 'public') return <Badge tone="blue">Public</Badge>;
  return <Badge tone="slate">Workspace</Badge>;
}

/** Read-only stars (rounded to halves), with the rating as text for screen readers. */
export function Stars({
  rating,
  count,
  compact,
}: {
  rating?: number | undefined;
  count: number;
  compact?: boolean;
}) {
  const text = ratingText(rating, count);
  const value = rating ?? 0;
  return (
    <span className="inline-flex items-center gap-1" title={text}>
      <span className="sr-only">{text}</span>
      <span aria-hidden="true" className="inline-flex text-sm leading-none">
        {[1, 2, 3, 4, 5].map((i) => (
          <span
            key={i}
            className={
              value >= i - 0.25
                ? 'text-amber-500 dark:text-amber-400'
                : value >= i - 0.75
                  ? 'af-half-star text-amber-500 dark:text-amber-400'
                  : 'text-slate-300 dark:text-slate-600'
            }
          >
            ★
          </span>
        ))}
      </span>
      <span aria-hidden="true" className="text-xs tabular-nums text-slate-600 dark:text-slate-400">
        {rating !== undefined && count > 0 ? rating.toFixed(1) : compact ? '–' : 'No ratings'}
        {count > 0 && ` (${count})`}
      </span>
    </span>
  );
}
