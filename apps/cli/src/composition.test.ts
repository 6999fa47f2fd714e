import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime } from '@agentflow/runtime';
import { describe, expect, it } from 'vitest';
import { main } from './main.js';
import { testIo } from './test-support/io.js';

/**
 * Every command gets the server's node types and tools (one composition root, @agentflow/runtime): `validate`
 * accepts and refuses what the server does, and `run` in memory has the built-in tools.
 */
const tmp = mkdtempSync(join(tmpdir(), 'agentflow-cli-composition-'));
const write = (name: string, content: unknown) => {
  const path = join(tmp, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

async function cli(argv: string[]) {
  const io = testIo({ cwd: tmp });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const withCode = {
  name: 'with code',
  agents: [
    { id: 'in', type: 'input' },
    { id: 'calc', type: 'code', config: { code: 'return input.a * 2' } },
    { id: 'out', type: 'output' },
  ],
  connections: [
    { id: 'c1', sourceAgentId: 'in', targetAgentId: 'calc' },
    { id: 'c2', sourceAgentId: 'calc', targetAgentId: 'out' },
  ],
};

const broken = {
  name: 'broken',
  agents: [
    { id: 'in', type: 'input' },
    { id: 'calc', type: 'code', config: { code: '' } },
    { id: 'x', type: 'teleport' },
    { id: 'ask', type: 'agent', config: { provider: 'openai' } },
  ],
  connections: [
    { id: 'c1', sourceAgentId: 'in', targetAgentId: 'calc', condition: 'output >' },
    { id: 'c2', sourceAgentId: 'calc', targetAgentId: 'nowhere' },
  ],
};

describe('one composition root for every command', () => {
  it('validate accepts a workflow with a code node, as the server does', async () => {
    const r = await cli(['validate', write('code.json', withCode)]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('valid (3 agents, 2 connections)');
  });

  it('validate refuses what the server refuses, with the same paths and AF_ codes', async () => {
    const r = await cli(['validate', '--json', write('broken.json', broken)]);
    expect(r.code).toBe(2);
    const cliIssues = (JSON.parse(r.out) as { issues: { path: string; code: string }[] }).issues;
    const runtime = await createRuntime({ inMemory: true, env: {} });
    try {
      const server = runtime.workflows.validate(broken);
      expect(server.ok).toBe(false);
      const serverIssues = server.ok ? [] : server.issues;
      const key = (i: { path: string; code: string }) => `${i.path} ${i.code}`;
      expect(cliIssues.map(key).sort()).toEqual(serverIssues.map(key).sort());
      expect(cliIssues.map(key)).toContain('agents[1].config.code AF_INVALID_CONFIG');
      expect(cliIssues.map(key)).toContain('agents[2].type AF_UNKNOWN_NODE_TYPE');
    } finally {
      await runtime.close();
    }
  });

  it('node-types and schema list the runtime node types (code) too', async () => {
    const types = JSON.parse((await cli(['node-types', '--json'])).out) as { type: string }[];
    expect(types.map((t) => t.type)).toContain('code');
    const schema = JSON.parse((await cli(['schema'])).out);
    expect(JSON.stringify(schema.properties.agents.items.allOf)).toContain('"const":"code"');
  });

  it('run without --data-dir gives an agent the built-in tools (the code tool, against a scripted provider)', async () => {
    const workflow = write('tool-agent.json', {
      name: 'tool agent',
      agents: [
        { id: 'in', type: 'input' },
        {
          id: 'math',
          type: 'agent',
          config: { provider: 'openai', model: 'gpt-4o-mini', prompt: 'Double 21', tools: ['code'] },
        },
        { id: 'out', type: 'output' },
      ],
      connections: [
        { id: 'c1', sourceAgentId: 'in', targetAgentId: 'math' },
        { id: 'c2', sourceAgentId: 'math', targetAgentId: 'out' },
      ],
    });
    const script = write('tool-agent.script.json', {
      replies: [
        { toolCalls: [{ id: 'call-1', name: 'code', input: { code: 'return 21 * 2' } }] },
        'The answer is 42.',
      ],
    });
    const r = await cli(['run', workflow, '--script', script, '--events']);
    expect(r.err).toBe('');
    // One event per line, then the result (indented JSON, from its own `{` line).
    const lines = r.out.trim().split('\n');
    const resultAt = lines.indexOf('{');
    const events = lines.slice(0, resultAt).map((line) => JSON.parse(line) as Record<string, unknown>);
    const result = JSON.parse(lines.slice(resultAt).join('\n'));
    const toolResult = events.find((e) => e.type === 'step.tool_result');
    expect(toolResult).toMatchObject({ toolName: 'code', ok: true, output: { output: 42 } });
    expect(result).toMatchObject({ status: 'succeeded', output: 'The answer is 42.' });
    expect(r.code).toBe(0);
  });
});
