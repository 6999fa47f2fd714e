import { AgentFlowError, isAgentFlowError } from '@agentflow/protocol';

/**
 * The driver's error behind Drizzle's wrapper (whose message holds the whole query and its parameters, which we
 * keep out of messages and logs).
 */
export function driverError(error: unknown): unknown {
  let e = error;
  for (let i = 0; i < 5 && e instanceof Error && isWrapper(e); i++) e = e.cause;
  return e;
}

function isWrapper(e: Error): boolean {
  return e.message.startsWith('Failed query:') && e.cause !== undefined;
}

/** PostgreSQL SQLSTATE of a failed query (`23505` unique violation, `23503` foreign key, ...). */
export function sqlState(error: unknown): string | undefined {
  const code = (driverError(error) as { code?: unknown })?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A concise AgentFlowError for a database failure; AgentFlowErrors pass through unchanged. */
export function toStoreError(error: unknown, what: string): unknown {
  if (isAgentFlowError(error)) return error;
  const cause = driverError(error);
  const message = cause instanceof Error ? cause.message : String(cause);
  const state = sqlState(error);
  return new AgentFlowError(
    'AF_INTERNAL',
    `${what} failed: ${message}${state ? ` [SQLSTATE ${state}]` : ''}`,
    {
      cause,
      ...(state ? { details: { sqlState: state } } : {}),
    },
  );
}

/** Maps a foreign-key violation on create to a clear "not found" naming what was missing. */
export function missingReference(
  error: unknown,
  workspaceId: string | undefined,
  userId: string | undefined,
) {
  if (sqlState(error) !== '23503') return error;
  const constraint = String((driverError(error) as { constraint?: unknown })?.constraint ?? '');
  if (constraint.includes('created_by'))
    return new AgentFlowError('AF_NOT_FOUND', `user ${userId} not found`);
  return new AgentFlowError('AF_NOT_FOUND', `workspace ${workspaceId} not found`);
}

/** Wraps every method of a repository so database failures surface as concise AgentFlowErrors. */
export function guardStoreErrors<T extends object>(methods: T): T {
  const out = {} as Record<string, unknown>;
  for (const [name, fn] of Object.entries(methods)) {
    out[name] =
      typeof fn === 'function'
        ? async (...args: unknown[]) => {
            try {
              return await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
            } catch (error) {
              throw toStoreError(error, name);
            }
          }
        : fn;
  }
  return out as T;
}
