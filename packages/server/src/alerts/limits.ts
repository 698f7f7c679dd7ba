/**
 * How many rules and channels one project may have. Every rule is checked on every engine pass
 * and a threshold rule queries the project's active issues each time, so their number is what
 * a pass costs; channels are bounded with them so that no list a page shows is unbounded.
 */
import type { CountCap } from '../count-limit.js';

export const RULES_PER_PROJECT: CountCap = {
  what: 'alert rules',
  owner: 'a project',
  limit: 100,
  table: 'alert_rules',
  ownerColumn: 'project_id',
};

export const CHANNELS_PER_PROJECT: CountCap = {
  what: 'alert channels',
  owner: 'a project',
  limit: 100,
  table: 'alert_channels',
  ownerColumn: 'project_id',
};
