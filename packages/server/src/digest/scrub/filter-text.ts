/**
 * Secrets found by their shape inside text, wherever the key gave nothing away: payment card
 * numbers, bearer tokens and passwords in URLs. Each match becomes `[Filtered]`, so a value that
 * is only a card number becomes exactly `[Filtered]`.
 */
export const FILTERED = '[Filtered]';

/** 13–19 digits, optionally grouped by single spaces or dashes (how people type them). */
const DIGIT_RUN = /(?<![\d])\d(?:[ -]?\d){12,}(?![\d])/g;
const BEARER = /\b(Bearer)\s+[A-Za-z0-9\-._~+/]+=*/gi;
/** Only in header values: elsewhere "Basic" is an ordinary word. */
const BASIC = /\b(Basic)\s+[A-Za-z0-9+/]+=*/gi;
/** The lookbehind starts a match only where a scheme can start, keeping the scan linear. */
const URL_CREDENTIALS = /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*:\/\/)[^\s/?#:@]*:[^\s/?#@]*@/gi;

export function filterText(text: string): string {
  return text
    .replace(BEARER, `$1 ${FILTERED}`)
    .replace(URL_CREDENTIALS, `$1${FILTERED}@`)
    .replace(DIGIT_RUN, filterCardNumbers);
}

export function filterHeaderValue(text: string): string {
  return filterText(text).replace(BASIC, `$1 ${FILTERED}`);
}

/**
 * A run of digit groups may hold a card number beside other digits (`order 12 4111 1111 1111
 * 1111`), so windows of whole groups holding 13–19 digits are tried, the first match filtered,
 * and the search goes on after it. One pass over the groups, each window at most 19 digits long:
 * linear in the run, however many card numbers it holds (a rescan of the rest after each match
 * made a header of `4-4-4-…` quadratic).
 */
function filterCardNumbers(run: string): string {
  const groups = Array.from(run.matchAll(/\d+/g), (match) => ({
    start: match.index,
    end: match.index + match[0].length,
    digits: match[0],
  }));
  const parts: string[] = [];
  let copiedUpTo = 0;
  let first = 0;
  while (first < groups.length) {
    const last = cardEndingAt(groups, first);
    if (last === undefined) {
      first++;
      continue;
    }
    parts.push(run.slice(copiedUpTo, groups[first]!.start), FILTERED);
    copiedUpTo = groups[last]!.end;
    first = last + 1;
  }
  if (parts.length === 0) return run;
  parts.push(run.slice(copiedUpTo));
  return parts.join('');
}

/** The last group of a card number that starts with group `first`, if one does. */
function cardEndingAt(
  groups: ReadonlyArray<{ digits: string }>,
  first: number,
): number | undefined {
  if (!/^[2-6]/.test(groups[first]!.digits)) return undefined; // no card network starts otherwise
  let digits = '';
  for (let last = first; last < groups.length && digits.length <= 19; last++) {
    digits += groups[last]!.digits;
    if (digits.length >= 13 && isCardNumber(digits)) return last;
  }
  return undefined;
}

/**
 * 13–19 digits that pass the Luhn check and start like a card of a real network (2–6: Mastercard,
 * Amex/Diners/JCB, Visa, Mastercard, Discover/UnionPay). The first-digit check keeps Unix
 * timestamps in milliseconds (13 digits starting with 1), which pass Luhn one time in ten.
 */
export function isCardNumber(digits: string): boolean {
  if (!/^[2-6]\d{12,18}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
