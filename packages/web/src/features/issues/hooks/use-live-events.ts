import { useEffect, useRef, useState } from 'react';
import type { LiveEventJson } from '../../../lib/client';
import { useClient } from '../../../lib/session';

export type LiveState = 'connecting' | 'live' | 'offline';

/**
 * GET /api/0/stream/?project=ID as an EventSource: the browser sends the same-origin session
 * cookie and reconnects by itself after a network drop; a refusal (401, 404) closes it for good.
 */
export function useLiveEvents(projectId: number, onEvent: (event: LiveEventJson) => void) {
  const client = useClient();
  const [state, setState] = useState<LiveState>('connecting');
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    const source = new EventSource(client.streamUrl(projectId), { withCredentials: true });
    setState('connecting');
    source.onopen = () => setState('live');
    source.onerror = () =>
      setState(source.readyState === EventSource.CLOSED ? 'offline' : 'connecting');
    source.addEventListener('event', (message) => {
      const event = parseLiveEvent(message.data);
      if (event !== undefined && event.projectId === projectId) handler.current(event);
    });
    return () => source.close();
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
