/**
 * The generic webhook: one JSON POST per notification, optionally signed.
 *
 * Body (version 1; fields are only ever added, a breaking change gets version 2):
 *   { "version": 1,
 *     "id": 42,                 // the notification: the same on a retry, so repeats can be dropped
 *     "project": { "id": 1, "name": "checkout" },
 *     "rule": { "id": 3, "name": "New issues" },
 *     "trigger": "new_issue" | "regression" | "frequency" | "users",
 *     "issues": [{ "id", "title", "culprit", "level", "count", "userCount",
 *                  "firstSeen": ISO 8601, "lastSeen": ISO 8601, "url" }],
 *     "moreIssues": 0,          // issues the summary stands for beyond those listed
 *     "triggeredAt": ISO 8601,
 *     "test": false }
 *
 * Signature, when the channel has a secret:
 *   X-Faultline-Timestamp: <Unix seconds when sent>
 *   X-Faultline-Signature: sha256=<lowercase hex HMAC-SHA256(secret, `${timestamp}.${body}`)>
 * where body is the exact bytes received (UTF-8). Signing the timestamp with the body lets a
 * receiver refuse a replayed request: check the HMAC in constant time, then that the timestamp
 * is recent (say within 5 minutes). The recipe is in ../README.md.
 */
import { createHmac } from 'node:crypto';
import type { AlertMessage, Trigger, WebhookChannelConfig } from '../types.js';
import type { ChannelSender } from './channel-sender.js';
import { postJson } from './post-json.js';

export const sendWebhook: ChannelSender<WebhookChannelConfig> = async function sendWebhook(
  config,
  message,
  options,
) {
  const body = JSON.stringify(webhookBody(message));
  const headers: Record<string, string> =
    config.secret === undefined || config.secret === ''
      ? {}
      : {
          'x-faultline-timestamp': String(options.now),
          'x-faultline-signature': signWebhook(config.secret, options.now, body),
        };
  return postJson(config.url, body, headers, options);
};

export interface WebhookBody {
  version: 1;
  /** The notification's id, the same on every retry of it (null for a test). */
  id: number | null;
  project: { id: number; name: string };
  rule: { id: number; name: string };
  trigger: Trigger;
  issues: Array<{
    id: number;
    title: string;
    culprit: string;
    level: string;
    count: number;
    userCount: number;
    firstSeen: string;
    lastSeen: string;
    url: string;
  }>;
  moreIssues: number;
  triggeredAt: string;
  test: boolean;
}

/** The body as documented above; strings go as they are (JSON is escaping enough). */
export function webhookBody(message: AlertMessage): WebhookBody {
  return {
    version: 1,
    id: message.notificationId ?? null,
    project: { id: message.project.id, name: message.project.name },
    rule: { id: message.rule.id, name: message.rule.name },
    trigger: message.rule.trigger,
    issues: message.issues.map((issue) => ({
      id: issue.id,
      title: issue.title,
      culprit: issue.culprit,
      level: issue.level,
      count: issue.count,
      userCount: issue.userCount,
      firstSeen: isoTime(issue.firstSeen),
      lastSeen: isoTime(issue.lastSeen),
      url: issue.url,
    })),
    moreIssues: message.moreIssues,
    triggeredAt: isoTime(message.triggeredAt),
    test: message.test === true,
  };
}

/** `sha256=<hex>` over `${timestamp}.${body}`; receivers compute the same and compare. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  const hmac = createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8');
  return `sha256=${hmac.digest('hex')}`;
}

function isoTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}
