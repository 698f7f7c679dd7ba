/**
 * The Debian-packaged clients: sentry-python 1.9 (with Flask), sentry-ruby 5.3, sentry-raven 3.1,
 * sentry-go 0.11 and raven-go 0.2, at the versions Debian 12 ships (.ci/run installs them). Each
 * case skips, saying what to install, where its package is missing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURES_DIR, SERVER_PACKAGE_DIR } from '../helpers/paths.js';
import { runProcess } from '../helpers/run-process.js';
import type { ProcessResult } from '../helpers/run-process.js';
import { RUN_TIMEOUT_MS } from './client-case.js';
import type { ClientCase } from './client-case.js';

const MATRIX_DIR = path.join(FIXTURES_DIR, 'matrix');
// Debian's packages install for Debian's interpreters, whatever comes first on PATH.
const PYTHON = '/usr/bin/python3';
const RUBY = '/usr/bin/ruby';
const GO = '/usr/bin/go';
const GOCODE = '/usr/share/gocode/src';
const RUBY_GEMS = '/usr/share/rubygems-integration/all/gems';

function missing(file: string, install: string): string | false {
  return fs.existsSync(file) ? false : `${file} is missing (apt-get install ${install})`;
}

/** Anything below a non-empty skip reason decides. */
function firstSkip(...reasons: Array<string | false>): string | false {
  return reasons.find((reason) => reason !== false) ?? false;
}

// One cache for every run: after the first build, a Go program costs a link, not a compile of
// its dependencies (go's cache is safe to share between concurrent builds).
const GO_CACHE = path.join(os.tmpdir(), 'faultline-test-go-build-cache');

/** Builds and runs one of the Go programs in GOPATH mode against Debian's /usr/share/gocode. */
async function runGoProgram(dir: string, dsn: string): Promise<ProcessResult> {
  const binary = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-go-')), dir);
  try {
    const env = {
      ...process.env,
      GOPATH: '/usr/share/gocode',
      GO111MODULE: 'off',
      GOCACHE: GO_CACHE,
      GOFLAGS: '',
    };
    const build = await runProcess(
      GO,
      ['build', '-o', binary, path.join(MATRIX_DIR, dir, 'main.go')],
      { env, timeoutMs: RUN_TIMEOUT_MS },
    );
    if (build.code !== 0) return build;
    return await runProcess(binary, [dsn], { timeoutMs: RUN_TIMEOUT_MS });
  } finally {
    fs.rmSync(path.dirname(binary), { recursive: true, force: true });
  }
}

/**
 * From packages/server, the Ruby SDKs' project root: both count a frame in app when its file is
 * under the root's bin, app, lib, test (…) folders, as the fixtures are.
 */
function runRuby(script: string, dsn: string): Promise<ProcessResult> {
  return runProcess(RUBY, [path.join(MATRIX_DIR, script), dsn], {
    cwd: SERVER_PACKAGE_DIR,
    timeoutMs: RUN_TIMEOUT_MS,
  });
}

const RUBY_CHAIN: Array<[string, string]> = [
  ['KeyError', 'cart 981 not found'],
  ['RuntimeError', 'could not price cart'],
  ['RuntimeError', 'checkout failed'],
];

export const DEBIAN_CASES: ClientCase[] = [
  {
    name: 'sentry-python 1.9 (Debian) with Flask',
    skip: firstSkip(
      missing(PYTHON, 'python3'),
      missing('/usr/lib/python3/dist-packages/sentry_sdk', 'python3-sentry-sdk'),
      missing('/usr/lib/python3/dist-packages/flask', 'python3-flask'),
    ),
    run: (dsn) =>
      runProcess(PYTHON, [path.join(MATRIX_DIR, 'sentry-python-flask.py'), dsn], {
        timeoutMs: RUN_TIMEOUT_MS,
      }),
    sdk: { name: 'sentry.python', version: '1.9.10' },
    chain: [
      ['LookupError', 'cart 981 not found'],
      ['RuntimeError', 'could not price cart'],
      ['RuntimeError', 'checkout failed'],
    ],
    raisedIn: 'load_cart',
    breadcrumbs: true,
  },
  {
    name: 'sentry-ruby 5.3 (Debian)',
    skip: firstSkip(
      missing(RUBY, 'ruby'),
      missing(`${RUBY_GEMS}/sentry-ruby-5.3.0`, 'ruby-sentry-ruby'),
    ),
    run: (dsn) => runRuby('sentry-ruby.rb', dsn),
    sdk: { name: 'sentry.ruby', version: '5.3.0' },
    chain: RUBY_CHAIN,
    raisedIn: 'load_cart',
    breadcrumbs: true,
  },
  {
    name: 'sentry-raven 3.1 (Debian), base64 + zlib bodies',
    skip: firstSkip(
      missing(RUBY, 'ruby'),
      missing(`${RUBY_GEMS}/sentry-raven-3.1.2`, 'ruby-sentry-raven'),
    ),
    run: (dsn) => runRuby('sentry-raven.rb', dsn),
    sdk: { name: 'raven-ruby', version: '3.1.2' },
    chain: RUBY_CHAIN,
    raisedIn: 'load_cart',
    breadcrumbs: true,
  },
  {
    name: 'sentry-go 0.11 (Debian)',
    skip: firstSkip(
      missing(GO, 'golang-go'),
      missing(`${GOCODE}/github.com/getsentry/sentry-go`, 'golang-github-getsentry-sentry-go-dev'),
    ),
    run: (dsn) => runGoProgram('sentry-go', dsn),
    sdk: { name: 'sentry.go', version: '0.11.0' },
    chain: [
      ['*errors.fundamental', 'cart 981 not found'],
      ['*fmt.wrapError', 'could not price cart: cart 981 not found'],
      ['*fmt.wrapError', 'checkout failed: could not price cart: cart 981 not found'],
    ],
    raisedIn: 'loadCart',
    breadcrumbs: true,
  },
  {
    name: 'raven-go 0.2 (Debian)',
    skip: firstSkip(
      missing(GO, 'golang-go'),
      missing(`${GOCODE}/github.com/getsentry/raven-go`, 'golang-github-getsentry-raven-go-dev'),
    ),
    run: (dsn) => runGoProgram('raven-go', dsn),
    // raven-go sends no `sdk`: it names itself only in X-Sentry-Auth's sentry_client.
    sdk: { name: 'raven-go', version: '1.0' },
    // raven-go sends the root cause of a pkg/errors chain only.
    chain: [['*errors.fundamental', 'cart 981 not found']],
    raisedIn: 'loadCart',
    breadcrumbs: false,
  },
];
