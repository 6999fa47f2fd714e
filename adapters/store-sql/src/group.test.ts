import { describe, expect, it } from 'vitest';
import { createWriteGroup, type Write } from './group.js';

/** A write group over a recording executor: every statement's keys, and its failures on demand. */
function recording(options: Parameters<typeof createWriteGroup>[1] = {}) {
  const statements: string[][] = [];
  const failing = new Set<string>();
  const group = createWriteGroup(
    {
      w: {
        async run(writes: Write[]) {
          statements.push(writes.map((w) => w.key));
          if (writes.some((w) => failing.has(w.key))) throw new Error('constraint violated');
          for (const w of writes) w.resolve(w.input);
        },
      },
    },
    options,
  );
  return { group, statements, failing };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('write group', () => {
  it('groups writes of different executions that arrive on separate event-loop turns', async () => {
    const { group, statements } = recording();
    await group.submit('w', 'first', 0);
    // Ten callbacks of one turn (ten HTTP requests read together), each writing for its own execution.
    const pending: Promise<unknown>[] = [];
    await new Promise<void>((resolve) => {
      for (let i = 0; i < 10; i++) setImmediate(() => pending.push(group.submit('w', `e${i}`, i)));
      setImmediate(resolve);
    });
    expect(await Promise.all(pending)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(statements).toEqual([['first'], ['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8', 'e9']]);
  });

  /** Whether the write is applied before the event loop turns (no waiting for other callbacks). */
  async function appliedWithinTurn(write: () => Promise<unknown>): Promise<boolean> {
    let turned = false;
    setImmediate(() => {
      turned = true;
    });
    await write();
    return !turned;
  }

  it('never makes a lone sequential execution wait for the next turn', async () => {
    const { group, statements } = recording();
    for (let i = 0; i < 5; i++) {
      expect(await appliedWithinTurn(() => group.submit('w', 'chain', i))).toBe(true);
    }
    expect(statements).toHaveLength(5);
  });

  it('does not wait when grouping is off, or after a quiet spell', async () => {
    const off = recording({ enabled: false });
    await off.group.submit('w', 'a', 1);
    expect(await appliedWithinTurn(() => off.group.submit('w', 'b', 2))).toBe(true);
    const quiet = recording({ coalesceWindowMs: 1 });
    await quiet.group.submit('w', 'a', 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await appliedWithinTurn(() => quiet.group.submit('w', 'b', 2))).toBe(true);
    const busy = recording();
    await busy.group.submit('w', 'a', 1);
    await turn();
    expect(await appliedWithinTurn(() => busy.group.submit('w', 'b', 2))).toBe(false);
  });

  it("applies one execution's writes in call order, one per statement", async () => {
    const { group, statements } = recording();
    await group.submit('w', 'x', 0);
    await turn();
    const all = [group.submit('w', 'a', 1), group.submit('w', 'a', 2), group.submit('w', 'b', 3)];
    expect(await Promise.all(all)).toEqual([1, 2, 3]);
    expect(statements.slice(1)).toEqual([['a', 'b'], ['a']]);
  });

  it('retries a failed group one write at a time, so only the faulty write fails', async () => {
    const { group, statements, failing } = recording();
    failing.add('bad');
    await group.submit('w', 'x', 0);
    const all = ['ok1', 'bad', 'ok2'].map((key) => group.submit('w', key, key));
    const settled = await Promise.allSettled(all);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(statements.slice(1)).toEqual([['ok1', 'bad', 'ok2'], ['ok1'], ['bad'], ['ok2']]);
    await group.drain();
  });
});
