/**
 * The live stream's fan-out: the server watches the store once (whichever node stored an event,
 * store.watchChanges hears it) and hands each new event to the subscribers that may see its
 * project. A slow subscriber never holds up the others or the watch: each gets its own call.
 */
import type { LiveEvent } from '../store/types.js';

export type LiveSubscriber = (events: LiveEvent[]) => void;

/** Often enough for proxies that close connections idle for 30 s or more. */
const DEFAULT_KEEPALIVE_MS = 15_000;

export class LiveHub {
  /** How often each stream sends a keepalive and re-checks that its caller may still read it. */
  constructor(readonly keepaliveMs = DEFAULT_KEEPALIVE_MS) {}

  readonly #subscribers = new Map<LiveSubscriber, (projectId: number) => boolean>();

  /** Subscribes to the events of the projects `sees` accepts; returns the unsubscribe. */
  subscribe(sees: (projectId: number) => boolean, subscriber: LiveSubscriber): () => void {
    this.#subscribers.set(subscriber, sees);
    return () => this.#subscribers.delete(subscriber);
  }

  publish(events: LiveEvent[]): void {
    for (const [subscriber, sees] of this.#subscribers) {
      const visible = events.filter((event) => sees(event.projectId));
      if (visible.length > 0) subscriber(visible);
    }
  }
}
