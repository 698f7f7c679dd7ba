/** Whether an issue passes a rule's filters: pure, so the table of cases is tested directly. */
import type { RuleFilters } from './rule-store.js';

/** What the filters look at: the issue's level and release, its latest event's environment. */
export interface IssueFacts {
  level: string;
  release: string | undefined;
  environment: string | undefined;
}

export function passesFilters(filters: RuleFilters, facts: IssueFacts): boolean {
  if (filters.levels !== undefined && filters.levels.length > 0) {
    if (!filters.levels.includes(facts.level)) return false;
  }
  if (filters.environment !== undefined && filters.environment !== facts.environment) return false;
  if (filters.release !== undefined && filters.release !== facts.release) return false;
  return true;
}
