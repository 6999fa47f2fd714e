/**
 * The workspace an execution runs for, carried through its async work (AsyncLocalStorage), so the engine's
 * SecretSource and the model providers' key lookup can read that workspace's credentials: neither port passes a
 * workspace id today. The runtime enters it around engine.start/resume/approve.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<{ workspaceId: string }>();

/** Runs `fn` (and everything it starts) on behalf of `workspaceId`; runs it as is when undefined. */
export function runInWorkspace<T>(workspaceId: string | undefined, fn: () => T): T {
  return workspaceId === undefined ? fn() : storage.run({ workspaceId }, fn);
}

/** The workspace of the current async context, if any. */
export function currentWorkspaceId(): string | undefined {
  return storage.getStore()?.workspaceId;
}
