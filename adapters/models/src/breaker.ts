export interface BreakerOptions {
  /** Consecutive failures that open the circuit. (Default: 5) */
  failureThreshold: number;
  /** Time an open circuit waits before letting one trial call through, in ms. (Default: 30000) */
  cooldownMs: number;
}

export const DEFAULT_BREAKER: BreakerOptions = { failureThreshold: 5, cooldownMs: 30_000 };

export type BreakerState = 'closed' | 'open' | 'half-open';

/**
 * A per-provider circuit breaker. Closed: calls pass, consecutive failures are counted. Open: calls are refused
 * until the cooldown ends. Half-open: one trial call passes; its success closes the circuit, its failure opens
 * it again for another cooldown.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private opened = false;
  private trialInFlight = false;

  constructor(
    private readonly options: BreakerOptions,
    private readonly now: () => number,
  ) {}

  get state(): BreakerState {
    if (!this.opened) return 'closed';
    return this.now() - this.openedAt >= this.options.cooldownMs ? 'half-open' : 'open';
  }

  /** True when a call may go out now; in half-open state only one trial at a time. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  /** Milliseconds until an open circuit lets a trial through. */
  retryInMs(): number {
    return Math.max(0, this.openedAt + this.options.cooldownMs - this.now());
  }

  success(): void {
    this.failures = 0;
    this.opened = false;
    this.trialInFlight = false;
  }

  failure(): void {
    this.trialInFlight = false;
    this.failures++;
    if (this.opened || this.failures >= this.options.failureThreshold) {
      this.opened = true;
      this.openedAt = this.now();
    }
  }

  /** The call ended without saying anything about the provider's health (cancelled, bad request). */
  release(): void {
    this.trialInFlight = false;
  }
}
