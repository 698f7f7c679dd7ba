/** A rule form's text, to and from the API's rule; and a rule said in one line. */
import type { AlertLevel, AlertRuleInput, AlertRuleJson, AlertTrigger } from '../../../lib/client';

export const TRIGGER_LABELS: Record<AlertTrigger, string> = {
  new_issue: 'A new issue',
  regression: 'A regression (a resolved issue gets an event)',
  frequency: 'An issue gets N events in M minutes',
  users: 'An issue affects N users',
};

export const LEVELS: AlertLevel[] = ['fatal', 'error', 'warning', 'info', 'debug'];

export interface RuleDraft {
  name: string;
  trigger: AlertTrigger;
  threshold: string;
  windowMinutes: string;
  levels: AlertLevel[];
  environment: string;
  release: string;
  channelIds: number[];
  throttleMinutes: string;
  enabled: boolean;
}

export const EMPTY_RULE: RuleDraft = {
  name: '',
  trigger: 'new_issue',
  threshold: '',
  windowMinutes: '',
  levels: [],
  environment: '',
  release: '',
  channelIds: [],
  throttleMinutes: '60',
  enabled: true,
};

export function draftOfRule(rule: AlertRuleJson): RuleDraft {
  return {
    name: rule.name,
    trigger: rule.trigger,
    threshold: rule.threshold === null ? '' : String(rule.threshold),
    windowMinutes: rule.windowMinutes === null ? '' : String(rule.windowMinutes),
    levels: LEVELS.filter((level) => rule.filters.levels?.includes(level) === true),
    environment: rule.filters.environment ?? '',
    release: rule.filters.release ?? '',
    channelIds: [...rule.channelIds],
    throttleMinutes: String(rule.throttleMinutes),
    enabled: rule.enabled,
  };
}

export const takesThreshold = (trigger: AlertTrigger) =>
  trigger === 'frequency' || trigger === 'users';

/** Only the fields the trigger takes: the API refuses a threshold on `new_issue`. */
export function ruleOf(draft: RuleDraft): AlertRuleInput {
  const environment = draft.environment.trim();
  const release = draft.release.trim();
  return {
    name: draft.name,
    trigger: draft.trigger,
    ...(takesThreshold(draft.trigger) ? { threshold: Number(draft.threshold) } : {}),
    ...(draft.trigger === 'frequency' ? { windowMinutes: Number(draft.windowMinutes) } : {}),
    filters: {
      ...(draft.levels.length === 0 ? {} : { levels: draft.levels }),
      ...(environment === '' ? {} : { environment }),
      ...(release === '' ? {} : { release }),
    },
    channelIds: draft.channelIds,
    throttleMinutes: Number(draft.throttleMinutes),
    enabled: draft.enabled,
  };
}

export function describeTrigger(rule: AlertRuleJson): string {
  switch (rule.trigger) {
    case 'new_issue':
      return 'a new issue';
    case 'regression':
      return 'a regression';
    case 'frequency':
      return `${rule.threshold ?? '?'} events in ${rule.windowMinutes ?? '?'} min`;
    case 'users':
      return `${rule.threshold ?? '?'} users affected`;
  }
}

export function describeFilters(rule: AlertRuleJson): string {
  const { levels, environment, release } = rule.filters;
  const parts = [
    ...(levels === undefined || levels.length === 0 ? [] : [`level ${levels.join(' or ')}`]),
    ...(environment === undefined ? [] : [`environment ${environment}`]),
    ...(release === undefined ? [] : [`release ${release}`]),
  ];
  return parts.length === 0 ? 'every event' : parts.join(', ');
}
