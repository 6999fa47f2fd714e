/**
 * Adapter overheads (issues 4 and 5 targets): the model provider layer against the fake OpenAI server on
 * loopback (adapter minus a raw fetch of the same request), tool dispatch of a no-op built-in tool, an MCP
 * Streamable HTTP call to a local no-op tool, and sandbox start + trivial script.
 */
import { benchProviderOverhead } from '@agentflow/models/bench';
import { benchSandbox } from '@agentflow/sandbox/bench';
import { startFakeOpenAI } from '@agentflow/testing';
import { benchMcpHttpCall, benchToolDispatch } from '@agentflow/tools/bench';
import type { BenchSuite, Result, SuiteOptions } from '../types.js';

const suite: BenchSuite = {
  name: 'adapters (models, tools, sandbox)',
  async run(options: SuiteOptions = { size: 'full' }): Promise<Result[]> {
    const full = options.size === 'full';
    const models = await benchProviderOverhead({
      startServer: () => startFakeOpenAI({ record: false }),
      iterations: full ? 2000 : 20,
      warmup: full ? 300 : 5,
    });
    const dispatch = await benchToolDispatch({ iterations: full ? 20_000 : 50, warmup: full ? 2000 : 5 });
    const mcp = await benchMcpHttpCall({ iterations: full ? 1000 : 10, warmup: full ? 100 : 2 });
    const sandbox = await benchSandbox({ iterations: full ? 500 : 5, warmup: full ? 50 : 1 });
    return [
      {
        name: 'model provider overhead per call (p50, excl. network)',
        unit: 'ms',
        // A difference of two medians: at smoke size (or on a busy machine) noise can make it negative.
        value: Math.max(models.overheadP50Ms, 0.001),
        target: { op: '<=', value: 0.2, label: '≤ 0.2 ms' },
        details: {
          rawFetchP50Ms: models.rawFetch.p50Ms,
          adapterP50Ms: models.adapter.p50Ms,
          meanMs: models.overheadMeanMs,
          // The AI SDK's chat model alone on the same request (its share of the overhead; the rest is this layer).
          sdkP50Ms: models.sdk.p50Ms,
          sdkOverheadP50Ms: models.sdkOverheadP50Ms,
        },
      },
      {
        name: 'model streaming: first token (p50)',
        unit: 'ms',
        value: models.firstTokenP50Ms,
        target: { op: '<=', value: 5, label: '≤ 5 ms' },
      },
      {
        name: 'tool dispatch, no-op built-in tool (mean)',
        unit: 'µs',
        value: dispatch.host.meanUs,
        target: { op: '<=', value: 50, label: '≤ 50 µs' },
        details: { p50Us: dispatch.host.p50Us },
      },
      {
        name: 'MCP Streamable HTTP call to a local no-op tool (median)',
        unit: 'ms',
        value: mcp.call.p50Us / 1000,
        target: { op: '<=', value: 2, label: '≤ 2 ms' },
        details: { meanUs: mcp.call.meanUs, p95Us: mcp.call.p95Us },
      },
      {
        name: 'sandbox start + trivial script (p50, warm pool)',
        unit: 'ms',
        value: sandbox.run.p50Ms,
        target: { op: '<=', value: 5, label: '≤ 5 ms' },
        details: { coldStartMs: sandbox.coldStartMs, p95Ms: sandbox.run.p95Ms },
      },
    ];
  },
};

export default suite;
