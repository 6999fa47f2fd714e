import { describe, expect, it } from 'vitest';
import { loadCliConfig } from './config.js';
import { main } from './main.js';
import { testIo } from './test-support/io.js';

describe('loadCliConfig', () => {
  it('reads the CLI variables once into values; empty ones count as unset', () => {
    const config = loadCliConfig({
      AGENTFLOW_SERVER: 'https://flows.example.com',
      AGENTFLOW_API_KEY: 'af_key',
      NO_COLOR: '1',
      AGENTFLOW_DEBUG: '',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x',
      AGENTFLOW_DB_SCHEMA: 'tenant_a',
      AGENTFLOW_BACKUP_EVERY: '6h',
      AGENTFLOW_BACKUP_KEEP: '3',
      REDIS_URL: '',
    });
    expect(config).toMatchObject({
      server: 'https://flows.example.com',
      apiKey: 'af_key',
      color: false,
      debug: false,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/x',
      databaseSchema: 'tenant_a',
      jwtSecretSet: false,
      backup: { everyMs: 6 * 3_600_000, keep: 3 },
    });
    expect(config.redisUrl).toBeUndefined();
    expect(loadCliConfig({}).color).toBe(true);
    expect(config.runtimeEnv.AGENTFLOW_API_KEY).toBe('af_key');
  });

  it('names every bad variable at once, never its value', () => {
    expect(() =>
      loadCliConfig({
        AGENTFLOW_SERVER: 'ftp://secret-host',
        AGENTFLOW_BACKUP_KEEP: 'all',
        AGENTFLOW_DB_SCHEMA: 'Bad-Schema',
      }),
    ).toThrow(
      /^invalid configuration: AGENTFLOW_SERVER: expected an http:\/\/ or https:\/\/ URL; AGENTFLOW_DB_SCHEMA: .+; AGENTFLOW_BACKUP_KEEP: must be a whole number from 1 to 10000$/,
    );
    expect(() => loadCliConfig({ AGENTFLOW_SERVER: 'ftp://secret-host' })).not.toThrow(/secret-host/);
  });
});

describe('the CLI with a bad variable', () => {
  it('stops before the command runs with one line naming the variable, exit 2', async () => {
    const io = testIo({
      cwd: process.cwd(),
      env: { AGENTFLOW_SERVER: 'not a url', AGENTFLOW_API_KEY: 'af_x' },
    });
    expect(await main(['templates', 'list'], io)).toBe(2);
    expect(io.err()).toBe(
      'agentflow: invalid configuration: AGENTFLOW_SERVER: expected a URL such as http://127.0.0.1:3000\n',
    );
    expect(io.out()).toBe('');

    const db = testIo({ cwd: process.cwd(), env: { DATABASE_URL: '127.0.0.1 port 5432' } });
    expect(await main(['executions', 'list'], db)).toBe(2);
    expect(db.err()).toMatch(/^agentflow: invalid configuration: DATABASE_URL: .+\n$/);
  });

  it('still prints its version and help: they read no configuration', async () => {
    const io = testIo({ cwd: process.cwd(), env: { AGENTFLOW_BACKUP_KEEP: 'none' } });
    expect(await main(['--version'], io)).toBe(0);
    expect(io.out()).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
