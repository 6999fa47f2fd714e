/**
 * Profiles one benchmark workload with `node --cpu-prof` in a fresh process and prints the hottest functions
 * (self time, and inclusive time of AgentFlow's own functions).
 *
 *   tsx bench/profile.ts chain|fanout|sleep|called|throughput [--runs N] [--top N] [--keep]
 *
 * Locations point into the built dist/ files; their source maps lead back to src/.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ThroughputParams } from './child/throughput.js';
import type { WorkloadName, WorkloadParams } from './child/workload.js';
import { runTsChild } from './harness.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotFunction {
  name: string;
  location: string;
  ms: number;
  share: number;
}

function location(node: ProfileNode): string {
  const url = node.callFrame.url
    .replace(/^file:\/\//, '')
    .replace(/.*\/(packages|adapters|node_modules)\//, '$1/');
  return url ? `${url}:${node.callFrame.lineNumber + 1}` : '';
}

/** Self and inclusive time per function (name + location), largest first. */
export function summarize(profile: CpuProfile): {
  totalMs: number;
  self: HotFunction[];
  inclusive: HotFunction[];
} {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const spent = new Map<number, number>();
  // timeDeltas[i] is the time before sample i, so sample i lasted until the next one.
  profile.samples.forEach((id, i) => {
    spent.set(id, (spent.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  });
  const key = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'}\t${location(n)}`;
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  for (const [id, us] of spent) {
    total += us;
    const k = key(byId.get(id)!);
    self.set(k, (self.get(k) ?? 0) + us);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const kk = key(byId.get(cur)!);
      if (seen.has(kk)) continue;
      seen.add(kk);
      inclusive.set(kk, (inclusive.get(kk) ?? 0) + us);
    }
  }
  const list = (m: Map<string, number>) =>
    [...m]
      .map(([k, us]) => {
        const [name, loc] = k.split('\t') as [string, string];
        return { name, location: loc, ms: us / 1000, share: us / total };
      })
      .sort((a, b) => b.ms - a.ms);
  return { totalMs: total / 1000, self: list(self), inclusive: list(inclusive) };
}

function print(title: string, rows: HotFunction[], top: number): void {
  console.log(`\n${title}`);
  for (const r of rows.slice(0, top)) {
    console.log(
      `${(r.share * 100).toFixed(1).padStart(6)}%  ${r.ms.toFixed(0).padStart(7)} ms  ${r.name}  ${r.location}`,
    );
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const workload = (args[0] ?? 'throughput') as WorkloadName | 'throughput';
  const opt = (name: string, dflt: number) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : dflt;
  };
  const top = opt('--top', 30);
  const dir = await mkdtemp(join(tmpdir(), 'agentflow-prof-'));
  const flags = ['--cpu-prof', `--cpu-prof-dir=${dir}`];
  const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
  let report: unknown;
  if (workload === 'throughput') {
    const params: ThroughputParams = {
      mode: 'engine',
      executions: 1000,
      inFlight: 50,
      warmupRounds: 2,
      rounds: opt('--runs', 30),
    };
    report = await runTsChild(here('./child/throughput.ts'), params, flags);
  } else {
    const runs = opt('--runs', workload === 'sleep' ? 100 : 2000);
    const params: WorkloadParams = { workload, runs };
    report = await runTsChild(here('./child/workload.ts'), params, flags);
  }
  console.log(JSON.stringify(report));
  const file = (await readdir(dir)).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile written to ${dir}`);
  const summary = summarize(JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile);
  console.log(`profile: ${summary.totalMs.toFixed(0)} ms sampled`);
  print('self time (all functions)', summary.self, top);
  print(
    'inclusive time (AgentFlow packages)',
    summary.inclusive.filter((r) => r.location.startsWith('packages/')),
    top,
  );
  if (args.includes('--keep')) console.log(`\nprofile kept: ${join(dir, file)}`);
  else await rm(dir, { recursive: true, force: true });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
