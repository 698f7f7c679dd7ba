import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scrubEvent } from '../../src/digest/scrub.js';
import { isCardNumber } from '../../src/digest/scrub/filter-text.js';
import { eventWith } from '../helpers/event-with.js';

const ON = { enabled: true, extraFields: [] };
const VISA = '4111 1111 1111 1111'; // the standard test Visa number: passes Luhn
const NOT_LUHN = '4111 1111 1111 1112';

describe('scrubEvent', () => {
  it('filters sensitive request headers, whole cookie headers and credentials in header values', () => {
    const event = scrubEvent(
      eventWith({
        request: {
          headers: {
            Authorization: 'Bearer abc.def.ghi',
            Cookie: 'sid=1; theme=dark',
            'Set-Cookie': 'sid=2',
            'X-Api-Key': 'k-123',
            'X-CSRF-Token': 't',
            'X-Forwarded-For': '10.0.0.1',
            'X-Upstream': 'Bearer zzz-token',
            'X-Legacy': 'Basic dXNlcjpwYXNz',
            Accept: 'text/html',
          },
        },
      }),
      ON,
    );
    assert.deepEqual(event.request?.headers, {
      Authorization: '[Filtered]',
      Cookie: '[Filtered]',
      'Set-Cookie': '[Filtered]',
      'X-Api-Key': '[Filtered]',
      'X-CSRF-Token': '[Filtered]',
      'X-Forwarded-For': '10.0.0.1',
      'X-Upstream': 'Bearer [Filtered]',
      'X-Legacy': 'Basic [Filtered]',
      Accept: 'text/html',
    });
  });

  it('filters every cookie value, whatever its name', () => {
    const pairs = scrubEvent(
      eventWith({
        request: {
          cookies: [
            ['theme', 'dark'],
            ['sid', 'abc'],
          ],
        },
      }),
      ON,
    );
    assert.deepEqual(pairs.request?.cookies, [
      ['theme', '[Filtered]'],
      ['sid', '[Filtered]'],
    ]);
    const text = scrubEvent(eventWith({ request: { cookies: 'sid=abc' } }), ON);
    assert.equal(text.request?.cookies, '[Filtered]');
    const record = scrubEvent(eventWith({ request: { cookies: { sid: 'abc' } } }), ON);
    assert.deepEqual(record.request?.cookies, { sid: '[Filtered]' });
  });

  it('filters the request body, query string, env and URL credentials', () => {
    const event = scrubEvent(
      eventWith({
        request: {
          url: 'https://ann:hunter2@example.com/pay',
          data: { user: 'ann', password: 'hunter2', nested: { card: VISA, api_key: { a: 1 } } },
          query_string: [
            ['access_token', 'abc'],
            ['page', '2'],
          ],
          env: { DB_PASSWORD: 'x', HOME: '/root' },
        },
      }),
      ON,
    );
    assert.equal(event.request?.url, 'https://[Filtered]@example.com/pay');
    assert.deepEqual(event.request?.data, {
      user: 'ann',
      password: '[Filtered]',
      nested: { card: '[Filtered]', api_key: '[Filtered]' },
    });
    assert.deepEqual(event.request?.query_string, [
      ['access_token', '[Filtered]'],
      ['page', '2'],
    ]);
    assert.deepEqual(event.request?.env, { DB_PASSWORD: '[Filtered]', HOME: '/root' });
  });

  it('filters query strings sent as text or objects too', () => {
    const text = scrubEvent(eventWith({ request: { query_string: 'token=abc&page=2' } }), ON);
    assert.equal(text.request?.query_string, 'token=[Filtered]&page=2');
    const record = scrubEvent(
      eventWith({ request: { query_string: { secret: 's', q: 'x' } } }),
      ON,
    );
    assert.deepEqual(record.request?.query_string, { secret: '[Filtered]', q: 'x' });
  });

  it('filters extra, contexts, user data, breadcrumb data and frame variables', () => {
    const event = scrubEvent(
      eventWith({
        extra: { session_id: 's', note: 'fine', list: [{ private_key: 'pk' }] },
        contexts: { app: { app_secret: 'x', name: 'shop' } },
        user: { id: '1', data: { passwd: 'x', plan: 'pro' } },
        breadcrumbs: { values: [{ message: 'login', data: { credentials: 'x', url: '/login' } }] },
        exception: {
          values: [
            {
              type: 'Error',
              stacktrace: { frames: [{ function: 'pay', vars: { authToken: 't', amount: 5 } }] },
            },
          ],
        },
        threads: {
          values: [{ stacktrace: { frames: [{ function: 'run', vars: { XSRF: 'x', n: 1 } }] } }],
        },
      }),
      ON,
    );
    assert.deepEqual(event.extra, {
      session_id: '[Filtered]',
      note: 'fine',
      list: [{ private_key: '[Filtered]' }],
    });
    assert.deepEqual(event.contexts, { app: { app_secret: '[Filtered]', name: 'shop' } });
    assert.deepEqual(event.user, { id: '1', data: { passwd: '[Filtered]', plan: 'pro' } });
    assert.deepEqual(event.breadcrumbs?.values[0]?.data, {
      credentials: '[Filtered]',
      url: '/login',
    });
    assert.deepEqual(event.exception?.values[0]?.stacktrace?.frames[0]?.vars, {
      authToken: '[Filtered]',
      amount: 5,
    });
    assert.deepEqual(event.threads?.values[0]?.stacktrace?.frames[0]?.vars, {
      XSRF: '[Filtered]',
      n: 1,
    });
  });

  it('filters card numbers that pass the Luhn check, and keeps those that do not', () => {
    const event = scrubEvent(
      eventWith({
        extra: {
          card: VISA,
          dashed: '5500-0000-0000-0004',
          inText: `paid with ${VISA} today`,
          asNumber: 4111111111111111,
          notLuhn: NOT_LUHN,
          timestampMillis: '1767225600000',
          orderId: '12345',
        },
      }),
      ON,
    );
    assert.deepEqual(event.extra, {
      card: '[Filtered]',
      dashed: '[Filtered]',
      inText: 'paid with [Filtered] today',
      asNumber: '[Filtered]',
      notLuhn: NOT_LUHN,
      timestampMillis: '1767225600000',
      orderId: '12345',
    });
  });

  it('finds a card number beside other digits', () => {
    const event = scrubEvent(eventWith({ extra: { line: `order 12 ${VISA} 7` } }), ON);
    assert.equal(event.extra?.['line'], 'order 12 [Filtered] 7');
  });

  it('checks Luhn and the card network digit', () => {
    assert.equal(isCardNumber('4111111111111111'), true);
    assert.equal(isCardNumber('378282246310005'), true); // Amex test number
    assert.equal(isCardNumber('4111111111111112'), false);
    assert.equal(isCardNumber('1767225600000'), false); // a timestamp in ms
    assert.equal(isCardNumber('411111111111'), false); // 12 digits
  });

  it('honours the project extra fields, matched like the built-in ones', () => {
    const event = scrubEvent(
      eventWith({ extra: { customer_ssn: '1', ssnNumber: '2', other: '3' } }),
      { enabled: true, extraFields: ['SSN', ''] },
    );
    assert.deepEqual(event.extra, {
      customer_ssn: '[Filtered]',
      ssnNumber: '[Filtered]',
      other: '3',
    });
  });

  it('leaves the event untouched when disabled', () => {
    const fields = {
      request: { headers: { Authorization: 'Bearer x' }, cookies: 'sid=1' },
      extra: { password: 'p', card: VISA },
    };
    const event = eventWith(structuredClone(fields));
    const result = scrubEvent(event, { enabled: false, extraFields: ['card'] });
    assert.equal(result, event);
    assert.deepEqual(result, eventWith(fields));
  });

  it('leaves messages, titles and tags alone', () => {
    const event = scrubEvent(
      eventWith({ logentry: { formatted: 'token expired' }, tags: { auth: 'oauth' } }),
      ON,
    );
    assert.deepEqual(event.logentry, { formatted: 'token expired' });
    assert.deepEqual(event.tags, { auth: 'oauth' });
  });
});
