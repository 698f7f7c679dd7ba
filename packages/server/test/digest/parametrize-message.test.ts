import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parametrizeMessage } from '../../src/digest/grouping/parametrize-message.js';

describe('parametrizeMessage', () => {
  const cases: Array<[string, string, string]> = [
    ['integers', 'cart 981 not found after 3 tries', 'cart <int> not found after <int> tries'],
    [
      'floats (a minus sign stays: it is also a hyphen)',
      'took 1.25 s, delta -4',
      'took <float> s, delta -<int>',
    ],
    ['emails', 'no account for ann.lee+shop@example.co.uk', 'no account for <email>'],
    ['URLs', 'GET https://api.example.com/v1/users/7?x=1 failed', 'GET <url> failed'],
    ['UUIDs', 'order 3F2C9A1E-7B4D-4E8F-9A0B-1C2D3E4F5A6B missing', 'order <uuid> missing'],
    ['ISO timestamps', 'expired at 2026-01-01T10:00:00.123+01:00!', 'expired at <date>!'],
    ['dates and times', 'run of 2025-12-31 stopped at 23:59:59', 'run of <date> stopped at <time>'],
    ['IPv4', 'connect ECONNREFUSED 10.0.0.12:5432', 'connect ECONNREFUSED <ip>:<int>'],
    ['IPv6', 'from fe80::1ff:fe23:4567:890a and ::1', 'from <ip> and <ip>'],
    ['full IPv6', 'peer 2001:0db8:0000:0000:0000:ff00:0042:8329 left', 'peer <ip> left'],
    ['0x hex', 'segfault at 0x7ffd5e8c', 'segfault at <hex>'],
    ['hashes', 'blob 9fceb02d0ae598e95dc970b74767f19372d61af8 missing', 'blob <hex> missing'],
  ];
  for (const [what, input, expected] of cases)
    it(`replaces ${what}`, () => assert.equal(parametrizeMessage(input), expected));

  it('leaves words that merely contain digits or hex letters alone', () => {
    const text = 'user42 sent utf8 via h264 to the cafe; decade facade; std::vector; db::add';
    assert.equal(parametrizeMessage(text), text);
  });

  it('runs the specific patterns before the number rule', () => {
    // Were numbers first, the UUID, IP and date would each become a run of <int>s.
    assert.equal(
      parametrizeMessage('3f2c9a1e-7b4d-4e8f-9a0b-1c2d3e4f5a6b 10.1.2.3 2026-01-01'),
      '<uuid> <ip> <date>',
    );
  });
});
