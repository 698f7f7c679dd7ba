/**
 * Why an artifact bundle was refused: a stable code and a sentence per cause, for the upload API
 * to answer `400 {"detail": …}` with (the bundle comes from anyone holding a token, and a zip is
 * a classic vehicle for bombs and path tricks).
 */
export type BundleErrorCode =
  | 'not_a_zip'
  | 'zip_unsupported'
  | 'too_many_entries'
  | 'entry_too_large'
  | 'bundle_too_large'
  | 'unsafe_path'
  | 'duplicate_entry'
  | 'corrupt_entry'
  | 'manifest_missing'
  | 'manifest_invalid';

export class BundleError extends Error {
  override readonly name = 'BundleError';
  constructor(
    readonly code: BundleErrorCode,
    message: string,
  ) {
    super(message);
  }
}
