/**
 * How many rules and channels one project may have. Every rule is checked on every engine pass
 * and a threshold rule queries the project's active issues each time, so their number is what
 * a pass costs; channels are bounded with them so that no list a page shows is unbounded.
 */
export const MAX_RULES_PER_PROJECT = 100;
export const MAX_CHANNELS_PER_PROJECT = 100;

/** Creating one more would pass the project's limit: the API answers 409 `limit_reached`. */
export class AlertLimitError extends Error {
  override readonly name = 'AlertLimitError';
  constructor(
    readonly what: 'rules' | 'channels',
    readonly limit: number,
  ) {
    super(`a project may have at most ${limit} alert ${what}; delete one first`);
  }
}
