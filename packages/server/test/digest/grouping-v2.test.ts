import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SentryEvent, StackFrame } from '@faultline/protocol';
import { computeGrouping } from '../../src/digest/grouping/registry.js';
import type { GroupingComponent } from '../../src/digest/grouping/registry.js';
import { usableFunctionName } from '../../src/digest/grouping/usable-function-name.js';
import { eventWith } from '../helpers/event-with.js';
import {
  browserBundle,
  flaskLambda,
  rubyErbView,
  sentryNode11Handler,
  sentryNode7Handler,
  sentryNodeModuleCode,
} from '../fixtures/grouping-shapes.js';

const v1 = (event: SentryEvent) => computeGrouping(event, 'v1').hash;
const v2 = (event: SentryEvent) => computeGrouping(event, 'v2').hash;

/** Every component of the tree, depth first. */
function componentsOf(root: GroupingComponent): GroupingComponent[] {
  return [
    root,
    ...root.values.flatMap((value) => (typeof value === 'string' ? [] : componentsOf(value))),
  ];
}

function contributing(event: SentryEvent, id: string): Array<GroupingComponent | string> {
  return componentsOf(computeGrouping(event, 'v2').components)
    .filter((c) => c.id === id && c.contributes)
    .flatMap((c) => c.values);
}

function oneFrame(frame: StackFrame, platform = 'javascript'): SentryEvent {
  return eventWith({
    platform,
    exception: { values: [{ type: 'Error', value: 'x', stacktrace: { frames: [frame] } }] },
  });
}

describe('grouping v2', () => {
  it('two anonymous Express handlers (@sentry/node 7 `<anonymous>`) → two hashes (v1: one)', () => {
    const a = sentryNode7Handler("app.get('/a', (req, res) => { throw new Error('boom') })", 12);
    const b = sentryNode7Handler("app.get('/b', (req, res) => { throw new Error('boom') })", 13);
    assert.equal(v1(a), v1(b), 'the fault v2 fixes');
    assert.notEqual(v2(a), v2(b));
    assert.deepEqual(contributing(a, 'function'), []);
    assert.deepEqual(contributing(a, 'context-line'), [
      "app.get('/a', (req, res) => { throw new Error('boom') })",
    ]);
  });

  it('the same anonymous handler moved down the file → one hash: its line number does not count', () => {
    const line = "app.get('/a', (req, res) => { throw new Error('boom') })";
    assert.equal(v2(sentryNode7Handler(line, 12)), v2(sentryNode7Handler(line, 80)));
    assert.equal(v2(sentryNode11Handler(line, 12)), v2(sentryNode11Handler(`   ${line}`, 30)));
  });

  it('named functions still group by name, not by source line or line number', () => {
    const named = (line: string, lineno: number) => sentryNode7Handler(line, lineno, 'checkout');
    assert.equal(v2(named('throw a', 40)), v2(named('throw b', 41)));
    assert.notEqual(v2(named('x', 1)), v2(sentryNode7Handler('x', 1, 'refund')));
    assert.deepEqual(contributing(named('x', 1), 'line-column'), []);
  });

  it('two Flask lambdas (sentry-python `<lambda>`) → two hashes (v1: one)', () => {
    const a = flaskLambda("app.add_url_rule('/a', 'a', lambda: 1 / 0)", 8);
    const b = flaskLambda("app.add_url_rule('/b', 'b', lambda: 1 / 0)", 9);
    assert.equal(v1(a), v1(b));
    assert.notEqual(v2(a), v2(b));
    assert.equal(v2(a), v2(flaskLambda("app.add_url_rule('/a', 'a', lambda: 1 / 0)", 20)));
  });

  it('CommonJS module code (`Object.<anonymous>`) is told apart by its source line', () => {
    const a = sentryNodeModuleCode('require("./boot")();', 3);
    const b = sentryNodeModuleCode('require("./jobs")();', 4);
    assert.equal(v1(a), v1(b));
    assert.notEqual(v2(a), v2(b));
  });

  it('browser `?` frames without a source line at different lines/columns → two hashes (v1: one)', () => {
    const a = browserBundle('TypeError', 'a is undefined', { lineno: 1, colno: 5123 });
    const b = browserBundle('TypeError', 'b is undefined', { lineno: 1, colno: 9870 });
    assert.equal(v1(a), v1(b));
    assert.notEqual(v2(a), v2(b));
    assert.notEqual(
      v2(a),
      v2(browserBundle('TypeError', 'a is undefined', { lineno: 2, colno: 5123 })),
    );
    // Both frames are anonymous (`HTMLButtonElement.<anonymous>`, `?`): both count by position.
    const positions = componentsOf(computeGrouping(a, 'v2').components).filter(
      (c) => c.id === 'line-column' && c.contributes,
    );
    assert.deepEqual(
      positions.map((c) => c.values),
      [['1:40211'], ['1:5123']],
    );
    assert.match(positions[0]?.hint ?? '', /line and column/);
  });

  it('the same error twice → the same hash, for every shape', () => {
    const makers: Array<() => SentryEvent> = [
      () => sentryNode7Handler("app.get('/a', () => { throw x })", 12),
      () => sentryNode11Handler('  try { loadCart(req.params.id); }', 12),
      () => sentryNodeModuleCode('boot();', 3),
      () => flaskLambda('lambda: 1 / 0', 8),
      () => browserBundle('TypeError', 'a is undefined', { lineno: 1, colno: 5123 }),
      () => rubyErbView('___3456789012_70244'),
    ];
    for (const make of makers) assert.equal(v2(make()), v2(make()));
    // A browser error with another message from the same place is the same issue.
    assert.equal(
      v2(browserBundle('TypeError', 'a is undefined', { lineno: 1, colno: 5123 })),
      v2(browserBundle('TypeError', 'c is undefined', { lineno: 1, colno: 5123 })),
    );
  });

  it("a Rails template's per-process numbers do not split its errors (v1: they did)", () => {
    const boot1 = rubyErbView('___3456789012_70244');
    const boot2 = rubyErbView('__-1234567890_69980');
    assert.notEqual(v1(boot1), v1(boot2));
    assert.equal(v2(boot1), v2(boot2));
  });

  it("a minifier's short names in a minified line are not an identity: line and column are", () => {
    const mangled = (colno: number) =>
      oneFrame({ filename: 'app:///bundle.min.js', function: 'o', lineno: 2, colno, in_app: true });
    assert.notEqual(v2(mangled(39434)), v2(mangled(12001)));
    assert.deepEqual(contributing(mangled(39434), 'line-column'), ['2:39434']);
    // Short names in ordinary code are names.
    const short = (lineno: number) =>
      oneFrame({ filename: 'app.js', function: 'go', lineno, colno: 3, in_app: true });
    assert.equal(v2(short(10)), v2(short(11)));
  });

  it("an exception without a stack groups by its crashed thread's stack (v1: by its message)", () => {
    const crash = (fn: string, value: string) =>
      eventWith({
        platform: 'ruby',
        exception: { values: [{ type: 'NameError', value }] },
        threads: {
          values: [
            {
              id: 1,
              crashed: false,
              stacktrace: { frames: [{ filename: 'x.rb', function: 'idle' }] },
            },
            {
              id: 2,
              crashed: true,
              stacktrace: {
                frames: [{ filename: 'app/welcome_controller.rb', function: fn, in_app: true }],
              },
            },
          ],
        },
      });
    assert.equal(v2(crash('index', 'for #<Foo:0x1>')), v2(crash('index', 'for #<Bar:0x2>')));
    assert.notEqual(v2(crash('index', 'same')), v2(crash('show', 'same')));
    assert.equal(v1(crash('index', 'same')), v1(crash('show', 'same')));
  });

  it('a native frame whose function is `<unknown>` is named by its symbol', () => {
    const native = (symbol: string) =>
      oneFrame(
        { function: '<unknown>', symbol, package: '/usr/lib/libapp.so', in_app: true },
        'native',
      );
    assert.notEqual(v2(native('crash_handler')), v2(native('flush_cache')));
    assert.deepEqual(contributing(native('crash_handler'), 'function'), ['crash_handler']);
  });

  it('browser extension frames are never in app', () => {
    const frames = (extensionLine: number): StackFrame[] => [
      { filename: 'https://app.example.com/app.js', function: 'save', lineno: 3, in_app: true },
      {
        filename: 'chrome-extension://abcdefgh/content.js',
        function: '?',
        lineno: extensionLine,
        colno: 7,
        in_app: true,
      },
    ];
    const event = (line: number) =>
      eventWith({
        platform: 'javascript',
        exception: {
          values: [{ type: 'Error', value: 'x', stacktrace: { frames: frames(line) } }],
        },
      });
    assert.equal(v2(event(10)), v2(event(900)));
    const frameHints = componentsOf(computeGrouping(event(10), 'v2').components)
      .filter((c) => c.id === 'frame')
      .map((c) => c.hint);
    assert.deepEqual(frameHints, [undefined, 'ignored: not in app']);
  });
});

describe('grouping v2: in-app corrections for what real clients send', () => {
  /** One exception whose stack is `frames`, the frame that threw last. */
  const eventOf = (platform: string, frames: StackFrame[]) =>
    eventWith({
      platform,
      exception: { values: [{ type: 'Error', value: 'x', stacktrace: { frames } }] },
    });

  it('two Ruby blocks of one script (`block in <main>`) → two hashes, by their source lines', () => {
    const block = (line: string, lineno: number): SentryEvent =>
      eventOf('ruby', [
        {
          filename: 'app.rb',
          function: '<main>',
          lineno: 30,
          context_line: 'run(h)',
          in_app: true,
        },
        {
          filename: 'app.rb',
          function: 'block in <main>',
          lineno,
          context_line: line,
          in_app: true,
        },
      ]);
    const a = block("  'anon-a' => -> { raise 'report 7 is archived' },", 20);
    const b = block("  'anon-b' => -> { raise 'invoice 9 is locked' },", 21);
    assert.notEqual(v2(a), v2(b));
    assert.equal(v2(a), v2(block("  'anon-a' => -> { raise 'report 7 is archived' },", 25)));
  });

  it("raven-go's closures of package main (module `main.main`) are in app", () => {
    const closure = (name: string, lineno: number): SentryEvent =>
      eventOf('go', [
        { filename: 'main.go', module: 'main', function: 'main', lineno: 50, in_app: true },
        { filename: 'main.go', module: 'main.main', function: name, lineno, in_app: false },
      ]);
    const [a, b] = [closure('func1', 44), closure('func2', 45)];
    assert.equal(v1(a), v1(b), 'v1 counted only the shared caller');
    assert.notEqual(v2(a), v2(b));
    assert.deepEqual(contributing(a, 'function'), ['main', 'func1']);
  });

  it('Python frames of installed packages are not in app, whatever sentry-python 1.x says', () => {
    const viaFlask = (flaskFunction: string, flaskLine: number): SentryEvent =>
      eventOf('python', [
        {
          abs_path: '/usr/lib/python3/dist-packages/flask/app.py',
          filename: 'flask/app.py',
          module: 'flask.app',
          function: flaskFunction,
          lineno: flaskLine,
          in_app: true,
        },
        {
          abs_path: '/srv/app.py',
          module: '__main__',
          function: 'checkout',
          lineno: 9,
          in_app: true,
        },
      ]);
    // A Flask upgrade renames or moves its frames: the issue stays one.
    const before = viaFlask('dispatch_request', 1799);
    assert.equal(v2(before), v2(viaFlask('_dispatch', 1822)));
    assert.deepEqual(contributing(before, 'function'), ['checkout']);
  });
});

describe('usableFunctionName', () => {
  it('says "no function" for what each SDK sends for unnamed code', () => {
    for (const name of [
      '?',
      '<anonymous>',
      'Object.<anonymous>',
      'HTMLButtonElement.<anonymous>',
      'Server.?',
      'async <anonymous>',
      'new <anonymous>',
      'anonymous',
      '[anonymous]',
      'Anonymous function',
      'global code',
      '<lambda>',
      '<module>',
      '<listcomp>',
      '<genexpr>',
      '<unknown>',
      '<main>',
      '<top (required)>',
      '{main}',
      '{closure}',
      'App\\Cart::{closure}',
      '{closure:/app/src/Cart.php:12}',
      '<redacted>',
      'null.<anonymous>',
      'block in <main>',
      'block in show',
      'block (2 levels) in checkout',
      '  ',
    ])
      assert.equal(usableFunctionName(name), undefined, name);
  });

  it('keeps real names, dropping how they were called', () => {
    assert.equal(usableFunctionName('async loadCart'), 'loadCart');
    assert.equal(usableFunctionName('new Cart'), 'Cart');
    assert.equal(usableFunctionName('async Promise.all (index 0)'), 'Promise.all');
    assert.equal(
      usableFunctionName('Layer.handle [as handle_request]'),
      'Layer.handle [as handle_request]',
    );
    assert.equal(usableFunctionName('main.handler.func1'), 'main.handler.func1');
    assert.equal(usableFunctionName('<class:Cart>'), '<class:Cart>');
    assert.equal(
      usableFunctionName('_app_views_carts_show_html_erb___3456789012_70244'),
      '_app_views_carts_show_html_erb',
    );
  });
});
