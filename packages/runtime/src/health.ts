import type { SqlStore } from '@agentflow/store-sql';

export interface Readiness {
  ready: boolean;
  checks: {
    /** The store answered a query. */
    store: { ok: boolean; error?: string };
    /** Every migration this version ships is applied. */
    migrations: { ok: boolean; applied: number; expected: number };
  };
}

/** Readiness of the process: the store is reachable and its schema is up to date. */
export function createHealthService(store: Pick<SqlStore, 'migrationStatus'>) {
  return {
    async ready(): Promise<Readiness> {
      const result: Readiness = {
        ready: false,
        checks: { store: { ok: false }, migrations: { ok: false, applied: 0, expected: 0 } },
      };
      try {
        const { applied, expected } = await store.migrationStatus();
        result.checks.store.ok = true;
        result.checks.migrations = { ok: applied >= expected, applied, expected };
      } catch (error) {
        result.checks.store.error = error instanceof Error ? error.message.split('\n')[0] : 'unreachable';
      }
      result.ready = result.checks.store.ok && result.checks.migrations.ok;
      return result;
    },
  };
}

export type HealthService = ReturnType<typeof createHealthService>;
