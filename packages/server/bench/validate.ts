/**
 * `npm run bench:validate`: what ingest's JSON validator (ingest/json-shape.ts) costs per event,
 * against JSON.parse of the same bytes (what digest does), on the bench's sample event, in the
 * same process. Prints MB/s and µs per event for each; read the ratio, this machine is noisy.
 */
import { isUtf8 } from 'node:buffer';
import { checkJsonShape } from '../src/ingest/json-shape.js';
import { makeEnvelopeFactory } from './sample-event.js';

const body = makeEnvelopeFactory().body('0123456789abcdef0123456789abcdef', 'loadCart');
// The envelope's third line is the event payload.
const lines = body.toString('utf8').split('\n');
const payload = Buffer.from(lines[2]!);

function measure(work: () => void): { mbPerSecond: number; microsPerEvent: number } {
  let best = Infinity;
  for (let run = 0; run < 5; run++) {
    const iterations = 2000;
    const started = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) work();
    best = Math.min(best, Number(process.hrtime.bigint() - started) / iterations);
  }
  return { mbPerSecond: payload.length / 1e6 / (best / 1e9), microsPerEvent: best / 1000 };
}

if (checkJsonShape(payload, 256) !== 'object')
  throw new Error('the sample event does not validate');
const results = {
  'checkJsonShape (validator)': measure(() => checkJsonShape(payload, 256)),
  'isUtf8 (native)': measure(() => isUtf8(payload)),
  'JSON.parse(toString)': measure(() => JSON.parse(payload.toString('utf8'))),
};
console.log(`sample event               ${payload.length.toLocaleString('en-US')} bytes`);
for (const [name, { mbPerSecond, microsPerEvent }] of Object.entries(results)) {
  console.log(
    `${name.padEnd(27)}${mbPerSecond.toFixed(0).padStart(6)} MB/s  ${microsPerEvent.toFixed(1).padStart(6)} µs/event`,
  );
}
