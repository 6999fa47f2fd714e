import { importOptional } from '@agentflow/core';

/**
 * `@agentflow/store-sql/postgres`, loaded on demand. `pg` is an optional peer dependency of this package (an
 * embedded deployment never loads it): missing, opening PostgreSQL fails with AF_VALIDATION naming `pg`.
 */
export function loadPostgresDriver(): Promise<typeof import('./postgres.js')> {
  return importOptional(() => import('./postgres.js'), 'pg', 'PostgreSQL (DATABASE_URL)');
}
