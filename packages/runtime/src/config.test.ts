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

  it('reads AGENTFLOW_GRAPHQL_INTROSPECTION (default true)', () => {
    expect(loadConfig({}).graphqlIntrospection).toBe(true);
    expect(loadConfig({ AGENTFLOW_GRAPHQL_INTROSPECTION: 'false' }).graphqlIntrospection).toBe(false);
    expect(() => loadConfig({ AGENTFLOW_GRAPHQL_INTROSPECTION: 'maybe' })).toThrow(/invalid configuration/);
  });
});
