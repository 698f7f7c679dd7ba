import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Scope } from '../src/scope.js';

test('a fork sees its parent, and its writes never reach the parent or a sibling', () => {
  const root = new Scope(undefined, 2);
  root.setTag('region', 'eu');
  root.setContext('app', { name: 'shop' });
  root.addBreadcrumb({ message: 'boot' });
  const first = root.fork();
  const second = root.fork();
  first.setTag('request', '1');
  first.setUser({ id: 'u-1' });
  first.setContext('app', null);
  first.addBreadcrumb({ message: 'one' });
  first.addBreadcrumb({ message: 'two' });

  const seen = first.getData();
  assert.deepEqual(seen.tags, { region: 'eu', request: '1' });
  assert.deepEqual(seen.user, { id: 'u-1' });
  assert.deepEqual(seen.contexts, {}, 'null hides the parent context of that name');
  assert.deepEqual(
    seen.breadcrumbs.map((crumb) => crumb.message),
    ['one', 'two'],
    'the newest breadcrumbs, up to the limit',
  );

  for (const untouched of [root.getData(), second.getData()]) {
    assert.deepEqual(untouched.tags, { region: 'eu' });
    assert.equal(untouched.user, undefined);
    assert.deepEqual(untouched.contexts, { app: { name: 'shop' } });
    assert.deepEqual(
      untouched.breadcrumbs.map((crumb) => crumb.message),
      ['boot'],
    );
  }
});

test('setUser(null) hides the parent user in the fork only', () => {
  const root = new Scope();
  root.setUser({ id: 'admin' });
  const fork = root.fork();
  fork.setUser(null);
  assert.equal(fork.getData().user, undefined);
  assert.deepEqual(root.getData().user, { id: 'admin' });
});
