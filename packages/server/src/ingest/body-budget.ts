/**
 * The bytes of request bodies held in memory across every request being read at once. Each
 * request is capped on its own, but a hundred concurrent 20 MiB bodies are 2 GiB: past this
 * budget a request is answered 503 with Retry-After (SDKs keep the event and come back) rather
 * than let memory grow until the process dies.
 */
export class BodyBudget {
  #used = 0;

  constructor(readonly capacity: number) {}

  /** Takes `bytes` from the budget, or answers false and takes nothing. */
  tryTake(bytes: number): boolean {
    if (this.#used + bytes > this.capacity) return false;
    this.#used += bytes;
    return true;
  }

  give(bytes: number): void {
    this.#used -= bytes;
  }

  get used(): number {
    return this.#used;
  }
}
