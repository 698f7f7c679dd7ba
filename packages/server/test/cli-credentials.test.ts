/**
 * The saved login holds an admin token: whatever was left at the temporary path it is written
 * through (a crashed run's file, a symlink planted in a config directory others can write), the
 * token lands only in credentials.json, readable by its owner only.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { credentialsPath, readSavedLogin, saveLogin } from '../src/cli/credentials.js';
import { makeTempDir } from './helpers/temp-dir.js';

describe('saveLogin', () => {
  const temp = makeTempDir();
  const previous = process.env['XDG_CONFIG_HOME'];
  const login = { url: 'https://faultline.example.com', token: 'flt_secret_token' };
  const temporary = () => `${credentialsPath()}.${process.pid}.tmp`;

  before(() => {
    process.env['XDG_CONFIG_HOME'] = temp.dir;
    mkdirSync(join(temp.dir, 'faultline'), { mode: 0o700 });
  });
  after(() => {
    if (previous === undefined) delete process.env['XDG_CONFIG_HOME'];
    else process.env['XDG_CONFIG_HOME'] = previous;
    temp.cleanup();
  });

  it('writes 0600 even over a leftover temporary file that is readable by all', () => {
    writeFileSync(temporary(), 'left over', { mode: 0o644 });
    saveLogin(login);
    assert.equal(statSync(credentialsPath()).mode & 0o777, 0o600);
    assert.deepEqual(readSavedLogin(), login);
  });

  it('does not write the token through a symlink at the temporary path', () => {
    const elsewhere = join(temp.dir, 'elsewhere.txt');
    writeFileSync(elsewhere, '', { mode: 0o666 });
    symlinkSync(elsewhere, temporary());
    saveLogin(login);
    assert.equal(readFileSync(elsewhere, 'utf8'), '', 'the token went through the symlink');
    assert.equal(statSync(credentialsPath()).mode & 0o777, 0o600);
    assert.deepEqual(readSavedLogin(), login);
  });
});
