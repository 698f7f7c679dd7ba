/**
 * At most a few password hashes are computed at once in this process. Each scrypt derivation
 * holds a libuv thread for ~80 ms and 32 MiB, and that pool (4 threads) is also what ingest's
 * decompression and the file system use: a hundred logins at once, each from its own address
 * and so within every login limit, used to hold the whole pool for seconds. The rest wait their
 * turn in a bounded line; past it a check is refused at once, and the API answers 429.
 */

/** Half the default pool: ingest keeps the other half however many logins arrive. */
const RUNNING = 2;
/** A line of ~1.5 s at ~80 ms a hash, two at a time. */
const WAITING = 40;

export class PasswordChecksBusyError extends Error {
  override readonly name = 'PasswordChecksBusyError';
  constructor() {
    super('too many password checks at once; try again in a moment');
  }
}

let running = 0;
const waiting: Array<() => void> = [];

/** Runs `derive` when a slot is free; throws PasswordChecksBusyError when the line is full. */
export async function inPasswordGate<T>(derive: () => Promise<T>): Promise<T> {
  if (running >= RUNNING) {
    if (waiting.length >= WAITING) throw new PasswordChecksBusyError();
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    running++;
  }
  try {
    return await derive();
  } finally {
    // The slot passes straight to the next in line, or is freed.
    const next = waiting.shift();
    if (next === undefined) running--;
    else next();
  }
}
