/** The app's URLs, as data: every page a URL, so reload, back and links all work. */
import type { EventRef } from '../features/issue/components/issue-page';

export type Page =
  | { page: 'home' }
  | { page: 'login' }
  | { page: 'issues'; projectId: number }
  | { page: 'issue'; issueId: number; event: EventRef }
  | { page: 'settings'; projectId: number }
  | { page: 'releases'; projectId: number }
  | { page: 'alerts'; projectId: number }
  | { page: 'alert-log'; projectId: number }
  | { page: 'setup'; projectId: number }
  | { page: 'account' }
  | { page: 'not-found' };

const ID = '([1-9][0-9]{0,15})';
const PATTERNS: Array<[RegExp, (match: RegExpExecArray) => Page]> = [
  [/^\/$/, () => ({ page: 'home' })],
  [/^\/login\/?$/, () => ({ page: 'login' })],
  [new RegExp(`^/projects/${ID}/issues/?$`), (m) => ({ page: 'issues', projectId: Number(m[1]) })],
  [
    new RegExp(`^/projects/${ID}/settings/?$`),
    (m) => ({ page: 'settings', projectId: Number(m[1]) }),
  ],
  [new RegExp(`^/projects/${ID}/alerts/?$`), (m) => ({ page: 'alerts', projectId: Number(m[1]) })],
  [
    new RegExp(`^/projects/${ID}/releases/?$`),
    (m) => ({ page: 'releases', projectId: Number(m[1]) }),
  ],
  [
    new RegExp(`^/projects/${ID}/alerts/log/?$`),
    (m) => ({ page: 'alert-log', projectId: Number(m[1]) }),
  ],
  [new RegExp(`^/projects/${ID}/setup/?$`), (m) => ({ page: 'setup', projectId: Number(m[1]) })],
  [/^\/account\/?$/, () => ({ page: 'account' })],
  [
    new RegExp(`^/issues/${ID}/?$`),
    (m) => ({ page: 'issue', issueId: Number(m[1]), event: 'latest' }),
  ],
  [
    new RegExp(`^/issues/${ID}/events/(latest|oldest|[0-9a-f]{32})/?$`),
    (m) => ({
      page: 'issue',
      issueId: Number(m[1]),
      event: m[2] === 'latest' || m[2] === 'oldest' ? m[2] : { eventId: m[2]! },
    }),
  ],
];

/** The project a page is about, for the shell's picker and project links. */
export function projectOf(page: Page): number | undefined {
  return 'projectId' in page ? page.projectId : undefined;
}

export function pageOf(pathname: string): Page {
  for (const [pattern, page] of PATTERNS) {
    const match = pattern.exec(pathname);
    if (match !== null) return page(match);
  }
  return { page: 'not-found' };
}
