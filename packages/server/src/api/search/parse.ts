/**
 * The issue search language: query text → terms. issue-search.ts turns the terms into SQL.
 *
 * A query is terms separated by whitespace; an issue matches when it matches every term (AND).
 *
 *   word  "a phrase"        occurs, ignoring ASCII case, in the title, culprit or value
 *   is:unresolved|resolved|ignored   the status;  is:regressed  was ever reopened by a new event
 *   level:error             the issue's level
 *   key:value               a tag (release, environment, user, user.email, browser, custom, …)
 *   key:"a b"  key:a*b      a quoted value; `*` is a wildcard, and a value with one ignores
 *                           ASCII case (`\*` in quotes is a literal `*`)
 *   key:[a, b, "c d"]       any of the values (also for is: and level:)
 *   has:key                 the issue has some value for that tag
 *   !term  -term            negation, of any term
 *   events:>10  users:0     counts, with >, >=, <, <=, = or no operator (=)
 *   first_seen / firstSeen / age, last_seen / lastSeen:
 *     -24h  -30m  -7d  -2w  within the last …;  +24h  longer ago than that (units s m h d w)
 *     >2025-01-01  <=2025-01-01T12:00:00Z   an ISO 8601 date or date-time, UTC unless an offset
 *     2025-01-01            = (or none): within that day (minute, second) of the value's precision
 *
 * A word with a colon is always key:value (`http://x` looks for tag `http`): quote it to search
 * it as text. Keys are case-sensitive, like tag keys; `user` is the digest's user key (`id:42`).
 *
 * Anything malformed is a SearchError naming the problem and its 0-based position: a search
 * that silently ignored half the query would show the wrong issues as if they were all there
 * are. The scanner reads each character once, and nothing here builds SQL.
 */
import { ISSUE_STATUSES } from '../../store/issue-row.js';
import type { IssueStatus } from '../../store/types.js';

export const MAX_QUERY_LENGTH = 1000;
export const MAX_TERMS = 50;

export class SearchError extends Error {
  override readonly name = 'SearchError';
  /** Where in the query the problem is; `undefined` when it is not in the query text. */
  readonly position: number | undefined;
  /** The search input at fault, for the API's error body. */
  readonly field: 'query' | 'sort' | 'cursor' | 'limit';

  constructor(problem: string, position?: number, field: SearchError['field'] = 'query') {
    super(position === undefined ? problem : `${problem} at ${position}`);
    this.position = position;
    this.field = field;
  }
}

export type Comparison = '>' | '>=' | '<' | '<=' | '=';

/** The text between `*` wildcards: one segment is an exact value. */
export type ValuePattern = readonly string[];

export type IssueState = IssueStatus | 'regressed';

/** A point in time: absolute (with the span `=` covers), or relative to the search's `now`. */
export type Instant = { at: number; span: number } | { ago: number };

export type Filter =
  | { kind: 'text'; text: string }
  | { kind: 'is'; states: IssueState[] }
  | { kind: 'level'; values: ValuePattern[] }
  | { kind: 'tag'; key: string; values: ValuePattern[] }
  | { kind: 'has'; key: string }
  | { kind: 'count'; field: 'events' | 'users'; op: Comparison; value: number }
  | { kind: 'time'; field: 'firstSeen' | 'lastSeen'; op: Comparison; instant: Instant };

export interface Term {
  negated: boolean;
  filter: Filter;
}

/** A value as written: `position` is that of its first character (inside the quotes). */
interface Piece {
  segments: string[];
  position: number;
}

type RawValue = { kind: 'one'; piece: Piece } | { kind: 'list'; pieces: Piece[]; position: number };

const STATES: readonly IssueState[] = [...ISSUE_STATUSES, 'regressed'];
const TIME_FIELDS = new Map<string, 'firstSeen' | 'lastSeen'>([
  ['first_seen', 'firstSeen'],
  ['firstSeen', 'firstSeen'],
  ['age', 'firstSeen'],
  ['last_seen', 'lastSeen'],
  ['lastSeen', 'lastSeen'],
]);

const isSpace = (ch: string | undefined) => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
const textOf = (piece: Piece) => piece.segments.join('*');

export function parseQuery(query: string): Term[] {
  if (query.length > MAX_QUERY_LENGTH) {
    throw new SearchError(`query longer than ${MAX_QUERY_LENGTH} characters`, MAX_QUERY_LENGTH);
  }
  const scanner = new Scanner(query);
  const terms: Term[] = [];
  for (scanner.skipSpace(); !scanner.atEnd(); scanner.skipSpace()) {
    if (terms.length === MAX_TERMS) {
      throw new SearchError(`more than ${MAX_TERMS} terms`, scanner.at);
    }
    terms.push(scanner.term());
  }
  return terms;
}

class Scanner {
  readonly #text: string;
  at = 0;

  constructor(text: string) {
    this.#text = text;
  }

  atEnd(): boolean {
    return this.at >= this.#text.length;
  }

  skipSpace(): void {
    while (isSpace(this.#text[this.at])) this.at++;
  }

  term(): Term {
    const start = this.at;
    const first = this.#text[start];
    const negated = first === '!' || first === '-';
    if (negated) {
      this.at++;
      if (this.atEnd() || isSpace(this.#text[this.at])) {
        throw new SearchError('nothing to negate', start);
      }
    }
    if (this.#text[this.at] === '"') {
      const phrase = this.#quoted();
      this.#endOfTerm();
      if (textOf(phrase) === '') throw new SearchError('empty phrase', phrase.position - 1);
      return { negated, filter: { kind: 'text', text: textOf(phrase) } };
    }
    const wordStart = this.at;
    const word = this.#bare(wordStart, ':');
    if (this.#text[this.at] !== ':') return { negated, filter: { kind: 'text', text: word } };
    if (word === '') throw new SearchError('empty key', wordStart);
    this.at++;
    return { negated, filter: filterOf(word, this.#value()) };
  }

  /** Up to whitespace or any of `stops`; a quote there is a mistake, not part of the text. */
  #bare(start: number, ...stops: string[]): string {
    while (!this.atEnd()) {
      const ch = this.#text[this.at]!;
      if (isSpace(ch) || stops.includes(ch)) break;
      if (ch === '"') throw new SearchError('unexpected quote', this.at);
      this.at++;
    }
    return this.#text.slice(start, this.at);
  }

  #value(): RawValue {
    const start = this.at;
    const first = this.#text[start];
    if (first === undefined || isSpace(first)) throw new SearchError('empty value', start);
    if (first === '[') {
      const pieces = this.#list();
      this.#endOfTerm();
      return { kind: 'list', pieces, position: start };
    }
    const piece = this.#piece([]);
    this.#endOfTerm();
    return { kind: 'one', piece };
  }

  /** A quoted or bare value; a bare one also ends at any of `stops`. */
  #piece(stops: string[]): Piece {
    const start = this.at;
    if (this.#text[start] === '"') {
      const piece = this.#quoted();
      if (textOf(piece) === '') throw new SearchError('empty value', start);
      return piece;
    }
    const text = this.#bare(start, ...stops);
    if (text === '') throw new SearchError('empty value', start);
    return { segments: text.split('*'), position: start };
  }

  #list(): Piece[] {
    const open = this.at;
    this.at++;
    const pieces: Piece[] = [];
    for (;;) {
      this.skipSpace();
      if (this.atEnd()) throw new SearchError('unterminated list', open);
      if (this.#text[this.at] === '[') throw new SearchError('unexpected [', this.at);
      pieces.push(this.#piece([',', ']', '[']));
      this.skipSpace();
      const next = this.#text[this.at];
      if (next === undefined) throw new SearchError('unterminated list', open);
      this.at++;
      if (next === ']') return pieces;
      if (next !== ',') throw new SearchError('expected , or ]', this.at - 1);
    }
  }

  /** From an opening quote to its closing one; `\"`, `\\` and `\*` are escapes. */
  #quoted(): Piece {
    const open = this.at;
    const segments: string[] = [];
    let current = '';
    this.at++;
    for (;;) {
      const ch = this.#text[this.at];
      if (ch === undefined) throw new SearchError('unterminated quote', open);
      this.at++;
      const next = this.#text[this.at];
      if (ch === '"') {
        segments.push(current);
        return { segments, position: open + 1 };
      } else if (ch === '\\' && (next === '"' || next === '\\' || next === '*')) {
        current += next;
        this.at++;
      } else if (ch === '*') {
        segments.push(current);
        current = '';
      } else {
        current += ch;
      }
    }
  }

  /** A quoted value or list must be followed by whitespace: `"a"b` is a typo, not `ab`. */
  #endOfTerm(): void {
    if (!this.atEnd() && !isSpace(this.#text[this.at])) {
      throw new SearchError('unexpected character', this.at);
    }
  }
}

function piecesOf(value: RawValue): Piece[] {
  return value.kind === 'one' ? [value.piece] : value.pieces;
}

/** The one piece of a value that takes no list. */
function single(key: string, value: RawValue): Piece {
  if (value.kind === 'list') throw new SearchError(`${key}: takes one value`, value.position);
  return value.piece;
}

function filterOf(key: string, value: RawValue): Filter {
  if (key === 'is') return { kind: 'is', states: piecesOf(value).map(stateOf) };
  if (key === 'level') return { kind: 'level', values: piecesOf(value).map((p) => p.segments) };
  if (key === 'has') {
    const piece = single(key, value);
    if (piece.segments.length > 1) throw new SearchError('has: takes no wildcard', piece.position);
    return { kind: 'has', key: textOf(piece) };
  }
  if (key === 'events' || key === 'users') {
    const { op, operand, position } = comparisonOf(single(key, value));
    return { kind: 'count', field: key, op, value: countOf(operand, position) };
  }
  const timeField = TIME_FIELDS.get(key);
  if (timeField !== undefined)
    return { kind: 'time', field: timeField, ...timeOf(single(key, value)) };
  return { kind: 'tag', key, values: piecesOf(value).map((p) => p.segments) };
}

function stateOf(piece: Piece): IssueState {
  const text = textOf(piece);
  const state = STATES.find((candidate) => candidate === text);
  if (state === undefined || piece.segments.length > 1) {
    throw new SearchError(`unknown is: value (expected ${STATES.join(', ')})`, piece.position);
  }
  return state;
}

function comparisonOf(piece: Piece): { op: Comparison; operand: string; position: number } {
  const text = textOf(piece);
  const op = (['>=', '<=', '>', '<', '='] as const).find((candidate) => text.startsWith(candidate));
  const operand = op === undefined ? text : text.slice(op.length);
  const position = piece.position + (op?.length ?? 0);
  if (operand === '') throw new SearchError('empty value', position);
  return { op: op ?? '=', operand, position };
}

function countOf(text: string, position: number): number {
  if (text.length > 15 || !/^\d+$/.test(text)) throw new SearchError('bad number', position);
  return Number(text);
}

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** `-24h` (within the last day) or `+24h` (longer ago), else an operator and an ISO date. */
function timeOf(piece: Piece): { op: Comparison; instant: Instant } {
  const text = textOf(piece);
  if (text.startsWith('-') || text.startsWith('+')) {
    const match = /^[-+](\d{1,9})([smhdw])$/.exec(text);
    if (match === null) throw new SearchError('bad duration', piece.position);
    const ago = Number(match[1]) * DURATION_UNITS[match[2]!]!;
    return { op: text.startsWith('-') ? '>' : '<', instant: { ago } };
  }
  const { op, operand, position } = comparisonOf(piece);
  return { op, instant: isoInstant(operand, position) };
}

// Each group has a fixed width, so the pattern cannot backtrack far whatever the input.
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}:\d{2})?)?$/;

/** Strict ISO 8601 (Date.parse accepts other shapes, and reads a zoneless time as local). */
function isoInstant(text: string, position: number): Instant {
  const match = ISO.exec(text);
  if (match === null) throw new SearchError('bad date/time (expected ISO 8601)', position);
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const fields = [year, month, day, hour ?? '0', minute ?? '0', second ?? '0'].map(Number);
  const [y, mo, d, h, mi, s] = fields as [number, number, number, number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s);
  const offset = zone === undefined || zone.toUpperCase() === 'Z' ? 0 : offsetOf(zone);
  const valid =
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d &&
    h < 24 &&
    mi < 60 &&
    s < 60 &&
    offset !== undefined;
  if (!valid) throw new SearchError('bad date/time (expected ISO 8601)', position);
  const span =
    hour === undefined
      ? 86400
      : second === undefined
        ? 60
        : fraction === undefined
          ? 1
          : 10 ** -fraction.length;
  const at = date.getTime() / 1000 + Number(`0.${fraction ?? '0'}`) - offset;
  return { at, span };
}

/** `+02:00` → 7200 seconds; `undefined` for an offset no clock has. */
function offsetOf(zone: string): number | undefined {
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (hours > 23 || minutes > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 3600 + minutes * 60);
}
