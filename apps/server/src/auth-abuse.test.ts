/**
 * Account and authentication abuse against a real server with the runtime's auth: failed sign-ins from other
 * addresses cannot lock an owner out, one source guessing one account is backed off, and failed API-key / access-token authentication is limited per source.
 */
import type { Runtime } from '@agentflow/runtime';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app.js';
import { createTestRuntime } from './test-support/fixtures.js';

const PASSWORD = 'a long enough passphrase';

describe('sign-in and authentication abuse', () => {
  let runtime: Runtime;
  let app: FastifyInstance;
  let apiKey: string;
  beforeAll(async () => {
    runtime = await createTestRuntime();
    // The runtime's request limiter, so the failed-authentication limit is on (30 per 10 minutes per source).
    app = await buildServer({ runtime, logger: false });
    const reg = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: 'owner@abuse.test', password: PASSWORD },
      remoteAddress: '192.0.2.10',
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const signedIn = await runtime.auth.login(
      { email: 'owner@abuse.test', password: PASSWORD },
      { ip: '192.0.2.10' },
    );
    const principal = await runtime.auth.authenticateToken(signedIn.tokens.accessToken);
    apiKey = (await runtime.tenancy.apiKeys.create(principal, { name: 'ci', role: 'member' })).key;
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
  });

  it('50 failed sign-ins from other addresses do not lock the owner out of their own', async () => {
    for (let i = 0; i < 50; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'owner@abuse.test', password: `wrong guess ${i}` },
        remoteAddress: `203.0.113.${i + 1}`,
      });
      expect(res.statusCode).toBe(401);
    }
    const own = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'owner@abuse.test', password: PASSWORD },
      remoteAddress: '192.0.2.10',
    });
    expect(own.statusCode, own.body).toBe(200);
  });

  it('backs one source off one account after 5 failures (429, Retry-After, password unchecked); the owner still signs in', async () => {
    const guesser = '203.0.113.200';
    const guess = (password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'owner@abuse.test', password },
        remoteAddress: guesser,
      });
    for (let i = 0; i < 5; i++) expect((await guess(`wrong again ${i}`)).statusCode).toBe(401);
    const backedOff = await guess(`wrong again 5`);
    expect(backedOff.statusCode).toBe(429);
    expect(backedOff.json().error.code).toBe('AF_RATE_LIMITED');
    expect(Number(backedOff.headers['retry-after'])).toBeGreaterThan(0);
    // During the delay even the right password is not checked from that source...
    expect((await guess(PASSWORD)).statusCode).toBe(429);
    // ...while the owner, from their own address, is not locked out.
    const own = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'owner@abuse.test', password: PASSWORD },
      remoteAddress: '192.0.2.10',
    });
    expect(own.statusCode, own.body).toBe(200);
  });

  it('answers 429 with Retry-After to a source after 30 failed API-key and token attempts', async () => {
    const attacker = '198.51.100.66';
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) {
      const token = i % 2 === 0 ? `af_${'x'.repeat(42)}${i % 10}` : `eyJhbGciOiJIUzI1NiJ9.e30.bad${i}`;
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/workflows',
        headers: { authorization: `Bearer ${token}` },
        remoteAddress: attacker,
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(res.json().error.code).toBe('AF_RATE_LIMITED');
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
    // Blocked: even a valid key is not checked from there, while other sources are unaffected.
    const blocked = await app.inject({
      method: 'GET',
      url: '/api/v1/workflows',
      headers: { authorization: `Bearer ${apiKey}` },
      remoteAddress: attacker,
    });
    expect(blocked.statusCode).toBe(429);
    const elsewhere = await app.inject({
      method: 'GET',
      url: '/api/v1/workflows',
      headers: { authorization: `Bearer ${apiKey}` },
      remoteAddress: '198.51.100.67',
    });
    expect(elsewhere.statusCode).toBe(200);
    const wrongElsewhere = await app.inject({
      method: 'GET',
      url: '/api/v1/workflows',
      headers: { authorization: `Bearer af_${'y'.repeat(43)}` },
      remoteAddress: '198.51.100.67',
    });
    expect(wrongElsewhere.statusCode).toBe(401);
  });
});
