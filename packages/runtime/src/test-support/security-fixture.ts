/**
 * Shared setup of the security tests: one in-memory PGlite store per test file with the security services over
 * it, plus helpers to make users and workspaces. Not exported from the package.
 */

import type { Logger } from '@agentflow/core';
import type { SqlStore } from '@agentflow/store-sql';
import { createPgliteStore } from '@agentflow/store-sql/pglite';
import { loadKeyMaterial } from '../auth/key-material.js';
import type { Principal, Role } from '../auth/permissions.js';
import { createSecurity, type Security, type SecurityOptions } from '../security.js';

/** A logger that keeps every line (message and data) as JSON text. */
export function captureLogger(lines: string[] = []): Logger & { lines: string[] } {
  const make = (bindings: Record<string, unknown>): Logger & { lines: string[] } => {
    const log =
      (level: string) =>
      (message: string, data?: Record<string, unknown>): void => {
        lines.push(JSON.stringify({ level, message, ...bindings, ...data }));
      };
    return {
      lines,
      debug: log('debug'),
      info: log('info'),
      warn: log('warn'),
      error: log('error'),
      child: (more) => make({ ...bindings, ...more }),
    };
  };
  return make({});
}

export interface SecurityFixture {
  store: SqlStore;
  security: Security;
  logger: Logger & { lines: string[] };
  close(): Promise<void>;
}

export async function openSecurityFixture(
  options: Partial<Omit<SecurityOptions, 'db' | 'keys'>> = {},
): Promise<SecurityFixture> {
  const store = await createPgliteStore({ inMemory: true });
  const logger = captureLogger();
  const security = createSecurity({
    // Cheaper argon2 parameters keep the suite fast; production uses the OWASP baseline.
    passwords: { memoryCost: 4096, timeCost: 1 },
    ...options,
    db: store.db,
    keys: loadKeyMaterial({ ephemeral: true }),
    logger,
  });
  return {
    store,
    security,
    logger,
    async close() {
      await security.close();
      await store.close();
    },
  };
}

let counter = 0;
export function uniqueEmail(label = 'user'): string {
  counter += 1;
  return `${label}${counter}-${Date.now().toString(36)}@example.com`;
}

/** Registers a user (owner of a fresh workspace) and returns its principal and tokens. */
export async function registerUser(security: Security, label = 'user') {
  const email = uniqueEmail(label);
  const password = `pw-${email}-long`;
  const result = await security.auth.register({ email, password });
  const principal = await security.auth.authenticateToken(result.tokens.accessToken);
  return { ...result, email, password, principal };
}

/** Adds a new account to `owner`'s workspace with `role`; returns its principal there. */
export async function memberWithRole(security: Security, owner: Principal, role: Role) {
  const user = await registerUser(security, role);
  await security.tenancy.members.add(owner, { userId: user.user.id, role });
  const switched = await security.auth.switchWorkspace(user.principal, owner.workspaceId);
  const principal = await security.auth.authenticateToken(switched.accessToken);
  return { ...user, principal };
}
