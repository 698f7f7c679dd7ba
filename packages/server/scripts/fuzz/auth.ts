/**
 * Where the key goes (the X-Sentry-Auth header, the sentry_key query parameter, the envelope
 * header's dsn), and the ways it is wrong: unknown, empty, hostile or huge keys, a project id in
 * the URL that is not the key's, auth headers that are not Sentry's.
 */
import { hostileString } from './hostile-values.js';
import type { Random } from './random.js';

export interface Target {
  /** host:port */
  host: string;
  projectId: number;
  publicKey: string;
}

export type AuthPlace = 'header' | 'query' | 'dsn' | 'none';

export interface AuthChoice {
  place: AuthPlace;
  key: string;
  /** The project id as written in the URL's path. */
  urlProject: string;
  names: string[];
}

function chooseKey(random: Random, target: Target, names: string[]): string {
  if (random.chance(0.9)) return target.publicKey;
  const [name, key] = random.pick<[string, () => string]>([
    ['unknown', () => random.hex(32)],
    ['empty', () => ''],
    ['hostile', () => hostileString(random)],
    ['huge', () => 'k'.repeat(random.int(10_000, 1_000_000))],
    ['upper-case', () => target.publicKey.toUpperCase()],
  ]);
  names.push(`key:${name}`);
  return key();
}

function chooseProject(random: Random, target: Target, names: string[]): string {
  if (random.chance(0.95)) return String(target.projectId);
  const project = random.pick(['2', '0', '-1', 'abc', '99999999999999999999', '__proto__', '1e3']);
  names.push(`url-project:${project}`);
  return project;
}

export function chooseAuth(random: Random, target: Target, dsnPossible: boolean): AuthChoice {
  const names: string[] = [];
  const key = chooseKey(random, target, names);
  const urlProject = chooseProject(random, target, names);
  const roll = random.next();
  const place: AuthPlace =
    roll < 0.04 ? 'none' : roll < 0.34 ? 'header' : roll < 0.7 || !dsnPossible ? 'query' : 'dsn';
  names.push(`auth:${place}`);
  // Beyond Node's 16 KB of request headers the HTTP parser, not Faultline, answers (431).
  const fitted = place === 'dsn' ? key : key.slice(0, 8_000);
  return { place, key: fitted, urlProject, names };
}

export function dsnFor(target: Target, key: string): string {
  return `http://${key}@${target.host}/${target.projectId}`;
}

export function authHeaderFor(random: Random, key: string): { value: string; name?: string } {
  if (random.chance(0.04)) {
    const value = random.pick(['Sentry', 'Bearer abc', 'Sentry sentry_key', `sentry_key=${key}`]);
    return { value, name: 'auth-header:malformed' };
  }
  return {
    value: headerSafe(`Sentry sentry_version=7, sentry_client=fuzz/1.0, sentry_key=${key}`),
  };
}

/**
 * A header value node:http will send: the text's UTF-8 bytes as Latin-1 (what a raw client
 * would put on the wire), control characters (which no HTTP parser accepts) as `?`.
 */
function headerSafe(text: string): string {
  return Buffer.from(text, 'utf8')
    .toString('latin1')
    .replace(/[\x00-\x08\x0a-\x1f\x7f]/g, '?');
}

/** The query string for the chosen place (the header and the dsn need none). */
export function queryFor(auth: AuthChoice): string {
  if (auth.place !== 'query') return '';
  return `?sentry_version=7&sentry_client=fuzz%2F1.0&sentry_key=${percentEncode(auth.key)}`;
}

/** Like encodeURIComponent, but a lone surrogate is sent (as U+FFFD's bytes), not thrown on. */
function percentEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9_.~-]/.test(char) ? char : `%${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}
