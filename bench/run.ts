/**
 * `npm run bench`: runs every suite in bench/suites, prints one table and writes bench/results.json.
 *
 *   tsx --tsconfig bench/tsconfig.json bench/run.ts [name-filter ...] [--smoke] [--out <file>]
 *
 * A filter keeps the suites whose name contains it. Missed targets do not fail the run (they are goals, not
 * tests); a suite that throws does (exit code 1).
 */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadSuites } from './registry.js';
import { finishResult, type Result, type SuiteOptions } from './types.js';

interface SuiteReport {
  suite: string;
  results: Result[];
  error?: string;
  durationMs: number;
}

function parseArgs(argv: string[]) {
  const filters: string[] = [];
  let size: SuiteOptions['size'] = 'full';
  let out = fileURLToPath(new URL('./results.json', import.meta.url));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--smoke') size = 'smoke';
    else if (a === '--out') out = argv[++i] ?? out;
    else filters.push(a.toLowerCase());
  }
  return { filters, size, out };
}

function fmt(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '-';
  const abs = Math.abs(n);
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 10 ? 2 : 3;
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function table(reports: SuiteReport[]): string {
  const head = ['benchmark', 'unit', 'AgentFlow', 'baseline', 'ratio', 'target', 'result'];
  const rows: string[][] = [];
  for (const r of reports) {
    rows.push([`[${r.suite}]`, '', '', '', '', '', r.error ? 'ERROR' : '']);
    if (r.error) rows.push([`  ${r.error.split('\n')[0]!.slice(0, 100)}`, '', '', '', '', '', '']);
    for (const x of r.results) {
      if (x.skipped !== undefined) {
        rows.push([`  ${x.name}`, x.unit, '', '', '', x.target?.label ?? '', `skipped: ${x.skipped}`]);
        continue;
      }
      rows.push([
        `  ${x.name}`,
        x.unit,
        fmt(x.value),
        fmt(x.baseline),
        x.ratio === undefined ? '-' : `${fmt(x.ratio)}x`,
        x.target?.label ?? '-',
        x.pass === undefined ? '' : x.pass ? 'PASS' : 'FAIL',
      ]);
    }
  }
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const right = new Set([2, 3, 4]);
  const line = (cells: string[]) =>
    cells.map((cell, c) => (right.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function gitCommit(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: 'pipe' }).trim();
  } catch {
    return undefined;
  }
}

const { filters, size, out } = parseArgs(process.argv.slice(2));
const started = performance.now();
const loadBefore = os.loadavg();

// Node prints each process warning as it comes (e.g. MaxListenersExceededWarning once per execution, which
// would bury the table); count them instead and report them once at the end.
const warnings = new Map<string, number>();
process.removeAllListeners('warning');
process.on('warning', (w) => {
  const key = `${w.name}: ${w.message}`;
  warnings.set(key, (warnings.get(key) ?? 0) + 1);
});
// The figures are of the built packages, the code users run (bench/tsconfig.json): say so when they are not.
if (!import.meta.resolve('@agentflow/core').includes('/dist/')) {
  warnings.set(
    'the packages resolve to their sources, not dist/: run with `tsx --tsconfig bench/tsconfig.json`',
    1,
  );
}
const suites = (await loadSuites()).filter(
  (s) => filters.length === 0 || filters.some((f) => s.name.toLowerCase().includes(f)),
);
const reports: SuiteReport[] = [];
for (const suite of suites) {
  process.stderr.write(`running ${suite.name}...\n`);
  const t0 = performance.now();
  try {
    const results = (await suite.run({ size })).map(finishResult);
    reports.push({ suite: suite.name, results, durationMs: performance.now() - t0 });
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`${suite.name} failed: ${message}\n`);
    reports.push({ suite: suite.name, results: [], error: message, durationMs: performance.now() - t0 });
  }
}

const cpus = os.cpus();
const machine = {
  cpu: cpus[0]?.model ?? 'unknown',
  cores: os.availableParallelism(),
  memoryGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  hostname: os.hostname(),
};
console.log(
  `\nAgentFlow benchmarks: node ${process.version}, ${machine.cores} cores (${machine.cpu}), ${size} size`,
);
console.log('ratio = AgentFlow / baseline (the hand-written executor in bench/baseline.ts)\n');
console.log(table(reports));
const all = reports.flatMap((r) => r.results);
const missed = all.filter((x) => x.pass === false);
console.log(
  `\n${all.filter((x) => x.pass === true).length} targets met, ${missed.length} missed` +
    `${missed.length ? `: ${missed.map((x) => x.name).join('; ')}` : ''}`,
);

for (const [warning, count] of warnings) console.log(`warning (${count}x): ${warning}`);
const loadAfter = os.loadavg();
if (Math.max(loadBefore[0]!, loadAfter[0]!) > machine.cores * 0.75) {
  console.log(
    `note: the machine was busy (load average ${fmt(loadBefore[0])} before, ${fmt(loadAfter[0])} after, ` +
      `${machine.cores} cores): timings are noisy, run again when it is idle`,
  );
}

const results = {
  date: new Date().toISOString(),
  node: process.version,
  commit: gitCommit(),
  size,
  machine,
  loadAverage: { before: loadBefore[0], after: loadAfter[0] },
  warnings: Object.fromEntries(warnings),
  durationMs: Math.round(performance.now() - started),
  suites: reports,
};
await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`wrote ${out}`);
if (reports.some((r) => r.error)) process.exitCode = 1;
