/**
 * Small edits at random places of a parsed JSON value, for the event mutations. Keys are set as
 * own properties (never through `obj[key] =`), so `__proto__` lands in the JSON text as a key.
 */
import type { Random } from './random.js';

type Container = Record<string, unknown> | unknown[];

export interface Slot {
  parent: Container;
  key: string | number;
}

const MAX_SLOTS = 4000;

/** Up to MAX_SLOTS places in the tree a value could be replaced at, in document order. */
export function slotsOf(root: Container): Slot[] {
  const slots: Slot[] = [];
  const stack: Container[] = [root];
  while (stack.length > 0 && slots.length < MAX_SLOTS) {
    const parent = stack.pop()!;
    for (const key of Array.isArray(parent) ? parent.keys() : Object.keys(parent)) {
      slots.push({ parent, key });
      const value = (parent as Record<string | number, unknown>)[key];
      if (typeof value === 'object' && value !== null) stack.push(value as Container);
    }
  }
  return slots;
}

/** The objects and arrays of the tree, the root included. */
export function containersOf(root: Container): Container[] {
  return [
    root,
    ...slotsOf(root).flatMap(({ parent, key }) => {
      const value = (parent as Record<string | number, unknown>)[key];
      return typeof value === 'object' && value !== null ? [value as Container] : [];
    }),
  ];
}

export function setOwn(parent: Container, key: string | number, value: unknown): void {
  Object.defineProperty(parent, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** Replaces the value at a random place (or sets a key on the root when the tree is empty). */
export function replaceRandom(root: Container, random: Random, value: unknown): void {
  const slots = slotsOf(root);
  const slot = slots.length === 0 ? { parent: root, key: 'extra' } : random.pick(slots);
  setOwn(slot.parent, slot.key, value);
}

/** Sets `key` on a random object of the tree. */
export function addKeyRandom(root: Container, random: Random, key: string, value: unknown): void {
  const objects = containersOf(root).filter((container) => !Array.isArray(container));
  setOwn(random.pick(objects), key, value);
}
