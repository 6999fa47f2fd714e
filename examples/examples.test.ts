import { readFileSync } from 'node:fs';
import { createEngine, type ModelRequest } from '@agentflow/core';
import type { AgentFlowEvent, StepRecord } from '@agentflow/protocol';
import { createScriptedProvider, type Script } from '@agentflow/testing';
import { describe, expect, it } from 'vitest';

const dir = new URL('./', import.meta.url);
const readJson = (file: string): unknown => JSON.parse(readFileSync(new URL(file, dir), 'utf8'));

/** Loads `<name>.json` and `<name>.script.json`, as `agentflow run --script` does. */
function example(name: string, script?: Script) {
  const workflow = readJson(`${name}.json`);
  const provider = createScriptedProvider(script ?? (readJson(`${name}.script.json`) as Script));
  const engine = createEngine({ models: provider });
  const events: AgentFlowEvent[] = [];
  engine.on('event', (e) => events.push(e));
  return { workflow, provider, engine, events };
}

const stepsOf = (steps: StepRecord[], agentId: string) => steps.filter((s) => s.agentId === agentId);
const lastUser = (request: ModelRequest) => {
  const m = request.messages.findLast((x) => x.role === 'user');
  return m?.role === 'user' ? m.content : '';
};

describe('examples', () => {
  it.each(['research-team', 'writer-reviewer', 'map-over-list', 'human-approval'])('%s is valid', (name) => {
    const result = createEngine().validate(readJson(`${name}.json`));
    expect(result.ok ? [] : result.issues).toEqual([]);
  });
});

describe('research-team', () => {
  it('runs three researchers in parallel and joins their notes in the writer', async () => {
    const { workflow, provider, engine } = example('research-team');
    const result = await engine.run(workflow, { topic: 'heat pumps' });

    expect(result.status).toBe('succeeded');
    expect(result.output).toMatch(/^Heat pumps: a brief\./);
    const steps = await engine.getSteps(result.executionId);
    const researchers = ['economist', 'historian', 'technologist'].map((id) => stepsOf(steps, id)[0]!);
    expect(researchers.every((s) => s.status === 'succeeded')).toBe(true);
    // Each researcher waits 150 ms: they overlap only if every one started before any finished.
    const lastStart = Math.max(...researchers.map((s) => s.startedAt));
    const firstEnd = Math.min(...researchers.map((s) => s.completedAt));
    expect(lastStart).toBeLessThan(firstEnd);

    // The writer is the join: its input is keyed by source id and its prompt holds every note.
    const writer = stepsOf(steps, 'writer')[0]!;
    expect(Object.keys(writer.input as object).sort()).toEqual([
      'economist',
      'historian',
      'technologist',
      'topic',
    ]);
    const writerPrompt = lastUser(provider.calls.find((c) => c.system?.startsWith('You are a writer'))!);
    expect(writerPrompt).toContain('Write a brief on heat pumps');
    expect(writerPrompt).toContain('Peter von Rittinger');
    expect(writerPrompt).toContain('Subsidies cut payback');
    expect(writerPrompt).toContain('refrigerant cycle');

    const messages = await engine.store.listMessages(result.executionId);
    expect(messages.map((m) => m.connectionId).sort()).toEqual(
      [
        'economist-writer',
        'historian-writer',
        'in-topic',
        'technologist-writer',
        'topic-economist',
        'topic-historian',
        'topic-technologist',
        'topic-writer',
        'writer-out',
      ].sort(),
    );
    expect(messages.find((m) => m.connectionId === 'topic-economist')?.payload).toBe('heat pumps');
    expect(result.usage.outputTokens).toBeGreaterThan(0);
  });

  it('uses the default topic when run without input', async () => {
    const { workflow, provider, engine } = example('research-team');
    const result = await engine.run(workflow, null);
    expect(result.status).toBe('succeeded');
    expect(provider.calls.map(lastUser).filter((p) => p.startsWith('Topic: heat pumps'))).toHaveLength(3);
  });

  it('rejects input that does not match its schema', async () => {
    const { workflow, engine } = example('research-team');
    await expect(engine.run(workflow, { topik: 'typo' })).rejects.toMatchObject({ code: 'AF_INVALID_INPUT' });
  });
});

describe('writer-reviewer', () => {
  it('revises once, then takes the approved route', async () => {
    const { workflow, provider, engine } = example('writer-reviewer');
    const result = await engine.run(workflow, { topic: 'Lumen' });

    expect(result.status).toBe('succeeded');
    expect(result.output).toEqual({
      draft: expect.stringContaining('ships in May for 49 euros'),
      approved: true,
    });
    expect(stepsOf(await engine.getSteps(result.executionId), 'writer').map((s) => s.iteration)).toEqual([
      0, 1,
    ]);
    expect(stepsOf(await engine.getSteps(result.executionId), 'reviewer')).toHaveLength(2);
    expect(stepsOf(await engine.getSteps(result.executionId), 'gate').map((s) => s.route)).toEqual([
      'revise',
      'approved',
    ]);

    // The second draft is written with the reviewer's feedback and the first draft in the prompt.
    const writerPrompts = provider.calls.filter((c) => c.system?.startsWith('You write')).map(lastUser);
    expect(writerPrompts).toHaveLength(2);
    expect(writerPrompts[0]).not.toContain('REVISE');
    expect(writerPrompts[1]).toContain('REVISE: say when it ships and what it costs.');
    expect(writerPrompts[1]).toContain('warm evening light on its own.');

    const messages = await engine.store.listMessages(result.executionId);
    expect(messages.filter((m) => m.connectionId === 'revise')).toHaveLength(1);
    expect(messages.filter((m) => m.connectionId === 'approved')).toHaveLength(1);
    expect(messages.filter((m) => m.connectionId === 'exhausted')).toHaveLength(0);
  });

  it('stops after maxIterations through the exhausted route when the reviewer never approves', async () => {
    const never: Script = {
      rules: [
        { when: { systemIncludes: 'You write' }, reply: 'A draft.' },
        { when: { systemIncludes: 'You review' }, reply: 'REVISE: try again.' },
      ],
    };
    const { workflow, engine } = example('writer-reviewer', never);
    const result = await engine.run(workflow, null);

    expect(result.status).toBe('succeeded');
    expect(result.output).toEqual({ draft: 'A draft.', approved: false });
    expect(stepsOf(await engine.getSteps(result.executionId), 'writer').map((s) => s.iteration)).toEqual([
      0, 1, 2,
    ]);
    expect(stepsOf(await engine.getSteps(result.executionId), 'gate').map((s) => s.route)).toEqual([
      'revise',
      'revise',
      'exhausted',
    ]);
  });
});

describe('map-over-list', () => {
  it('maps the body over every item, two at a time, keeping item order', async () => {
    const { workflow, provider, engine, events } = example('map-over-list');
    let running = 0;
    let peak = 0;
    engine.on('event', (e) => {
      if (e.type === 'execution.started' && e.parentExecutionId) peak = Math.max(peak, ++running);
      if (e.type === 'execution.completed' && e.executionId.includes('/')) running--;
    });
    const items = [
      'The battery dies by noon.',
      'What a screen!',
      'Where is the charger?',
      'Support was great.',
      'Worth the price.',
    ];
    const result = await engine.run(workflow, { items });

    expect(result.status).toBe('succeeded');
    expect(result.output).toEqual({
      count: 5,
      summaries: [
        'Battery life too short',
        'Screen is bright and sharp',
        'Charger missing from box',
        'Support answered quickly',
        'Good value for the price',
      ],
    });
    const children = events.filter((e) => e.type === 'execution.started' && e.parentExecutionId);
    expect(children).toHaveLength(5);
    expect(peak).toBe(2);
    expect(provider.calls).toHaveLength(5);
    expect(stepsOf(await engine.getSteps(result.executionId), 'each')[0]!.output).toEqual(
      items.map((feedback, i) => ({
        feedback,
        summary: (result.output as { summaries: string[] }).summaries[i],
      })),
    );
  });

  it('falls back to the sample reviews without input', async () => {
    const { workflow, engine } = example('map-over-list');
    const result = await engine.run(workflow, null);
    expect(result.status).toBe('succeeded');
    expect((result.output as { count: number }).count).toBe(5);
  });
});

describe('human-approval', () => {
  const input = { news: 'Berlin office opens 3 June' };

  it('pauses for a person, rejects a bad payload, and finishes with the decision', async () => {
    const { workflow, engine } = example('human-approval');
    const paused = await engine.run(workflow, input);
    expect(paused.status).toBe('paused');
    expect((await engine.store.getExecution(paused.executionId))?.waiting).toEqual(['approval']);

    await expect(engine.approve(paused.executionId, 'approval', { approved: 'yes' })).rejects.toMatchObject({
      code: 'AF_INVALID_RESUME_PAYLOAD',
    });
    const done = await engine.approve(paused.executionId, 'approval', { approved: false, note: 'not yet' });
    expect(done.status).toBe('succeeded');
    expect(done.output).toEqual({
      post: 'Our new Berlin office opens on 3 June: come and say hello!',
      approved: false,
      note: 'not yet',
    });
    // The draft ran once: resuming never re-runs completed steps.
    expect(
      (await engine.getSteps(done.executionId)).filter(
        (s) => s.agentId === 'draft' && s.status === 'succeeded',
      ),
    ).toHaveLength(1);
  });
});
