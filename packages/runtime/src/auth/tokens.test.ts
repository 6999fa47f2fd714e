import { randomBytes } from 'node:crypto';
import { generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createTokenService } from './tokens.js';

const secret = randomBytes(48);
const tokens = createTokenService({ secret });
const claims = { userId: 'u1', workspaceId: 'ws1', role: 'member' as const, sessionId: 's1', email: 'a@b.c' };

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const payload = () => ({
  sub: 'u1',
  ws: 'ws1',
  role: 'owner',
  sid: 's1',
  jti: 'j1',
  iat: now(),
  exp: now() + 3600,
  iss: 'agentflow',
  aud: 'agentflow',
});

async function rejected(token: string, reason = 'invalid') {
  await expect(tokens.verifyAccess(token)).rejects.toMatchObject({
    code: 'AF_UNAUTHENTICATED',
    details: { reason },
  });
}

describe('access tokens', () => {
  it('round-trips the claims of a signed token (sub, ws, role, sid, jti, 24 h expiry)', async () => {
    const signed = await tokens.signAccess(claims);
    const verified = await tokens.verifyAccess(signed.token);
    expect(verified).toMatchObject({ sub: 'u1', ws: 'ws1', role: 'member', sid: 's1', email: 'a@b.c' });
    expect(verified.jti).toBe(signed.jti);
    expect(verified.exp - verified.iat).toBe(24 * 3600);
    const header = JSON.parse(Buffer.from(signed.token.split('.')[0]!, 'base64url').toString());
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
  });

  it('rejects alg "none" (with or without a signature)', async () => {
    await rejected(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload())}.`);
    await rejected(`${b64({ alg: 'none' })}.${b64(payload())}.c2ln`);
  });

  it('rejects another algorithm, even with the right secret', async () => {
    const hs512 = await new SignJWT(payload()).setProtectedHeader({ alg: 'HS512' }).sign(secret);
    await rejected(hs512);
    const { privateKey } = await generateKeyPair('RS256');
    const rs256 = await new SignJWT(payload()).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
    await rejected(rs256);
  });

  it('rejects a wrong secret, a tampered payload and garbage', async () => {
    const forged = await new SignJWT(payload()).setProtectedHeader({ alg: 'HS256' }).sign(randomBytes(48));
    await rejected(forged);
    const signed = (await tokens.signAccess(claims)).token.split('.');
    const escalated = { ...JSON.parse(Buffer.from(signed[1]!, 'base64url').toString()), role: 'owner' };
    await rejected(`${signed[0]}.${b64(escalated)}.${signed[2]}`);
    await rejected('not.a.token');
    await rejected('');
    await rejected('x'.repeat(5000));
  });

  it('rejects an expired token with reason "expired"', async () => {
    const past = createTokenService({ secret, now: () => Date.now() - 25 * 3_600_000 });
    await rejected((await past.signAccess(claims)).token, 'expired');
  });

  it('rejects a wrong issuer or audience, and missing claims', async () => {
    const other = createTokenService({ secret, issuer: 'someone-else' });
    await rejected((await other.signAccess(claims)).token);
    const otherAud = createTokenService({ secret, audience: 'another-app' });
    await rejected((await otherAud.signAccess(claims)).token);
    const { ws: _ws, ...noWorkspace } = payload();
    await rejected(await new SignJWT(noWorkspace).setProtectedHeader({ alg: 'HS256' }).sign(secret));
    const badRole = { ...payload(), role: 'superuser' };
    await rejected(await new SignJWT(badRole).setProtectedHeader({ alg: 'HS256' }).sign(secret));
    // A well-formed token by our rules verifies.
    const good = await new SignJWT(payload()).setProtectedHeader({ alg: 'HS256' }).sign(secret);
    expect((await tokens.verifyAccess(good)).role).toBe('owner');
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => createTokenService({ secret: randomBytes(16) })).toThrow(/32 bytes/);
  });
});
