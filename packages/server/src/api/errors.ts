/**
 * Every error the REST API answers with, in one catalogue: a stable `code` clients can branch on,
 * its HTTP status, and a message for people. The body is always
 * `{"error": {"code": …, "message": …, "field"?: …}}`, `field` naming the input at fault; on
 * the routes of Sentry's API it is Sentry's `{"detail": …}` (toSentryJSON), which sentry-cli
 * prints.
 */
export const API_ERRORS = {
  invalid_request: { status: 400, message: 'the request is not valid' },
  invalid_json: { status: 400, message: 'the body is not valid JSON' },
  invalid_query: { status: 400, message: 'the search query is not valid' },
  unauthenticated: { status: 401, message: 'log in or send an API token' },
  invalid_credentials: { status: 401, message: 'wrong email or password' },
  forbidden: { status: 403, message: 'your role does not allow this' },
  insufficient_scope: { status: 403, message: "this token's scope does not allow this" },
  csrf_failed: { status: 403, message: 'missing or wrong CSRF token' },
  not_found: { status: 404, message: 'no such resource' },
  method_not_allowed: { status: 405, message: 'method not allowed on this resource' },
  conflict: { status: 409, message: 'conflicts with what exists' },
  limit_reached: { status: 409, message: 'there are as many of these as there may be' },
  body_too_large: { status: 413, message: 'the body is too large' },
  unsupported_media_type: { status: 415, message: 'send the body as application/json' },
  too_many_requests: { status: 429, message: 'too many attempts; wait and try again' },
  internal: { status: 500, message: 'internal error (logged on the server)' },
  unavailable: { status: 503, message: 'storage is unavailable; try again shortly' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ApiErrorCode = keyof typeof API_ERRORS;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly field: string | undefined;
  /** Seconds, for 429. */
  readonly retryAfter: number | undefined;

  constructor(
    code: ApiErrorCode,
    detail?: string,
    options: { field?: string; retryAfter?: number } = {},
  ) {
    super(detail ?? API_ERRORS[code].message);
    this.code = code;
    this.status = API_ERRORS[code].status;
    this.field = options.field;
    this.retryAfter = options.retryAfter;
  }

  toSentryJSON(): { detail: string } {
    return { detail: this.message };
  }

  toJSON(): { error: { code: ApiErrorCode; message: string; field?: string } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.field === undefined ? {} : { field: this.field }),
      },
    };
  }
}
