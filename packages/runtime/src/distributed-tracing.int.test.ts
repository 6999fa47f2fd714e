/**
 * Traces across processes on real PostgreSQL and Redis (issue 17 item 1): the API runtime queues an execution
 * with the current trace context in the job's data, and the worker that runs it continues that trace (its
 * `workflow.execute` span is a child of the API's span). A paused execution resumed later by a worker starts a
 * new trace linked to the context its resume was queued with.
 */
import { defineNodeType } from '@agentflow/core';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Deployment, openDeployment } from './test-support/distributed.js';

const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;

const echoNode = defineNodeType({
  type: 'echo',
  configSchema: z.object({}).passthrough(),
  run: ({ input }) => ({ echoed: input }),
});

const straight = {
  name: 'traced-distributed',
  agents: [
    { id: 'in', type: 'input' },
    { id: 'echo', type: 'echo', config: {} },
  ],
  connections: [{ id: 'c1', sourceAgentId: 'in', targetAgentId: 'echo' }],
};

const approval = {
  name: 'traced-approval',
  agents: [
    { id: 'in', type: 'input' },
    {
      id: 'review',
      type: 'human',
      config: {
        prompt: 'Go?',
        schema: { type: 'object', properties: { approved: { type: 'boolean' } }, required: ['approved'] },
      },
    },
    { id: 'echo', type: 'echo', config: {} },
  ],
  connections: [
    { id: 'c1', sourceAgentId: 'in', targetAgentId: 'review' },
    { id: 'c2', sourceAgentId: 'review', targetAgentId: 'echo' },
  ],
};

const exporter = new InMemorySpanExporter();

function executionSpans(executionId: string): ReadableSpan[] {
  return exporter
    .getFinishedSpans()
    .filter((s) => s.name === 'workflow.execute' && s.attributes['agentflow.execution.id'] === executionId);
}

describe.skipIf(!databaseUrl || !redisUrl)('distributed traces (needs DATABASE_URL and REDIS_URL)', () => {
  let deployment: Deployment | undefined;
  beforeAll(async () => {
    deployment = await openDeployment('dtrace', {
      workers: 1,
      nodeTypes: [echoNode],
      traceExporter: exporter,
    });
  });
  afterAll(async () => {
    await deployment?.close();
  });

  it('the worker continues the trace of the API process that queued the execution', async () => {
    const { api } = deployment!;
    const tracing = api.tracing!;
    const wf = await api.workflows.create(straight);
    // The API's current context (the server makes one per HTTP request, server/src/tracing.ts).
    const request = tracing.tracer.startSpan('POST /api/v1/workflows/:id/execute', {
      kind: 'server',
      root: true,
    });
    tracing.enter(request);
    const { executionId, done } = await api.workflows.execute(wf.id, { n: 1 });
    request.end();
    expect(await done).toMatchObject({ status: 'succeeded' });
    await deployment!.drained();

    const [execution, ...more] = executionSpans(executionId);
    expect(more).toEqual([]);
    const requestId = request.traceparent().split('-');
    expect(execution!.spanContext().traceId).toBe(requestId[1]);
    expect(execution!.parentSpanContext?.spanId).toBe(requestId[2]);
    expect(execution!.attributes).toMatchObject({
      'agentflow.execution.status': 'succeeded',
      'agentflow.execution.resumed': false,
    });
    // The worker's steps hang off it.
    const steps = exporter
      .getFinishedSpans()
      .filter((s) => s.spanContext().traceId === requestId[1] && s.name.startsWith('step '));
    expect(steps.map((s) => s.name).sort()).toEqual(['step echo', 'step in']);
    for (const s of steps) expect(s.parentSpanContext?.spanId).toBe(execution!.spanContext().spanId);
  });

  it('a resumed execution starts a new trace linked to the context its resume was queued with', async () => {
    const { api } = deployment!;
    const tracing = api.tracing!;
    const wf = await api.workflows.create(approval);
    const start = tracing.tracer.startSpan('start', { root: true });
    tracing.enter(start);
    const { executionId, done } = await api.workflows.execute(wf.id, { n: 2 });
    start.end();
    expect(await done).toMatchObject({ status: 'paused' });
    await deployment!.drained();

    const approve = tracing.tracer.startSpan('POST /api/v1/executions/:id/approve', { root: true });
    tracing.enter(approve);
    const approved = await api.executions.submitApproval(executionId, 'review', { approved: true });
    approve.end();
    expect(await approved.done).toMatchObject({ status: 'succeeded' });
    await deployment!.drained();

    const runs = executionSpans(executionId);
    expect(runs.map((s) => s.attributes['agentflow.execution.resumed'])).toEqual([false, true]);
    const [first, resumed] = runs as [ReadableSpan, ReadableSpan];
    expect(first.spanContext().traceId).toBe(start.traceparent().split('-')[1]);
    expect(first.attributes['agentflow.execution.status']).toBe('paused');
    const link = approve.traceparent().split('-');
    expect(resumed.spanContext().traceId).not.toBe(link[1]);
    expect(resumed.parentSpanContext).toBeUndefined();
    expect(resumed.links.map((l) => [l.context.traceId, l.context.spanId])).toEqual([[link[1], link[2]]]);
    expect(resumed.attributes['agentflow.execution.status']).toBe('succeeded');
  });
});
