import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  dsnFromString,
  DsnError,
  dsnToString,
  envelopeEndpoint,
  storeEndpoint,
} from '../src/dsn.js';

function rejects(value: string, reason: string): void {
  assert.throws(
    () => dsnFromString(value),
    (error: unknown) => {
      assert.ok(error instanceof DsnError);
      assert.equal(error.name, 'DsnError');
      assert.equal(error.message, `invalid DSN "${value.trim()}": ${reason}`);
      return true;
    },
  );
}

describe('dsnFromString', () => {
  it('reads a sentry.io DSN', () => {
    assert.deepEqual(
      dsnFromString('https://e12d836b15bb49d7bbf99e64295d995b@o1.ingest.sentry.io/42'),
      {
        protocol: 'https',
        publicKey: 'e12d836b15bb49d7bbf99e64295d995b',
        host: 'o1.ingest.sentry.io',
        path: '',
        projectId: '42',
      },
    );
  });

  it('reads a port', () => {
    const dsn = dsnFromString('http://abc123@127.0.0.1:9999/42');
    assert.equal(dsn.host, '127.0.0.1');
    assert.equal(dsn.port, 9999);
    assert.equal(dsn.protocol, 'http');
  });

  it('keeps a default port as written, unlike URL', () => {
    assert.equal(dsnFromString('https://k@example.com:443/1').port, 443);
    assert.equal(dsnFromString('http://k@example.com:80/1').port, 80);
  });

  it('reads a path prefix before the project id, without trailing slash', () => {
    assert.equal(dsnFromString('https://k@example.com/sentry/42').path, '/sentry');
    assert.equal(dsnFromString('https://k@example.com/a/b/42').path, '/a/b');
    assert.equal(dsnFromString('https://k@example.com/42').path, '');
  });

  it('keeps a (deprecated) secret', () => {
    const dsn = dsnFromString('https://public:secret@example.com/7');
    assert.equal(dsn.publicKey, 'public');
    assert.equal(dsn.secretKey, 'secret');
  });

  it('treats the empty secret Relay writes (key:@host) as no secret', () => {
    const dsn = dsnFromString('https://e12d836b15bb49d7bbf99e64295d995b:@sentry.io/42');
    assert.equal(dsn.publicKey, 'e12d836b15bb49d7bbf99e64295d995b');
    assert.equal('secretKey' in dsn, false);
  });

  it('reads an IPv6 host, keeping its brackets', () => {
    assert.deepEqual(dsnFromString('http://k@[::1]:9000/7'), {
      protocol: 'http',
      publicKey: 'k',
      host: '[::1]',
      port: 9000,
      path: '',
      projectId: '7',
    });
    const bare = dsnFromString('https://k@[2001:db8::1]/7');
    assert.equal(bare.host, '[2001:db8::1]');
    assert.equal('port' in bare, false);
  });

  it('accepts an upper-case scheme, surrounding whitespace, a trailing slash and a query', () => {
    assert.equal(dsnFromString('HTTPS://k@h/1').protocol, 'https');
    assert.equal(dsnFromString('  https://k@h/1\n').projectId, '1');
    assert.equal(dsnFromString('https://k@h/sentry/1/').path, '/sentry');
    assert.equal(dsnFromString('https://k@h/1/').projectId, '1');
    assert.equal(dsnFromString('https://k@h/1?timeout=5#x').projectId, '1');
  });

  it('rejects a DSN without public key', () => {
    rejects('https://example.com/42', 'missing public key (the part before @)');
    rejects('https://@example.com/42', 'missing public key (the part before @)');
    rejects('https://:secret@example.com/42', 'missing public key (the part before @)');
  });

  it('rejects a DSN without project id', () => {
    rejects('https://k@example.com', 'missing project id (the last path segment)');
    rejects('https://k@example.com/', 'missing project id (the last path segment)');
    rejects('https://k@example.com/?x=1', 'missing project id (the last path segment)');
  });

  it('rejects a project id that is not a number', () => {
    rejects('https://k@example.com/sentry', 'project id "sentry" is not a number');
    rejects('https://k@example.com/4x2', 'project id "4x2" is not a number');
  });

  it('rejects other schemes and non-URLs', () => {
    rejects('ftp://k@example.com/1', 'scheme must be http or https, not "ftp"');
    rejects('k@example.com/1', 'not a URL (expected scheme://key@host/project)');
    rejects('', 'empty');
    rejects('   ', 'empty');
  });

  it('rejects a missing or malformed host', () => {
    rejects('https://k@/1', 'missing host');
    rejects('https://k@:9000/1', 'missing host');
    rejects(
      'https://k@ex%61mple.com/1',
      'host "ex%61mple.com" contains characters a host name cannot',
    );
    rejects('http://k@[::1/1', 'IPv6 host is missing its closing "]"');
    rejects('http://k@[::1]x/1', 'unexpected "x" after the IPv6 host');
    rejects('http://k@[zz]/1', 'host "[zz]" is not an IPv6 address');
  });

  it('rejects a bad port', () => {
    rejects('http://k@h:0/1', 'port "0" is not a number from 1 to 65535');
    rejects('http://k@h:65536/1', 'port "65536" is not a number from 1 to 65535');
    rejects('http://k@h:http/1', 'port "http" is not a number from 1 to 65535');
    rejects('http://k@h:/1', 'port "" is not a number from 1 to 65535');
    rejects('http://k@[::1]:/1', 'port "" is not a number from 1 to 65535');
  });

  it('rejects whitespace inside', () => {
    rejects('https://k ey@h/1', 'contains whitespace');
  });

  it('cuts a very long DSN in the message', () => {
    const long = `https://k@h/${'x'.repeat(1000)}`;
    assert.throws(
      () => dsnFromString(long),
      (error: Error) => error.message.length < 300,
    );
  });
});

describe('dsnToString', () => {
  it('round-trips', () => {
    for (const value of [
      'https://abc@o0.ingest.sentry.io/0',
      'http://abc123@127.0.0.1:9999/42',
      'https://k@example.com/sentry/42',
      'https://k@example.com:8443/a/b/42',
      'http://k@[::1]:9000/7',
      'https://public:secret@example.com/7',
    ]) {
      assert.equal(dsnToString(dsnFromString(value), { withSecret: true }), value);
    }
  });

  it('leaves the secret out unless asked', () => {
    const dsn = dsnFromString('https://public:secret@example.com:9000/sentry/7');
    assert.equal(dsnToString(dsn), 'https://public@example.com:9000/sentry/7');
    assert.equal(
      dsnToString(dsn, { withSecret: false }),
      'https://public@example.com:9000/sentry/7',
    );
    assert.equal(
      dsnToString(dsn, { withSecret: true }),
      'https://public:secret@example.com:9000/sentry/7',
    );
  });
});

describe('endpoints', () => {
  it('builds the envelope endpoint', () => {
    assert.equal(
      envelopeEndpoint(dsnFromString('https://k@o0.ingest.sentry.io/42')),
      'https://o0.ingest.sentry.io/api/42/envelope/',
    );
    assert.equal(
      envelopeEndpoint(dsnFromString('http://k@localhost:8000/sentry/3')),
      'http://localhost:8000/sentry/api/3/envelope/',
    );
    assert.equal(
      envelopeEndpoint(dsnFromString('http://k@[::1]:8000/3')),
      'http://[::1]:8000/api/3/envelope/',
    );
  });

  it('builds the legacy store endpoint', () => {
    assert.equal(
      storeEndpoint(dsnFromString('https://k:s@example.com:9000/p/5')),
      'https://example.com:9000/p/api/5/store/',
    );
  });

  it('never puts the key in an endpoint', () => {
    const dsn = dsnFromString('https://public:secret@example.com/5');
    assert.equal(envelopeEndpoint(dsn).includes('public'), false);
    assert.equal(storeEndpoint(dsn).includes('secret'), false);
  });
});
