/**
 * Project slugs: how Sentry's API (and so sentry-cli, `SENTRY_PROJECT`) names a project. Lower
 * case letters, digits, `-` and `_`, at most 50, starting with a letter or digit, and never only
 * digits: sentry-cli sends an all-digit project as a numeric id
 * (sentry-cli `src/api/serialization.rs`, `serialize_id_slug_list`).
 */
export const PROJECT_SLUG = /^(?![0-9]+$)[a-z0-9][a-z0-9_-]{0,49}$/;
const MAX_SLUG_LENGTH = 50;

/** The slug a new project named `name` gets, unless it is taken (see `freeSlug`). */
export function slugFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH - 8)
    .replace(/-+$/, '');
  return slug === '' || /^[0-9]+$/.test(slug) ? `project-${slug}`.replace(/-$/, '') : slug;
}

/**
 * `base`, or `base-2`, `base-3`…: the first not in `taken`. `taken` holds the slugs from
 * `base` up to `base.` in byte order (slugRange), which include every `base-…`.
 */
export function freeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The byte range of slugs that may collide with `base`: `slug >= low AND slug < high`. */
export function slugRange(base: string): { low: string; high: string } {
  // '.' follows '-' in byte order, and both dialects compare slugs bytewise.
  return { low: base, high: `${base}.` };
}
