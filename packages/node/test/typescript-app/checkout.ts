// A TypeScript app, compiled with source maps and run with --enable-source-maps by
// source-maps.test.ts: the reported frames must point into this file, not the emitted .js.
import * as Faultline from '@faultline/node';

interface Cart {
  id: number;
  items: readonly string[];
}

function priceCart(cart: Cart): number {
  if (cart.items.length === 0) throw new Error(`cart ${cart.id} is empty`); // THROWS HERE
  return cart.items.length * 10;
}

Faultline.init({});
try {
  priceCart({ id: 7, items: [] });
} catch (error) {
  Faultline.captureException(error);
}
const flushed = await Faultline.flush(5000);
process.stdout.write(`${JSON.stringify({ flushed })}\n`);
