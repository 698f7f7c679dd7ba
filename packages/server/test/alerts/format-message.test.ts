/** The words of a notification: subjects per trigger and for storms, bodies, HTML escaping. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeHtml, formatMessage } from '../../src/alerts/channels/format-message.js';
import { oneLine } from '../../src/alerts/channels/outline-message.js';
import type { Trigger } from '../../src/alerts/types.js';
import {
  HOSTILE_TITLE,
  sampleIssue,
  sampleMessage,
  stormMessage,
} from './channels-helpers/sample-message.js';

const rule = (trigger: Trigger) => ({ id: 3, name: 'R', trigger });

describe('formatMessage: subjects', () => {
  const cases: Array<[Trigger, number, number, string]> = [
    ['new_issue', 1, 0, '[Faultline] New issue in checkout: TypeError: x is undefined'],
    ['regression', 1, 0, '[Faultline] Regression in checkout: TypeError: x is undefined'],
    ['frequency', 1, 0, '[Faultline] Frequent issue in checkout: TypeError: x is undefined'],
    [
      'users',
      1,
      0,
      '[Faultline] Issue affecting many users in checkout: TypeError: x is undefined',
    ],
    ['new_issue', 3, 35, '[Faultline] 38 new issues in checkout'],
    ['regression', 2, 0, '[Faultline] 2 regressions in checkout'],
    ['frequency', 1, 4, '[Faultline] 5 frequent issues in checkout'],
    ['users', 0, 1, '[Faultline] 1 issue affecting many users in checkout'],
  ];
  for (const [trigger, named, more, subject] of cases) {
    it(subject, () => {
      const message =
        named === 1 && more === 0
          ? sampleMessage({ rule: rule(trigger) })
          : { ...stormMessage(named, more), rule: rule(trigger) };
      assert.equal(formatMessage(message).subject, subject);
    });
  }

  it('says a test is a test', () => {
    const empty = formatMessage(sampleMessage({ issues: [], test: true }));
    assert.equal(empty.subject, '[Faultline] Test notification for checkout');
    assert.match(empty.text, /^This is a test notification from Faultline/);
    assert.match(empty.html, /This is a test notification from Faultline/);
    const withSample = formatMessage(sampleMessage({ test: true }));
    assert.equal(
      withSample.subject,
      '[Faultline] Test: New issue in checkout: TypeError: x is undefined',
    );
  });

  it('keeps a subject on one line, without bidi overrides, and at most 200 title characters', () => {
    const title = `Bad\r\nBcc: x@y.z\u202Egnp.exe\t${'y'.repeat(400)}`;
    const { subject } = formatMessage(sampleMessage({ issues: [sampleIssue({ title })] }));
    assert.doesNotMatch(subject, /[\r\n\t\u202E]/);
    assert.ok(subject.startsWith('[Faultline] New issue in checkout: Bad Bcc: x@y.zgnp.exe yyy'));
    assert.ok(subject.endsWith('y…'));
    assert.equal([...subject].length, '[Faultline] New issue in checkout: '.length + 200);
  });
});

describe('formatMessage: bodies', () => {
  it('lists the named issues of a summary, then "and N more issues"', () => {
    const { text, html } = formatMessage(stormMessage(3, 35));
    for (const i of [0, 1, 2]) {
      assert.match(text, new RegExp(`Error number ${i}\\n  error · 12 events · 3 users`));
      assert.match(
        html,
        new RegExp(
          `<a href="https://faultline.example.com/issues/10${i}/"><strong>Error number ${i}</strong></a>`,
        ),
      );
    }
    assert.match(text, /\nand 35 more issues\n/);
    assert.match(html, /<p>and 35 more issues<\/p>/);
    assert.match(formatMessage(stormMessage(2, 1)).text, /\nand 1 more issue\n/);
  });

  it('escapes every event-derived and person-given string in the HTML', () => {
    const message = sampleMessage({
      project: { id: 1, name: 'shop<b>' },
      rule: { id: 3, name: '"></p><script>x()</script>', trigger: 'regression' },
      issues: [
        sampleIssue({
          title: HOSTILE_TITLE,
          culprit: '<img src=x onerror=alert(3)>',
          level: '<i>fatal',
        }),
      ],
    });
    const { html } = formatMessage(message);
    assert.doesNotMatch(html, /<script|<img|<b>|<i>/);
    assert.ok(html.includes(escapeHtml(HOSTILE_TITLE)));
    assert.ok(
      html.includes(
        '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt; &amp; &#39;quotes&#39;',
      ),
    );
    assert.ok(html.includes('<code>&lt;img src=x onerror=alert(3)&gt;</code>'));
    assert.ok(
      html.includes(
        'rule “&quot;&gt;&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;” of project shop&lt;b&gt;',
      ),
    );
  });

  it('links only to http(s) issue pages', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,<script>1</script>', 'not a url']) {
      const { html, text } = formatMessage(sampleMessage({ issues: [sampleIssue({ url })] }));
      assert.doesNotMatch(html, /href=/, url);
      assert.ok(!text.includes(url), url);
      assert.match(html, /<strong>TypeError: x is undefined<\/strong>/);
    }
    const quoted = formatMessage(
      sampleMessage({ issues: [sampleIssue({ url: 'https://f.example/i/"onmouseover="x' })] }),
    );
    assert.match(quoted.html, /href="https:\/\/f\.example\/i\/%22onmouseover=%22x"/);
  });
});

describe('oneLine', () => {
  const cases: Array<[string, number, string]> = [
    ['  a\nb\r\n\tc  ', 100, 'a b c'],
    ['abc\u2028def\u0000g', 100, 'abc def g'],
    ['\u202Ereversed\u2066', 100, 'reversed'],
    ['abcdef', 4, 'abc…'],
    ['😀😀😀😀😀', 3, '😀😀…'],
  ];
  for (const [input, max, expected] of cases) {
    it(`${JSON.stringify(input)} (max ${max}) → ${JSON.stringify(expected)}`, () => {
      assert.equal(oneLine(input, max), expected);
    });
  }
});
