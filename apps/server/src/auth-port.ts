/**
 * What the server needs from authentication: turn the credentials a request carries into a `Principal`. The
 * runtime's auth services (JWT sessions, API keys) plug in here; tests use a table of tokens.
 */
import { AgentFlowError } from '@agentflow/protocol';
import { can, type Permission, type Principal, type Runtime } from '@agentflow/runtime';

/** Name of the httpOnly cookie holding the access token (JWT). */
export const ACCESS_COOKIE = 'af_access';

/** API keys are recognised by this prefix (`Authorization: Bearer af_...`); any other bearer token is a JWT. */
export const API_KEY_PREFIX = 'af_';

export interface Credentials {
  kind: 'jwt' | 'apiKey';
  token: string;
  /** Where the token came from: the access cookie, the Authorization header, or `?token=` (WebSocket only). */
  source: 'cookie' | 'header' | 'query';
}

export interface AuthPort {
  /**
   * The principal the credentials stand for. Throws AgentFlowError `AF_UNAUTHENTICATED` when they are invalid,
   * expired or revoked (the server answers 401; it never falls back to anonymous).
   */
  authenticate(credentials: Credentials): Promise<Principal>;
  /**
   * Throws `AF_FORBIDDEN` when the principal may not do this. (Default: the role -> permission table,
   * `ROLE_PERMISSIONS`.)
   */
  authorize?(principal: Principal, permission: Permission): void | Promise<void>;
  /**
   * Checks the CSRF token (header `X-CSRF-Token`) of a cookie-authenticated request that changes something;
   * throws `AF_CSRF` when it is missing or not issued for this session. (Default: no check)
   */
  verifyCsrf?(principal: Principal, token: string | undefined): void | Promise<void>;
  /**
   * Whether the principal is an instance admin (`AGENTFLOW_INSTANCE_ADMINS`), for routes declaring
   * `instance-admin`. (Default: nobody is)
   */
  isInstanceAdmin?(principal: Principal): boolean;
}

/** The default authorization: the principal's role must grant the permission. */
export function authorizeByRole(principal: Principal, permission: Permission): void {
  if (!can(principal.role, permission)) {
    throw new AgentFlowError('AF_FORBIDDEN', `role ${principal.role} lacks permission ${permission}`);
  }
}

/** Authentication that accepts nothing: every protected route answers 401. The default of `buildServer`. */
export const denyAllAuth: AuthPort = {
  async authenticate() {
    throw new AgentFlowError('AF_UNAUTHENTICATED', 'authentication is not configured on this server');
  },
};

/** Table-driven authentication for tests and embedding: token -> principal. */
export function createStaticAuth(tokens: Record<string, Principal>): AuthPort {
  const table = new Map(Object.entries(tokens));
  return {
    async authenticate(credentials) {
      const principal = table.get(credentials.token);
      if (!principal) throw new AgentFlowError('AF_UNAUTHENTICATED', 'invalid or expired credentials');
      return principal;
    },
  };
}

/** The runtime's authentication (access tokens and API keys, `authorize`, CSRF tokens) as an AuthPort. */
export function createRuntimeAuth(runtime: Pick<Runtime, 'auth' | 'tenancy'>): AuthPort {
  const { auth } = runtime;
  return {
    authenticate: (credentials) =>
      credentials.kind === 'apiKey'
        ? auth.authenticateApiKey(credentials.token)
        : auth.authenticateToken(credentials.token),
    authorize: (principal, permission) => auth.authorize(principal, permission),
    verifyCsrf: (principal, token) => auth.verifyCsrf(principal.sessionId, token),
    isInstanceAdmin: (principal) => runtime.tenancy.admin.isInstanceAdmin(principal),
  };
}
