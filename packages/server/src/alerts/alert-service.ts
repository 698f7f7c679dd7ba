/**
 * The alerts loop of one server: each pass (woken when digest stored something, else once a
 * second) takes the lease, queues notifications for new triggers (engine.ts) and delivers what
 * is due (delivery.ts). It runs off the digest path: a slow receiver delays alerts, never events.
 */
import { randomUUID } from 'node:crypto';
import type { Sql } from '../store/sql.js';
import { deliverDue } from './delivery.js';
import type { DeliveryOptions } from './delivery.js';
import { runAlertEngine } from './engine.js';
import { holdAlertLease, releaseAlertLease } from './lease.js';

const PASS_INTERVAL_MS = 1000;
const LEASE_SECONDS = 30;

export interface AlertServiceOptions extends DeliveryOptions {
  sql: Sql;
  onProblem(error: unknown): void;
}

export class AlertService {
  readonly #options: AlertServiceOptions;
  readonly #holder = randomUUID();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> = Promise.resolve();
  #again = false;
  #passing = false;
  #stopped = false;

  constructor(options: AlertServiceOptions) {
    this.#options = options;
  }

  start(): void {
    this.#schedule(0);
  }

  /** Something new was stored: look now rather than at the next tick. */
  wake(): void {
    if (this.#stopped) return;
    if (this.#passing) this.#again = true;
    else this.#schedule(0);
  }

  /** Resolves once the pass in progress (and its deliveries) is done. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
    await releaseAlertLease(this.#options.sql, this.#holder).catch(() => {});
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#running = this.#pass();
    }, delayMs);
    this.#timer.unref();
  }

  async #pass(): Promise<void> {
    this.#passing = true;
    try {
      const { sql } = this.#options;
      const now = Date.now() / 1000;
      if (await holdAlertLease(sql, this.#holder, now, LEASE_SECONDS)) {
        await runAlertEngine(sql, now);
        // Renewed before sending: a pass slow enough for the lease to lapse (and another node
        // to take it) must not send what that node will send too.
        const later = Date.now() / 1000;
        if (await holdAlertLease(sql, this.#holder, later, LEASE_SECONDS)) {
          await deliverDue(sql, this.#options, later);
        }
      }
    } catch (error) {
      this.#options.onProblem(error);
    } finally {
      this.#passing = false;
    }
    if (this.#stopped) return;
    const again = this.#again;
    this.#again = false;
    this.#schedule(again ? 0 : PASS_INTERVAL_MS);
  }
}
