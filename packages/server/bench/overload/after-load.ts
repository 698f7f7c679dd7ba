/**
 * The server's own view right after the load: is it ready (/readyz), and how far behind is
 * digest (queue depth and events digested, from /metrics)? An overloaded server that took
 * more than it can digest shows it here.
 */
export interface AfterLoad {
  readyStatus: number | string;
  queueDepth: number | undefined;
  digested: number | undefined;
}

async function get(url: string): Promise<{ status: number; text: string } | string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    return error instanceof Error ? error.name : String(error);
  }
}

function metric(text: string, name: string): number | undefined {
  const value = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1];
  return value === undefined ? undefined : Number(value);
}

export async function probeAfterLoad(baseUrl: string): Promise<AfterLoad> {
  const ready = await get(`${baseUrl}/readyz`);
  const metrics = await get(`${baseUrl}/metrics`);
  const text = typeof metrics === 'string' ? '' : metrics.text;
  return {
    readyStatus: typeof ready === 'string' ? ready : ready.status,
    queueDepth: metric(text, 'faultline_queue_depth'),
    digested: metric(text, 'faultline_events_digested_total'),
  };
}
