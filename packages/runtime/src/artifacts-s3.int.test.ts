/**
 * Issue 13 item 3: with `ARTIFACTS_URL=s3://bucket/prefix` every runtime keeps the `files` tool's artifacts in
 * S3 (here a local S3-compatible endpoint), so two processes with their own data directories, sharing a
 * PostgreSQL store, see the same files: one writes an artifact and pauses, the other resumes the execution and
 * reads it back. On local disk (the default) the second process would not find it.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeS3, startFakeS3 } from '../../../adapters/tools/src/test-support/fake-s3.js';
import { createRuntime, type Runtime } from './runtime.js';
import { type Deployment, openDeployment } from './test-support/distributed.js';

const DATABASE_URL = process.env.DATABASE_URL;
const REDIS_URL = process.env.REDIS_URL;
if (!DATABASE_URL) console.warn('artifacts-s3.int.test.ts: skipped, DATABASE_URL is not set');

const workflow = {
  name: 'report',
  agents: [
    { id: 'in', type: 'input' },
    {
      id: 'write',
      type: 'tool',
      config: { tool: 'files', args: "{'action': 'write', 'name': 'out/report.txt', 'content': input.text}" },
    },
    { id: 'review', type: 'human', config: { prompt: 'Publish the report?' } },
    {
      id: 'read',
      type: 'tool',
      config: { tool: 'files', args: "{'action': 'read', 'name': 'out/report.txt'}" },
    },
    { id: 'out', type: 'output' },
  ],
  connections: [
    { id: 'a', sourceAgentId: 'in', targetAgentId: 'write' },
    { id: 'b', sourceAgentId: 'write', targetAgentId: 'review' },
    { id: 'c', sourceAgentId: 'review', targetAgentId: 'read' },
    { id: 'd', sourceAgentId: 'read', targetAgentId: 'out' },
  ],
};

describe.skipIf(!DATABASE_URL)('S3 artifacts shared by runtimes (ARTIFACTS_URL)', () => {
  const schema = `af_s3art_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const dirs: string[] = [];
  const open: Runtime[] = [];
  let s3: FakeS3;
  let env: Record<string, string>;

  const start = async (): Promise<Runtime> => {
    const dataDir = await mkdtemp(join(tmpdir(), 'af-s3-runtime-'));
    dirs.push(dataDir);
    const runtime = await createRuntime({ env, config: { dataDir } });
    open.push(runtime);
    return runtime;
  };

  beforeAll(async () => {
    s3 = await startFakeS3('agentflow-artifacts');
    env = {
      DATABASE_URL: DATABASE_URL!,
      AGENTFLOW_DB_SCHEMA: schema,
      AGENTFLOW_TOOL_APPROVAL: 'none',
      ARTIFACTS_URL: 's3://agentflow-artifacts/team-a/',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9/not-this-one',
      ARTIFACTS_S3_ENDPOINT: s3.url,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'AKIDTEST',
      AWS_SECRET_ACCESS_KEY: 'secret-test',
    };
  });
  afterAll(async () => {
    for (const runtime of open) await runtime.close().catch(() => undefined);
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
    await s3?.close();
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('one runtime writes an artifact, another (its own data directory) reads it back', async () => {
    const first = await start();
    const wf = await first.workflows.create(workflow);
    const { executionId, done } = await first.workflows.execute(wf.id, { text: 'Q3 numbers: all green' });
    expect(await done).toMatchObject({ status: 'paused' });
    const keys = [...s3.objects.keys()];
    expect(keys).toEqual([
      expect.stringMatching(new RegExp(`^team-a/.+/${wf.id}/${executionId}/out/report\\.txt$`)),
    ]);
    // Signed with the configured region and key.
    expect(String(s3.requests.at(-1)?.headers.authorization)).toContain('AKIDTEST/');
    expect(String(s3.requests.at(-1)?.headers.authorization)).toContain('/eu-west-1/s3/');
    await first.close();

    const second = await start();
    const resumed = await second.executions.submitApproval(executionId, 'review', { publish: true });
    expect(await resumed.done).toMatchObject({
      status: 'succeeded',
      output: { name: 'out/report.txt', content: 'Q3 numbers: all green' },
    });
  });
});

describe.skipIf(!DATABASE_URL || !REDIS_URL)(
  'S3 artifacts in the api and worker roles (needs REDIS_URL)',
  () => {
    let s3: FakeS3;
    let deployment: Deployment | undefined;

    beforeAll(async () => {
      s3 = await startFakeS3('agentflow-artifacts');
      deployment = await openDeployment('s3roles', {
        workers: 2,
        env: {
          AGENTFLOW_TOOL_APPROVAL: 'none',
          ARTIFACTS_URL: 's3://agentflow-artifacts',
          ARTIFACTS_S3_ENDPOINT: s3.url,
          AWS_ACCESS_KEY_ID: 'AKIDTEST',
          AWS_SECRET_ACCESS_KEY: 'secret-test',
        },
      });
    });
    afterAll(async () => {
      await deployment?.close();
      await s3?.close();
    });

    it('workers write and read the same store; the API process resumes the execution in between', async () => {
      const { api } = deployment!;
      const wf = await api.workflows.create(workflow);
      const { executionId, done } = await api.workflows.execute(wf.id, { text: 'from a worker' });
      expect(await done).toMatchObject({ status: 'paused' });
      expect([...s3.objects.keys()]).toEqual([
        expect.stringMatching(new RegExp(`/${wf.id}/${executionId}/out/report\\.txt$`)),
      ]);
      const resumed = await api.executions.submitApproval(executionId, 'review', { publish: true });
      expect(await resumed.done).toMatchObject({
        status: 'succeeded',
        output: { name: 'out/report.txt', content: 'from a worker' },
      });
    });
  },
);
