import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from './main.js';
import { testIo } from './test-support/io.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'agentflow-cli-'));
const write = (name: string, content: unknown) => {
  const path = join(tmp, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

async function cli(argv: string[], options: { tty?: boolean } = {}) {
  const io = testIo({ cwd: root, ...options });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const invalidWorkflow = {
  name: 'broken',
  agents: [
    { id: 'in', type: 'input' },
    { id: 'ask', type: 'agent', config: { provider: 'openai' } },
    { id: 'x', type: 'teleport' },
  ],
  connections: [
    { id: 'c1', sourceAgentId: 'in', targetAgentId: 'ask', condition: 'output >' },
    { id: 'c2', sourceAgentId: 'ask', targetAgentId: 'nowhere' },
  ],
};

describe('agentflow validate', () => {
  it('accepts a valid workflow with exit 0', async () => {
    const r = await cli(['validate', 'examples/research-team.json']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('examples/research-team.json: valid (7 agents, 9 connections)\n');
  });

  it('lists every problem with its path and code, exit 2', async () => {
    const file = write('broken.json', invalidWorkflow);
    const r = await cli(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/agents\[1\]\.config\.model: (model is )?required.* \[AF_INVALID_CONFIG\]/);
    expect(r.out).toMatch(/agents\[2\]\.type: unknown node type "teleport".* \[AF_UNKNOWN_NODE_TYPE\]/);
    expect(r.out).toMatch(/connections\[0\]\.condition: .+ \[AF_INVALID_EXPRESSION\]/);
    expect(r.out).toContain(
      'connections[1].targetAgentId: no agent with id "nowhere" [AF_DANGLING_CONNECTION]',
    );
    expect(r.out.split('\n')[0]).toMatch(/invalid workflow \(\d+ problems\)$/);
  });

  it('prints {ok, issues} with --json', async () => {
    const r = await cli(['validate', '--json', write('broken2.json', invalidWorkflow)]);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.out) as { ok: boolean; issues: { path: string; code: string }[] };
    expect(report.ok).toBe(false);
    expect(report.issues).toContainEqual(
      expect.objectContaining({ path: 'agents[2].type', code: 'AF_UNKNOWN_NODE_TYPE' }),
    );
  });

  it('reports a missing file, a directory and bad JSON with exit 2 and no stack trace', async () => {
    const missing = await cli(['validate', 'examples/nope.json']);
    expect(missing).toMatchObject({ code: 2, err: 'agentflow: examples/nope.json: no such file\n' });

    const dir = await cli(['validate', 'examples']);
    expect(dir).toMatchObject({ code: 2, err: 'agentflow: examples: is a directory, not a file\n' });

    const bad = await cli(['validate', write('bad.json', '{\n  "name": "x",\n}')]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/bad\.json: invalid JSON: .* \(line 3, column 1\)\n$/);
    expect(bad.err).not.toMatch(/\n\s+at /);
  });

  it('loads a .js module exporting the workflow', async () => {
    const file = write(
      'wf.mjs',
      `export default { name: 'js', agents: [{ id: 'in', type: 'input' }, { id: 'out', type: 'output' }],
        connections: [{ id: 'c', sourceAgentId: 'in', targetAgentId: 'out' }] };`,
    );
    const r = await cli(['run', file, '--input', '"hi"']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ status: 'succeeded', output: 'hi' });
  });
});

describe('agentflow run', () => {
  it('prints only the result JSON when not on a terminal', async () => {
    const r = await cli([
      'run',
      'examples/writer-reviewer.json',
      '--script',
      'examples/writer-reviewer.script.json',
    ]);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out);
    expect(result).toMatchObject({
      status: 'succeeded',
      output: { approved: true },
      error: null,
      steps: 11,
    });
    expect(Object.keys(result).sort()).toEqual([
      'durationMs',
      'error',
      'executionId',
      'output',
      'status',
      'steps',
      'usage',
    ]);
    expect(result.usage.inputTokens).toBeGreaterThan(0);
  });

  it('reads --input from a file with @path', async () => {
    const input = write('input.json', { items: ['Arrived two days late.'] });
    const r = await cli([
      'run',
      'examples/map-over-list.json',
      '-s',
      'examples/map-over-list.script.json',
      '-i',
      `@${input}`,
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).output).toEqual({ count: 1, summaries: ['Mixed feedback'] });
  });

  it('exits 1 when the execution fails (no model provider without --script)', async () => {
    const r = await cli(['run', 'examples/research-team.json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({
      status: 'failed',
      error: { code: 'AF_PROVIDER_NOT_CONFIGURED' },
    });
  });

  it('exits 2 on bad --input JSON, input that fails the schema, or an invalid workflow', async () => {
    const badJson = await cli(['run', 'examples/research-team.json', '--input', '{topic:']);
    expect(badJson.code).toBe(2);
    expect(badJson.err).toMatch(/^agentflow: --input: invalid JSON: /);

    const badInput = await cli(['run', 'examples/research-team.json', '--input', '{"topic": 42}']);
    expect(badInput.code).toBe(2);
    expect(badInput.err).toContain('[AF_INVALID_INPUT]');
    expect(badInput.err).toMatch(/\n {2}topic: .+ \[AF_INVALID_INPUT\]/);

    const noInput = await cli(['run', 'examples/human-approval.json']);
    expect(noInput.code).toBe(2);
    expect(noInput.err).toContain('no --input was given: the input is null');
    expect(noInput.err).toContain('  (root): ');

    const invalid = await cli(['run', write('broken3.json', invalidWorkflow)]);
    expect(invalid.code).toBe(2);
    expect(invalid.err).toContain('invalid workflow');
    expect(invalid.err).toMatch(
      /\n {2}agents\[1\]\.config\.model: (model is )?required.* \[AF_INVALID_CONFIG\]/,
    );
    expect(invalid.out).toBe('');
  });

  it('refuses an input file nested 100,000 levels deep with exit 2, before parsing it', async () => {
    const deep = write('deep.json', `{"topic":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    const passThrough = write('pass-through.json', {
      name: 'pass',
      agents: [
        { id: 'in', type: 'input' },
        { id: 'out', type: 'output' },
      ],
      connections: [{ id: 'c', sourceAgentId: 'in', targetAgentId: 'out' }],
    });
    const r = await cli(['run', passThrough, '-i', `@${deep}`]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/nesting is deeper than 64 levels at topic(\[0\]){63} \(AF_INPUT_TOO_DEEP\)/);
    expect(r.err).not.toMatch(/RangeError|at .+\.ts:\d+/);
  });

  it('refuses lone surrogates and NUL in a workflow file and in --input with exit 2 and the path', async () => {
    const wf = write(
      'odd.json',
      '{"name":"\\u00e9\\udfff","agents":[{"id":"in","type":"input"},{"id":"out","type":"output"}],' +
        '"connections":[{"id":"c","sourceAgentId":"in","targetAgentId":"out"}]}',
    );
    const bad = await cli(['run', wf]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/odd\.json: text that cannot be stored: name contains a lone UTF-16 surrogate/);
    const ok = write('ok.json', {
      name: 'ok \u200f\u05e9\u05dc\u05d5\u05dd e\u0301 \ud83d\ude80 \ufeff',
      agents: [
        { id: 'in', type: 'input' },
        { id: 'out', type: 'output' },
      ],
      connections: [{ id: 'c', sourceAgentId: 'in', targetAgentId: 'out' }],
    });
    const nul = await cli(['run', ok, '-i', '{"topic":["a\\u0000b"]}']);
    expect(nul.code).toBe(2);
    expect(nul.err).toMatch(/--input: text that cannot be stored: topic\[0\] contains a NUL character/);
    expect((await cli(['run', ok, '-i', '{"topic":"\ud83d\ude80 e\u0301"}'])).code).toBe(0);
  });

  it('exits 2 on a bad script, naming the field', async () => {
    const script = write('script.json', { rules: [{ when: { lastUser: 'x' }, reply: 'y' }] });
    const r = await cli(['run', 'examples/research-team.json', '--script', script]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('invalid script');
    expect(r.err).toMatch(/rules\[0\]\.when: .*lastUser/);
  });

  it('exits 2 on unknown commands and options', async () => {
    expect((await cli(['launch'])).code).toBe(2);
    const r = await cli(['run', 'examples/research-team.json', '--inptu', '{}']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown option '--inptu'");
    expect((await cli(['--help'])).code).toBe(0);
  });

  it('pauses at a human node (exit 1 with a hint) and continues with --approve', async () => {
    const base = [
      'run',
      'examples/human-approval.json',
      '-s',
      'examples/human-approval.script.json',
      '-i',
      '{"news":"x"}',
    ];
    const paused = await cli(base);
    expect(paused.code).toBe(1);
    expect(JSON.parse(paused.out).status).toBe('paused');
    expect(paused.err).toContain('waiting for approval; give the payload with --approve approval=');

    const approved = await cli([...base, '--approve', 'approval={"approved":true}']);
    expect(approved.code).toBe(0);
    expect(JSON.parse(approved.out).output).toMatchObject({ approved: true, note: '' });

    const badPayload = await cli([...base, '--approve', 'approval={"approved":"yes"}']);
    expect(badPayload.code).toBe(2);
    expect(badPayload.err).toContain('approved: ');
  });

  it('cancels the execution on Ctrl-C and exits 1', async () => {
    const slow = write('slow.json', {
      name: 'slow',
      agents: [
        { id: 'in', type: 'input' },
        { id: 'wait', type: 'delay', config: { ms: 60_000 } },
      ],
      connections: [{ id: 'c', sourceAgentId: 'in', targetAgentId: 'wait' }],
    });
    const io = testIo({ cwd: root });
    const running = main(['run', slow], io);
    await new Promise((resolve) => setTimeout(resolve, 50));
    io.interrupt();
    expect(await running).toBe(1);
    expect(JSON.parse(io.out())).toMatchObject({ status: 'cancelled', error: { code: 'AF_CANCELLED' } });
    expect(io.err()).toContain('cancelling');
  });

  it('draws live progress on a terminal, then the output', async () => {
    const r = await cli(['run', 'examples/research-team.json', '-s', 'examples/research-team.script.json'], {
      tty: true,
    });
    expect(r.code).toBe(0);
    expect(r.out).toContain('\x1b[2K'); // lines are redrawn in place
    const plain = r.out.replace(new RegExp(`${'\u001b'}\\[[0-9;?]*[A-Za-z]`, 'g'), '');
    expect(plain).toMatch(/✓ economist +agent +done +\d+ms +\d+ tok/);
    expect(plain).toMatch(/✓ succeeded in \d+ms · 7 steps · \d+ tokens/);
    expect(plain).toContain('Output:\nHeat pumps: a brief.');
  });
});

describe('agentflow schema and node-types', () => {
  it('prints the workflow JSON Schema with each node type config', async () => {
    const r = await cli(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.out);
    expect(schema.$id).toBe('https://agentflow.dev/schema/workflow.json');
    const rules = schema.properties.agents.items.allOf as {
      if: unknown;
      then: { properties: { config: { required?: string[]; properties: Record<string, unknown> } } };
    }[];
    const agent = rules.find((x) => JSON.stringify(x.if).includes('"const":"agent"'));
    // provider and model may both be left out (the workspace's default model): neither is required.
    expect(agent?.then.properties.config.properties).toHaveProperty('model');
    expect(agent?.then.properties.config.required ?? []).not.toContain('model');
    expect(rules).toHaveLength(11);
  });

  it('lists the registered node types with descriptions', async () => {
    const r = await cli(['node-types']);
    expect(r.code).toBe(0);
    for (const type of [
      'input',
      'output',
      'transform',
      'router',
      'loop',
      'human',
      'subworkflow',
      'agent',
      'tool',
      'delay',
    ])
      expect(r.out).toMatch(new RegExp(`^${type} +\\w+ +\\S`, 'm'));
    const json = JSON.parse((await cli(['node-types', '--json'])).out) as { type: string }[];
    expect(json.map((t) => t.type)).toContain('router');
  });
});

describe('the agentflow process', () => {
  const run = promisify(execFile);
  const spawnCli = (args: string[]) =>
    run('npx', ['tsx', 'apps/cli/src/main.ts', ...args], { cwd: root }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  it('exits with the command exit code', async () => {
    const ok = await spawnCli(['validate', 'examples/research-team.json']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('valid');
    const bad = await spawnCli(['validate', write('broken4.json', invalidWorkflow)]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain('[AF_UNKNOWN_NODE_TYPE]');
  });
});
