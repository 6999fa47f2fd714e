/**
 * The caller's scope, the first thing every app service asks for. A leaf module, so that the services and the
 * modules they use can all name it without an import cycle.
 */

/** Who is asking: every query is scoped to the caller's workspace. */
export interface Scope {
  workspaceId?: string;
  userId?: string;
}
