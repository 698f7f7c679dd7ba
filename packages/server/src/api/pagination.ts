/**
 * Cursor pagination, announced the way Sentry's API does it so existing clients follow it:
 * `Link: <…?cursor=X>; rel="next"; results="true"; cursor="X"`.
 */
export function nextPageHeaders(url: URL, nextCursor: string | undefined): Record<string, string> {
  if (nextCursor === undefined) return {};
  const next = new URL(url);
  next.searchParams.set('cursor', nextCursor);
  return {
    link: `<${next.href}>; rel="next"; results="true"; cursor="${nextCursor}"`,
  };
}
