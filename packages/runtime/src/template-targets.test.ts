import { isAgentFlowError } from '@agentflow/protocol';
import { describe, expect, it } from 'vitest';
import { installPreview, MAX_WALK_DEPTH, requireConfirmation } from './template-targets.js';

describe('installPreview', () => {
  it('finds models, tools and URLs in nested bodies and plugin configs, sorted by path', () => {
    const preview = installPreview({
      agents: [
        {
          id: 'each',
          type: 'loop',
          config: {
            body: {
              agents: [
                {
                  id: 'inner',
                  type: 'agent',
                  config: {
                    provider: 'custom',
                    model: 'm',
                    baseURL: 'http://10.0.0.5:8000/v1',
                    fallback: [{ provider: 'openai', model: 'gpt-test' }],
                  },
                },
              ],
            },
          },
        },
        { id: 'hook', type: 'my-plugin', config: { target: { webhook: 'https://hooks.example/x y' } } },
      ],
    });
    expect(preview.targets).toEqual([
      {
        kind: 'model',
        path: 'agents[0].config.body.agents[0].config',
        provider: 'custom',
        model: 'm',
        url: 'http://10.0.0.5:8000/v1',
        host: '10.0.0.5:8000',
      },
      {
        kind: 'model',
        path: 'agents[0].config.body.agents[0].config.fallback[0]',
        provider: 'openai',
        model: 'gpt-test',
      },
      {
        kind: 'url',
        path: 'agents[1].config.target.webhook',
        url: 'https://hooks.example/x',
        host: 'hooks.example',
      },
    ]);
    expect(preview.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same digest for the same targets whatever the key order, another for other targets', () => {
    const a = installPreview({ agents: [{ type: 'tool', id: 't', config: { tool: 'http_request' } }] });
    const b = installPreview({ agents: [{ config: { tool: 'http_request' }, id: 't', type: 'tool' }] });
    const c = installPreview({ agents: [{ type: 'tool', id: 't', config: { tool: 'web_fetch' } }] });
    expect(a.digest).toBe(b.digest);
    expect(c.digest).not.toBe(a.digest);
  });

  it('refuses a value nested deeper than MAX_WALK_DEPTH with AF_LIMIT_EXCEEDED, without a stack overflow', () => {
    let ok: unknown = 'https://bottom.example';
    for (let i = 0; i < MAX_WALK_DEPTH - 2; i++) ok = [ok];
    const preview = installPreview({ deep: ok });
    expect(preview.targets.map((t) => t.host)).toEqual(['bottom.example']);
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    try {
      installPreview({ agents: [], deep });
      expect.unreachable();
    } catch (error) {
      expect(isAgentFlowError(error) && error.code).toBe('AF_LIMIT_EXCEEDED');
    }
  });

  it('requires the digest only when there is something to confirm', () => {
    expect(() => requireConfirmation(installPreview({ agents: [] }), undefined, 'x')).not.toThrow();
    const preview = installPreview({ agents: [{ type: 'tool', id: 't', config: { tool: 'files' } }] });
    expect(() => requireConfirmation(preview, preview.digest, 'x')).not.toThrow();
    for (const confirm of [undefined, 'nope']) {
      try {
        requireConfirmation(preview, confirm, 'x');
        expect.unreachable();
      } catch (error) {
        expect(isAgentFlowError(error) && error.code).toBe('AF_CONFIRMATION_REQUIRED');
      }
    }
  });
});
