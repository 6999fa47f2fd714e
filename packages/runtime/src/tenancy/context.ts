/**
 * The workspace an execution runs for, carried through its async work (AsyncLocalStorage), so the engine's
 * SecretSource and the model providers' key lookup can read that workspace's credentials: neither port passes a
 * workspace id today. The runtime enters it around engine.start/resume/approve.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

interface WorkspaceContext {
  workspaceId: string;
  /** The running workflow's `config.credentials`: credential type -> name. */
  credentials?: Readonly<Record<string, string>>;
}

const storage = new AsyncLocalStorage<WorkspaceContext>();

/**
 * Runs `fn` (and everything it starts) on behalf of `workspaceId`, with the credentials its workflow chose (type ->
 * name); runs it as is when `workspaceId` is undefined.
 */
export function runInWorkspace<T>(
  workspaceId: string | undefined,
  fn: () => T,
  credentials?: Readonly<Record<string, string>>,
): T {
  if (workspaceId === undefined) return fn();
  return storage.run(credentials ? { workspaceId, credentials } : { workspaceId }, fn);
}

/** The name of the credential of `type` the current execution's workflow chose in `workspaceId`, if any. */
export function boundCredential(workspaceId: string, type: string): string | undefined {
  const context = storage.getStore();
  return context?.workspaceId === workspaceId ? context.credentials?.[type] : undefined;
}

/** The workspace of the current async context, if any. */
export function currentWorkspaceId(): string | undefined {
  return storage.getStore()?.workspaceId;
}
