/**
 * Store.watchChanges on PostgreSQL: one dedicated connection (LISTEN holds a session, so it
 * cannot come from the pool) hears what every node NOTIFYs (notify.ts) and turns it into calls
 * on the listener. Events are read back by the row ids the notification names, one notification
 * at a time, so the listener hears batches in commit order.
 *
 * A broken connection (PostgreSQL restarting) is re-opened with backoff. Notifications sent while
 * it was down are gone: queued work is still found, because a reconnect calls `queued` once; the
 * events persisted meanwhile stay in the store but are not announced.
 */
import pg from 'pg';
import { LIVE_EVENT_SELECT } from '../live-events.js';
import type { ChangeListener, ChangeWatch } from '../types.js';
import { EVENTS_CHANNEL, QUEUE_CHANNEL, parseEventsNotification } from './notify.js';
import type { EventsNotification } from './notify.js';
import { queryRows } from './pool.js';
import { rowToLiveEvent } from './rows.js';

const FIRST_RETRY_MS = 250;
const LONGEST_RETRY_MS = 10_000;

export async function watchPostgres(
  url: string,
  pool: pg.Pool,
  listener: ChangeListener,
): Promise<ChangeWatch> {
  const channels = [
    ...(listener.queued ? [QUEUE_CHANNEL] : []),
    ...(listener.events ? [EVENTS_CHANNEL] : []),
  ];
  let client: pg.Client | undefined;
  let closed = false;
  let retryMs = FIRST_RETRY_MS;
  let retryTimer: NodeJS.Timeout | undefined;
  // Event notifications are read back one after the other, keeping commit order.
  let delivering = Promise.resolve();

  async function announce(notification: EventsNotification): Promise<void> {
    const newIssues = new Set(notification.newIssues);
    const rows = await queryRows(
      pool,
      `${LIVE_EVENT_SELECT} WHERE e.id = ANY($1::bigint[]) ORDER BY e.id`,
      [notification.events],
    );
    const events = rows.map((row) => {
      const event = rowToLiveEvent(row, false);
      return { ...event, newIssue: newIssues.has(event.id) };
    });
    if (events.length > 0 && !closed) listener.events?.(events);
  }

  function onNotification(message: pg.Notification): void {
    if (closed) return;
    if (message.channel === QUEUE_CHANNEL) {
      listener.queued?.();
      return;
    }
    const notification = parseEventsNotification(message.payload);
    if (notification === undefined) return;
    // An event that cannot be read back now (the database went away) goes unannounced.
    delivering = delivering.then(() => announce(notification)).catch(() => {});
  }

  function reconnectLater(): void {
    if (closed || retryTimer !== undefined) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connect().then(
        () => {
          retryMs = FIRST_RETRY_MS;
          if (closed) return;
          // Whatever was queued while no one listened is waiting.
          listener.queued?.();
        },
        () => {
          retryMs = Math.min(retryMs * 2, LONGEST_RETRY_MS);
          reconnectLater();
        },
      );
    }, retryMs);
    // Not unref'd: a watch keeps its process alive (`faultline tail` would otherwise exit while
    // PostgreSQL restarts); close() clears it.
  }

  async function connect(): Promise<void> {
    // TCP keepalive: a connection cut without a reset (a NAT timeout, a failover) still ends.
    const next = new pg.Client({
      connectionString: url,
      application_name: 'faultline-listen',
      keepAlive: true,
    });
    const lost = () => {
      if (client !== next) return;
      client = undefined;
      void next.end().catch(() => {});
      reconnectLater();
    };
    next.on('error', lost);
    next.on('end', lost);
    next.on('notification', onNotification);
    try {
      await next.connect();
      for (const channel of channels) await next.query(`LISTEN ${channel}`);
    } catch (error) {
      await next.end().catch(() => {});
      throw error;
    }
    if (closed) {
      await next.end();
      return;
    }
    client = next;
  }

  if (channels.length > 0) await connect();
  return {
    look() {}, // NOTIFY is heard at once
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      const current = client;
      client = undefined;
      await current?.end().catch(() => {});
      await delivering;
    },
  };
}
