import { describe, expect, it } from 'vitest';
import { main } from './main.js';
import { testIo } from './test-support/io.js';

describe('agentflow worker and start --role', () => {
  it('refuses to start a worker without PostgreSQL and Redis, in one line', async () => {
    const io = testIo({ cwd: process.cwd(), env: {} });
    expect(await main(['worker'], io)).toBe(2);
    expect(io.err()).toBe(
      'agentflow: agentflow worker needs DATABASE_URL (PostgreSQL) and REDIS_URL (Redis); DATABASE_URL and REDIS_URL are not set\n',
    );
    const noRedis = testIo({ cwd: process.cwd(), env: { DATABASE_URL: 'postgres://127.0.0.1:1/x' } });
    expect(await main(['worker'], noRedis)).toBe(2);
    expect(noRedis.err()).toMatch(/REDIS_URL is not set\n$/);
    expect(noRedis.err().split('\n')).toHaveLength(2);
  });

  it('refuses the api role without PostgreSQL and Redis, and an unknown role', async () => {
    const io = testIo({ cwd: process.cwd(), env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    expect(await main(['start', '--role', 'api'], io)).toBe(2);
    expect(io.err()).toMatch(/start --role api needs DATABASE_URL .*; DATABASE_URL is not set\n$/);
    const bad = testIo({ cwd: process.cwd(), env: {} });
    expect(await main(['start', '--role', 'worker'], bad)).toBe(2);
    expect(bad.err()).toContain('--role must be api or all');
  });

  it('refuses a bad concurrency', async () => {
    const io = testIo({
      cwd: process.cwd(),
      env: { DATABASE_URL: 'postgres://127.0.0.1:1/x', REDIS_URL: 'redis://127.0.0.1:1' },
    });
    expect(await main(['worker', '--concurrency', 'zero'], io)).toBe(2);
    expect(io.err()).toContain('--concurrency must be 1-1000');
  });
});
