/**
 * The workflow service's in-memory caches (issue 18, staleness-safe): the read cache of workflow records (keyed by
 * workflow id, evicted by every write through the service, never filled by a read that overlapped a write), the
 * pinned definitions (one frozen object per workflow, version and write time) and the registry of shared records
 * behind `isShared`.
 */
import { deepFreeze } from '@agentflow/core';
import type { SqlStore } from '@agentflow/store-sql';
import type { Scope } from './scope.js';

export type WorkflowRecord = Awaited<ReturnType<SqlStore['createWorkflow']>>;

/** Records handed to many callers (cached workflows), frozen when they are cached. */
const shared = new WeakSet<object>();

/**
 * Whether the services hand this object to many callers: it is frozen (deeply), so what is derived from it, such
 * as its JSON, can be reused for as long as it lives.
 */
export function isShared(value: unknown): boolean {
  return typeof value === 'object' && value !== null && shared.has(value);
}

/**
 * One frozen definition object per (workflow, version, time it was written) serves every execution: the engine
 * caches its compiled graph by object, and would otherwise re-validate the definition on every execute.
 * `pinned(key, definition)` returns the object already pinned under `key`, or pins (freezes) `definition`.
 */
export function createPinnedDefinitions() {
  const versions = new Map<string, WorkflowRecord['definition']>();
  return function pinned(
    key: string,
    definition: WorkflowRecord['definition'],
  ): WorkflowRecord['definition'] {
    const known = versions.get(key);
    if (known) return known;
    if (versions.size >= 1000) versions.delete(versions.keys().next().value as string);
    versions.set(key, deepFreeze(definition));
    return definition;
  };
}

/**
 * Read workflows kept `cacheMs` (0: off), by id. A read takes `writeCount()` before it goes to the store and hands
 * it to `remember`: a read that overlapped a write (made through `writing`) is not cached, as it may hold the old
 * version.
 */
export function createWorkflowReadCache(cacheMs: number) {
  const cache = new Map<string, { record: WorkflowRecord; until: number }>();
  /** Bumped by every write: a read that overlapped a write is not cached (it may hold the old version). */
  let writes = 0;
  function cached(id: string, scope: Scope): WorkflowRecord | undefined {
    const hit = cache.get(id);
    if (!hit) return undefined;
    if (hit.until <= Date.now()) {
      cache.delete(id);
      return undefined;
    }
    // Ids are unique across workspaces: another workspace's workflow is a miss, then a 404 from the store.
    if (scope.workspaceId !== undefined && hit.record.workspaceId !== scope.workspaceId) return undefined;
    return hit.record;
  }
  return {
    /** The cached record of `id` for this scope, if any (always none when the cache is off). */
    lookup(id: string, scope: Scope): WorkflowRecord | undefined {
      return cacheMs > 0 ? cached(id, scope) : undefined;
    },
    /** The write counter to pass to `remember` for a read starting now. */
    writeCount: (): number => writes,
    /** Runs a write of workflow `id`, evicting its entry before and after. */
    async writing<T>(id: string, write: () => Promise<T>): Promise<T> {
      writes++;
      cache.delete(id);
      try {
        return await write();
      } finally {
        writes++;
        cache.delete(id);
      }
    },
    /** Caches (and freezes, as shared) a record read since `readSince`, unless a write overlapped the read. */
    remember(record: WorkflowRecord, readSince: number): WorkflowRecord {
      if (cacheMs <= 0 || readSince !== writes) return record;
      if (cache.size >= 10_000) cache.delete(cache.keys().next().value as string);
      shared.add(deepFreeze(record));
      cache.set(record.id, { record, until: Date.now() + cacheMs });
      return record;
    },
  };
}
