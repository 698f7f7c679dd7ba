/** What the overload's answers were: counts by class, Retry-After on refusals, latencies. */

export type Outcome =
  { kind: 'answer'; status: number; retryAfter: boolean } | { kind: 'timeout' } | { kind: 'reset' };

export class Tally {
  readonly byStatus = new Map<number, number>();
  /** 429 and 503 answers that said when to come back. */
  withRetryAfter = 0;
  timeouts = 0;
  resets = 0;
  /** When (performance.now()) the first 429 or 503 came back. */
  firstRefusalAt: number | undefined;
  readonly #latenciesMs: number[] = [];

  add(outcome: Outcome, latencyMs: number): void {
    if (outcome.kind === 'timeout') this.timeouts++;
    else if (outcome.kind === 'reset') this.resets++;
    else {
      this.byStatus.set(outcome.status, (this.byStatus.get(outcome.status) ?? 0) + 1);
      if (outcome.status === 429 || outcome.status === 503) {
        this.firstRefusalAt ??= performance.now();
        if (outcome.retryAfter) this.withRetryAfter++;
      }
      this.#latenciesMs.push(latencyMs);
    }
  }

  count(status: number): number {
    return this.byStatus.get(status) ?? 0;
  }

  /** Answers with a status other than 200, 429 and 503, by status. */
  others(): Array<[number, number]> {
    return [...this.byStatus].filter(([status]) => ![200, 429, 503].includes(status));
  }

  /** 5xx answers other than 503: the server's own failures. */
  serverErrors(): number {
    return this.others().reduce((sum, [status, n]) => sum + (status >= 500 ? n : 0), 0);
  }

  /** The latency (ms) under which `fraction` of the answered requests came back. */
  percentile(fraction: number): number {
    const sorted = this.#latenciesMs.sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? NaN;
  }
}
