/** A project's alert channels, stored with their secrets (the API masks them). */
import { numberColumn, stringColumn } from '../store/sql.js';
import type { Sql, SqlRow } from '../store/sql.js';
import { refuseOverCap } from '../count-limit.js';
import { CHANNELS_PER_PROJECT } from './limits.js';
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
    await refuseOverCap(tx, CHANNELS_PER_PROJECT, projectId);
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

/**
 * Its notifications and their attempts go with it, and its id leaves the rules that named it:
 * SQLite hands the highest id out again, so a channel made next would otherwise receive what
 * those rules were meant to send to the deleted one.
 */
export async function deleteChannel(sql: Sql, channelId: number): Promise<void> {
  await sql.transaction(async (tx) => {
    const channel = await tx.get('SELECT project_id FROM alert_channels WHERE id = ?', [channelId]);
    if (channel === undefined) return;
    const rules = await tx.all('SELECT id, channel_ids FROM alert_rules WHERE project_id = ?', [
      numberColumn(channel, 'project_id'),
    ]);
    for (const rule of rules) {
      // Written only by rule-store.ts, from validated input.
      const channelIds = JSON.parse(stringColumn(rule, 'channel_ids')) as number[];
      if (!channelIds.includes(channelId)) continue;
      await tx.run('UPDATE alert_rules SET channel_ids = ? WHERE id = ?', [
        JSON.stringify(channelIds.filter((id) => id !== channelId)),
        numberColumn(rule, 'id'),
      ]);
    }
    await tx.run('DELETE FROM alert_channels WHERE id = ?', [channelId]);
  });
}
