/** Strings and values an attacker would try where the server expects ordinary text. */
import type { Random } from './random.js';

/** Names that are properties of every plain object: a lookup by them must not find one. */
export const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
  'isPrototypeOf',
];

const HOSTILE_STRINGS = [
  ...PROTOTYPE_KEYS,
  '',
  ' ',
  '\u0000',
  '\u0000\u0001\u0007\u001b[31m\u001f\u007f',
  '\r\nX-Injected: 1',
  '\u202eevil\u202c',
  '\ud800',
  '\udfff\ud800',
  '\ufeff',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '%s%s%s%n',
  '{0}{1}{99999999}',
  '${jndi:ldap://127.0.0.1/a}',
  '4111-1111-1111-1111',
  'null',
  'NaN',
];

export function hostileString(random: Random): string {
  return random.chance(0.15) ? random.pick(PROTOTYPE_KEYS) : random.pick(HOSTILE_STRINGS);
}

export function hostileValue(random: Random): unknown {
  switch (random.int(0, 9)) {
    case 0:
      return random.pick([-1, 0, -0, 1e308, -1e308, 2 ** 53 + 1, 0.1, 1e-320]);
    case 1:
      return random.pick([null, true, false]);
    case 2:
      return random.pick([{}, [], [[]], { '': '' }]);
    case 3:
      return 'A'.repeat(random.int(1_000, 70_000));
    case 4:
      return JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {}}}');
    default:
      return hostileString(random);
  }
}

/** A string of `length` characters (not bytes), from a repeated unit. */
export function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}
