/**
 * Mutations of an envelope's framing: duplicated, dropped and retyped items, corrupted item
 * lengths, a dropped header line, floods of tiny items, hostile header values.
 */
import type { EnvelopeParts } from './envelope-parts.js';
import { hostileString, hostileValue, PROTOTYPE_KEYS } from './hostile-values.js';
import type { Random } from './random.js';

export interface EnvelopeMutation {
  name: string;
  apply(parts: EnvelopeParts, random: Random): void;
}

const ITEM_TYPES = [
  'event',
  'attachment',
  'transaction',
  'session',
  'sessions',
  'client_report',
  'user_report',
  'check_in',
  'profile',
  'replay_event',
  'unknown_type',
  '',
  ...PROTOTYPE_KEYS,
];

function randomIndex(parts: EnvelopeParts, random: Random): number | undefined {
  return parts.items.length === 0 ? undefined : random.int(0, parts.items.length - 1);
}

export const ENVELOPE_MUTATIONS: readonly EnvelopeMutation[] = [
  {
    name: 'duplicate-item',
    apply(parts, random) {
      const index = randomIndex(parts, random);
      if (index !== undefined) parts.items.splice(index, 0, parts.items[index]!);
    },
  },
  {
    name: 'drop-item',
    apply(parts, random) {
      const index = randomIndex(parts, random);
      if (index !== undefined) parts.items.splice(index, 1);
    },
  },
  {
    name: 'change-item-type',
    apply(parts, random) {
      const index = randomIndex(parts, random);
      if (index === undefined) return;
      const item = parts.items[index]!;
      parts.items[index] = { ...item, headers: { ...item.headers, type: random.pick(ITEM_TYPES) } };
    },
  },
  {
    name: 'corrupt-item-length',
    apply(parts, random) {
      const index = randomIndex(parts, random);
      if (index === undefined) return;
      const item = parts.items[index]!;
      const size = item.payload.length;
      const length = random.pick<unknown>([
        size + random.int(1, 8),
        Math.max(0, size - random.int(1, 8)),
        0,
        -1,
        1.5,
        String(size),
        null,
        2 ** 53,
        1e300,
      ]);
      parts.items[index] = { ...item, headers: { ...item.headers, length } };
    },
  },
  {
    name: 'add-exact-lengths',
    apply(parts) {
      parts.items = parts.items.map((item) => ({
        ...item,
        headers: { ...item.headers, length: item.payload.length },
      }));
    },
  },
  {
    name: 'drop-envelope-header',
    apply(parts) {
      parts.headers = undefined;
    },
  },
  {
    name: 'empty-envelope-header',
    apply(parts) {
      parts.headers = {};
    },
  },
  {
    name: 'hostile-envelope-header',
    apply(parts, random) {
      const headers = { ...parts.headers };
      const key = random.pick([
        'event_id',
        'sent_at',
        'sdk',
        'trace',
        'dsn',
        hostileString(random),
      ]);
      Object.defineProperty(headers, key, { value: hostileValue(random), enumerable: true });
      parts.headers = headers;
    },
  },
  {
    name: 'hostile-item-header',
    apply(parts, random) {
      const index = randomIndex(parts, random);
      if (index === undefined) return;
      const item = parts.items[index]!;
      const headers = { ...item.headers };
      const key = random.pick([
        'filename',
        'content_type',
        'attachment_type',
        hostileString(random),
      ]);
      Object.defineProperty(headers, key, { value: hostileValue(random), enumerable: true });
      parts.items[index] = { ...item, headers };
    },
  },
  {
    name: 'flood-of-items',
    apply(parts, random) {
      const type = random.pick(['unknown_type', 'attachment', 'client_report', 'session']);
      const count = random.int(100, 20_000);
      for (let i = 0; i < count; i++) {
        parts.items.push({ headers: { type, length: 1 }, payload: Buffer.from('x') });
      }
    },
  },
  {
    name: 'empty-payload',
    apply(parts, random) {
      const index = randomIndex(parts, random);
      if (index === undefined) return;
      const item = parts.items[index]!;
      parts.items[index] = { headers: { ...item.headers, length: 0 }, payload: Buffer.alloc(0) };
    },
  },
];
