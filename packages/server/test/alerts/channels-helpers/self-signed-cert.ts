/** A throwaway certificate for 127.0.0.1 and localhost, made with the openssl CLI. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir } from '../../helpers/temp-dir.js';

export interface KeyPair {
  key: Buffer;
  cert: Buffer;
}

/** Undefined when there is no openssl to make one (the TLS cases then skip). */
export function makeSelfSignedCert(): KeyPair | undefined {
  const { dir, cleanup } = makeTempDir('faultline-cert-');
  try {
    const keyPath = path.join(dir, 'key.pem');
    const certPath = path.join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-days',
        '1',
        '-keyout',
        keyPath,
        '-out',
        certPath,
      ],
      { stdio: 'ignore' },
    );
    return { key: fs.readFileSync(keyPath), cert: fs.readFileSync(certPath) };
  } catch {
    return undefined;
  } finally {
    cleanup();
  }
}
