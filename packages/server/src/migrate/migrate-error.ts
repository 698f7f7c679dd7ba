/**
 * A migration that cannot go on for a reason the user can act on (no data at the source, a
 * target that holds other data, counts that differ): the CLI prints the message and exits 1.
 */
export class MigrateError extends Error {
  override readonly name = 'MigrateError';
}
