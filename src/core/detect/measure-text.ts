import { firstChildOf, nextSiblingOf, parentNodeOf } from '../page-tree';
import { isScreenReaderOnly } from './is-hidden';

/** A block whose link text is more than this share of its text is navigation, not body. */
export const MAX_PARAGRAPH_LINK_DENSITY = 0.5;

/** Subtrees whose text is not read (code, styles, embedded documents). */
export const UNREAD_TAGS: ReadonlySet<string> = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'svg',
  'IFRAME',
]);

/**
 * Characters of `el`'s text (whitespace runs counted once) and those inside links, leaving out
 * the subtrees of `skippedTags` (by default code, styles and embedded documents).
 */
export function measureText(
  el: Element,
  skippedTags: ReadonlySet<string> = UNREAD_TAGS,
): { chars: number; linkChars: number } {
  let chars = 0;
  let linkChars = 0;
  let linkDepth = 0;
  let wasSpace = true;
  let node: Node | null = firstChildOf(el);
  while (node) {
    let first: Node | null = null;
    if (node.nodeType === 3) {
      const data = (node as Text).data;
      if (data.length > 0) {
        const added = countCollapsedChars(data, wasSpace);
        chars += added;
        if (linkDepth > 0) linkChars += added;
        wasSpace = isSpaceCode(data.charCodeAt(data.length - 1));
      }
    } else if (node.nodeType === 1 && !skippedTags.has((node as Element).tagName)) {
      first = firstChildOf(node);
    }
    if (first) {
      if ((node as Element).tagName === 'A') linkDepth++;
      node = first;
      continue;
    }
    let next: Node | null = null;
    while (node && node !== el && !(next = nextSiblingOf(node))) {
      node = parentNodeOf(node);
      if (node && node !== el && (node as Element).tagName === 'A') linkDepth--;
    }
    if (!node || node === el) break;
    node = next;
  }
  if (wasSpace && chars > 0) chars--;
  return { chars, linkChars: Math.min(linkChars, chars) };
}

/** Runs of two or more of the whitespace characters {@link measureText} collapses. */
const SPACE_RUN_OF_TWO = /[ \n\t\r\u00A0]{2,}/g;

/** Whether `code` is whitespace that {@link measureText} collapses (space, tab, line breaks, no-break space). */
export function isSpaceCode(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13 || code === 160;
}

/** Any character but the whitespace that {@link measureText} collapses. */
export const NOT_SPACE = /[^ \n\t\r\u00A0]/;

/**
 * How many of the whitespace characters {@link measureText} collapses `data` starts with. A native
 * search, not a loop over the characters: the indentation between tags runs to dozens of them, and a
 * text that starts with a letter is never searched.
 */
export function leadingSpaceLength(data: string): number {
  if (data.length === 0 || !isSpaceCode(data.charCodeAt(0))) return 0;
  const first = data.search(NOT_SPACE);
  return first < 0 ? data.length : first;
}

/**
 * Characters `data` adds to a text whose last character so far was whitespace (`afterSpace`) or
 * not, each whitespace run counted once (not at all after `afterSpace`). Native string searches do
 * the counting: a loop over every character costs several times as much. `start` is the length of
 * its leading whitespace ({@link leadingSpaceLength}), for a caller that has it.
 */
export function countCollapsedChars(
  data: string,
  afterSpace: boolean,
  start = leadingSpaceLength(data),
): number {
  if (start === data.length) return data.length > 0 && !afterSpace ? 1 : 0;
  let chars = data.length - start + (start > 0 && !afterSpace ? 1 : 0);
  SPACE_RUN_OF_TWO.lastIndex = start;
  for (let run = SPACE_RUN_OF_TWO.exec(data); run; run = SPACE_RUN_OF_TWO.exec(data)) {
    chars -= run[0].length - 1;
  }
  return chars;
}

/**
 * Whether `el` holds text that {@link measureText} counts (`chars > 0`) with the same
 * `skippedTags`, read up to its first such character rather than measured whole. Text for screen
 * readers only does not count: a block holding nothing else shows no text.
 */
export function holdsText(el: Element, skippedTags: ReadonlySet<string> = UNREAD_TAGS): boolean {
  let node: Node | null = firstChildOf(el);
  while (node) {
    if (node.nodeType === 3) {
      if (NOT_SPACE.test((node as Text).data)) return true;
    } else if (
      node.nodeType === 1 &&
      !skippedTags.has((node as Element).tagName) &&
      !isScreenReaderOnly(node as Element)
    ) {
      const first: Node | null = firstChildOf(node);
      if (first) {
        node = first;
        continue;
      }
    }
    let next: Node | null = null;
    while (node && node !== el && !(next = nextSiblingOf(node))) node = parentNodeOf(node);
    if (!node || node === el) break;
    node = next;
  }
  return false;
}

/**
 * What one character of Han or kana counts for against lengths measured in Latin text: such text
 * runs about a third of the length of the same text in a Latin script.
 */
export const DENSE_SCRIPT_CHAR_WEIGHT = 3;

/** A text's length with its `denseChars` (Han, kana) weighed as the words they stand for. */
export function weighLength(chars: number, denseChars: number): number {
  return chars + (DENSE_SCRIPT_CHAR_WEIGHT - 1) * Math.min(denseChars, chars);
}

/** Han and kana: a word of such text runs about two characters, with no space between words. */
const DENSE_SCRIPT_CHARS = /[\u3040-\u30FF\u3400-\u9FFF\uF900-\uFAFF]/g;

/** Words in `text`: those between spaces, and two characters of Han or kana for one. */
export function countWords(text: string): number {
  const dense = text.match(DENSE_SCRIPT_CHARS)?.length ?? 0;
  const words = text.replace(DENSE_SCRIPT_CHARS, ' ').split(/\s+/).filter(Boolean).length;
  return words + dense / 2;
}

/**
 * Commas of the scripts served beyond the Latin one: Arabic, CJK full-width and small forms (as
 * Readability's), and the ideographic comma of Japanese and Chinese prose, which Readability
 * leaves out.
 */
const OTHER_COMMAS = /[\u060C\u2E32\u2E34\u2E41\u3001\uFE10\uFE11\uFE50\uFF0C]/g;

/**
 * Characters that {@link weighLength} weighs as dense: Han and kana as {@link DENSE_SCRIPT_CHARS},
 * and CJK punctuation too, which takes a character's width in such text but is no word.
 */
const DENSE_WEIGHED_CHARS = /[\u3000-\u30FF\u3400-\u9FFF\uF900-\uFAFF]/g;

/**
 * How many of `text`'s characters `chars` (a global character class) matches, counted by one
 * native `replace`: a content script runs its code cold, where a loop costs far more per character.
 */
function countMatching(text: string, chars: RegExp): number {
  return text.length - text.replace(chars, '').length;
}

/** Commas in `text` of the scripts beyond the Latin one ({@link OTHER_COMMAS}). */
export function countOtherCommas(text: string): number {
  return countMatching(text, OTHER_COMMAS);
}

/** Characters in `text` that {@link weighLength} weighs as dense ({@link DENSE_WEIGHED_CHARS}). */
export function countDenseChars(text: string): number {
  return countMatching(text, DENSE_WEIGHED_CHARS);
}

/**
 * Commas in `text`, the Latin one's first, then those of {@link OTHER_COMMAS}, counted up to
 * `limit`, for a caller that only asks whether a block has that many: Latin ones are not sought
 * past it.
 */
export function countCommas(text: string, limit = Infinity): number {
  let commas = 0;
  for (let i = text.indexOf(','); i >= 0 && commas < limit; i = text.indexOf(',', i + 1)) commas++;
  if (commas >= limit) return limit;
  return Math.min(commas + countOtherCommas(text), limit);
}
