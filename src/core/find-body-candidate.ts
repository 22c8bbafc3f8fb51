import { isBoilerplate } from './is-boilerplate';
import { isHidden } from './is-hidden';
import { measureOwnText } from './measure-own-text';

/** A block of text counts toward a body from this many characters outside links. */
export const MIN_PARAGRAPH_CHARS = 25;
/** The body grows to its parent when the parent's other children hold at least this share of its text. */
const MIN_SIBLING_TEXT_SHARE = 0.2;
/** How a paragraph's text is credited to its ancestors, from its parent up (Readability's weights). */
const ANCESTOR_WEIGHTS = [1, 1 / 2, 1 / 6];

/**
 * Subtrees whose paragraphs never make a body. Class names are not trusted here: on the body's own
 * wrappers they often name layouts (`has-sidebar`, `js-social-anchor`), so only tags, hiding
 * attributes and comment sections exclude.
 */
const EXCLUDED_TAGS = new Set([
  'NAV',
  'ASIDE',
  'FOOTER',
  'FORM',
  'MENU',
  'DIALOG',
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'svg',
  'IFRAME',
  'SELECT',
  'BUTTON',
]);
const COMMENT_SECTION_HINT = /comment|disqus|replies/i;
const COMMENT_SECTION_TOKEN =
  /^(?:[a-z]{1,8}[-_])?(?:comments?|comment-?list|commentlist|disqus|replies)(?:$|[-_])/;
/** Tags of paragraph-like blocks. */
const PARAGRAPH_TAGS = new Set(['P', 'PRE']);
/** Containers that some sites use as paragraphs, holding text directly (Readability treats them as `<p>`). */
const TEXT_CONTAINER_TAGS = new Set(['DIV', 'TD']);
/** Inline elements whose text belongs to the block around them. */
const INLINE_TAGS = new Set([
  'A',
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

/** Where the body of a page most likely is, with the figures the article decision needs. */
export interface BodyCandidate {
  /** The element whose descendants hold the body's paragraphs. */
  body: Element;
  /** Characters outside links of the counted paragraphs in `body`. */
  bodyChars: number;
  /** Characters outside links of the counted paragraphs of the whole page. */
  pageChars: number;
  /** The paragraph-like blocks counted. */
  paragraphs: Set<Element>;
  /** Counted paragraph characters inside each element that holds any (paragraphs included). */
  textInside: Map<Element, number>;
  /** The page's visible `<article>` elements. */
  articles: Element[];
  /** `body` is, or lies in, an `<article>` element. */
  isInArticleElement: boolean;
  /** `body` is, or lies in, an element marked `itemprop="articleBody"`. */
  isInArticleBody: boolean;
}

interface TextBlock {
  el: Element;
  chars: number;
}

interface PageScan {
  blocks: TextBlock[];
  containers: Element[];
  articles: Element[];
}

/**
 * One walk over the visible, non-excluded elements of `root` in document order: `<p>`/`<pre>`
 * blocks with their text, containers that might hold text directly, and `<article>`s.
 */
function scanPage(root: Element): PageScan {
  const scan: PageScan = { blocks: [], containers: [], articles: [] };
  let el: Element | null = root;
  while (el) {
    const tag = el.tagName;
    let descend = true;
    if (el !== root && (EXCLUDED_TAGS.has(tag) || isHidden(el) || isCommentSection(el))) {
      descend = false;
    } else if (PARAGRAPH_TAGS.has(tag)) {
      descend = false;
      if (el.getAttribute('aria-hidden') !== 'true') {
        scan.blocks.push({ el, chars: measureOwnText(el) });
      }
    } else if (TEXT_CONTAINER_TAGS.has(tag)) {
      scan.containers.push(el);
    } else if (tag === 'ARTICLE') {
      scan.articles.push(el);
    }
    const child: Element | null = descend ? el.firstElementChild : null;
    if (child) {
      el = child;
      continue;
    }
    while (el && el !== root && !el.nextElementSibling) el = el.parentElement;
    el = el && el !== root ? el.nextElementSibling : null;
  }
  return scan;
}

/** Characters of the text `el` holds itself (text nodes and inline elements), links aside. */
function measureDirectText(el: Element): number {
  let hasText = false;
  for (let node = el.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 3 && /\S/.test((node as Text).data)) {
      hasText = true;
      break;
    }
  }
  if (!hasText) return 0;
  // Measure a detached copy of the inline content only, so nested blocks are not counted twice.
  const copy = el.cloneNode(false) as Element;
  for (let node = el.firstChild; node; node = node.nextSibling) {
    if (
      node.nodeType === 3 ||
      (node.nodeType === 1 && INLINE_TAGS.has((node as Element).tagName))
    ) {
      copy.appendChild(node.cloneNode(true));
    }
  }
  return measureOwnText(copy);
}

/**
 * Finds the element that holds most of `doc`'s paragraph text, scoring each visible paragraph
 * outside navigation, asides, footers, forms and comment sections into its nearest ancestors as
 * Readability does, then widening to the parent while the parent's other children hold a fair
 * share of paragraph text (bodies split into several columns). Containers holding text directly
 * are read only when `withTextContainers` is set, since it costs a second look at every `<div>`.
 * Returns null when the page has no paragraph text at all.
 */
export function findBodyCandidate(doc: Document, withTextContainers = false): BodyCandidate | null {
  const root = doc.body ?? doc.documentElement;
  if (!root) return null;
  const scan = scanPage(root);
  const blocks = scan.blocks;
  if (withTextContainers) {
    for (const el of scan.containers) blocks.push({ el, chars: measureDirectText(el) });
  }
  const textInside = new Map<Element, number>();
  const scores = new Map<Element, number>();
  const paragraphs = new Set<Element>();
  let pageChars = 0;
  for (const { el: block, chars } of blocks) {
    if (chars < MIN_PARAGRAPH_CHARS) continue;
    pageChars += chars;
    paragraphs.add(block);
    textInside.set(block, (textInside.get(block) ?? 0) + chars);
    let level = 0;
    // The root itself is a candidate: simple pages put their paragraphs straight in <body>.
    const stop = root.parentElement;
    for (let el = block.parentElement; el && el !== stop; el = el.parentElement, level++) {
      textInside.set(el, (textInside.get(el) ?? 0) + chars);
      const weight = ANCESTOR_WEIGHTS[level];
      if (weight !== undefined) scores.set(el, (scores.get(el) ?? 0) + chars * weight);
    }
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
  const body = widenBody(top, root, textInside);
  let isInArticleElement = false;
  let isInArticleBody = false;
  for (let el: Element | null = body; el; el = el.parentElement) {
    if (el.tagName === 'ARTICLE') isInArticleElement = true;
    if (isArticleBody(el)) isInArticleBody = true;
  }
  return {
    body,
    bodyChars: textInside.get(body) ?? 0,
    pageChars,
    paragraphs,
    textInside,
    articles: scan.articles,
    isInArticleElement,
    isInArticleBody,
  };
}

/** Widens `top` to its parent while the parent's other, non-furniture children hold body text too. */
function widenBody(top: Element, root: Element, textInside: ReadonlyMap<Element, number>): Element {
  let body = top;
  while (!isArticleContainer(body)) {
    const parent = body.parentElement;
    if (!parent || parent === root) break;
    const own = textInside.get(body) ?? 0;
    let siblingsText = 0;
    for (let sibling = parent.firstElementChild; sibling; sibling = sibling.nextElementSibling) {
      const chars = sibling === body ? 0 : (textInside.get(sibling) ?? 0);
      if (chars > 0 && !isBoilerplate(sibling)) siblingsText += chars;
    }
    if (siblingsText < MIN_SIBLING_TEXT_SHARE * own) break;
    body = parent;
  }
  return body;
}

function isCommentSection(el: Element): boolean {
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  if (!COMMENT_SECTION_HINT.test(names)) return false;
  return names
    .toLowerCase()
    .split(/\s+/)
    .some((token) => COMMENT_SECTION_TOKEN.test(token));
}

function isArticleBody(el: Element): boolean {
  return /\barticleBody\b/.test(el.getAttribute('itemprop') ?? '');
}

function isArticleContainer(el: Element): boolean {
  return el.tagName === 'ARTICLE' || isArticleBody(el);
}
