/** Password hashes run two at a time, forty more wait their turn, the rest are refused at once. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PasswordChecksBusyError, inPasswordGate } from '../../src/accounts/password-gate.js';

describe('password gate', () => {
  it('runs two at once, keeps forty waiting in order, refuses the rest', async () => {
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const finishers: Array<() => void> = [];
    const outcomes = Array.from({ length: 100 }, (_, n) =>
      inPasswordGate(async () => {
        running++;
        most = Math.max(most, running);
        order.push(n);
        await new Promise<void>((resolve) => finishers.push(resolve));
        running--;
        return n;
      }).then(
        () => 'done',
        (error: unknown) => (error instanceof PasswordChecksBusyError ? 'busy' : 'failed'),
      ),
    );
    // Finish whatever runs until everything is settled.
    const settled = Promise.all(outcomes);
    while (finishers.length > 0 || running > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      finishers.shift()?.();
    }
    const results = await settled;
    assert.equal(results.filter((r) => r === 'done').length, 42);
    assert.equal(results.filter((r) => r === 'busy').length, 58);
    assert.equal(most, 2);
    assert.deepEqual(
      order,
      Array.from({ length: 42 }, (_, n) => n),
      'first come, first served',
    );
    // The gate is free again afterwards.
    assert.equal(await inPasswordGate(async () => 'again'), 'again');
  });
});
