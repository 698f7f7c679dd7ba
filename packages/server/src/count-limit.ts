/**
 * Creating one more of something would pass the cap on how many may exist (a project's alert
 * rules, a user's API tokens): every such cap keeps a list, and the work done over it on each
 * pass or page, bounded. The API answers it as 409 `limit_reached` (api/within-limit.ts).
 */
export class CountLimitError extends Error {
  override readonly name = 'CountLimitError';
  constructor(
    /** What there are too many of, as a plural ("alert rules"). */
    readonly what: string,
    readonly limit: number,
    /** Whose ("a project", "a user"). */
    owner: string,
  ) {
    super(`${owner} may have at most ${limit} ${what}; delete one first`);
  }
}
