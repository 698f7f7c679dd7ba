/**
 * Why a JavaScript frame was not mapped: one catalogue, a stable code per cause and a sentence
 * that names the file, the IDs and the releases involved. "Source maps uploaded but not applied"
 * is the first support question of every Sentry-compatible tracker; each frame answers it in
 * `data.unmapped_reason` and `data.unmapped_detail` (frame-data.ts), shown in the event view and
 * returned by the API.
 */

export type UnmappedReasonCode =
  /** The frame's file is not a URL or a path: native code, `node:` internals, `<anonymous>`. */
  | 'not_a_source_file'
  /** No line or no column: a source map needs both. */
  | 'no_location'
  /** No debug ID names the file, and the event has no release to look it up by. */
  | 'no_debug_id_no_release'
  /** No debug ID names the file, and the event's release (and dist) has no file at its URL. */
  | 'no_release_match'
  /** As above, but other releases have a file at that URL: uploaded for another release. */
  | 'other_release'
  /** The event names a debug ID for the file, but no uploaded bundle holds that ID. */
  | 'debug_id_not_found'
  | 'map_too_large'
  | 'map_invalid'
  /** The map has no mapping at the frame's position (a map of another build of the file). */
  | 'no_mapping'
  /** Beyond the number of frames symbolicated per event. */
  | 'frame_limit'
  /** Beyond the number of different maps read per event. */
  | 'map_limit'
  /** Reading the map from storage failed. */
  | 'source_error';

export interface UnmappedReason {
  code: UnmappedReasonCode;
  detail: string;
}

export function unmapped(code: UnmappedReasonCode, detail: string): UnmappedReason {
  return { code, detail };
}
