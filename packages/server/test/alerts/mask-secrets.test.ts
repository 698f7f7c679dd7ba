/**
 * Secrets as the API shows and takes them: masked on the way out, and the masked form sent
 * back keeps what is saved; a new value replaces it, "" removes it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../src/api/errors.js';
import {
  maskChannelConfig,
  maskUrl,
  mergeChannelSecrets,
} from '../../src/alerts/channels/mask-secrets.js';
import { channelConfigInput } from '../../src/alerts/channels/validate-config.js';
import type { ChannelConfig } from '../../src/alerts/types.js';

const SLACK_URL = 'https://hooks.slack.com/services/T000/B000/XXXXXXXXa9Zk';
const email: ChannelConfig = {
  kind: 'email',
  host: 'smtp.example.com',
  port: 587,
  security: 'starttls',
  username: 'alerts',
  password: 'hunter2-hunter2',
  from: 'alerts@example.com',
  to: ['oncall@example.com'],
};
const webhook: ChannelConfig = {
  kind: 'webhook',
  url: 'https://ci.example.com/hooks/faultline?token=abcdef123456',
  secret: 'whsec_0123456789',
};
const slack: ChannelConfig = { kind: 'slack', url: SLACK_URL };
const discord: ChannelConfig = {
  kind: 'discord',
  url: 'https://discord.com/api/webhooks/123/AbCdEfGhIj',
};

/** The API's path: JSON as a client would send it back, through the input schema, then merged. */
function roundTrip(previous: ChannelConfig, sent: unknown): ChannelConfig {
  const parsed = channelConfigInput.parse(JSON.parse(JSON.stringify(sent)));
  return mergeChannelSecrets(previous, parsed);
}

describe('maskChannelConfig', () => {
  it('hides the SMTP password, saying whether one is set', () => {
    const masked = maskChannelConfig(email);
    assert.deepEqual(masked, {
      kind: 'email',
      host: 'smtp.example.com',
      port: 587,
      security: 'starttls',
      username: 'alerts',
      password: null,
      passwordSet: true,
      from: 'alerts@example.com',
      to: ['oncall@example.com'],
    });
    const { password: _, ...withoutPassword } = email as Extract<ChannelConfig, { kind: 'email' }>;
    assert.equal(
      (maskChannelConfig(withoutPassword) as { passwordSet: boolean }).passwordSet,
      false,
    );
  });

  it('shows receiver URLs as scheme, host and their last 4 characters', () => {
    assert.deepEqual(maskChannelConfig(slack), {
      kind: 'slack',
      url: 'https://hooks.slack.com/…a9Zk',
    });
    assert.deepEqual(maskChannelConfig(discord), {
      kind: 'discord',
      url: 'https://discord.com/…GhIj',
    });
    assert.deepEqual(maskChannelConfig(webhook), {
      kind: 'webhook',
      url: 'https://ci.example.com/…3456',
      secret: null,
      secretSet: true,
    });
    for (const config of [email, webhook, slack, discord]) {
      const shown = JSON.stringify(maskChannelConfig(config));
      for (const secret of ['hunter2', 'abcdef123456', 'whsec_', 'XXXXXXXX', 'AbCdEf']) {
        assert.ok(!shown.includes(secret), `${config.kind} shows ${secret}`);
      }
    }
  });

  it('shows nothing of a short path, and nothing of a URL it cannot parse', () => {
    assert.equal(maskUrl('http://10.0.0.5:8080/hook'), 'http://10.0.0.5:8080/…');
    assert.equal(maskUrl('garbage'), '…');
  });
});

describe('mergeChannelSecrets', () => {
  it('keeps every secret when the masked config is sent back as it was shown', () => {
    for (const config of [email, webhook, slack, discord]) {
      assert.deepEqual(roundTrip(config, maskChannelConfig(config)), config, config.kind);
    }
  });

  it('keeps secrets left out, and takes the other changes', () => {
    assert.deepEqual(
      roundTrip(email, { ...maskChannelConfig(email), password: undefined, to: ['a@example.com'] }),
      { ...email, to: ['a@example.com'] },
    );
    const { secret: _, ...withoutSecret } = maskChannelConfig(webhook) as Record<string, unknown>;
    assert.deepEqual(roundTrip(webhook, withoutSecret), webhook);
  });

  it('replaces a secret sent anew, and removes one sent as ""', () => {
    assert.deepEqual(roundTrip(email, { ...maskChannelConfig(email), password: 'new-password' }), {
      ...email,
      password: 'new-password',
    });
    const { password: _, ...rest } = email as Extract<ChannelConfig, { kind: 'email' }>;
    assert.deepEqual(roundTrip(email, { ...maskChannelConfig(email), password: '' }), rest);
  });

  it('removes the webhook secret sent as "", and takes a new URL', () => {
    const next = roundTrip(webhook, {
      kind: 'webhook',
      url: 'https://new.example.com/h',
      secret: '',
    });
    assert.deepEqual(next, { kind: 'webhook', url: 'https://new.example.com/h' });
    assert.equal('secret' in next, false);
  });

  it('drops the password when the user name goes (no login, nothing to log in with)', () => {
    const { username: _, ...sent } = maskChannelConfig(email) as Record<string, unknown>;
    const next = roundTrip(email, sent);
    assert.equal('password' in next, false);
    assert.equal('username' in next, false);
  });

  it('asks for the password again when the host or user name changes', () => {
    for (const change of [{ host: 'smtp.attacker.example' }, { username: 'someone-else' }]) {
      assert.throws(
        () => roundTrip(email, { ...maskChannelConfig(email), ...change }),
        (error: unknown) =>
          error instanceof ApiError &&
          error.status === 400 &&
          error.field === 'body.config.password',
      );
      // With the password typed in again, the change goes through.
      const next = roundTrip(email, {
        ...maskChannelConfig(email),
        ...change,
        password: 'retyped',
      });
      assert.equal((next as { password?: string }).password, 'retyped');
    }
  });

  it('asks for the webhook secret again when the URL moves to another server', () => {
    assert.throws(
      () => roundTrip(webhook, { kind: 'webhook', url: 'https://attacker.example/collect' }),
      (error: unknown) => error instanceof ApiError && error.field === 'body.config.secret',
    );
    // Another path on the same server keeps it.
    const moved = roundTrip(webhook, { kind: 'webhook', url: 'https://ci.example.com/other' });
    assert.equal((moved as { secret?: string }).secret, 'whsec_0123456789');
  });

  it('refuses a masked URL that is not the saved one', () => {
    assert.throws(
      () => roundTrip(slack, { kind: 'slack', url: 'https://hooks.slack.com/…ZZZZ' }),
      (error: unknown) => error instanceof ApiError && error.field === 'body.config.url',
    );
    // Nor does a kind change carry secrets over: the masked Slack URL means nothing to Discord.
    assert.throws(
      () => roundTrip(slack, { kind: 'discord', url: 'https://hooks.slack.com/…a9Zk' }),
      ApiError,
    );
  });

  it('takes a new channel (no previous) as sent', () => {
    const sent = { kind: 'webhook', url: 'https://r.example/h', secret: 'abc12345' };
    assert.deepEqual(mergeChannelSecrets(undefined, channelConfigInput.parse(sent)), sent);
    const bare = {
      kind: 'email',
      host: 'mx',
      port: 25,
      security: 'none',
      from: 'a@b.c',
      to: ['d@e.f'],
      password: null,
    };
    assert.deepEqual(mergeChannelSecrets(undefined, channelConfigInput.parse(bare)), {
      kind: 'email',
      host: 'mx',
      port: 25,
      security: 'none',
      from: 'a@b.c',
      to: ['d@e.f'],
    });
  });
});
