/**
 * CSRF tokens for cookie-authenticated state changes (double submit, bound to the login session): the server
 * sends `issue(sessionId)` in a readable cookie, the web app echoes it in a header, and `verify` checks that the
 * header carries a token minted for this very session. A token planted from another origin or for another
 * session does not verify. Requests authenticated by a bearer API key need none.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AgentFlowError } from '@agentflow/protocol';

export interface CsrfGuard {
  issue(sessionId: string): string;
  /** AF_CSRF unless `token` was issued for `sessionId`. */
  verify(sessionId: string | undefined, token: string | undefined | null): void;
}

export function createCsrfGuard(secret: Uint8Array): CsrfGuard {
  // A key of its own, derived from the token secret (domain separation).
  const key = createHash('sha256').update('agentflow:csrf:').update(secret).digest();
  const mac = (sessionId: string, nonce: string) =>
    createHmac('sha256', key).update(`${sessionId}\n${nonce}`).digest();
  return {
    issue(sessionId) {
      const nonce = randomBytes(16).toString('base64url');
      return `${nonce}.${mac(sessionId, nonce).toString('base64url')}`;
    },
    verify(sessionId, token) {
      const fail = () => new AgentFlowError('AF_CSRF', 'missing or invalid CSRF token');
      if (!sessionId || typeof token !== 'string' || token.length > 200) throw fail();
      const [nonce, sig, extra] = token.split('.');
      if (!nonce || !sig || extra !== undefined) throw fail();
      const expected = mac(sessionId, nonce);
      const given = Buffer.from(sig, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw fail();
    },
  };
}
