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

interface DigitGroup {
  start: number;
  end: number;
  digits: string;
}

/** A card number spans at most 19 digits: the groups one can start with are in such a window. */
const MAX_CARD_DIGITS = 19;

/**
 * A run of digit groups may hold a card number beside other digits (`order 12 4111 1111 1111
 * 1111`), so windows of whole groups holding 13–19 digits are tried, the first match filtered,
 * and the search goes on after it. One pass over the groups, each window at most 19 digits long:
 * linear in the run, however many card numbers it holds (a rescan of the rest after each match
 * made a header of `4-4-4-…` quadratic). Groups are read as the window moves, not listed first:
 * a megabyte of `4-4-4-…` would otherwise hold a quarter of a million objects at once.
 */
function filterCardNumbers(run: string): string {
  const groupPattern = /\d+/g;
  let readAll = false;
  const readGroup = (): DigitGroup | undefined => {
    // Once past the last group, for a failed exec starts a global pattern over from the start.
    const match = readAll ? null : groupPattern.exec(run);
    if (match === null) {
      readAll = true;
      return undefined;
    }
    return { start: match.index, end: match.index + match[0].length, digits: match[0] };
  };
  const window: DigitGroup[] = [];
  let windowDigits = 0;
  const dropFromWindow = (count: number): void => {
    for (const group of window.splice(0, count)) windowDigits -= group.digits.length;
  };
  const parts: string[] = [];
  let copiedUpTo = 0;
  for (;;) {
    for (let group; windowDigits <= MAX_CARD_DIGITS && (group = readGroup()) !== undefined;) {
      window.push(group);
      windowDigits += group.digits.length;
    }
    if (window.length === 0) break;
    const last = cardEndingAt(window);
    if (last === undefined) {
      dropFromWindow(1);
      continue;
    }
    parts.push(run.slice(copiedUpTo, window[0]!.start), FILTERED);
    copiedUpTo = window[last]!.end;
    dropFromWindow(last + 1);
  }
  if (parts.length === 0) return run;
  parts.push(run.slice(copiedUpTo));
  return parts.join('');
}

/** The last group of a card number that starts with the window's first group, if one does. */
function cardEndingAt(window: readonly DigitGroup[]): number | undefined {
  if (!/^[2-6]/.test(window[0]!.digits)) return undefined; // no card network starts otherwise
  let digits = '';
  for (let last = 0; last < window.length && digits.length <= MAX_CARD_DIGITS; last++) {
    digits += window[last]!.digits;
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
