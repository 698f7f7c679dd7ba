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
 * 1111`), so windows of whole groups holding 13–19 digits are tried, the first match filtered.
 */
function filterCardNumbers(run: string): string {
  const groups = [...run.matchAll(/\d+/g)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    digits: match[0],
  }));
  for (let first = 0; first < groups.length; first++) {
    if (!/^[2-6]/.test(groups[first]!.digits)) continue; // no card network starts otherwise
    let digits = '';
    for (let last = first; last < groups.length && digits.length <= 19; last++) {
      digits += groups[last]!.digits;
      if (digits.length >= 13 && isCardNumber(digits)) {
        const tail = filterCardNumbers(run.slice(groups[last]!.end));
        return `${run.slice(0, groups[first]!.start)}${FILTERED}${tail}`;
      }
    }
  }
  return run;
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
