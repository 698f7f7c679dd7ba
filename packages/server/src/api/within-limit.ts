/** Creations past a cap on how many may exist (count-limit.ts) answer 409 `limit_reached`. */
import { CountLimitError } from '../count-limit.js';
import { ApiError } from './errors.js';

export async function withinLimit<T>(create: () => Promise<T>): Promise<T> {
  try {
    return await create();
  } catch (error) {
    if (error instanceof CountLimitError) throw new ApiError('limit_reached', error.message);
    throw error;
  }
}
