/** How many stored events each event id has, read with SQL from the server's SQLite files. */
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';

export async function storedEventCounts(
  dataDir: string,
  projectId: number,
): Promise<Map<string, number>> {
  const store = openSqliteStore(dataDir, { readonly: true });
  try {
    const rows = await store.sql.all(
      'SELECT event_id, count(*) AS copies FROM events WHERE project_id = ? GROUP BY event_id',
      [projectId],
    );
    return new Map(rows.map((row) => [String(row['event_id']), Number(row['copies'])]));
  } finally {
    await store.close();
  }
}
