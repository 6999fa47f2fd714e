/**
 * Errors of the API as the client sees them: every non-2xx answer becomes an `ApiError` with the server's
 * stable AF_ code, its message, and the path of each bad field.
 */
import type { ErrorCode } from '@agentflow/protocol';

/** One problem of a request or a workflow: `path` is the bad field (`agents[2].config.model`). */
export interface ApiIssue {
  code: string;
  path: string;
  message: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** HTTP status (0 when the server could not be reached). */
    readonly status: number,
    /** Stable AF_ code (`AF_NETWORK` when the server could not be reached or did not answer JSON). */
    readonly code: ErrorCode | 'AF_NETWORK' | (string & {}),
    message: string,
    details: { issues?: readonly ApiIssue[]; requestId?: string } = {},
  ) {
    super(message);
    this.issues = details.issues ?? [];
    this.requestId = details.requestId;
  }
  /** The bad fields, each with its path. */
  readonly issues: readonly ApiIssue[];
  readonly requestId: string | undefined;
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; issues?: unknown; requestId?: unknown };
}

/** Reads an error response (consumes its body). */
export async function toApiError(response: Response): Promise<ApiError> {
  let body: ErrorBody | undefined;
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    body = undefined;
  }
  const error = body?.error;
  if (!error || typeof error.code !== 'string') {
    return new ApiError(response.status, 'AF_NETWORK', `HTTP ${response.status} ${response.statusText}`);
  }
  const issues = Array.isArray(error.issues) ? (error.issues as ApiIssue[]) : [];
  return new ApiError(
    response.status,
    error.code,
    typeof error.message === 'string' ? error.message : error.code,
    { issues, ...(typeof error.requestId === 'string' && { requestId: error.requestId }) },
  );
}
