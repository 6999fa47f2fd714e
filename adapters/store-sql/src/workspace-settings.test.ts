import { afterAll, beforeAll } from 'vitest';
import { createPgliteStore } from './pglite.js';
import type { SqlStore } from './sql-store.js';
import { defineWorkspaceSettingsTests } from './workspace-settings.suite.js';

let store: SqlStore | undefined;
beforeAll(async () => {
  store = await createPgliteStore({ inMemory: true });
});
afterAll(() => store?.close());

defineWorkspaceSettingsTests(() => {
  if (!store) throw new Error('store not open');
  return store;
});
