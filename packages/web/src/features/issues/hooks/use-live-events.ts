import { useEffect, useRef, useState } from 'react';
import { ApiClientError } from '../../../lib/client';
import type { LiveEventJson } from '../../../lib/client';
import { useClient } from '../../../lib/session';
import { reportUnauthorized } from '../../../lib/unauthorized';

export type LiveState = 'connecting' | 'live' | 'offline';

const RETRY_FIRST_MS = 2000;
const RETRY_MAX_MS = 30_000;

/**
 * GET /api/0/stream/?project=ID as an EventSource: the browser sends the same-origin session
 * cookie and reconnects by itself after a network drop. An answer that is no stream (a proxy's
 * 502 while the server restarts, a 401, a 404) closes it for good in the browser's eyes, so then
 * this asks whether the project is still there for us — a 401 is a logout, a 404 or 403 ends
 * the stream — and otherwise opens a new one, backing off up to 30 s.
 */
export function useLiveEvents(projectId: number, onEvent: (event: LiveEventJson) => void) {
  const client = useClient();
  const [state, setState] = useState<LiveState>('connecting');
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    let source: EventSource | undefined;
    let retryMs = RETRY_FIRST_MS;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const open = () => {
      source = new EventSource(client.streamUrl(projectId), { withCredentials: true });
      setState('connecting');
      source.onopen = () => {
        retryMs = RETRY_FIRST_MS;
        setState('live');
      };
      source.onerror = () => {
        if (source?.readyState !== EventSource.CLOSED) {
          setState('connecting');
          return;
        }
        setState('offline');
        const wait = retryMs;
        retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
        client.getProject(projectId).then(
          () => {
            if (!stopped) retry = setTimeout(open, wait);
          },
          (error: unknown) => {
            reportUnauthorized(error);
            const gone = error instanceof ApiClientError && [401, 403, 404].includes(error.status);
            if (!gone && !stopped) retry = setTimeout(open, wait);
          },
        );
      };
      source.addEventListener('event', (message) => {
        const event = parseLiveEvent(message.data);
        if (event !== undefined && event.projectId === projectId) handler.current(event);
      });
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [client, projectId]);
  return state;
}

function parseLiveEvent(data: unknown): LiveEventJson | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const parsed = JSON.parse(data) as Partial<LiveEventJson> | null;
    if (typeof parsed?.issueId !== 'number' || typeof parsed.projectId !== 'number')
      return undefined;
    return parsed as LiveEventJson;
  } catch {
    return undefined;
  }
}
