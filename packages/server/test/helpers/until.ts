/**
 * Polls `check` every 50 ms until it gives a value other than false or undefined, and resolves
 * to that value; after `timeoutMs` it fails, naming what it waited for. For the browser tests
 * too: Playwright's waitForFunction needs the eval the UI's CSP forbids.
 */
export async function until<T>(
  what: string,
  check: () => T | false | undefined | Promise<T | false | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
