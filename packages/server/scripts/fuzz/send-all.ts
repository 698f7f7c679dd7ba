/**
 * Sends the stream's inputs from a few concurrent workers until the count or the time is spent,
 * checking /healthz every few requests, and collects the answers: statuses by class, the
 * violations an answer shows by itself, and which event ids were acknowledged by which inputs.
 */
import type http from 'node:http';
import type { FuzzInput } from './generate-input.js';
import type { InputStream } from './input-stream.js';
import { expectationOf } from './oracle.js';
import type { FuzzOptions } from './run-fuzz.js';
import { isHealthy, sendInput } from './send-input.js';
import { answerViolations, statusClass } from './violations.js';
import type { Violation } from './violations.js';

export interface Sending {
  sent: number;
  seconds: number;
  statuses: Map<string, number>;
  /** Event id → the indices of the inputs acknowledged with it. */
  acknowledged: Map<string, number[]>;
  unjudged: number;
  violations: Violation[];
}

export async function sendAll(
  options: FuzzOptions,
  baseUrl: string,
  agent: http.Agent,
  stream: InputStream,
): Promise<Sending> {
  const result: Sending = {
    sent: 0,
    seconds: 0,
    statuses: new Map(),
    acknowledged: new Map(),
    unjudged: 0,
    violations: [],
  };
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const sinceHealthCheck: FuzzInput[] = [];
  let down = false;

  const sendOne = async (input: FuzzInput) => {
    const answer = await sendInput(baseUrl, input, agent, options.requestTimeoutSeconds * 1000);
    const statusKey = statusClass(answer);
    result.statuses.set(statusKey, (result.statuses.get(statusKey) ?? 0) + 1);
    result.violations.push(...answerViolations(input, answer));
    if (answer.status !== 200) return;
    const expectation = expectationOf(input);
    if (expectation === 'unjudged') result.unjudged++;
    if (expectation !== 'event') return;
    if (answer.eventId === undefined) {
      result.violations.push({
        kind: 'acknowledged-without-id',
        detail: '200 for an event, no id',
        input,
        answer,
      });
      return;
    }
    const indices = result.acknowledged.get(answer.eventId) ?? [];
    indices.push(input.index);
    result.acknowledged.set(answer.eventId, indices);
  };

  const checkHealth = async () => {
    if (await isHealthy(baseUrl, 5_000)) {
      sinceHealthCheck.length = 0;
      return;
    }
    down = true;
    for (const input of sinceHealthCheck)
      result.violations.push({
        kind: 'server-down',
        detail: '/healthz did not answer 200 after this input',
        input,
      });
  };

  const worker = async () => {
    while (!down && result.sent < options.count && performance.now() < deadline) {
      const input = stream.next();
      result.sent++;
      sinceHealthCheck.push(input);
      await sendOne(input);
      if (result.sent % options.healthEvery === 0) await checkHealth();
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  result.seconds = (performance.now() - started) / 1000;
  if (!down) await checkHealth();
  return result;
}
