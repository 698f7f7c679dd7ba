/**
 * Webhook, Slack and Discord delivery against a real node:http receiver: the body each sends,
 * its headers, a signature checked here with node:crypto the way a receiver would, and the
 * chat payloads' escaping, mention guard and length limit.
 */
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { deliver } from '../../src/alerts/channels/deliver.js';
import { DISCORD_MAX_CHARS } from '../../src/alerts/channels/discord.js';
import { startHttpReceiver, type HttpReceiver } from './channels-helpers/http-receiver.js';
import {
  HOSTILE_TITLE,
  sampleIssue,
  sampleMessage,
  stormMessage,
} from './channels-helpers/sample-message.js';

const NOW = 1_735_787_100;
const options = () => ({ signal: new AbortController().signal, now: NOW, timeoutMs: 5000 });

let receiver: HttpReceiver;
before(async () => {
  receiver = await startHttpReceiver((request, response) => {
    // Discord answers 204, Slack "ok", a generic receiver anything 2xx.
    if (request.url.startsWith('/discord')) response.writeHead(204).end();
    else response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
});
after(() => receiver.close());
beforeEach(() => receiver.requests.splice(0));

function only() {
  assert.equal(receiver.requests.length, 1);
  return receiver.requests[0]!;
}

describe('webhook channel', () => {
  it('POSTs the documented JSON body with content-type and user-agent', async () => {
    const message = stormMessage(2, 36);
    const result = await deliver(
      { kind: 'webhook', url: `${receiver.origin}/hooks/faultline?token=abc` },
      message,
      options(),
    );
    assert.deepEqual(result, { ok: true, detail: 'HTTP 200' });
    const request = only();
    assert.equal(request.method, 'POST');
    assert.equal(request.url, '/hooks/faultline?token=abc');
    assert.equal(request.headers['content-type'], 'application/json');
    assert.equal(request.headers['user-agent'], 'Faultline');
    assert.equal(request.headers['x-faultline-signature'], undefined);
    assert.equal(request.headers['x-faultline-timestamp'], undefined);
    assert.deepEqual(JSON.parse(request.body.toString('utf8')), {
      version: 1,
      id: null,
      project: { id: 1, name: 'checkout' },
      rule: { id: 3, name: 'New issues' },
      trigger: 'new_issue',
      issues: [100, 101].map((id, i) => ({
        id,
        title: `Error number ${i}`,
        culprit: 'app/checkout.js in pay',
        level: 'error',
        count: 12,
        userCount: 3,
        firstSeen: '2025-01-02T03:04:00.000Z',
        lastSeen: '2025-01-02T04:04:00.000Z',
        url: `https://faultline.example.com/issues/${id}/`,
      })),
      moreIssues: 36,
      triggeredAt: '2025-01-02T03:04:10.000Z',
      test: false,
    });
  });

  it('signs `${timestamp}.${body}` with HMAC-SHA256 when a secret is set', async () => {
    const secret = 'whsec_5f1b2a9c';
    const message = sampleMessage({ issues: [sampleIssue({ title: `${HOSTILE_TITLE} ünïcødé` })] });
    const result = await deliver(
      { kind: 'webhook', url: `${receiver.origin}/signed`, secret },
      message,
      options(),
    );
    assert.equal(result.ok, true, result.detail);
    const request = only();

    // What a receiver does (README.md): recompute over the raw bytes, compare in constant time.
    const timestamp = request.headers['x-faultline-timestamp'];
    const signature = request.headers['x-faultline-signature'];
    assert.equal(timestamp, String(NOW));
    assert.equal(typeof signature, 'string');
    const expected = `sha256=${createHmac('sha256', secret)
      .update(Buffer.concat([Buffer.from(`${timestamp}.`), request.body]))
      .digest('hex')}`;
    assert.equal(signature, expected);
    assert.ok(timingSafeEqual(Buffer.from(signature as string), Buffer.from(expected)));
    // A wrong secret or a tampered body would not verify.
    const forged = createHmac('sha256', 'other')
      .update(`${timestamp}.${request.body}`)
      .digest('hex');
    assert.notEqual(signature, `sha256=${forged}`);
    assert.equal(
      JSON.parse(request.body.toString('utf8')).issues[0].title,
      `${HOSTILE_TITLE} ünïcødé`,
    );
  });

  it('marks a test notification', async () => {
    await deliver(
      { kind: 'webhook', url: `${receiver.origin}/t` },
      sampleMessage({ issues: [], test: true }),
      options(),
    );
    const body = JSON.parse(only().body.toString('utf8'));
    assert.equal(body.test, true);
    assert.deepEqual(body.issues, []);
  });
});

describe('Slack-compatible channel', () => {
  it('sends mrkdwn text: <url|title> links, & < > escaped, @mentions defused', async () => {
    const title = 'Bad <!channel> & <https://evil.example|click> @here';
    const message = sampleMessage({
      issues: [sampleIssue({ title, url: 'https://f.example/issues/7/?a=1&b=2|x' })],
    });
    const result = await deliver(
      { kind: 'slack', url: `${receiver.origin}/services/T0/B0/xyz` },
      message,
      options(),
    );
    assert.equal(result.ok, true, result.detail);
    const request = only();
    assert.equal(request.headers['content-type'], 'application/json');
    const payload = JSON.parse(request.body.toString('utf8'));
    assert.deepEqual(Object.keys(payload), ['text']);
    const text: string = payload.text;
    assert.match(text, /^\*New issue in checkout: Bad &lt;!channel&gt; &amp; /);
    assert.ok(
      text.includes(
        '<https://f.example/issues/7/?a=1&amp;b=2%7Cx|Bad &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt; @\u200Bhere>',
      ),
      text,
    );
    assert.doesNotMatch(text, /<!channel>|<https:\/\/evil/);
    assert.match(
      text,
      /error · 12 events · 3 users · first seen 2025-01-02 03:04 UTC · app\/checkout\.js in pay/,
    );
  });

  it('summarises a storm: the named issues, then "and N more issues"', async () => {
    await deliver({ kind: 'slack', url: `${receiver.origin}/s` }, stormMessage(3, 35), options());
    const text: string = JSON.parse(only().body.toString('utf8')).text;
    assert.match(text, /^\*38 new issues in checkout\*/);
    assert.equal(
      text.match(/<https:\/\/faultline\.example\.com\/issues\/\d+\/\|Error number \d>/g)?.length,
      3,
    );
    assert.match(text, /\n\nand 35 more issues$/);
  });
});

describe('Discord channel', () => {
  it('sends content with allowed_mentions.parse empty, so @everyone pings nobody', async () => {
    const title = '@everyone **bold** [phish](https://evil.example) <@123>';
    const message = sampleMessage({ issues: [sampleIssue({ title })] });
    const result = await deliver(
      { kind: 'discord', url: `${receiver.origin}/discord/api/webhooks/1/tok` },
      message,
      options(),
    );
    assert.deepEqual(result, { ok: true, detail: 'HTTP 204' });
    const payload = JSON.parse(only().body.toString('utf8'));
    assert.deepEqual(payload.allowed_mentions, { parse: [] });
    const content: string = payload.content;
    assert.ok(
      content.includes(
        '[@everyone \\*\\*bold\\*\\* \\[phish\\]\\(https://evil.example\\) \\<@123\\>](<https://faultline.example.com/issues/7/>)',
      ),
      content,
    );
    assert.match(content, /^\*\*New issue in checkout: /);
  });

  it(`cuts a big storm to ${DISCORD_MAX_CHARS} characters by dropping whole issues`, async () => {
    const message = stormMessage(60, 440);
    for (const issue of message.issues) issue.title = `${'Long title '.repeat(17)}${issue.id}`;
    await deliver({ kind: 'discord', url: `${receiver.origin}/discord/big` }, message, options());
    const content: string = JSON.parse(only().body.toString('utf8')).content;
    assert.ok(content.length <= DISCORD_MAX_CHARS, `${content.length} characters`);
    assert.ok(
      content.length > DISCORD_MAX_CHARS - 400,
      `${content.length} characters: room was left unused`,
    );
    const listed =
      content.match(/\]\(<https:\/\/faultline\.example\.com\/issues\/\d+\/>\)/g)?.length ?? 0;
    assert.ok(listed > 0 && listed < 60, `${listed} issues listed`);
    assert.ok(content.endsWith(`\n\nand ${500 - listed} more issues`), content.slice(-80));
    assert.match(content, /^\*\*500 new issues in checkout\*\*/);
  });
});
