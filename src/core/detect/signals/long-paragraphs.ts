import { weighLength } from '../measure-text';
import type { PageFacts } from '../read-page-facts';
import type { Paragraph } from '../scan-page';

/** Reader View's paragraph length from which a paragraph counts (Readability's `isProbablyReaderable`). */
export const MIN_LONG_PARAGRAPH_CHARS = 140;

/**
 * Reader View's score of the body's real paragraphs, on a log scale: each paragraph of
 * {@link MIN_LONG_PARAGRAPH_CHARS} or more adds the square root of its excess. Blurbs add nothing.
 */
export function longParagraphs({ candidate }: PageFacts): number {
  let score = 0;
  for (const paragraph of candidate.bodyParagraphs) {
    const length = proseLength(paragraph);
    if (length > MIN_LONG_PARAGRAPH_CHARS) score += Math.sqrt(length - MIN_LONG_PARAGRAPH_CHARS);
  }
  return Math.log1p(score);
}

/**
 * A run of printable ASCII without a space this long is no word of any language: a key, a hash,
 * an encoded blob (the longest words in use run to about 30 letters).
 */
const NON_WORD_RUN = /[!-~]{40,}/g;

/**
 * A paragraph's length ({@link weighLength}) without its runs of letters and signs too long to be
 * words: a diff of keys or a dump of hashes is long without being prose. Only a paragraph long
 * enough to count is read again.
 */
export function proseLength(paragraph: Paragraph): number {
  const length = weighLength(paragraph.chars, paragraph.denseChars);
  if (length <= MIN_LONG_PARAGRAPH_CHARS) return length;
  const text = paragraph.el.textContent ?? '';
  let runChars = 0;
  for (const run of text.matchAll(NON_WORD_RUN)) runChars += run[0].length;
  if (runChars === 0) return length;
  // The scan counts a run of whitespace once: so does the share.
  const textChars = text.replace(/\s+/g, ' ').length;
  return length * Math.max(0, 1 - runChars / Math.max(textChars, 1));
}
