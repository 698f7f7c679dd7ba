/**
 * Strings that are members of every plain object (`constructor`, `__proto__`, `toString`, …),
 * put in every field of an event where digest looks a string up or uses it as a key, and the
 * check that each one comes out of digest as the data it was. Shared by the unit table test and
 * the HTTP test, so both cover the same fields.
 */
import assert from 'node:assert/strict';

export const PROTOTYPE_STRINGS = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  '__defineGetter__',
] as const;

/** `{ [key]: value }` as JSON.parse would make it: an own property even for `__proto__`. */
function own(key: string, value: unknown): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  Object.defineProperty(record, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return record;
}

/** An error event with `word` as a value, a key or a name in every field that digest reads. */
export function eventWithEverywhere(word: string, eventId: string): Record<string, unknown> {
  return {
    ...own(word, word), // an unknown top-level key: dropped, never looked up
    event_id: eventId,
    level: word,
    platform: word,
    environment: word,
    release: word,
    dist: word,
    logger: word,
    transaction: word,
    server_name: word,
    tags: own(word, word),
    extra: own(word, word),
    contexts: {
      ...own(word, { type: word, ...own(word, word) }),
      runtime: { name: word, version: word },
    },
    user: { id: word, username: word, ...own(word, word), data: own(word, word) },
    request: {
      method: word,
      url: `http://example.com/${word}?${word}=${word}`,
      headers: own(word, word),
      env: own(word, word),
      cookies: own(word, word),
      data: own(word, word),
    },
    breadcrumbs: [
      { level: word, category: word, type: word, message: word, data: own(word, word) },
    ],
    exception: {
      values: [
        {
          type: word,
          value: word,
          module: word,
          mechanism: {
            type: word,
            data: own(word, word),
            meta: own(word, word),
            ...own(word, word),
          },
          stacktrace: {
            frames: [
              { function: word, filename: `/app/${word}.js`, vars: own(word, word) },
              { function: word, module: word, in_app: true, vars: own(word, word) },
            ],
            registers: own(word, '0x1'),
          },
        },
      ],
    },
    logentry: { message: `{${word}}`, params: own(word, word) },
    fingerprint: [word, '{{ default }}'],
    modules: own(word, word),
    sdk: { name: word, version: word },
  };
}

/** The interfaces' names in raven-era events (normalize/legacy-aliases.ts). */
const LEGACY_NAMES: ReadonlyArray<[string, string]> = [
  ['exception', 'sentry.interfaces.Exception'],
  ['request', 'sentry.interfaces.Http'],
  ['user', 'sentry.interfaces.User'],
  ['breadcrumbs', 'sentry.interfaces.Breadcrumbs'],
  ['contexts', 'sentry.interfaces.Contexts'],
  ['logentry', 'sentry.interfaces.Message'],
];

/**
 * `eventWithEverywhere` as a raven-era SDK would send it: interfaces under their legacy names,
 * and a legacy-looking key named after `word` that no alias reads.
 */
export function legacyEventWithEverywhere(word: string, eventId: string): Record<string, unknown> {
  const modern = eventWithEverywhere(word, eventId);
  const legacy: Record<string, unknown> = own(`sentry.interfaces.${word}`, word);
  for (const [key, value] of Object.entries(modern)) {
    const alias = LEGACY_NAMES.find(([name]) => name === key)?.[1] ?? key;
    Object.defineProperty(legacy, alias, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return legacy;
}

/** A CSP report whose directive and URI are `word`: its title comes from a table of directives. */
export function cspReportWith(word: string, eventId: string): Record<string, unknown> {
  return {
    event_id: eventId,
    csp: { effective_directive: word, blocked_uri: `https://${word}/x` },
  };
}

function ownValue(record: unknown, key: string): unknown {
  assert.ok(typeof record === 'object' && record !== null, `${key}: not an object`);
  assert.ok(Object.hasOwn(record, key), `${key} is not an own key of ${JSON.stringify(record)}`);
  return (record as Record<string, unknown>)[key];
}

/**
 * What digest keeps of `eventWithEverywhere(word)`: a normalized (or stored) event's fields, as
 * plain JSON. Scrubbing is on, so cookies are filtered; nothing else is sensitive.
 */
export function assertKeptEverywhere(event: Record<string, unknown>, word: string): void {
  const json = JSON.parse(JSON.stringify(event)) as Record<string, any>;
  assert.equal(json['level'], 'error', 'an unknown level is stored as error');
  assert.equal(json['platform'], 'other');
  for (const field of ['environment', 'release', 'dist', 'logger', 'transaction', 'server_name'])
    assert.equal(json[field], word, field);
  assert.equal(ownValue(json['tags'], word), word);
  assert.equal(ownValue(json['extra'], word), word);
  assert.equal(ownValue(ownValue(json['contexts'], word), word), word);
  assert.equal(json['contexts']['runtime']['name'], word);
  assert.equal(json['user']['id'], word);
  assert.equal(ownValue(json['user']['data'], word), word);
  const request = json['request'];
  assert.ok([undefined, word.toUpperCase()].includes(request['method']), request['method']);
  assert.equal(request['url'], `http://example.com/${word}`);
  assert.deepEqual(request['query_string'], [[word, word]]);
  assert.equal(ownValue(request['headers'], word), word);
  assert.equal(ownValue(request['env'], word), word);
  assert.equal(ownValue(request['data'], word), word);
  assert.deepEqual(request['cookies'], [[word, '[Filtered]']]);
  const [crumb] = json['breadcrumbs']['values'];
  assert.equal(crumb['level'], undefined, 'an unknown breadcrumb level is dropped');
  assert.equal(crumb['category'], word);
  assert.equal(ownValue(crumb['data'], word), word);
  const [exception] = json['exception']['values'];
  assert.equal(exception['type'], word);
  assert.equal(exception['value'], word);
  assert.equal(exception['mechanism']['type'], word);
  assert.equal(ownValue(exception['mechanism']['data'], word), word);
  assert.equal(ownValue(exception['mechanism']['meta'], word), word);
  const frames = exception['stacktrace']['frames'];
  assert.equal(frames[0]['function'], word);
  assert.equal(ownValue(frames[1]['vars'], word), word);
  assert.equal(ownValue(exception['stacktrace']['registers'], word), '0x1');
  assert.deepEqual(json['logentry'], {
    message: `{${word}}`,
    formatted: word,
    params: own(word, word),
  });
  assert.deepEqual(json['fingerprint'], [word, '{{ default }}']);
  assert.equal(ownValue(json['modules'], word), word);
  assert.deepEqual(json['sdk'], { name: word, version: word });
  for (const key of [word, `sentry.interfaces.${word}`])
    assert.equal(Object.hasOwn(json, key), false, `an unknown top-level key ${key} is dropped`);
}
