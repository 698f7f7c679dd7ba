/**
 * A frame's function name as grouping v2 sees it, or `undefined` when the name says "no function"
 * (then the frame is told apart by its source line, or failing that its line and column).
 *
 * What SDKs send for code that has no name of its own:
 *   `?`                    @sentry/node 8+, @sentry/browser, raven-js (TraceKit's UNKNOWN_FUNCTION)
 *   `<anonymous>`          @sentry/node 7 and V8 itself; `Object.<anonymous>` for CommonJS module
 *                          code, `HTMLButtonElement.<anonymous>` / `Server.?` with a receiver
 *   `anonymous`, `[anonymous]`, `Anonymous function`, `{anonymous}`
 *                          functions made by `new Function`, old TraceKit, old IE and Firefox
 *   `global code`, `eval code`, `module code`   Safari's top-level code
 *   `<lambda>`, `<module>`, `<listcomp>`, `<dictcomp>`, `<setcomp>`, `<genexpr>`
 *                          sentry-python (and raven-python): lambdas, module code, comprehensions
 *   `<main>`, `<top (required)>`   sentry-ruby / sentry-raven: a script's and a required file's body
 *   `block in <main>`, `block (2 levels) in checkout`   sentry-ruby / sentry-raven: a block, named
 *                          only by where it is, so every block of a method shares the name
 *   `{main}`, `{closure}`, `{closure:/app/x.php:12}`, `null`   PHP SDKs (raven-php sent `null`;
 *                          Rust's `main::{{closure}}` is named by its function, and kept)
 *   `<unknown>`, `<redacted>`      symbolication that failed, or iOS system frames Apple redacts
 * (sentry-go names closures `main.handler.func1`: unique within their function, so kept.)
 *
 * Parts of a usable name that say how it was called, not what it is, are dropped: V8's `async `
 * and `new ` prefixes and its `Promise.all (index 0)` suffix. Rails' compiled templates carry the
 * numbers of the process that compiled them (`_app_views_x_html_erb___3456789012_70244`): they
 * are dropped too, as Sentry does, or every deploy would split every template error.
 *
 * Grouping version v2 depends on this output.
 */

const NO_FUNCTION = new Set([
  '',
  '?',
  '<anonymous>',
  'anonymous',
  '[anonymous]',
  '{anonymous}',
  'Anonymous function',
  '<anonymous function>',
  'global code',
  'eval code',
  'module code',
  '<lambda>',
  '<module>',
  '<listcomp>',
  '<dictcomp>',
  '<setcomp>',
  '<genexpr>',
  '<main>',
  '<top (required)>',
  '{main}',
  'null',
  '<unknown>',
  'unknown',
  '<redacted>',
]);

const CALL_PREFIX = /^(?:(?:async|new)\s+)+/;
// The lookbehind starts a match only where a run of spaces starts: else quadratic on long runs.
const PROMISE_INDEX = /(?<!\s)\s+\(index \d+\)$/;
/** PHP's closures (`{closure}`, `Cart::{closure}`, 8.4's `{closure:/app/Cart.php:12}`); Rust's
 * `main::{{closure}}` is named by its function and stays. */
const PHP_CLOSURE = /(?:^|::|->|\\)\{closure(?::[^{}]*)?\}$/;
const RUBY_BLOCK = /^block (?:\(\d+ levels\) )?in /;
const TEMPLATE_NUMBERS = /(_(?:erb|haml|slim|builder|jbuilder))_+-?\d+_-?\d+$/;

// Every frame of every event comes through here: each rule's regex runs only where a cheap test
// says it may match (most names are plain identifiers).
export function usableFunctionName(raw: string): string | undefined {
  let name = raw.trim();
  if (name.startsWith('async ') || name.startsWith('new ')) name = name.replace(CALL_PREFIX, '');
  if (name.endsWith(')')) name = name.replace(PROMISE_INDEX, '');
  if (/\d$/.test(name)) name = name.replace(TEMPLATE_NUMBERS, '$1');
  if (NO_FUNCTION.has(name) || NO_FUNCTION.has(ownName(name))) return undefined;
  if (name.includes('{closure') && PHP_CLOSURE.test(name)) return undefined;
  if (name.startsWith('block ') && RUBY_BLOCK.test(name)) return undefined;
  return name;
}

/** The function's own name after a receiver or class: `Object.`, `App\Cart::`, `$cart->`. */
function ownName(name: string): string {
  const dot = name.lastIndexOf('.');
  const colons = name.lastIndexOf('::');
  const arrow = name.lastIndexOf('->');
  const start = Math.max(dot + 1, colons < 0 ? 0 : colons + 2, arrow < 0 ? 0 : arrow + 2);
  return start === 0 ? name : name.slice(start);
}
