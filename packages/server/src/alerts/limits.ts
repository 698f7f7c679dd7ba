/**
 * How many rules and channels one project may have. Every rule is checked on every engine pass
 * and a threshold rule queries the project's active issues each time, so their number is what
 * a pass costs; channels are bounded with them so that no list a page shows is unbounded.
 * Past either, creating one more throws CountLimitError (count-limit.ts).
 */
export const MAX_RULES_PER_PROJECT = 100;
export const MAX_CHANNELS_PER_PROJECT = 100;
