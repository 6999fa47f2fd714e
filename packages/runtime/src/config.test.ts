import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig: transport settings', () => {
  it('reads AGENTFLOW_TRUST_PROXY as true/false, a hop count, or a list of addresses and CIDRs', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ AGENTFLOW_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ AGENTFLOW_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ AGENTFLOW_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ AGENTFLOW_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
    ]);
    expect(() => loadConfig({ AGENTFLOW_TRUST_PROXY: 'my-proxy.example' })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'AGENTFLOW_TRUST_PROXY' })] }),
    );
  });

  it('needs both a TLS certificate and a key, naming the missing one', () => {
    expect(loadConfig({ AGENTFLOW_TLS_CERT: 'c.pem', AGENTFLOW_TLS_KEY: 'k.pem' })).toMatchObject({
      tlsCert: 'c.pem',
      tlsKey: 'k.pem',
    });
    expect(() => loadConfig({ AGENTFLOW_TLS_CERT: 'c.pem' })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'AGENTFLOW_TLS_KEY' })] }),
    );
  });

  it('reads AGENTFLOW_MAX_BODY_BYTES (default 1 MiB), refusing a limit under 64 KiB by name', () => {
    expect(loadConfig({}).maxBodyBytes).toBe(1024 * 1024);
    expect(loadConfig({ AGENTFLOW_MAX_BODY_BYTES: '8388608' }).maxBodyBytes).toBe(8 * 1024 * 1024);
    expect(() => loadConfig({ AGENTFLOW_MAX_BODY_BYTES: '1000' })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'AGENTFLOW_MAX_BODY_BYTES' })] }),
    );
  });

  it('reads AGENTFLOW_MAX_VALUE_CHARS (default 16 MiB) and AGENTFLOW_MAX_EXECUTION_CHARS (256 MiB)', () => {
    expect(loadConfig({}).maxValueChars).toBe(16 * 1024 * 1024);
    expect(loadConfig({}).maxExecutionChars).toBe(256 * 1024 * 1024);
    expect(loadConfig({ AGENTFLOW_MAX_EXECUTION_CHARS: '2097152' }).maxExecutionChars).toBe(2 * 1024 * 1024);
    expect(() => loadConfig({ AGENTFLOW_MAX_EXECUTION_CHARS: '5' })).toThrow(
      expect.objectContaining({
        issues: [expect.objectContaining({ path: 'AGENTFLOW_MAX_EXECUTION_CHARS' })],
      }),
    );
    expect(loadConfig({ AGENTFLOW_MAX_VALUE_CHARS: '1048576' }).maxValueChars).toBe(1024 * 1024);
    expect(() => loadConfig({ AGENTFLOW_MAX_VALUE_CHARS: '100' })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'AGENTFLOW_MAX_VALUE_CHARS' })] }),
    );
  });

  it('reads AGENTFLOW_GRAPHQL_INTROSPECTION (default true)', () => {
    expect(loadConfig({}).graphqlIntrospection).toBe(true);
    expect(loadConfig({ AGENTFLOW_GRAPHQL_INTROSPECTION: 'false' }).graphqlIntrospection).toBe(false);
    expect(() => loadConfig({ AGENTFLOW_GRAPHQL_INTROSPECTION: 'maybe' })).toThrow(/invalid configuration/);
  });

  it('reads AGENTFLOW_DATA_DIR as an absolute data directory (the embedded store reads no environment)', () => {
    expect(loadConfig({ AGENTFLOW_DATA_DIR: '/var/lib/agentflow' }).dataDir).toBe('/var/lib/agentflow');
    expect(loadConfig({}).dataDir).toMatch(/\.agentflow$/);
  });

  it('reads the server settings the server used to read itself (CORS, metrics token, web app, NODE_ENV)', () => {
    expect(loadConfig({})).toMatchObject({ corsOrigins: [], production: false });
    expect(loadConfig({}).metricsToken).toBeUndefined();
    const config = loadConfig({
      AGENTFLOW_CORS_ORIGINS: ' https://a.example, ,https://b.example:8443 ',
      AGENTFLOW_METRICS_TOKEN: 'scrape-me',
      AGENTFLOW_WEB_DIST: '/srv/web',
      AGENTFLOW_PUBLIC_URL: 'https://flows.example',
      NODE_ENV: 'production',
    });
    expect(config).toMatchObject({
      corsOrigins: ['https://a.example', 'https://b.example:8443'],
      metricsToken: 'scrape-me',
      webDist: '/srv/web',
      publicUrl: 'https://flows.example',
      production: true,
    });
    expect(loadConfig({ NODE_ENV: 'development' }).production).toBe(false);
    expect(() => loadConfig({ AGENTFLOW_PUBLIC_URL: 'not a url' })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'AGENTFLOW_PUBLIC_URL' })] }),
    );
  });
});

describe('loadConfig: artifacts and tools', () => {
  it('an invalid ARTIFACTS_URL fails, naming the variable and the expected form', () => {
    for (const url of ['/var/artifacts', 's3://', 's3://Bad_Bucket/x', 'http://bucket/prefix']) {
      expect(() => loadConfig({ ARTIFACTS_URL: url })).toThrow(
        expect.objectContaining({
          code: 'AF_VALIDATION',
          message: expect.stringMatching(/^invalid configuration: ARTIFACTS_URL: must be s3:\/\/bucket/),
          issues: [expect.objectContaining({ path: 'ARTIFACTS_URL' })],
        }),
      );
    }
  });

  it('reads the S3 settings, ARTIFACTS_S3_ENDPOINT before AWS_ENDPOINT_URL_S3', () => {
    expect(
      loadConfig({
        ARTIFACTS_URL: 's3://my.bucket-1/a/b',
        AWS_ENDPOINT_URL_S3: 'http://aws.example',
        ARTIFACTS_S3_ENDPOINT: 'http://minio.example:9000',
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'id',
        AWS_SECRET_ACCESS_KEY: 'secret',
      }),
    ).toMatchObject({
      artifactsUrl: 's3://my.bucket-1/a/b',
      artifactsS3Endpoint: 'http://minio.example:9000',
      awsRegion: 'eu-west-1',
      awsAccessKeyId: 'id',
      awsSecretAccessKey: 'secret',
    });
    expect(loadConfig({ AWS_ENDPOINT_URL_S3: 'http://aws.example' }).artifactsS3Endpoint).toBe(
      'http://aws.example',
    );
  });

  it('reads the tools settings; a mail server or Gmail token without its sender is refused', () => {
    expect(
      loadConfig({
        AGENTFLOW_EGRESS_ALLOW: '127.0.0.1, 10.0.0.0/8',
        AGENTFLOW_SQL_URL: 'postgres://ro@db.internal/app',
        AGENTFLOW_SQL_MAX_ROWS: '50',
        AGENTFLOW_SMTP_URL: 'smtp://mail.internal:587',
        AGENTFLOW_SMTP_FROM: 'bot@example.com',
      }),
    ).toMatchObject({
      egressAllow: ['127.0.0.1', '10.0.0.0/8'],
      sqlUrl: 'postgres://ro@db.internal/app',
      sqlMaxRows: 50,
      sqlTimeoutMs: 5000,
      smtpUrl: 'smtp://mail.internal:587',
    });
    expect(() => loadConfig({ AGENTFLOW_SMTP_URL: 'smtp://mail.internal' })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'AGENTFLOW_SMTP_FROM' })] }),
    );
    expect(() => loadConfig({ GMAIL_ACCESS_TOKEN: 'ya29.x' })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'AGENTFLOW_GMAIL_FROM' })] }),
    );
    expect(() => loadConfig({ AGENTFLOW_SQL_URL: 'mysql://db/app' })).toThrow(/AGENTFLOW_SQL_URL/);
    expect(() => loadConfig({ AGENTFLOW_EGRESS_ALLOW: 'not a host!' })).toThrow(/AGENTFLOW_EGRESS_ALLOW/);
  });
});

describe('loadConfig: the one reader of the environment', () => {
  it("reads model providers' keys and base URLs under each provider's names", () => {
    const config = loadConfig({
      OPENAI_API_KEY: 'sk-o',
      GOOGLE_GENERATIVE_AI_API_KEY: 'g-2',
      OLLAMA_HOST: '10.0.0.5:11434',
      CUSTOM_BASE_URL: 'http://vllm.internal:8000/v1',
      ANTHROPIC_API_KEY: '',
    });
    expect(config.modelApiKeys).toEqual({ openai: 'sk-o', gemini: 'g-2' });
    expect(config.modelBaseURLs).toEqual({
      ollama: '10.0.0.5:11434',
      custom: 'http://vllm.internal:8000/v1',
    });
    // The first name of a provider wins over the second.
    expect(
      loadConfig({ GEMINI_API_KEY: 'g-1', GOOGLE_GENERATIVE_AI_API_KEY: 'g-2' }).modelApiKeys.gemini,
    ).toBe('g-1');
  });

  it('reads the key material and MCP servers; MCP settings that are not a JSON array are refused by name', () => {
    const config = loadConfig({
      AGENTFLOW_ENCRYPTION_KEY: 'k'.repeat(44),
      AGENTFLOW_ENCRYPTION_KEYS_PREVIOUS: 'old-1, old-2',
      AGENTFLOW_JWT_SECRET: 'j'.repeat(40),
      AGENTFLOW_MCP_SERVERS: '[{"name":"files","url":"http://127.0.0.1:9000/mcp"}]',
    });
    expect(config.encryptionKey).toBe('k'.repeat(44));
    expect(config.encryptionKeysPrevious).toEqual(['old-1', 'old-2']);
    expect(config.jwtSecret).toBe('j'.repeat(40));
    expect(config.mcpServers).toEqual([{ name: 'files', url: 'http://127.0.0.1:9000/mcp' }]);
    expect(config.mcpStdioAllow).toEqual([]);
    for (const bad of ['{not json', '{"name":"files"}']) {
      expect(() => loadConfig({ AGENTFLOW_MCP_SERVERS: bad })).toThrow(
        expect.objectContaining({
          code: 'AF_VALIDATION',
          issues: [expect.objectContaining({ path: 'AGENTFLOW_MCP_SERVERS' })],
        }),
      );
    }
  });
});
