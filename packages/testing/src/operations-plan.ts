/**
 * The data set of the OperationsStore contract: executions of two workspaces over the last 35 days, generated
 * deterministically (the same records on every store), and the one way they are written, through the Store port.
 * What the figures over them must be is computed apart, in operations-expected.ts.
 */
import type { Store } from '@agentflow/core';
import type { ExecutionRecord, ExecutionStatus, ModelCallRecord, StepRecord } from '@agentflow/protocol';
import { fixtureWorkflow } from './fixtures.js';

/** A small deterministic generator (the data must be the same on every store). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface Planned {
  execution: ExecutionRecord;
  steps: StepRecord[];
  /** Final status and completion. */
  status: ExecutionStatus;
  completedAt?: number;
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/**
 * Executions of two workspaces over the last 35 days (ended long ago, ended a moment ago, running, paused),
 * with succeeded, failed, skipped and waiting steps, model calls of two providers, a child execution and a fork
 * with a reused step: the expected figures are computed here from these raw records, independently of the store.
 */
export function plan(now: number): Planned[] {
  const rnd = lcg(42);
  const out: Planned[] = [];
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  for (let n = 0; n < 90; n++) {
    const id = `ops-${n}`;
    const workspaceId = n % 3 === 2 ? 'ws-b' : 'ws-a';
    const workflowId = pick(['wf-1', 'wf-2']);
    // Most in the last 30 days, some older; several in the last hour and minute.
    const age =
      n < 8
        ? Math.floor(rnd() * 50_000) + 1000
        : n < 20
          ? Math.floor(rnd() * HOUR)
          : Math.floor(rnd() * 35 * DAY);
    const createdAt = now - age;
    const startedAt = createdAt + Math.floor(rnd() * 500);
    const status: ExecutionStatus =
      n % 11 === 0
        ? 'running'
        : n % 13 === 0
          ? 'paused'
          : pick(['succeeded', 'succeeded', 'failed', 'cancelled']);
    const steps: StepRecord[] = [];
    let t = startedAt;
    const agents = ['a', 'b', 'c'].slice(0, 1 + Math.floor(rnd() * 3));
    for (const [seq, agentId] of agents.entries()) {
      const stepStatus = pick<StepRecord['status']>(['succeeded', 'succeeded', 'failed', 'skipped']);
      const duration = Math.floor(rnd() * 3000);
      const calls: ModelCallRecord[] = [];
      for (let k = Math.floor(rnd() * 3); k > 0; k--) {
        const ok = rnd() > 0.25;
        calls.push({
          provider: pick(['openai', 'anthropic']),
          model: pick(['m-small', 'm-large']),
          status: ok ? 'ok' : 'error',
          latencyMs: Math.floor(rnd() * 900),
          ...(ok
            ? {
                inputTokens: Math.floor(rnd() * 1000),
                outputTokens: Math.floor(rnd() * 500),
                costUsd: Math.round(rnd() * 1e6) / 1e8,
              }
            : {}),
        });
      }
      const usage = {
        inputTokens: calls.reduce((a, c) => a + (c.inputTokens ?? 0), 0),
        outputTokens: calls.reduce((a, c) => a + (c.outputTokens ?? 0), 0),
        costUsd: calls.reduce((a, c) => a + (c.costUsd ?? 0), 0),
      };
      steps.push({
        id: `${id}:${agentId}:0${stepStatus === 'skipped' ? ':skipped' : ''}`,
        executionId: id,
        agentId,
        iteration: 0,
        seq,
        status: stepStatus,
        attempt: 1,
        startedAt: t,
        completedAt: t + duration,
        ...(stepStatus === 'skipped' ? {} : { usage, modelCalls: calls }),
      });
      t += duration;
    }
    if (status === 'paused') {
      steps.push({
        id: `${id}:review:0:waiting`,
        executionId: id,
        agentId: 'review',
        iteration: 0,
        seq: steps.length,
        status: 'waiting',
        attempt: 1,
        startedAt: t,
        completedAt: t + 5,
      });
      t += 5;
    }
    const ended = status === 'succeeded' || status === 'failed' || status === 'cancelled';
    const execution: ExecutionRecord = {
      id,
      workflowId,
      workflowVersion: 1,
      workflow: fixtureWorkflow(),
      workspaceId,
      status: 'running',
      input: { n },
      createdAt,
      startedAt,
      ready: [],
      waiting: [],
      stepCount: 0,
      usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
    };
    out.push({ execution, steps, status, ...(ended ? { completedAt: Math.min(now - 1, t + 10) } : {}) });
  }
  return out;
}

/** Writes the plan through the Store port: created running, steps committed one by one, then ended or paused. */
export async function write(store: Store, planned: Planned[]): Promise<void> {
  for (const p of planned) {
    await store.createExecution(p.execution);
    for (const s of p.steps) {
      await store.commitStep({
        executionId: p.execution.id,
        steps: [s],
        messages: [],
        ready: [],
        waiting: s.status === 'waiting' ? [s.agentId] : [],
        ...(s.usage ? { usage: s.usage } : {}),
      });
    }
    if (p.status === 'paused') await store.updateExecution(p.execution.id, { status: 'paused' });
    else if (p.completedAt !== undefined)
      await store.updateExecution(p.execution.id, { status: p.status, completedAt: p.completedAt });
  }
}
