/**
 * Names the symbol (`Symbol.for`) the content script sets on its frame's isolated world when it
 * starts: a second run there sees it and stops, and the background's probe sees it has run.
 */
export const CONTENT_SCRIPT_MARK = 'moodmark.contentScript';
