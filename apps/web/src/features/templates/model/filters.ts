/**
 * The gallery's state in the URL (`/templates?q=&category=&kind=&visibility=&sort=`), so a filtered gallery can
 * be shared and survives a reload; and the small pure rules of the marketplace's forms (tags, credential
 * mapping, counts). Pure, unit-tested (`filters.test.ts`).
 */

export const SORTS = [
  { value: 'popular', label: 'Most installed' },
  { value: 'rating', label: 'Best rated' },
  { value: 'new', label: 'Newest' },
  { value: 'name', label: 'Name (A–Z)' },
] as const;
export type GallerySort = (typeof SORTS)[number]['value'];

export interface GalleryFilters {
  q?: string;
  category?: string;
  kind?: 'workflow' | 'agent';
  visibility?: 'workspace' | 'public';
  sort: GallerySort;
}

/** Default sort of the gallery: the most installed first (what works for others). */
export const DEFAULT_SORT: GallerySort = 'popular';

export function filtersFromParams(params: URLSearchParams): GalleryFilters {
  const out: GalleryFilters = { sort: DEFAULT_SORT };
  const q = params.get('q')?.trim();
  if (q) out.q = q.slice(0, 200);
  const category = params.get('category')?.trim();
  if (category) out.category = category.slice(0, 100);
  const kind = params.get('kind');
  if (kind === 'workflow' || kind === 'agent') out.kind = kind;
  const visibility = params.get('visibility');
  if (visibility === 'workspace' || visibility === 'public') out.visibility = visibility;
  const sort = params.get('sort');
  if (SORTS.some((s) => s.value === sort)) out.sort = sort as GallerySort;
  return out;
}

/** The URL query of the filters (defaults left out, in a stable order). */
export function paramsFromFilters(f: GalleryFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.category) p.set('category', f.category);
  if (f.kind) p.set('kind', f.kind);
  if (f.visibility) p.set('visibility', f.visibility);
  if (f.sort !== DEFAULT_SORT) p.set('sort', f.sort);
  return p;
}

export function isFiltered(f: GalleryFilters): boolean {
  return Boolean(f.q || f.category || f.kind || f.visibility);
}

const TAG = /^[a-z0-9][a-z0-9 _.+-]*$/;

/**
 * Tags as typed ("Research, multi agent,  research"): lower-cased, trimmed, deduplicated, at most 20; the
 * ones the API would refuse are returned in `invalid` (shown under the field) instead of being sent.
 */
export function parseTags(text: string): { tags: string[]; invalid: string[] } {
  const tags: string[] = [];
  const invalid: string[] = [];
  for (const raw of text.split(',')) {
    const tag = raw.trim().toLowerCase().replace(/\s+/g, ' ');
    if (!tag) continue;
    if (tag.length > 40 || !TAG.test(tag)) invalid.push(tag);
    else if (!tags.includes(tag)) tags.push(tag);
  }
  if (tags.length > 20) invalid.push(...tags.splice(20).map((t) => `${t} (more than 20 tags)`));
  return { tags, invalid };
}

/** "1.2k" style counts for the cards (exact below 1,000). */
export function compactCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0).replace(/\.0$/, '')}k`;
  return `${(n / 1_000_000).toFixed(1).replace(/\.0$/, '')}M`;
}

/** The text of a rating for screen readers and titles: "4.5 out of 5 (12 ratings)" or "Not rated yet". */
export function ratingText(rating: number | undefined, count: number): string {
  if (rating === undefined || count === 0) return 'Not rated yet';
  return `${rating.toFixed(1)} out of 5 (${count} rating${count === 1 ? '' : 's'})`;
}

/** Sentinel value of the credential picker: run without a credential (offline, with the template's script). */
export const NO_CREDENTIAL = '';

export interface CredentialRequirementView {
  key: string;
  type: string;
  optional: boolean;
  candidates: string[];
  mapped?: string;
}

/**
 * The install dialog's first choice per requirement: what the server would map (the only credential of that
 * type), else the first candidate for a required one, else none.
 */
export function initialMapping(reqs: readonly CredentialRequirementView[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of reqs) {
    out[r.key] = r.mapped ?? (r.optional ? NO_CREDENTIAL : (r.candidates[0] ?? NO_CREDENTIAL));
  }
  return out;
}

/** What is still missing before install: the required requirements without a credential, by key. */
export function missingCredentials(
  reqs: readonly CredentialRequirementView[],
  mapping: Readonly<Record<string, string>>,
): string[] {
  return reqs.filter((r) => !r.optional && !mapping[r.key]).map((r) => r.key);
}

/** The `credentials` body of install: only the keys mapped to a credential. */
export function mappingBody(mapping: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(mapping).filter(([, name]) => name !== NO_CREDENTIAL));
}

/** "document-extraction" -> "Document extraction". */
export function categoryLabel(category: string): string {
  return category.charAt(0).toUpperCase() + category.slice(1).replace(/[-_]/g, ' ');
}

export interface TargetView {
  kind: string;
  path: string;
  provider?: string | undefined;
  model?: string | undefined;
  tool?: string | undefined;
  url?: string | undefined;
  host?: string | undefined;
}

/**
 * The install preview's targets grouped by what they reach ("openai gpt-4o-mini" once, with the four agents'
 * paths), in the preview's order: four agents on one model read as one line, not four.
 */
export function groupTargets(
  targets: readonly TargetView[],
): { kind: string; label: string; paths: string[] }[] {
  const groups = new Map<string, { kind: string; label: string; paths: string[] }>();
  for (const t of targets) {
    const label =
      t.kind === 'model'
        ? `${t.provider ?? ''} ${t.model ?? ''}`.trim()
        : t.kind === 'tool'
          ? (t.tool ?? '')
          : (t.url ?? t.host ?? '');
    const key = `${t.kind}\u0000${label}`;
    const group = groups.get(key) ?? { kind: t.kind, label, paths: [] };
    group.paths.push(t.path);
    groups.set(key, group);
  }
  return [...groups.values()];
}
