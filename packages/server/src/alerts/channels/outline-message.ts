/**
 * What a notification says, in plain words, before any channel's markup: the headline, one
 * entry per named issue, the "and N more issues" line. Every channel renders this outline and
 * escapes it its own way, so the wording lives here once.
 */
import type { AlertIssue, AlertMessage, Trigger } from '../types.js';
import { httpUrl } from './http-url.js';

export interface IssueOutline {
  /** One line, at most TITLE_MAX characters. */
  title: string;
  /** One line; empty when the issue has none. */
  culprit: string;
  /** "error · 12 events · 3 users · first seen 2025-01-02 03:04 UTC" */
  facts: string;
  /** The issue's page, only when it is http(s). */
  url: string | undefined;
}

export interface MessageOutline {
  /** "New issue in checkout: TypeError: x is undefined", or "38 new issues in checkout". */
  headline: string;
  issues: IssueOutline[];
  /** "and 37 more issues"; undefined when the message names every issue. */
  more: string | undefined;
  /** The count behind `more`, for a channel that has to drop named issues to fit. */
  moreIssues: number;
  /** Set on a test notification, saying so. */
  testNote: string | undefined;
  /** Which rule of which project sent it. */
  footer: string;
}

/** Titles come from events (attacker-controlled, unbounded); a notification shows this much. */
export const TITLE_MAX = 200;

const TRIGGER_WORDS: Record<Trigger, { label: string; one: string; many: string }> = {
  new_issue: { label: 'New issue', one: 'new issue', many: 'new issues' },
  regression: { label: 'Regression', one: 'regression', many: 'regressions' },
  frequency: { label: 'Frequent issue', one: 'frequent issue', many: 'frequent issues' },
  users: {
    label: 'Issue affecting many users',
    one: 'issue affecting many users',
    many: 'issues affecting many users',
  },
};

export function outlineMessage(message: AlertMessage): MessageOutline {
  const project = oneLine(message.project.name);
  const rule = oneLine(message.rule.name);
  return {
    headline: headlineOf(message, project),
    issues: message.issues.map(outlineIssue),
    more: moreLine(message.moreIssues),
    moreIssues: message.moreIssues,
    testNote: message.test
      ? `This is a test notification from Faultline, sent to check this channel; it stands for no real issue in ${project}.`
      : undefined,
    footer: message.test
      ? `Sent by Faultline from the channel settings of project ${project}.`
      : `Sent by Faultline for the rule “${rule}” of project ${project}.`,
  };
}

function headlineOf(message: AlertMessage, project: string): string {
  const words = TRIGGER_WORDS[message.rule.trigger];
  const total = message.issues.length + message.moreIssues;
  const only = total === 1 ? message.issues[0] : undefined;
  const headline =
    only !== undefined
      ? `${words.label} in ${project}: ${oneLine(only.title, TITLE_MAX)}`
      : `${countOf(total, words.one, words.many)} in ${project}`;
  if (!message.test) return headline;
  return total === 0 ? `Test notification for ${project}` : `Test: ${headline}`;
}

function outlineIssue(issue: AlertIssue): IssueOutline {
  const facts = [
    oneLine(issue.level, 20),
    countOf(issue.count, 'event', 'events'),
    countOf(issue.userCount, 'user', 'users'),
    `first seen ${formatTime(issue.firstSeen)}`,
  ];
  return {
    title: oneLine(issue.title, TITLE_MAX),
    culprit: oneLine(issue.culprit, TITLE_MAX),
    facts: facts.join(' · '),
    url: httpUrl(issue.url)?.href,
  };
}

/** "and 37 more issues"; undefined for none. */
export function moreLine(moreIssues: number): string | undefined {
  return moreIssues > 0 ? `and ${countOf(moreIssues, 'more issue', 'more issues')}` : undefined;
}

function countOf(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "2025-01-02 03:04 UTC" from Unix seconds. */
function formatTime(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'unknown';
  return `${new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * Event text made fit for a subject or a chat line: control characters and line breaks become
 * spaces (a newline in a title must not start a new header or paragraph), bidi overrides go
 * (they can make a title read as something else), and it is cut at `max` characters.
 */
export function oneLine(text: string, max = Infinity): string {
  const flat = text
    .replace(/[\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/[\p{Cc}\p{Zl}\p{Zp}\s]+/gu, ' ')
    .trim();
  const chars = [...flat];
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join('')}…`;
}
