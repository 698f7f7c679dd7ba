/**
 * The texts an email carries: a subject, a plain text body and an HTML body. Every string in
 * them that came from an event (titles, culprits, levels) or from a person (project and rule
 * names) is escaped in the HTML, and the only link is the issue's own http(s) page.
 */
import type { AlertMessage } from '../types.js';
import { outlineMessage, type IssueOutline } from './outline-message.js';

export interface FormattedMessage {
  /** One line: `[Faultline] New issue in checkout: TypeError: x is undefined`. */
  subject: string;
  text: string;
  html: string;
}

export function formatMessage(message: AlertMessage): FormattedMessage {
  const outline = outlineMessage(message);
  const subject = `[Faultline] ${outline.headline}`;

  const text = [
    ...(outline.testNote === undefined ? [] : [outline.testNote, '']),
    outline.headline,
    '',
    ...outline.issues.flatMap((issue) => [...issueTextLines(issue), '']),
    ...(outline.more === undefined ? [] : [outline.more, '']),
    '-- ',
    outline.footer,
    '',
  ].join('\n');

  const html = [
    '<!doctype html>',
    '<html><body style="font-family: -apple-system, Segoe UI, Helvetica, Arial, sans-serif; color: #1a1a1a">',
    ...(outline.testNote === undefined
      ? []
      : [`<p style="padding: 8px; background: #fff4d6">${escapeHtml(outline.testNote)}</p>`]),
    `<h2 style="font-size: 18px">${escapeHtml(outline.headline)}</h2>`,
    ...(outline.issues.length === 0 ? [] : ['<ul>', ...outline.issues.map(issueHtml), '</ul>']),
    ...(outline.more === undefined ? [] : [`<p>${escapeHtml(outline.more)}</p>`]),
    `<p style="color: #777; font-size: 12px">${escapeHtml(outline.footer)}</p>`,
    '</body></html>',
    '',
  ].join('\n');

  return { subject, text, html };
}

function issueTextLines(issue: IssueOutline): string[] {
  return [
    issue.title,
    `  ${issue.facts}`,
    ...(issue.culprit === '' ? [] : [`  in ${issue.culprit}`]),
    ...(issue.url === undefined ? [] : [`  ${issue.url}`]),
  ];
}

function issueHtml(issue: IssueOutline): string {
  const title =
    issue.url === undefined
      ? `<strong>${escapeHtml(issue.title)}</strong>`
      : `<a href="${escapeHtml(issue.url)}"><strong>${escapeHtml(issue.title)}</strong></a>`;
  const culprit = issue.culprit === '' ? '' : `<br><code>${escapeHtml(issue.culprit)}</code>`;
  return `<li style="margin-bottom: 8px">${title}<br><span style="color: #555">${escapeHtml(issue.facts)}</span>${culprit}</li>`;
}

/** Text as HTML that renders as that text, in element content and in quoted attributes alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
