import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeOpenAI } from '@agentflow/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import { testIo } from './test-support/io.js';

const dir = mkdtempSync(join(tmpdir(), 'agentflow-cassette-'));
const workflow = join(dir, 'wf.json');
const cassette = join(dir, 'cassette.json');
writeFileSync(
  workflow,
  JSON.stringify({
    name: 'ask',
    agents: [
      { id: 'in', type: 'input' },
      {
        id: 'bot',
        type: 'agent',
        config: { provider: 'openai', model: 'gpt-4o-mini', prompt: 'Define {{input}}' },
      },
    ],
    connections: [{ id: 'c', sourceAgentId: 'in', targetAgentId: 'bot' }],
  }),
);

describe('record and replay model responses from the CLI', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('records against a provider, then replays the same run without any provider', async () => {
    const server = await startFakeOpenAI();
    server.setDefault({ text: 'A word for a thing.' });
    const env = { OPENAI_API_KEY: 'test', OPENAI_BASE_URL: server.baseURL };
    const recording = testIo({ cwd: dir, env });
    const recorded = await main(
      ['run', workflow, '--input', '"agent"', '--record', cassette, '--json'],
      recording,
    );
    await server.close();
    expect(recorded, recording.err()).toBe(0);
    expect(JSON.parse(recording.out()).output).toBe('A word for a thing.');
    expect(server.requests.length).toBe(1);

    const replaying = testIo({ cwd: dir, env: {} }); // no key, no server: only the cassette can answer
    const replayed = await main(
      ['run', workflow, '--input', '"agent"', '--replay', cassette, '--json'],
      replaying,
    );
    expect(replayed, replaying.err()).toBe(0);
    expect(JSON.parse(replaying.out()).output).toBe('A word for a thing.');

    // A request the cassette has not seen fails clearly instead of reaching a provider.
    const miss = testIo({ cwd: dir, env: {} });
    expect(await main(['run', workflow, '--input', '"other"', '--replay', cassette, '--json'], miss)).toBe(1);
    expect(miss.out()).toContain('AF_PROVIDER_ERROR');
  });
});
