/**
 * Email delivery against a real SMTP server on loopback: what arrives (envelope, headers, both
 * bodies, a hostile title inert in the HTML), plain and authenticated, STARTTLS and implicit
 * TLS with a certificate made for the test, and how each failure is classified.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { deliver } from '../../src/alerts/channels/deliver.js';
import { formatMessage } from '../../src/alerts/channels/format-message.js';
import type { EmailChannelConfig } from '../../src/alerts/types.js';
import { closedPort } from './channels-helpers/http-receiver.js';
import { HOSTILE_TITLE, sampleIssue, sampleMessage } from './channels-helpers/sample-message.js';
import { makeSelfSignedCert } from './channels-helpers/self-signed-cert.js';
import {
  parseMail,
  startSmtpReceiver,
  type SmtpReceiver,
} from './channels-helpers/smtp-receiver.js';

const PASSWORD = 'correct horse battery staple';

function emailConfig(
  port: number,
  overrides: Partial<EmailChannelConfig> = {},
): EmailChannelConfig {
  return {
    kind: 'email',
    host: '127.0.0.1',
    port,
    security: 'none',
    from: 'alerts@example.com',
    to: ['oncall@example.com', 'lead@example.com'],
    ...overrides,
  };
}

const options = () => ({ signal: new AbortController().signal, timeoutMs: 5000 });

describe('email channel: plain SMTP with AUTH', () => {
  let smtp: SmtpReceiver;
  before(async () => {
    smtp = await startSmtpReceiver({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        if (auth.username === 'alerts' && auth.password === PASSWORD) {
          callback(null, { user: auth.username });
        } else {
          callback(
            Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }),
          );
        }
      },
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('busy@')) {
          callback(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 450 }));
        } else if (address.address.startsWith('nobody@')) {
          callback(Object.assign(new Error('No such user'), { responseCode: 550 }));
        } else {
          callback();
        }
      },
    });
  });
  after(() => smtp.close());

  it('delivers one mail with from, to, subject, text and HTML from the message', async () => {
    const message = sampleMessage();
    const before = smtp.mails.length;
    const result = await deliver(
      emailConfig(smtp.port, { username: 'alerts', password: PASSWORD }),
      message,
      options(),
    );
    assert.equal(result.ok, true, result.detail);
    assert.match(result.detail, /^250 .*queued as test-1/);
    assert.equal(smtp.mails.length, before + 1);

    const mail = smtp.mails.at(-1)!;
    assert.equal(mail.user, 'alerts');
    assert.equal(mail.from, 'alerts@example.com');
    assert.deepEqual(mail.to, ['oncall@example.com', 'lead@example.com']);
    const parsed = parseMail(mail.raw);
    assert.equal(parsed.headers.get('from'), 'Faultline <alerts@example.com>');
    assert.equal(parsed.headers.get('to'), 'oncall@example.com, lead@example.com');
    assert.equal(
      parsed.headers.get('subject'),
      '[Faultline] New issue in checkout: TypeError: x is undefined',
    );
    assert.equal(parsed.headers.get('subject'), formatMessage(message).subject);
    assert.match(parsed.text, /TypeError: x is undefined/);
    assert.match(parsed.text, /error · 12 events · 3 users · first seen 2025-01-02 03:04 UTC/);
    assert.match(parsed.text, /in app\/checkout\.js in pay/);
    assert.match(parsed.text, /https:\/\/faultline\.example\.com\/issues\/7\//);
    assert.match(parsed.html, /<a href="https:\/\/faultline\.example\.com\/issues\/7\/">/);
    assert.match(parsed.html, /rule “New issues” of project checkout/);
  });

  it('carries a hostile title escaped in the HTML part and as one line in the subject', async () => {
    const title = `${HOSTILE_TITLE}\r\nBcc: victim@example.net`;
    const message = sampleMessage({ issues: [sampleIssue({ title })] });
    const result = await deliver(
      emailConfig(smtp.port, { username: 'alerts', password: PASSWORD }),
      message,
      options(),
    );
    assert.equal(result.ok, true, result.detail);
    const mail = smtp.mails.at(-1)!;
    const parsed = parseMail(mail.raw);
    assert.deepEqual(mail.to, ['oncall@example.com', 'lead@example.com']);
    assert.equal(parsed.headers.has('bcc'), false);
    assert.match(parsed.headers.get('subject') ?? '', /Bcc: victim@example\.net$/);
    assert.doesNotMatch(parsed.html, /<script|<img/i);
    assert.match(
      parsed.html,
      /TypeError: &lt;script&gt;alert\(1\)&lt;\/script&gt;&lt;img src=x onerror=&quot;alert\(2\)&quot;&gt; &amp; &#39;quotes&#39;/,
    );
    assert.deepEqual(
      [...parsed.html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]),
      ['https://faultline.example.com/issues/7/'],
    );
    // The text part keeps the title as it was written (plain text cannot run anything).
    assert.match(parsed.text, /<script>alert\(1\)<\/script>/);
  });

  it('reports a refused login (535) as not retryable, without the password', async () => {
    const before = smtp.mails.length;
    const result = await deliver(
      emailConfig(smtp.port, { username: 'alerts', password: 'wrong password' }),
      sampleMessage(),
      options(),
    );
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.retryable, false);
    assert.match(result.detail, /535/);
    assert.doesNotMatch(result.detail, /wrong password/);
    assert.equal(smtp.mails.length, before);
  });

  it('reports a transient 4xx refusal as retryable and a 5xx one as not', async () => {
    const busy = await deliver(
      emailConfig(smtp.port, { username: 'alerts', password: PASSWORD, to: ['busy@example.com'] }),
      sampleMessage(),
      options(),
    );
    assert.deepEqual([busy.ok, !busy.ok && busy.retryable], [false, true]);
    assert.match(busy.detail, /450/);

    const nobody = await deliver(
      emailConfig(smtp.port, {
        username: 'alerts',
        password: PASSWORD,
        to: ['nobody@example.com'],
      }),
      sampleMessage(),
      options(),
    );
    assert.deepEqual([nobody.ok, !nobody.ok && nobody.retryable], [false, false]);
    assert.match(nobody.detail, /550/);
  });

  it('reports STARTTLS required but not offered as not retryable', async () => {
    const result = await deliver(
      emailConfig(smtp.port, { security: 'starttls', username: 'alerts', password: PASSWORD }),
      sampleMessage(),
      options(),
    );
    assert.deepEqual([result.ok, !result.ok && result.retryable], [false, false]);
    assert.match(result.detail, /STARTTLS/);
  });
});

const keyPair = makeSelfSignedCert();

describe(
  'email channel: TLS with a self-signed certificate',
  { skip: keyPair === undefined && 'no openssl' },
  () => {
    let starttls: SmtpReceiver;
    let implicit: SmtpReceiver;
    before(async () => {
      starttls = await startSmtpReceiver({ ...keyPair!, authOptional: true });
      implicit = await startSmtpReceiver({ ...keyPair!, secure: true, authOptional: true });
    });
    after(async () => {
      await starttls.close();
      await implicit.close();
    });

    it('refuses the certificate by default, as not retryable', async () => {
      for (const [server, security] of [
        [starttls, 'starttls'],
        [implicit, 'tls'],
      ] as const) {
        const result = await deliver(
          emailConfig(server.port, { security }),
          sampleMessage(),
          options(),
        );
        assert.deepEqual([result.ok, !result.ok && result.retryable], [false, false], security);
        assert.match(result.detail, /certificate not trusted: DEPTH_ZERO_SELF_SIGNED_CERT/);
        assert.equal(server.mails.length, 0);
      }
    });

    it('delivers over STARTTLS and over implicit TLS when allowSelfSigned is set', async () => {
      for (const [server, security] of [
        [starttls, 'starttls'],
        [implicit, 'tls'],
      ] as const) {
        const config = emailConfig(server.port, { security, allowSelfSigned: true });
        const result = await deliver(config, sampleMessage(), options());
        assert.equal(result.ok, true, result.detail);
        assert.equal(server.mails.length, 1);
        assert.equal(server.mails[0]!.secure, true, `${security} session ran over TLS`);
      }
    });

    it('upgrades with STARTTLS under security "none" when the server offers it', async () => {
      const config = emailConfig(starttls.port, { security: 'none', allowSelfSigned: true });
      const result = await deliver(config, sampleMessage(), options());
      assert.equal(result.ok, true, result.detail);
      assert.equal(starttls.mails.at(-1)!.secure, true);
    });
  },
);

describe('email channel: unreachable and stalled servers', () => {
  it('reports a refused connection as retryable', async () => {
    const result = await deliver(emailConfig(await closedPort()), sampleMessage(), options());
    assert.deepEqual([result.ok, !result.ok && result.retryable], [false, true]);
    assert.match(result.detail, /ECONNREFUSED/);
  });

  describe('a server that accepts the connection and never greets', () => {
    let silent: net.Server;
    let port: number;
    const sockets = new Set<net.Socket>();
    before(async () => {
      silent = net.createServer((socket) => sockets.add(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      port = (silent.address() as AddressInfo).port;
    });
    after(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });

    it('gives up after the timeout, retryable', async () => {
      const started = Date.now();
      const result = await deliver(emailConfig(port), sampleMessage(), {
        signal: new AbortController().signal,
        timeoutMs: 300,
      });
      const elapsed = Date.now() - started;
      assert.deepEqual([result.ok, !result.ok && result.retryable], [false, true]);
      assert.match(result.detail, /time/i);
      assert.ok(elapsed >= 250 && elapsed < 2000, `took ${elapsed} ms`);
    });

    it('stops when the caller aborts, retryable', async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      const started = Date.now();
      const result = await deliver(emailConfig(port), sampleMessage(), {
        signal: controller.signal,
        timeoutMs: 10_000,
      });
      const elapsed = Date.now() - started;
      assert.deepEqual([result.ok, !result.ok && result.retryable], [false, true]);
      assert.match(result.detail, /Aborted/);
      assert.ok(elapsed >= 150 && elapsed < 2000, `took ${elapsed} ms`);
    });
  });
});
