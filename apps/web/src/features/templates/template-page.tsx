/**
 * One template (`/templates/:id`): its graph (the designer's canvas, read-only), description, the credentials
 * it needs, how to run it offline, version history, ratings and reviews, your own rating (one per user; again
 * replaces it), and Install.
 */
import { useEffect, useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, errorText } from '../../lib/api.js';
import { Button } from '../../ui/button.js';
import { inputClass } from '../../ui/field.js';
import { AppShell } from '../auth/app-shell.js';
import { canCreate, useMe } from '../auth/session.js';
import { KindBadge, SourceBadge, Stars, TemplateIcon } from './components/bits.js';
import { GraphPreview } from './components/graph-preview.js';
import { InstallDialog } from './components/install-dialog.js';
import { categoryLabel, compactCount } from './model/filters.js';
import { type Template, useRate, useTemplate, useTemplateRatings, useTemplateVersions } from './queries.js';

const card = 'rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900';
const h2 = 'text-sm font-semibold text-slate-900 dark:text-slate-100';

export default function TemplatePage() {
  const { id = '' } = useParams();
  const template = useTemplate(id);
  const me = useMe().data;
  const [installing, setInstalling] = useState(false);

  if (template.isError)
    return (
      <AppShell>
        <main className="mx-auto max-w-3xl px-6 py-10">
          <div role="alert" className={card}>
            <p className="font-medium">
              {template.error instanceof ApiError && template.error.status === 404
                ? 'This template does not exist, or it is another workspace’s.'
                : 'The template could not be loaded.'}
            </p>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{errorText(template.error)}</p>
            <Link
              to="/templates"
              className="mt-3 inline-block text-sm text-indigo-700 hover:underline dark:text-indigo-300"
            >
              ← Back to the templates
            </Link>
          </div>
        </main>
      </AppShell>
    );
  if (!template.data)
    return (
      <AppShell>
        <p className="p-6 text-sm text-slate-500" aria-busy="true">
          Loading the template…
        </p>
      </AppShell>
    );
  const t = template.data;
  const mayInstall = canCreate(me);
  const own = t.createdBy !== undefined && t.createdBy === me?.user.id;

  return (
    <AppShell>
      <main className="h-full overflow-y-auto">
        <div className="mx-auto max-w-7xl px-6 py-6">
          <nav aria-label="Breadcrumb" className="mb-3 text-sm">
            <Link to="/templates" className="text-indigo-700 hover:underline dark:text-indigo-300">
              Templates
            </Link>
            {t.category && (
              <>
                <span className="mx-1.5 text-slate-400">/</span>
                <Link
                  to={`/templates?category=${encodeURIComponent(t.category)}`}
                  className="text-indigo-700 hover:underline dark:text-indigo-300"
                >
                  {categoryLabel(t.category)}
                </Link>
              </>
            )}
          </nav>

          <header className="mb-5 flex flex-wrap items-start gap-4">
            <TemplateIcon template={t} size="lg" />
            <div className="min-w-0 flex-1">
              <h1 className="text-xl font-semibold">{t.name}</h1>
              <div className="mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600 dark:text-slate-400">
                <span className="flex gap-1">
                  <KindBadge kind={t.kind} />
                  <SourceBadge template={t} />
                </span>
                <Stars rating={t.rating} count={t.ratingCount} />
                <span className="tabular-nums">
                  {compactCount(t.downloads)} install{t.downloads === 1 ? '' : 's'}
                </span>
                <span>v{t.version}</span>
                {t.author && <span>by {t.author}</span>}
              </div>
            </div>
            <div className="flex flex-col items-end gap-1">
              <Button
                variant="primary"
                onClick={() => setInstalling(true)}
                disabled={!mayInstall}
                title={
                  mayInstall ? 'Create a workflow from this template' : 'Your role may not create workflows'
                }
              >
                {t.kind === 'agent' ? 'Install as a workflow' : 'Install'}
              </Button>
              {t.kind === 'agent' && (
                <p className="max-w-60 text-right text-xs text-slate-600 dark:text-slate-400">
                  Or drag it from “Agent library” in the canvas palette into any workflow.
                </p>
              )}
              {!mayInstall && (
                <span className="text-xs text-slate-500">Your role may not create workflows.</span>
              )}
            </div>
          </header>

          <section
            aria-label="Graph"
            className="af-preview mb-5 h-[24rem] overflow-hidden rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
          >
            <GraphPreview template={t} />
          </section>
          <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_22rem]">
            <div className="min-w-0 space-y-5">
              <section className={card}>
                <h2 className={h2}>About</h2>
                <p className="mt-2 whitespace-pre-line text-sm text-slate-700 dark:text-slate-300">
                  {t.description || 'No description.'}
                </p>
                {t.tags.length > 0 && (
                  <ul aria-label="Tags" className="mt-3 flex flex-wrap gap-1">
                    {t.tags.map((tag) => (
                      <li key={tag}>
                        <Link
                          to={`/templates?q=${encodeURIComponent(tag)}`}
                          className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 hover:bg-indigo-100 dark:bg-slate-800 dark:text-slate-300 dark:hover:bg-indigo-950"
                        >
                          #{tag}
                        </Link>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
              {t.kind === 'agent' && t.defaultConfig && (
                <section className={card}>
                  <h2 className={h2}>Node configuration ({t.nodeType ?? 'agent'})</h2>
                  <pre className="mt-2 max-h-72 overflow-auto rounded-md bg-slate-50 p-3 text-xs dark:bg-slate-950">
                    {JSON.stringify(t.defaultConfig, null, 2)}
                  </pre>
                </section>
              )}
              {(t.script !== undefined || t.sampleInput !== undefined) && (
                <section className={card}>
                  <h2 className={h2}>Runs offline</h2>
                  <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
                    It ships with a scripted model:{' '}
                    <code className="font-mono text-xs">agentflow run --script</code> runs it without any API
                    key. After installing, the run dialog starts with this sample input.
                  </p>
                  {t.sampleInput !== undefined && (
                    <pre
                      data-testid="sample-input"
                      className="mt-2 max-h-48 overflow-auto rounded-md bg-slate-50 p-3 text-xs dark:bg-slate-950"
                    >
                      {JSON.stringify(t.sampleInput, null, 2)}
                    </pre>
                  )}
                </section>
              )}
            </div>

            <aside className="min-w-0 space-y-5" aria-label="Details">
              <section className={card}>
                <h2 className={h2}>Credentials it needs</h2>
                {t.credentials.length === 0 ? (
                  <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">None.</p>
                ) : (
                  <ul className="mt-2 space-y-2">
                    {t.credentials.map((c) => (
                      <li key={c.key} className="text-sm">
                        <span className="font-medium">{c.key}</span>{' '}
                        <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs dark:bg-slate-800">
                          {c.type}
                        </span>{' '}
                        <span className="text-xs text-slate-500">{c.optional ? 'optional' : 'required'}</span>
                        {c.description && (
                          <p className="text-xs text-slate-600 dark:text-slate-400">{c.description}</p>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
              <RatingSection template={t} own={own} />
              <VersionsSection id={t.id} />
            </aside>
          </div>
        </div>
      </main>
      {t.kind === 'workflow' && <InstallDialog template={t} open={installing} onOpenChange={setInstalling} />}
    </AppShell>
  );
}

function VersionsSection({ id }: { id: string }) {
  const versions = useTemplateVersions(id);
  return (
    <section className={card}>
      <h2 className={h2}>Version history</h2>
      {versions.isPending && <p className="mt-1 text-sm text-slate-500">Loading…</p>}
      {versions.isError && (
        <p role="alert" className="mt-1 text-sm text-red-600 dark:text-red-400">
          {errorText(versions.error)}
        </p>
      )}
      {versions.data && (
        <ol className="mt-2 space-y-2">
          {versions.data.map((v) => (
            <li key={v.version} className="text-sm">
              <span className="font-medium">v{v.version}</span>{' '}
              <span className="text-xs text-slate-500">{new Date(v.createdAt).toLocaleDateString()}</span>
              {v.changelog && <p className="text-xs text-slate-600 dark:text-slate-400">{v.changelog}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function RatingSection({ template: t, own }: { template: Template; own: boolean }) {
  const ratings = useTemplateRatings(t.id);
  const items = ratings.data?.pages.flatMap((p) => p.items) ?? [];
  const mine = items.find((r) => r.mine);
  const reviews = items.filter((r) => r.review || r.mine);
  return (
    <section className={card} aria-labelledby="ratings-title">
      <h2 id="ratings-title" className={h2}>
        Ratings and reviews
      </h2>
      <div className="mt-2">
        <Stars rating={t.rating} count={t.ratingCount} />
      </div>
      {own ? (
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">You published this template.</p>
      ) : (
        <RateForm template={t} myReview={mine?.review} />
      )}
      <ul className="mt-4 space-y-3" aria-label="Reviews">
        {reviews.map((r) => (
          <li
            key={`${r.createdAt}-${r.mine}`}
            className="border-t border-slate-100 pt-3 text-sm dark:border-slate-800"
          >
            <div className="flex items-center justify-between gap-2">
              <Stars rating={r.stars} count={1} compact />
              <span className="text-xs text-slate-500">
                {r.mine ? 'You · ' : ''}
                {new Date(r.updatedAt).toLocaleDateString()}
              </span>
            </div>
            {r.review && (
              <p className="mt-1 whitespace-pre-line text-slate-700 dark:text-slate-300">{r.review}</p>
            )}
          </li>
        ))}
      </ul>
      {ratings.isSuccess && reviews.length === 0 && (
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">No reviews yet.</p>
      )}
      {ratings.hasNextPage && (
        <Button size="sm" className="mt-3" onClick={() => void ratings.fetchNextPage()}>
          More reviews
        </Button>
      )}
    </section>
  );
}

function RateForm({ template: t, myReview }: { template: Template; myReview: string | undefined }) {
  const rate = useRate(t.id);
  const [stars, setStars] = useState(t.myRating ?? 0);
  const [review, setReview] = useState(myReview ?? '');
  const [saved, setSaved] = useState<string>();
  useEffect(() => setStars(t.myRating ?? 0), [t.myRating]);
  useEffect(() => setReview(myReview ?? ''), [myReview]);
  const id = useId();
  const LABELS = ['', 'Poor', 'Fair', 'Good', 'Very good', 'Excellent'];
  return (
    <form
      className="mt-3 space-y-2 rounded-md bg-slate-50 p-3 dark:bg-slate-950"
      aria-label="Your rating"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(undefined);
        rate.mutate(
          { stars, ...(review.trim() ? { review: review.trim() } : {}) },
          { onSuccess: () => setSaved('Thanks, your rating is saved.') },
        );
      }}
    >
      <fieldset>
        <legend className="text-sm font-medium">
          {t.myRating ? `Your rating: ${t.myRating} of 5` : 'Rate this template'}
        </legend>
        <div className="mt-1 flex items-center gap-0.5">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className="cursor-pointer" title={`${n} star${n > 1 ? 's' : ''}: ${LABELS[n]}`}>
              <input
                type="radio"
                name={`${id}-stars`}
                value={n}
                checked={stars === n}
                onChange={() => setStars(n)}
                className="peer sr-only"
              />
              <span className="sr-only">
                {n} star{n > 1 ? 's' : ''}
              </span>
              <span
                aria-hidden="true"
                className={`block rounded px-0.5 text-2xl leading-none peer-focus-visible:outline-2 peer-focus-visible:outline-indigo-500 ${
                  n <= stars ? 'text-amber-500 dark:text-amber-400' : 'text-slate-300 dark:text-slate-600'
                }`}
              >
                ★
              </span>
            </label>
          ))}
          {stars > 0 && (
            <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">{LABELS[stars]}</span>
          )}
        </div>
      </fieldset>
      <label
        htmlFor={`${id}-review`}
        className="block text-xs font-medium text-slate-700 dark:text-slate-300"
      >
        Review (optional)
      </label>
      <textarea
        id={`${id}-review`}
        rows={3}
        maxLength={5000}
        className={`${inputClass} h-auto py-2`}
        placeholder="What did it do well? What would you change?"
        value={review}
        onChange={(e) => setReview(e.target.value)}
      />
      {rate.isError && (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {errorText(rate.error)}
        </p>
      )}
      {saved && !rate.isError && (
        <p role="status" className="text-xs text-emerald-700 dark:text-emerald-300">
          {saved}
        </p>
      )}
      <div className="flex justify-end gap-2">
        {t.myRating !== undefined && (
          <Button
            size="sm"
            variant="ghost"
            disabled={rate.isPending}
            onClick={() => {
              setSaved(undefined);
              rate.mutate({ stars: 0 }, { onSuccess: () => setReview('') });
            }}
          >
            Remove my rating
          </Button>
        )}
        <Button size="sm" type="submit" variant="primary" disabled={stars === 0 || rate.isPending}>
          {t.myRating ? 'Update rating' : 'Submit rating'}
        </Button>
      </div>
    </form>
  );
}
