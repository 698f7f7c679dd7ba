/** What the API accepts as a channel config, and which field it names when it refuses. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { channelConfigInput } from '../../src/alerts/channels/validate-config.js';

const email = {
  kind: 'email',
  host: 'smtp.example.com',
  port: 587,
  security: 'starttls',
  username: 'alerts',
  password: 'pw',
  from: 'alerts@example.com',
  to: ['oncall@example.com'],
};
const webhook = { kind: 'webhook', url: 'https://ci.example.com/hooks/x?token=1', secret: 's' };

const good: Array<[string, unknown]> = [
  ['email with login', email],
  [
    'email without login, IPv4 host, port 25',
    {
      ...email,
      username: undefined,
      password: undefined,
      host: '10.0.0.5',
      port: 25,
      security: 'none',
    },
  ],
  [
    'email to an IPv6 host with TLS',
    { ...email, host: '::1', port: 465, security: 'tls', allowSelfSigned: true },
  ],
  ['email to an internal address', { ...email, host: 'mail', to: ['ops@localhost'] }],
  [
    'email to 50 addresses',
    { ...email, to: Array.from({ length: 50 }, (_, i) => `u${i}@example.com`) },
  ],
  ['email password null (keep the saved one)', { ...email, password: null }],
  ['webhook over http with a port', { kind: 'webhook', url: 'http://10.1.2.3:8080/hook' }],
  ['webhook with secret ""', { ...webhook, secret: '' }],
  ['slack', { kind: 'slack', url: 'https://hooks.slack.com/services/T/B/x' }],
  ['discord', { kind: 'discord', url: 'https://discord.com/api/webhooks/1/x' }],
  [
    'masked form shown by the API (extra keys dropped)',
    { kind: 'webhook', url: 'https://ci.example.com/…en=1', secret: null, secretSet: true },
  ],
];

const bad: Array<[string, unknown, string]> = [
  ['unknown kind', { kind: 'pager', url: 'https://x.example' }, 'kind'],
  ['host with a space', { ...email, host: 'smtp example.com' }, 'host'],
  ['host starting with a dash', { ...email, host: '-smtp.example.com' }, 'host'],
  ['host too long', { ...email, host: `${'a'.repeat(63)}.`.repeat(5) + 'com' }, 'host'],
  ['empty host', { ...email, host: '' }, 'host'],
  ['port 0', { ...email, port: 0 }, 'port'],
  ['port 65536', { ...email, port: 65536 }, 'port'],
  ['port as text', { ...email, port: '587' }, 'port'],
  ['port not an integer', { ...email, port: 58.7 }, 'port'],
  ['security unknown', { ...email, security: 'ssl' }, 'security'],
  ['from not an address', { ...email, from: 'Faultline <alerts@example.com>' }, 'from'],
  ['no recipients', { ...email, to: [] }, 'to'],
  [
    '51 recipients',
    { ...email, to: Array.from({ length: 51 }, (_, i) => `u${i}@example.com`) },
    'to',
  ],
  [
    'a recipient with a header break',
    { ...email, to: ['a@example.com\r\nBcc: b@example.com'] },
    'to.0',
  ],
  ['a second recipient not an address', { ...email, to: ['a@example.com', 'nope'] }, 'to.1'],
  ['user name with a newline', { ...email, username: 'a\nb' }, 'username'],
  ['password too long', { ...email, password: 'x'.repeat(1001) }, 'password'],
  ['allowSelfSigned not a boolean', { ...email, allowSelfSigned: 'yes' }, 'allowSelfSigned'],
  ['webhook without url', { kind: 'webhook' }, 'url'],
  ['webhook ftp URL', { ...webhook, url: 'ftp://ci.example.com/x' }, 'url'],
  ['webhook javascript: URL', { ...webhook, url: 'javascript:alert(1)' }, 'url'],
  ['webhook relative URL', { ...webhook, url: '/hooks/x' }, 'url'],
  ['webhook URL with user info', { ...webhook, url: 'https://user:pass@ci.example.com/h' }, 'url'],
  [
    'webhook URL with a user name only',
    { ...webhook, url: 'https://token@ci.example.com/h' },
    'url',
  ],
  [
    'webhook URL too long',
    { ...webhook, url: `https://ci.example.com/${'x'.repeat(2000)}` },
    'url',
  ],
  ['webhook secret not text', { ...webhook, secret: 42 }, 'secret'],
  ['slack file URL', { kind: 'slack', url: 'file:///etc/passwd' }, 'url'],
  ['discord URL missing', { kind: 'discord' }, 'url'],
];

describe('channelConfigInput', () => {
  for (const [name, input] of good) {
    it(`accepts ${name}`, () => {
      const result = channelConfigInput.safeParse(input);
      assert.ok(result.success, JSON.stringify(result.error?.issues));
    });
  }
  for (const [name, input, field] of bad) {
    it(`refuses ${name}, naming ${field}`, () => {
      const result = channelConfigInput.safeParse(input);
      assert.equal(result.success, false);
      assert.equal(
        result.error!.issues[0]!.path.join('.'),
        field,
        JSON.stringify(result.error!.issues),
      );
    });
  }

  it('trims what people paste around a URL or host', () => {
    const parsed = channelConfigInput.parse({
      kind: 'slack',
      url: '  https://hooks.slack.com/services/T/B/x\n',
    });
    assert.deepEqual(parsed, { kind: 'slack', url: 'https://hooks.slack.com/services/T/B/x' });
    const withHost = channelConfigInput.parse({ ...email, host: ' smtp.example.com ' });
    assert.equal(withHost.kind === 'email' && withHost.host, 'smtp.example.com');
  });
});
