/**
 * The HTTP client of expression-dos.test.ts, on a worker thread: it starts an execution and reads it as the web
 * app does (the overview until it ends, then each step), so that parsing megabytes of responses happens on this
 * thread and the server's event loop, sampled on the main thread, carries only the server's own work.
 */
import { parentPort, workerData } from 'node:worker_threads';

const { base, headers, workflowId, input } = workerData;

async function call(method, path, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

const started = await call('POST', `/workflows/${workflowId}/execute`, { input });
let executionId;
if (started.status === 202) {
  executionId = started.body.executionId;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await call('GET', `/executions/${executionId}/overview`);
    const status = res.body.execution?.status;
    if (status === 'succeeded' || status === 'failed') {
      for (const step of res.body.steps) {
        const one = await call('GET', `/executions/${executionId}/steps/${encodeURIComponent(step.id)}`);
        if (one.status !== 200) throw new Error(`step ${step.id}: HTTP ${one.status}`);
      }
      break;
    }
    if (Date.now() > deadline) throw new Error(`execution ${executionId} stayed ${status}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
parentPort.postMessage({
  started: { status: started.status, body: started.status === 202 ? started.body : started.body },
  executionId,
});
