/**
 * Circuit breaker options. The defaults open on a provider that is down, never on one that is merely flaky; the
 * arithmetic is in ARCHITECTURE.md §8 ("Circuit breaker").
 */
export interface BreakerOptions {
  /** Failure rate (0..1) over the window that opens the circuit. (Default: 0.6) */
  failureRateThreshold: number;
  /** Calls the window must hold before the rate alone can open the circuit. (Default: 30) */
  minimumCalls: number;
  /** Length of the sliding window of outcomes, in ms (10 buckets of a tenth each). (Default: 30000) */
  windowMs: number;
  /**
   * Consecutive failures that open the circuit when no call in the window succeeded, however few calls it holds:
   * a provider that is down from the start (or after a quiet spell) is cut off after this many calls. (Default: 5)
   */
  consecutiveFailures: number;
  /**
   * Consecutive failures that open the circuit whatever the window holds: a provider that goes down after a
   * busy healthy spell is cut off this fast. (Default: 12)
   */
  maxConsecutiveFailures: number;
  /** How long an open circuit refuses calls, in ms; fixed, never extended by refused calls. (Default: 30000) */
  openMs: number;
  /**
   * Probe calls a half-open circuit lets through; it closes when fewer than `failureRateThreshold` of them fail
   * and opens again for `openMs` otherwise, deciding as soon as the outcome is certain. (Default: 3)
   */
  halfOpenProbes: number;
}

export const DEFAULT_BREAKER: BreakerOptions = {
  failureRateThreshold: 0.6,
  minimumCalls: 30,
  windowMs: 30_000,
  consecutiveFailures: 5,
  maxConsecutiveFailures: 12,
  openMs: 30_000,
  halfOpenProbes: 3,
};

export type BreakerState = 'closed' | 'open' | 'half-open';

const BUCKETS = 10;

/** Outcome counts over a sliding time window, in BUCKETS slices (memory stays constant at any call rate). */
class OutcomeWindow {
  private readonly calls = new Array<number>(BUCKETS).fill(0);
  private readonly failures = new Array<number>(BUCKETS).fill(0);
  private readonly epochs = new Array<number>(BUCKETS).fill(-1);

  constructor(private readonly sliceMs: number) {}

  add(now: number, failed: boolean): void {
    const epoch = Math.floor(now / this.sliceMs);
    const i = epoch % BUCKETS;
    if (this.epochs[i] !== epoch) {
      this.epochs[i] = epoch;
      this.calls[i] = 0;
      this.failures[i] = 0;
    }
    this.calls[i] = (this.calls[i] as number) + 1;
    if (failed) this.failures[i] = (this.failures[i] as number) + 1;
  }

  totals(now: number): { calls: number; failures: number } {
    const epoch = Math.floor(now / this.sliceMs);
    let calls = 0;
    let failures = 0;
    for (let i = 0; i < BUCKETS; i++) {
      const age = epoch - (this.epochs[i] as number);
      if (age >= 0 && age < BUCKETS) {
        calls += this.calls[i] as number;
        failures += this.failures[i] as number;
      }
    }
    return { calls, failures };
  }

  clear(): void {
    this.epochs.fill(-1);
  }
}

/**
 * A circuit breaker on the failure rate. Closed: calls pass and their outcomes fill a sliding window; the circuit
 * opens when at least `minimumCalls` calls in the window failed at `failureRateThreshold` or more, or after
 * `consecutiveFailures` failures in a row with no success in the window, or after
 * `maxConsecutiveFailures` in a row. Open: calls are refused for `openMs` from the moment it opened (refusals do
 * not extend it). Half-open: up to `halfOpenProbes` probe calls pass; their failure rate closes or re-opens it.
 */
export class CircuitBreaker {
  private readonly window: OutcomeWindow;
  private consecutive = 0;
  private openedAt: number | undefined;
  private probesAdmitted = 0;
  private probeSuccesses = 0;
  private probeFailures = 0;
  private waiters: Array<() => void> = [];

  constructor(
    private readonly options: BreakerOptions,
    private readonly now: () => number,
  ) {
    this.window = new OutcomeWindow(Math.max(1, Math.ceil(options.windowMs / BUCKETS)));
  }

  get state(): BreakerState {
    if (this.openedAt === undefined) return 'closed';
    return this.now() - this.openedAt >= this.options.openMs ? 'half-open' : 'open';
  }

  /** True when a call may go out now; a half-open circuit admits at most `halfOpenProbes` probes. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probesAdmitted >= this.options.halfOpenProbes) return false;
    this.probesAdmitted++;
    return true;
  }

  /** Milliseconds until an open circuit admits a probe (0 when it is not open). */
  retryInMs(): number {
    if (this.openedAt === undefined) return 0;
    return Math.max(0, this.openedAt + this.options.openMs - this.now());
  }

  success(): void {
    this.consecutive = 0;
    if (this.openedAt === undefined) {
      this.window.add(this.now(), false);
      return;
    }
    if (this.state !== 'half-open' || this.probesAdmitted === 0) return;
    this.probeSuccesses++;
    if (this.probeSuccesses > this.options.halfOpenProbes - this.probeFailuresToOpen()) this.close();
  }

  failure(): void {
    this.consecutive++;
    const now = this.now();
    if (this.openedAt !== undefined) {
      // A failure of a probe; a call admitted before the circuit opened says nothing new and changes nothing.
      if (this.state !== 'half-open' || this.probesAdmitted === 0) return;
      this.probeFailures++;
      if (this.probeFailures >= this.probeFailuresToOpen()) this.open(now);
      return;
    }
    this.window.add(now, true);
    const { consecutiveFailures, maxConsecutiveFailures, minimumCalls, failureRateThreshold } = this.options;
    const { calls, failures } = this.window.totals(now);
    if (
      this.consecutive >= maxConsecutiveFailures ||
      (calls >= minimumCalls && failures >= failureRateThreshold * calls) ||
      (this.consecutive >= consecutiveFailures && failures === calls)
    ) {
      this.open(now);
    }
  }

  /** The call ended without saying anything about the provider's health (cancelled, bad request). */
  release(): void {
    if (this.openedAt !== undefined && this.probesAdmitted > 0) {
      this.probesAdmitted--;
      this.wake();
    }
  }

  /**
   * Resolves when a half-open circuit's probes change something: it closed, opened again, or a probe slot came
   * free. Callers refused while probes are out wait on this instead of all failing at once.
   */
  changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  private probeFailuresToOpen(): number {
    return Math.max(1, Math.ceil(this.options.failureRateThreshold * this.options.halfOpenProbes));
  }

  private open(now: number): void {
    this.openedAt = now;
    this.probesAdmitted = 0;
    this.probeSuccesses = 0;
    this.probeFailures = 0;
    this.wake();
  }

  private close(): void {
    this.openedAt = undefined;
    this.consecutive = 0;
    this.window.clear();
    this.wake();
  }
}
