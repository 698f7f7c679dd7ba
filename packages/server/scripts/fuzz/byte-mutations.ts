/** Mutations of raw bytes, for the whole body before compression and for compressed streams. */
import type { Random } from './random.js';

export interface ByteMutation {
  name: string;
  apply(body: Buffer, random: Random): Buffer;
}

function at(body: Buffer, random: Random): number {
  return random.int(0, body.length);
}

export const BYTE_MUTATIONS: readonly ByteMutation[] = [
  {
    name: 'flip-bytes',
    apply(body, random) {
      const out = Buffer.from(body);
      for (let i = random.int(1, 8); i > 0 && out.length > 0; i--) {
        const position = random.int(0, out.length - 1);
        out[position] = out[position]! ^ (1 << random.int(0, 7));
      }
      return out;
    },
  },
  {
    name: 'insert-bytes',
    apply(body, random) {
      const where = at(body, random);
      const bytes = random.chance(0.5) ? random.bytes(random.int(1, 16)) : Buffer.from('\n');
      return Buffer.concat([body.subarray(0, where), bytes, body.subarray(where)]);
    },
  },
  {
    name: 'delete-bytes',
    apply(body, random) {
      const start = at(body, random);
      return Buffer.concat([body.subarray(0, start), body.subarray(start + random.int(1, 64))]);
    },
  },
  {
    name: 'truncate',
    apply: (body, random) => body.subarray(0, at(body, random)),
  },
  {
    name: 'duplicate-range',
    apply(body, random) {
      const start = at(body, random);
      const end = Math.min(body.length, start + random.int(1, 4_096));
      return Buffer.concat([body.subarray(0, end), body.subarray(start, end), body.subarray(end)]);
    },
  },
  {
    name: 'append-garbage',
    apply: (body, random) => Buffer.concat([body, random.bytes(random.int(1, 256))]),
  },
];
