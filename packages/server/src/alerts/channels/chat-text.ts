/**
 * A notification as one chat post (Slack-compatible, Discord): the outline in the service's
 * markup, cut to its length limit by dropping whole issues (and counting them in "and N more
 * issues") so no link or escape is ever cut in half.
 */
import type { AlertMessage } from '../types.js';
import { moreLine, outlineMessage, type IssueOutline } from './outline-message.js';

/** How one chat service writes things; `escape` makes event text inert in its markup. */
export interface ChatMarkup {
  escape(text: string): string;
  bold(escaped: string): string;
  link(escapedText: string, url: string): string;
  /** The longest post the service accepts, in characters. */
  maxChars: number;
}

export function chatText(message: AlertMessage, markup: ChatMarkup): string {
  const outline = outlineMessage(message);
  const head = [
    ...(outline.testNote === undefined ? [] : [`_${markup.escape(outline.testNote)}_`]),
    markup.bold(markup.escape(outline.headline)),
  ].join('\n');
  const blocks = outline.issues.map((issue) => issueBlock(issue, markup));

  // Keep as many issues as fit with room for the longest possible "and N more issues" line.
  const tailRoom = 2 + (moreLine(outline.moreIssues + blocks.length)?.length ?? 0);
  let text = head;
  let kept = 0;
  for (const block of blocks) {
    if (text.length + 2 + block.length + tailRoom > markup.maxChars) break;
    text += `\n\n${block}`;
    kept++;
  }
  const more = moreLine(outline.moreIssues + blocks.length - kept);
  if (more !== undefined) text += `\n\n${markup.escape(more)}`;
  // Only a headline longer than the whole limit gets here; titles are capped well below it.
  return text.length <= markup.maxChars ? text : cutTo(text, markup.maxChars);
}

function issueBlock(issue: IssueOutline, markup: ChatMarkup): string {
  const title = markup.escape(issue.title);
  const details = issue.culprit === '' ? issue.facts : `${issue.facts} · ${issue.culprit}`;
  return [
    issue.url === undefined ? markup.bold(title) : markup.link(title, issue.url),
    markup.escape(details),
  ].join('\n');
}

/** Lengths count UTF-16 units, which is at least what the services count, never less. */
function cutTo(text: string, max: number): string {
  let cut = '';
  for (const char of text) {
    if (cut.length + char.length > max - 1) break;
    cut += char;
  }
  return `${cut}…`;
}
