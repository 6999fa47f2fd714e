/**
 * Every built-in template runs offline with its own scripted-provider script and sample input (issue 16 item 3):
 * valid, succeeded (human nodes answered as `approvals` says), with an output, and every agent's model call
 * answered by the script (none ran out).
 */
import { createEngine } from '@agentflow/core';
import { createScriptedProvider, type Script } from '@agentflow/testing';
import { createToolHost } from '@agentflow/tools';
import { afterAll, describe, expect, it } from 'vitest';
import { AGENT_LIBRARY, GALLERY } from './templates.js';

// web_fetch is offered (listed to the model); the scripts answer without calling it, so nothing leaves the host.
const tools = createToolHost({ builtins: { webFetch: true } });
afterAll(() => tools.close());

describe('gallery', () => {
  it('has at least 12 workflow templates with unique ids, each with a script and a sample input', () => {
    expect(GALLERY.length).toBeGreaterThanOrEqual(12);
    expect(new Set(GALLERY.map((t) => t.id)).size).toBe(GALLERY.length);
    for (const t of GALLERY) {
      expect(t.script, t.id).toBeTypeOf('object');
      expect(t.sampleInput, t.id).toBeDefined();
      expect(t.tags.length, t.id).toBeGreaterThan(0);
    }
  });

  it.each(GALLERY.map((t) => [t.id, t] as const))('%s runs offline with its script', async (_id, t) => {
    const provider = createScriptedProvider(t.script as Script);
    const engine = createEngine({ models: provider, tools });
    const workflow = { name: t.name, ...t.workflow };
    const valid = engine.validate(workflow);
    expect(valid.ok ? [] : valid.issues).toEqual([]);
    let result = await engine.run(workflow, t.sampleInput);
    for (const [node, payload] of Object.entries(t.approvals ?? {})) {
      expect(result.status, `${t.id} waits at ${node}`).toBe('paused');
      result = await engine.approve(result.executionId, node, payload);
    }
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('succeeded');
    expect(result.output).toBeDefined();
    expect(provider.calls.length).toBeGreaterThan(0);
    await engine.close();
  });

  it.each(AGENT_LIBRARY.map((a) => [a.id, a] as const))('agent template %s runs offline', async (_id, a) => {
    const provider = createScriptedProvider(a.script as Script);
    const engine = createEngine({ models: provider, tools });
    const workflow = {
      name: a.name,
      agents: [
        { id: 'in', type: 'input' },
        { id: 'agent', type: 'agent', config: a.defaultConfig },
        { id: 'out', type: 'output' },
      ],
      connections: [
        { id: 'a', sourceAgentId: 'in', targetAgentId: 'agent' },
        { id: 'b', sourceAgentId: 'agent', targetAgentId: 'out' },
      ],
    };
    const result = await engine.run(workflow, a.sampleInput);
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('succeeded');
    await engine.close();
  });
});
