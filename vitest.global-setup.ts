/**
 * Vitest global setup. With `CI` set, the integration suites (`*.int.test.ts`) must run, not skip: a missing
 * DATABASE_URL or REDIS_URL fails the whole run here instead of leaving those suites skipped in silence.
 */
export default function setup(): void {
  if (!process.env.CI) return;
  const missing = ['DATABASE_URL', 'REDIS_URL'].filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new Error(
      `CI is set but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not: the integration suites ` +
        'would skip. Start the services (bash ../shared/ci/services.sh) and export the URLs it prints.',
    );
  }
}
