/**
 * Replaces the variable parts of a message with placeholders, so that `cart 981 not found` and
 * `cart 982 not found` group together: `cart <int> not found`.
 *
 * Order matters: the more specific patterns run first, so that their digits are not taken by a
 * more general one (a UUID or an IP address would otherwise become a run of `<int>`s):
 *   1. email addresses        ann@example.com              → <email>
 *   2. URLs with a scheme     https://api.example.com/x?q=1 → <url>
 *   3. UUIDs (dashed)         3f2c…-…                       → <uuid>
 *   4. ISO dates and times    2024-05-01T10:00:00.123Z      → <date>;  10:00:00 → <time>
 *   5. IPv4 addresses         10.0.0.12                     → <ip>
 *   6. IPv6 addresses         fe80::1, 2001:db8:0:0:0:0:0:1 → <ip>
 *   7. hex: 0x-prefixed, or 8+ hex digits mixing letters and digits (hashes, pointers) → <hex>
 *   8. numbers not glued to letters (`user42` and `utf8` stay): 12043 → <int>, 1.5 → <float>;
 *      a minus sign is left in place, since it is as often a hyphen (`item-5`)
 *
 * Grouping version v1 depends on this output: changing it regroups every message event. Give a
 * new grouping version its own copy instead of editing this one.
 */

const REPLACEMENTS: ReadonlyArray<[RegExp, (match: string) => string]> = [
  // The lookbehinds make each pattern start only where a run of its characters starts: without
  // them an 8 kB word is rescanned from every position (quadratic).
  [/(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, () => '<email>'],
  [/(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^\s'"<>()]+/gi, () => '<url>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, () => '<uuid>'],
  [
    /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\w])/g,
    () => '<date>',
  ],
  [/\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b/g, () => '<time>'],
  [/\b(?:\d{1,3}\.){3}\d{1,3}\b/g, () => '<ip>'],
  [
    /(?<![\w:])(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{0,4}::(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{0,4})(?![\w:])/gi,
    // Words like `db::add` look like compressed IPv6; real addresses have digits.
    (match) => (/\d/.test(match) ? '<ip>' : match),
  ],
  [/\b0x[0-9a-f]+\b/gi, () => '<hex>'],
  [/\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{8,}\b/gi, () => '<hex>'],
  [
    /(?<![\p{L}\d])\d+(?:\.\d+)*(?![\p{L}\d])/gu,
    (match) => (match.includes('.') ? '<float>' : '<int>'),
  ],
];

export function parametrizeMessage(message: string): string {
  let result = message;
  for (const [pattern, replace] of REPLACEMENTS) result = result.replace(pattern, replace);
  return result;
}
