/** A project's alert channels, stored with their secrets (the API masks them). */
import { numberColumn, stringColumn } from '../store/sql.js';
import type { Sql, SqlRow } from '../store/sql.js';
import type { AlertChannel, ChannelConfig } from './types.js';

const CHANNEL_COLUMNS = 'id, project_id, name, config, created_at';

function channelFromRow(row: SqlRow): AlertChannel {
  return {
    id: numberColumn(row, 'id'),
    projectId: numberColumn(row, 'project_id'),
    name: stringColumn(row, 'name'),
    // Written only by this module, from validated input.
    config: JSON.parse(stringColumn(row, 'config')) as ChannelConfig,
    createdAt: numberColumn(row, 'created_at'),
  };
}

export async function createChannel(
  sql: Sql,
  projectId: number,
  name: string,
  config: ChannelConfig,
): Promise<AlertChannel> {
  const createdAt = Date.now() / 1000;
  return sql.transaction(async (tx) => {
    await tx.run(
      'INSERT INTO alert_channels (project_id, name, kind, config, created_at) VALUES (?, ?, ?, ?, ?)',
      [projectId, name, config.kind, JSON.stringify(config), createdAt],
    );
    const row = await tx.get(
      `SELECT ${CHANNEL_COLUMNS} FROM alert_channels WHERE project_id = ? ORDER BY id DESC LIMIT 1`,
      [projectId],
    );
    return channelFromRow(row!);
  });
}

export async function listChannels(sql: Sql, projectId: number): Promise<AlertChannel[]> {
  const rows = await sql.all(
    `SELECT ${CHANNEL_COLUMNS} FROM alert_channels WHERE project_id = ? ORDER BY id`,
    [projectId],
  );
  return rows.map(channelFromRow);
}

export async function getChannel(
  sql: Sql,
  projectId: number,
  channelId: number,
): Promise<AlertChannel | undefined> {
  const row = await sql.get(
    `SELECT ${CHANNEL_COLUMNS} FROM alert_channels WHERE id = ? AND project_id = ?`,
    [channelId, projectId],
  );
  return row && channelFromRow(row);
}

export async function updateChannel(
  sql: Sql,
  channelId: number,
  changes: { name?: string | undefined; config?: ChannelConfig | undefined },
): Promise<void> {
  if (changes.name !== undefined) {
    await sql.run('UPDATE alert_channels SET name = ? WHERE id = ?', [changes.name, channelId]);
  }
  if (changes.config !== undefined) {
    await sql.run('UPDATE alert_channels SET kind = ?, config = ? WHERE id = ?', [
      changes.config.kind,
      JSON.stringify(changes.config),
      channelId,
    ]);
  }
}

/** Its notifications and their attempts go with it. */
export async function deleteChannel(sql: Sql, channelId: number): Promise<void> {
  await sql.run('DELETE FROM alert_channels WHERE id = ?', [channelId]);
}
