/**
 * Test fixture run in a child process: `npx tsx durability.fixture.ts <dataDir> <run>`. Opens the embedded
 * store and writes as fast as it can from 8 concurrent executions (`<run>-<k>`), each a chain of committed steps;
 * after each acknowledged write it prints one JSON line, `{"e":"<id>","seq":n}` (seq 0: the execution was
 * created). It never stops by itself: the parent SIGKILLs it mid-write.
 */
import type { ExecutionRecord } from '@agentflow/protocol';
import { createPgliteStore } from './pglite.js';

const [dataDir, run = 'r'] = process.argv.slice(2);
const store = await createPgliteStore({ dataDir });
const ack = (e: string, seq: number) => process.stdout.write(`${JSON.stringify({ e, seq })}\n`);

function record(id: string): ExecutionRecord {
  return {
    id,
    workflowId: 'wf',
    workflowVersion: 1,
    workflow: {
      name: 'wf',
      status: 'active',
      agents: [],
      connections: [],
      config: { maxSteps: 1_000_000, concurrency: 1 },
    },
    status: 'running',
    input: { pad: 'x'.repeat(512) },
    createdAt: Date.now(),
    ready: ['s1'],
    waiting: [],
    stepCount: 0,
    usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
  };
}

async function writer(id: string): Promise<void> {
  await store.createExecution(record(id));
  ack(id, 0);
  for (let seq = 1; ; seq++) {
    const now = Date.now();
    await store.commitStep({
      executionId: id,
      steps: [
        {
          id: `${id}:s${seq}:0`,
          executionId: id,
          agentId: `s${seq}`,
          iteration: 0,
          seq,
          status: 'succeeded',
          attempt: 1,
          // Some bulk per commit, so the WAL and data files grow and checkpoints happen during the run.
          output: { seq, pad: 'y'.repeat(2048) },
          startedAt: now,
          completedAt: now,
        },
      ],
      messages: [],
      ready: [`s${seq + 1}`],
      waiting: [],
    });
    ack(id, seq);
  }
}

await Promise.all(Array.from({ length: 8 }, (_, k) => writer(`${run}-${k}`)));
