/**
 * What the fuzzer holds the server to, one kind per broken promise: no 5xx (a 503 or 429 must
 * say Retry-After), always an answer, the server stays up, and every event acknowledged with 200
 * is stored exactly once.
 */
import type { FuzzInput } from './generate-input.js';
import type { Answer } from './send-input.js';

export type ViolationKind =
  | 'server-error'
  | 'retry-after-missing'
  | 'no-answer'
  | 'acknowledged-without-id'
  | 'lost'
  | 'stored-twice'
  | 'not-digested-in-time'
  | 'server-down'
  | 'crash';

export interface Violation {
  kind: ViolationKind;
  detail: string;
  /** The input that shows it, when one does. */
  input?: FuzzInput | undefined;
  answer?: Answer | undefined;
}

/** The violations one answer shows by itself (storage is checked after the run). */
export function answerViolations(input: FuzzInput, answer: Answer): Violation[] {
  const { status } = answer;
  if (status === 0) return [{ kind: 'no-answer', detail: answer.failure ?? '', input, answer }];
  if ((status === 503 || status === 429) && answer.retryAfter === undefined)
    return [
      { kind: 'retry-after-missing', detail: `${status} ${answer.code ?? ''}`, input, answer },
    ];
  if (status >= 500 && status !== 503)
    return [{ kind: 'server-error', detail: `${status} ${answer.code ?? ''}`, input, answer }];
  return [];
}

/** How an answer is counted in the table of statuses: status and error code. */
export function statusClass(answer: Answer): string {
  if (answer.status === 0) return `no answer (${answer.failure?.split(':')[0] ?? ''})`;
  return answer.code === undefined ? String(answer.status) : `${answer.status} ${answer.code}`;
}
