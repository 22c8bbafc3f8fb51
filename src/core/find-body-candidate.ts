import { isBoilerplate } from './is-boilerplate';
import { isHidden } from './is-hidden';

/** Ancestors whose paragraphs never make a body. Class names are not trusted here: on the body's
 * own wrappers they name layouts (`has-sidebar`, `js-social-anchor`), so only tags and comment
 * sections exclude. */
const EXCLUDED_TAGS = new Set([
  'NAV',
  'ASIDE',
  'FOOTER',
  'FORM',
  'MENU',
  'DIALOG',
  'TEMPLATE',
  'NOSCRIPT',
]);
const COMMENT_SECTION_TOKEN =
  /^(?:[a-z]{1,8}[-_])?(?:comments?|comment-?list|commentlist|disqus|replies)(?:$|[-_])/;

/** A block of text counts toward a body from this many characters outside links. */
export const MIN_PARAGRAPH_CHARS = 25;
/** A block whose link text is more than this share of its text is navigation, not body. */
export const MAX_PARAGRAPH_LINK_DENSITY = 0.5;
/** The body grows to its parent when the parent's other children hold at least this share of its text. */
const MIN_SIBLING_TEXT_SHARE = 0.2;
/** How a paragraph's text is credited to its ancestors, from its parent up (Readability's weights). */
const ANCESTOR_WEIGHTS = [1, 1 / 2, 1 / 6];

/** Where the body of a page most likely is, with the figures the article decision needs. */
export interface BodyCandidate {
  /** The element whose descendants hold the body's paragraphs. */
  body: Element;
  /** Characters outside links of the counted paragraphs in `body`. */
  bodyChars: number;
  /** Counted paragraphs in `body`. */
  bodyParagraphs: number;
  /** Characters outside links of the counted paragraphs of the whole page. */
  pageChars: number;
  /** The paragraph-like blocks counted, in document order of their kind. */
  paragraphs: Set<Element>;
  /** Counted paragraph characters inside each element that holds any (paragraphs included). */
  textInside: Map<Element, number>;
  /** `body` is, or lies in, an `<article>` element. */
  isInArticleElement: boolean;
  /** `body` is, or lies in, an element marked `itemprop="articleBody"`. */
  isInArticleBody: boolean;
}

/** Inline elements whose text belongs to the block around them. */
const INLINE_TAGS = new Set([
  'B',
  'I',
  'EM',
  'STRONG',
  'SPAN',
  'FONT',
  'SMALL',
  'SUB',
  'SUP',
  'CODE',
  'Q',
  'CITE',
  'ABBR',
  'TIME',
  'MARK',
  'U',
  'S',
  'BIG',
  'TT',
  'VAR',
  'KBD',
  'DFN',
  'INS',
  'DEL',
]);
/** Containers that sites use as paragraphs when they hold text directly (Readability treats them as `<p>`). */
const TEXT_CONTAINER_TAGS = ['div', 'td'];

/** A paragraph-like block and its characters of text outside links. */
interface TextBlock {
  el: Element;
  chars: number;
}

/**
 * Paragraph-like blocks: `<p>` and `<pre>`, and containers holding text directly (between `<br>`s,
 * or a `<div>` used as a paragraph), measured by that direct text only.
 */
function collectTextBlocks(doc: Document): TextBlock[] {
  const blocks: TextBlock[] = [];
  for (const tag of ['p', 'pre']) {
    for (const el of doc.getElementsByTagName(tag)) blocks.push({ el, chars: measureOwnText(el) });
  }
  for (const tag of TEXT_CONTAINER_TAGS) {
    for (const el of doc.getElementsByTagName(tag)) {
      const chars = measureDirectText(el);
      if (chars > 0) blocks.push({ el, chars });
    }
  }
  return blocks;
}

/** Characters of the text `el` holds itself: its text nodes and inline elements, links aside. */
function measureDirectText(el: Element): number {
  let text = '';
  for (let node = el.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 3) text += (node as Text).data;
    else if (node.nodeType === 1 && INLINE_TAGS.has((node as Element).tagName)) {
      text += node.textContent ?? '';
    }
  }
  return /\S/.test(text) ? measureText(text) : 0;
}

/** Length of `text` with whitespace runs counted as one character. */
export function measureText(text: string): number {
  return text.replace(/\s+/g, ' ').trim().length;
}

/** Characters of `el`'s text outside links, or 0 when `el` is mostly links. */
export function measureOwnText(el: Element): number {
  const chars = measureText(el.textContent ?? '');
  if (chars === 0) return 0;
  let linkChars = 0;
  for (const link of el.getElementsByTagName('a')) linkChars += measureText(link.textContent ?? '');
  return linkChars / chars > MAX_PARAGRAPH_LINK_DENSITY ? 0 : chars - linkChars;
}

/**
 * Finds the element that holds most of `doc`'s paragraph text, scoring each visible, non-boilerplate
 * paragraph into its nearest ancestors as Readability does, then widening to the parent while the
 * parent's other children hold a fair share of paragraph text (bodies split into several columns).
 * Returns null when the page has no paragraph text at all.
 */
export function findBodyCandidate(doc: Document): BodyCandidate | null {
  const excluded = new Map<Element, boolean>();
  const isExcluded = (el: Element): boolean => {
    let value = excluded.get(el);
    if (value === undefined) {
      value = isHidden(el) || EXCLUDED_TAGS.has(el.tagName) || isCommentSection(el);
      excluded.set(el, value);
    }
    return value;
  };
  const root = doc.body ?? doc.documentElement;
  const textInside = new Map<Element, number>();
  const scores = new Map<Element, number>();
  const ancestors: Element[] = [];
  const counted: Element[] = [];
  let pageChars = 0;
  for (const { el: block, chars } of collectTextBlocks(doc)) {
    if (chars < MIN_PARAGRAPH_CHARS) continue;
    ancestors.length = 0;
    let isCounted = !isExcluded(block) && block.getAttribute('aria-hidden') !== 'true';
    for (let el = block.parentElement; el && el !== root && isCounted; el = el.parentElement) {
      if (isExcluded(el)) isCounted = false;
      ancestors.push(el);
    }
    if (!isCounted) continue;
    pageChars += chars;
    counted.push(block);
    textInside.set(block, (textInside.get(block) ?? 0) + chars);
    ancestors.forEach((el, level) => {
      textInside.set(el, (textInside.get(el) ?? 0) + chars);
      const weight = ANCESTOR_WEIGHTS[level];
      if (weight !== undefined) scores.set(el, (scores.get(el) ?? 0) + chars * weight);
    });
  }
  let top: Element | null = null;
  let topScore = 0;
  for (const [el, score] of scores) {
    if (score > topScore) {
      top = el;
      topScore = score;
    }
  }
  if (!top) return null;
  let body = top;
  while (!isArticleContainer(body)) {
    const parent = body.parentElement;
    if (!parent || parent === root) break;
    const own = textInside.get(body) ?? 0;
    let siblingsText = 0;
    for (let sibling = parent.firstElementChild; sibling; sibling = sibling.nextElementSibling) {
      if (sibling !== body && !isBoilerplate(sibling)) siblingsText += textInside.get(sibling) ?? 0;
    }
    if (siblingsText < MIN_SIBLING_TEXT_SHARE * own) break;
    body = parent;
  }
  let isInArticleElement = false;
  let isInArticleBody = false;
  for (let el: Element | null = body; el; el = el.parentElement) {
    if (el.tagName === 'ARTICLE') isInArticleElement = true;
    if (isArticleBody(el)) isInArticleBody = true;
  }
  return {
    body,
    bodyChars: textInside.get(body) ?? 0,
    bodyParagraphs: counted.filter((block) => body.contains(block)).length,
    paragraphs: new Set(counted),
    pageChars,
    textInside,
    isInArticleElement,
    isInArticleBody,
  };
}

function isCommentSection(el: Element): boolean {
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.toLowerCase();
  return names.split(/\s+/).some((token) => COMMENT_SECTION_TOKEN.test(token));
}

function isArticleBody(el: Element): boolean {
  return /\barticleBody\b/.test(el.getAttribute('itemprop') ?? '');
}

function isArticleContainer(el: Element): boolean {
  return el.tagName === 'ARTICLE' || isArticleBody(el);
}
