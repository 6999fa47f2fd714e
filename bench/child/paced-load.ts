/**
 * Child process for the HTTP suite: open-loop load at a constant rate. Request i is due at start + i / rate and
 * is sent on the first timer tick at or after that time, over a pool of keep-alive connections; its latency
 * counts from when it was due, not from when it was sent, so a server (or generator) that stalls shows up in
 * every request that should have gone out meanwhile (no coordinated omission).
 *
 * Why not autocannon's `overallRate`: it lets each connection send its whole per-second quota back to back at
 * the top of every second, then wait for the next second. That measures latency in full-speed bursts (and
 * interleaves idle gaps), not at a steady rate.
 *
 *   node bench/child/paced-load.js '{"url":"http://...","rate":2000,"seconds":10,...}'
 *
 * Prints one JSON line (PacedReport) on stdout.
 */
import * as http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface PacedParams {
  url: string;
  headers: Record<string, string>;
  /** Requests per second. */
  rate: number;
  /** Measured seconds (after the warm-up). */
  seconds: number;
  /** Seconds at the same rate before measuring. */
  warmUpSeconds: number;
  /** Keep-alive connections at most. */
  connections: number;
}

export interface PacedReport {
  sent: number;
  measured: number;
  errors: number;
  non2xx: number;
  achievedRps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
}

const params = JSON.parse(process.argv[2] ?? '{}') as PacedParams;
const agent = new http.Agent({ keepAlive: true, maxSockets: params.connections });
const interval = 1000 / params.rate;
const warmUp = Math.round(params.rate * params.warmUpSeconds);
const total = warmUp + Math.round(params.rate * params.seconds);
const latencies: number[] = [];
let errors = 0;
let non2xx = 0;
let settled = 0;
let firstMeasuredAt = 0;
let lastMeasuredAt = 0;
let allDone: () => void = () => {};
const done = new Promise<void>((resolve) => {
  allDone = resolve;
});

function settle(): void {
  if (++settled === total) allDone();
}

function fire(due: number, measured: boolean): void {
  const req = http.request(params.url, { agent, headers: params.headers }, (res) => {
    res.resume();
    res.on('end', () => {
      const at = performance.now();
      if (measured) {
        latencies.push(at - due);
        lastMeasuredAt = at;
        if ((res.statusCode ?? 0) >= 300) non2xx++;
      }
      settle();
    });
  });
  req.on('error', () => {
    if (measured) errors++;
    settle();
  });
  req.end();
}

const start = performance.now() + 5;
let next = 0;
function tick(): void {
  const now = performance.now();
  while (next < total && start + next * interval <= now) {
    const due = start + next * interval;
    if (next === warmUp) firstMeasuredAt = due;
    fire(due, next >= warmUp);
    next++;
  }
  if (next < total) setTimeout(tick, Math.max(0, start + next * interval - performance.now()));
}
tick();
await done;
agent.destroy();

latencies.sort((a, b) => a - b);
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
const report: PacedReport = {
  sent: total,
  measured: latencies.length,
  errors,
  non2xx,
  achievedRps: latencies.length / ((lastMeasuredAt - firstMeasuredAt) / 1000),
  p50Ms: at(0.5),
  p90Ms: at(0.9),
  p99Ms: at(0.99),
  p999Ms: at(0.999),
  maxMs: latencies.at(-1) ?? 0,
};
console.log(JSON.stringify(report));
