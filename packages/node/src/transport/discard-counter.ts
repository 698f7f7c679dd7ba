/**
 * Counts what the SDK dropped before the server saw it, and hands the counts out once as a
 * `client_report` payload, so the server can show losses (rate limits, a full queue, a down server).
 */
import type { ClientReport, DiscardedEvent } from '@faultline/protocol';

export class DiscardCounter {
  private readonly counts = new Map<string, DiscardedEvent>();

  record(reason: string, category: string, quantity = 1): void {
    const key = `${reason}\0${category}`;
    const entry = this.counts.get(key);
    if (entry === undefined) this.counts.set(key, { reason, category, quantity });
    else entry.quantity += quantity;
  }

  isEmpty(): boolean {
    return this.counts.size === 0;
  }

  /** The report so far, and resets the counts. */
  takeReport(): ClientReport | undefined {
    if (this.counts.size === 0) return undefined;
    const report: ClientReport = {
      timestamp: Date.now() / 1000,
      discarded_events: [...this.counts.values()],
    };
    this.counts.clear();
    return report;
  }
}
