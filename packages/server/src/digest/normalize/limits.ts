/**
 * Size caps applied by normalization. Most are Sentry's (Relay's `MaxChars` and bag sizes), so an
 * event that fits in sentry.io fits here and shows the same; the rest say why next to them.
 */

/** `logentry.message`/`formatted`, `exception.value`, breadcrumb messages. */
export const MAX_MESSAGE_CHARS = 8192;
/**
 * A log template is filled in from at most this much of it. Not a Sentry cap: the filled text is
 * cut at MAX_MESSAGE_CHARS anyway, and this bounds the work of placeholders that fill in nothing.
 */
export const MAX_TEMPLATE_CHARS = 65_536;
/** Exception types, function, module and symbol names. */
export const MAX_SYMBOL_CHARS = 256;
/** File paths and URLs: longer than Relay's 256, because URLs with a query string are common. */
export const MAX_PATH_CHARS = 1024;
export const MAX_TAG_KEY_CHARS = 200;
export const MAX_TAG_VALUE_CHARS = 200;
/** Not a Sentry cap: every tag becomes an indexed row, so a payload of 50,000 tags is refused here. */
export const MAX_TAGS = 200;
export const MAX_ENVIRONMENT_CHARS = 64;
export const MAX_RELEASE_CHARS = 200;
export const MAX_DIST_CHARS = 64;
export const MAX_LOGGER_CHARS = 64;
export const MAX_TRANSACTION_CHARS = 200;
export const MAX_SERVER_NAME_CHARS = 256;
/**
 * Longer than any name looked up in a fixed list (levels, platforms, HTTP methods, event ids,
 * with room for padding): a longer string is refused before it is trimmed or case-folded whole.
 */
export const MAX_LOOKUP_CHARS = 64;
/** Short labels: mechanism types, breadcrumb categories, header values' names, SDK names. */
export const MAX_LABEL_CHARS = 128;
export const MAX_HEADER_VALUE_CHARS = 8192;
/**
 * Entries kept per request collection: headers, cookies, query pairs, CGI env, form fields. Not a
 * Sentry cap: real requests carry dozens, and a megabyte of them made scrubbing take seconds.
 */
export const MAX_REQUEST_ENTRIES = 256;
/** Tag entries read (Faultline keeps MAX_TAGS distinct keys of them; later repeats are dropped). */
export const MAX_TAG_ENTRIES = 1000;
/** `modules` entries and stack frame `registers` kept. */
export const MAX_MODULES = 1000;
export const MAX_REGISTERS = 256;
/** A source line and its surroundings: minified bundles put a whole program on one line. */
export const MAX_CONTEXT_LINE_CHARS = 1024;
export const MAX_CONTEXT_LINES = 25;

/** Frames kept per stack trace; the middle is dropped (the oldest and newest frames matter most). */
export const MAX_FRAMES = 50;
/**
 * Exceptions kept per event: the outermost ones (the last). Not a Sentry cap: SDKs stop chains at
 * 5–10 causes, and a payload of thousands would make grouping walk every one of their frames.
 */
export const MAX_EXCEPTIONS = 50;
/** Breadcrumbs kept per event: the newest. */
export const MAX_BREADCRUMBS = 100;
export const MAX_FINGERPRINT_PARTS = 64;

/** Nesting kept in any free-form databag; deeper containers become a placeholder string. */
export const MAX_DATABAG_DEPTH = 10;
/** Serialized size of one context (`contexts.os`, `contexts.trace`, …). */
export const MAX_CONTEXT_BYTES = 8192;
/** Serialized size of `request.data`, the request body. */
export const MAX_REQUEST_DATA_BYTES = 8192;
/** Serialized size of each `extra` value, and of `extra` as a whole (Relay's "massive" bag). */
export const MAX_EXTRA_VALUE_BYTES = 16_384;
export const MAX_EXTRA_BYTES = 262_144;
/** A frame's local variables, a breadcrumb's data, `user.data`, mechanism data, log params. */
export const MAX_SMALL_BAG_BYTES = 4096;
/** Interfaces kept as sent (debug_meta, csp, …): native `debug_meta` image lists can be long. */
export const MAX_INTERFACE_BYTES = 262_144;
