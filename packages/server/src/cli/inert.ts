/**
 * Event text (titles, culprits, tag values) is whoever sent the event's: C0 and C1 controls and
 * DEL are replaced, so an escape sequence in a title cannot drive the terminal.
 */
export function inert(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}
