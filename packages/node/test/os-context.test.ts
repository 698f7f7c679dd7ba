import assert from 'node:assert/strict';
import { test } from 'node:test';
import { darwinOsContext, linuxOsContext } from '../src/os-context.js';
import { itemJson, startCaptureServer } from './helpers/capture-server.js';
import { runFixture } from './helpers/run-fixture.js';

type Json = Record<string, any>;

const DEBIAN = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
ID=debian
`;
const UBUNTU = `NAME="Ubuntu"
VERSION_ID="22.04"
ID=ubuntu
ID_LIKE=debian
`;
const ALPINE = 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.19.1\n';
const ARCH = 'NAME="Arch Linux"\nID=arch\nBUILD_ID=rolling\n';
const OPENSUSE = 'NAME="openSUSE Leap"\nVERSION_ID="15.5"\nID="opensuse-leap"\n';
const NIXOS = "NAME=NixOS\nID=nixos\nVERSION_ID='23.11'\n";

// Each, as @sentry/node 11 names it (from its own distribution files) on that system.
const LINUX: Array<[string, string | undefined, string | undefined, Record<string, string>]> = [
  ['Debian 12.11', DEBIAN, '12.11\n', { name: 'Debian', version: '12.11' }],
  ['Debian testing', DEBIAN, 'trixie/sid\n', { name: 'Debian', version: '12' }],
  [
    'Ubuntu (its debian_version is not its version)',
    UBUNTU,
    'bookworm/sid\n',
    { name: 'Ubuntu Linux', version: '22.04' },
  ],
  ['Alpine', ALPINE, undefined, { name: 'Alpine Linux', version: '3.19.1' }],
  ['Arch', ARCH, undefined, { name: 'Arch Linux', build: 'rolling' }],
  ['openSUSE', OPENSUSE, undefined, { name: 'SUSE Linux', version: '15.5' }],
  ['a distribution Sentry does not know', NIXOS, undefined, { name: 'NixOS', version: '23.11' }],
  ['no os-release', undefined, undefined, { name: 'Linux' }],
];

for (const [label, osRelease, debianVersion, expected] of LINUX) {
  test(`os context on ${label}`, () => {
    assert.deepEqual(linuxOsContext('6.1.0-18-amd64', osRelease, debianVersion), {
      kernel_version: '6.1.0-18-amd64',
      ...expected,
    });
  });
}

test('os context on macOS, from SystemVersion.plist instead of spawning sw_vers', () => {
  const plist = `<dict>
	<key>ProductBuildVersion</key>
	<string>23E224</string>
	<key>ProductName</key>
	<string>macOS</string>
	<key>ProductVersion</key>
	<string>14.4.1</string>
</dict>`;
  assert.deepEqual(darwinOsContext('23.4.0', plist), {
    kernel_version: '23.4.0',
    name: 'macOS',
    version: '14.4.1',
    build: '23E224',
  });
  assert.deepEqual(darwinOsContext('19.6.0', undefined), {
    kernel_version: '19.6.0',
    name: 'Mac OS X',
    version: '10.15',
  });
});

test('on this machine, the os context is what @sentry/node 11 reports', async () => {
  const capture = await startCaptureServer();
  try {
    const osOf = async (sdk: string) => {
      const run = await runFixture('os-context-probe.mjs', capture.dsn, [sdk]);
      assert.equal(run.code, 0, run.stderr);
      const event = capture.requests
        .map((request) => itemJson(request.envelope, 'event') as Json | undefined)
        .find((candidate) => candidate?.['exception']?.values?.[0]?.value === `${sdk} probe`);
      return event?.['contexts']?.['os'] as Record<string, string>;
    };
    const sentry = await osOf('sentry');
    const ours = await osOf('faultline');
    // Sentry keeps /etc/debian_version's trailing newline in the version.
    const trimmed = Object.fromEntries(
      Object.entries(sentry).map(([key, value]) => [key, value.trim()]),
    );
    assert.deepEqual(ours, trimmed);
  } finally {
    await capture.close();
  }
});
