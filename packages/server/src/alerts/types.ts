/**
 * Alerts: rules say when a project's people are told (a new issue, a regression, a frequency or
 * user count crossed), channels say how (email, webhook, Slack-compatible, Discord). The engine
 * turns digested issue activity into notifications, durably queued; delivery sends them.
 */

export const CHANNEL_KINDS = ['email', 'webhook', 'slack', 'discord'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export interface EmailChannelConfig {
  kind: 'email';
  host: string;
  port: number;
  /**
   * `tls`: TLS from the first byte (465); `starttls`: upgrade required (587); `none`: no TLS
   * required (STARTTLS is still used when the server offers it, its certificate checked).
   */
  security: 'tls' | 'starttls' | 'none';
  username?: string;
  /** A secret: never shown back in full. */
  password?: string;
  /** An address (`alerts@example.com`); mail goes out as `Faultline <from>`. */
  from: string;
  to: string[];
  /**
   * Accept a server certificate no public authority vouches for (self-signed, a private CA).
   * The connection is still encrypted but no longer authenticated: someone in the middle could
   * read the password. For internal relays only; off by default.
   */
  allowSelfSigned?: boolean;
}

export interface WebhookChannelConfig {
  kind: 'webhook';
  /** A secret (it often embeds a token): never shown back in full. */
  url: string;
  /** Signs each body (HMAC-SHA256) so receivers can check it came from here. */
  secret?: string;
}

/** Slack's incoming webhooks (also Mattermost's, Rocket.Chat's…), and Discord's. */
export interface ChatChannelConfig {
  kind: 'slack' | 'discord';
  url: string;
}

export type ChannelConfig = EmailChannelConfig | WebhookChannelConfig | ChatChannelConfig;

export interface AlertChannel {
  id: number;
  projectId: number;
  name: string;
  config: ChannelConfig;
  createdAt: number;
}

export const TRIGGERS = ['new_issue', 'regression', 'frequency', 'users'] as const;
export type Trigger = (typeof TRIGGERS)[number];

/** One issue as a notification tells of it. Every string is the sender's: render it inert. */
export interface AlertIssue {
  id: number;
  title: string;
  culprit: string;
  level: string;
  count: number;
  userCount: number;
  /** Unix seconds. */
  firstSeen: number;
  /** Unix seconds. */
  lastSeen: number;
  /** The issue's page in the web UI. */
  url: string;
}

/** What one delivery says: one issue, or during a storm a summary of several. */
export interface AlertMessage {
  project: { id: number; name: string };
  rule: { id: number; name: string; trigger: Trigger };
  /** The issues named in full (a summary names the first few). */
  issues: AlertIssue[];
  /** How many more issues the summary stands for ("and 37 more issues"). */
  moreIssues: number;
  /** Unix seconds: when the first of these issues triggered the rule. */
  triggeredAt: number;
  /** Set for a "send test notification": no rule or issue behind it. */
  test?: boolean;
  /** The queued notification this delivers: the same on a retry, so receivers can drop repeats. */
  notificationId?: number;
}

/** One attempt's result: `retryable` false means trying again cannot help (a 4xx, bad config). */
export type DeliveryResult =
  | { ok: true; detail: string }
  | {
      ok: false;
      detail: string;
      retryable: boolean;
      /** The receiver's Retry-After (429, 503), in seconds: wait at least this before retrying. */
      retryAfterSeconds?: number;
    };
