/** The change watches a store has open, so closing the store closes them too. */
import type { ChangeWatch } from './types.js';

export class WatchSet {
  readonly #open = new Set<ChangeWatch>();

  /** Tracks `watch`; the handle returned closes it and stops tracking it. */
  add(watch: ChangeWatch): ChangeWatch {
    this.#open.add(watch);
    return {
      look: () => watch.look(),
      close: async () => {
        this.#open.delete(watch);
        await watch.close();
      },
    };
  }

  async closeAll(): Promise<void> {
    const watches = [...this.#open];
    this.#open.clear();
    await Promise.all(watches.map((watch) => watch.close()));
  }
}
