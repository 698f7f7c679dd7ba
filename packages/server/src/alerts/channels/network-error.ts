/**
 * A failure below the protocol (no HTTP status, no SMTP reply) as an attempt-log line, and
 * whether another attempt can help. Refused connections, resets, DNS failures and timeouts
 * come and go: retry. A certificate nobody vouches for will be the same next time: don't.
 */

export interface FailureDescription {
  detail: string;
  retryable: boolean;
}

/**
 * OpenSSL's and Node's codes for "this certificate is not one we trust for this host". An
 * expired certificate is left out on purpose: its owner renews it, and a retry then succeeds.
 */
const UNTRUSTED_CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export function isUntrustedCertificate(code: string | undefined): boolean {
  return code !== undefined && UNTRUSTED_CERTIFICATE_CODES.has(code);
}

export function describeNetworkError(error: unknown): FailureDescription {
  const root = rootCause(error);
  const code = codeOf(root);
  if (isUntrustedCertificate(code)) {
    return {
      detail: `TLS certificate not trusted: ${code} (${messageOf(root)})`,
      retryable: false,
    };
  }
  const message = messageOf(root);
  const detail = code === undefined || message.includes(code) ? message : `${code}: ${message}`;
  return { detail: `Network error: ${detail}`, retryable: true };
}

/**
 * undici reports every failure as `TypeError: fetch failed` with the real one as `cause`; with
 * happy eyeballs that cause is an AggregateError over each address tried.
 */
function rootCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    if (current instanceof AggregateError && current.errors.length > 0) {
      current = current.errors[0];
    } else if (current instanceof Error && current.cause !== undefined) {
      current = current.cause;
    } else {
      break;
    }
  }
  return current;
}

/** nodemailer replaces the system's code with its own (`ESOCKET`) and keeps the first. */
function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  for (const key of ['originalCode', 'code']) {
    const code: unknown = (error as Record<string, unknown>)[key];
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message === '' ? 'unknown error' : message;
}
