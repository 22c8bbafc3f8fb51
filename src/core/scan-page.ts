import { normalizeArticleUrl } from './article-url';
import { isUnlikelyCandidate } from './is-boilerplate';
import { isHidden } from './is-hidden';
import { nextElementOutside } from './next-element-outside';

/** A run of text counts as a paragraph from this many characters (links included), as in Readability. */
export const MIN_PARAGRAPH_CHARS = 25;

/** One paragraph of the page: a `<p>`/`<pre>`, or a run of text written straight into a container. */
export interface Paragraph {
  /** The `<p>`/`<pre>`, or the container holding the bare text. */
  el: Element;
  /** Where its score starts: the parent of a `<p>`, the container itself for bare text. */
  scoredFrom: Element;
  /** Characters, whitespace runs counted once, links included. */
  chars: number;
  /** Characters inside links. */
  linkChars: number;
  /** Characters of scripts written without spaces, where one character says as much as a short word (Han, kana). */
  denseChars: number;
  /** Readability's paragraph score: 1 + comma-separated pieces + a point per 100 characters (at most 3). */
  score: number;
  /** It lies in a block whose class or id marks it as unlikely content. */
  isUnlikely: boolean;
}

/** Text characters (whitespace runs counted once), those inside links, and commas in a subtree. */
export interface TextTotals {
  chars: number;
  linkChars: number;
  commas: number;
}

/** What one walk over a page yields. */
export interface PageScan {
  /** The page's paragraphs in document order. */
  paragraphs: Paragraph[];
  /** Raw content score of every element a paragraph credited (Readability's ancestors, 5 levels). */
  scores: Map<Element, number>;
  /** The same, with the paragraphs of unlikely blocks left out (Readability's first try). */
  likelyScores: Map<Element, number>;
  /** Text and link characters in each scored element's visible subtree. */
  totals: Map<Element, TextTotals>;
  /** Visible text characters of the whole page, and those inside links. */
  textChars: number;
  linkChars: number;
  /** Headings that hold a link to another page or sit in one (the teasers of fronts and indexes), with how many paragraphs came before each. */
  linkedHeadings: { el: Element; paragraphsBefore: number }[];
  /** The page's visible `<article>` elements. */
  articles: Element[];
  /** The page's `<nav>` and visible `<header>` elements: where a site's menus are. */
  menus: Element[];
  /** The JSON-LD scripts in the walked part of the page. */
  jsonLdScripts: Element[];
  /** The text of the first visible `<h1>`, or null. */
  firstHeading: string | null;
}

/** Subtrees that are never read: code, embedded content, controls, and navigation landmarks. */
const SKIPPED_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'svg',
  'math',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'CANVAS',
  'SELECT',
  'BUTTON',
  'TEXTAREA',
  'NAV',
  'ASIDE',
  'FOOTER',
  'MENU',
  'DIALOG',
  'HEAD',
  'TITLE',
  'MOODMARK-TOOLBAR',
]);

/** Elements whose text flows into the block around them; every other element starts a new block. */
export const INLINE_TAGS: ReadonlySet<string> = new Set([
  'A',
  'ABBR',
  'B',
  'BDI',
  'BDO',
  'BIG',
  'CITE',
  'CODE',
  'DATA',
  'DEL',
  'DFN',
  'EM',
  'FONT',
  'I',
  'IMG',
  'INS',
  'KBD',
  'LABEL',
  'MARK',
  'Q',
  'RP',
  'RT',
  'RUBY',
  'S',
  'SAMP',
  'SMALL',
  'SPAN',
  'STRIKE',
  'STRONG',
  'SUB',
  'SUP',
  'TIME',
  'TT',
  'U',
  'VAR',
  'WBR',
  'BR',
]);

/** Blocks whose text is paragraph text. Lists, headings, captions and table headers are not. */
const PARAGRAPH_TAGS = new Set(['P', 'PRE']);
const TEXT_CONTAINER_TAGS = new Set([
  'DIV',
  'TD',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'BODY',
  'BLOCKQUOTE',
  'CENTER',
]);
const HEADING_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

/** How a paragraph's score is shared with its ancestors, from the nearest: Readability's dividers. */
const ANCESTOR_DIVIDERS = [1, 2, 6, 9, 12];
/** Commas of the scripts served (Latin, Arabic, CJK full-width and small forms), as Readability's. */
const COMMA_CODES = new Set([0x2c, 0x60c, 0xfe50, 0xfe10, 0xfe11, 0x2e41, 0x2e34, 0x2e32, 0xff0c]);
const SPACE_RUN = /[ \n\t\r\u00A0]+/g;
/** Characters per score point of a paragraph, and the most points its length earns. */
const CHARS_PER_POINT = 100;
const MAX_LENGTH_POINTS = 3;

/**
 * Walks the visible part of `root` once, node by node in document order, skipping hidden subtrees,
 * navigation landmarks and blocks whose class or id marks them as unlikely content (comments,
 * sidebars, share rows…). Collects paragraphs with their text, scores their ancestors the way
 * Readability does, and totals text and links per scored element and for the page.
 */
/** The tag sets above as lower-case local names, which jsdom and browsers read faster than `tagName`. */
const lowerCase = (tags: ReadonlySet<string>): ReadonlySet<string> =>
  new Set([...tags].map((tag) => tag.toLowerCase()));
const LOWER_SKIPPED_TAGS = lowerCase(SKIPPED_TAGS);
const LOWER_INLINE_TAGS = lowerCase(INLINE_TAGS);
const LOWER_PARAGRAPH_TAGS = lowerCase(PARAGRAPH_TAGS);
const LOWER_TEXT_CONTAINER_TAGS = lowerCase(TEXT_CONTAINER_TAGS);
const LOWER_HEADING_TAGS = lowerCase(HEADING_TAGS);

export function scanPage(root: Element): PageScan {
  const scan: PageScan = {
    paragraphs: [],
    scores: new Map(),
    likelyScores: new Map(),
    totals: new Map(),
    textChars: 0,
    linkChars: 0,
    linkedHeadings: [],
    articles: [],
    menus: [],
    jsonLdScripts: [],
    firstHeading: null,
  };
  // The open elements, with the text and link characters seen inside each so far.
  const open: Element[] = [];
  const openTags: string[] = [];
  const openChars: number[] = [];
  const openLinks: number[] = [];
  const openCommas: number[] = [];
  const openHasBlock: boolean[] = [];
  // The run of text being collected into the nearest block.
  let runOwner: Element = root;
  // Where `runOwner` is in `open`: the stack spares reading `parentElement` for its ancestors.
  let runOwnerIndex = 0;
  let runChars = 0;
  let runLinks = 0;
  let runCommas = 0;
  let runDense = 0;
  let wasSpace = true;
  let brBefore = false;
  let linkDepth = 0;
  let headingDepth = 0;
  let headingHasLink = false;
  let tableDepth = 0;
  let unlikelyDepth = 0;
  const openUnlikely: boolean[] = [];

  /** Credits `open[fromIndex]` (the root's parent for -1) and its ancestors with `score`. */
  const credit = (fromIndex: number, score: number): void => {
    let el: Element | null = fromIndex >= 0 ? open[fromIndex]! : root.parentElement;
    let index = fromIndex;
    const isLikely = unlikelyDepth === 0;
    for (let level = 0; el && level < ANCESTOR_DIVIDERS.length; level++) {
      const parent: Element | null = index > 0 ? open[index - 1]! : el.parentElement;
      // Readability scores no ancestor above <body>.
      if (parent === null) break;
      const share = score / ANCESTOR_DIVIDERS[level]!;
      scan.scores.set(el, (scan.scores.get(el) ?? 0) + share);
      if (isLikely) scan.likelyScores.set(el, (scan.likelyScores.get(el) ?? 0) + share);
      el = parent;
      index--;
    }
  };
  /** Ends the current run of text; `isWholeBlock` when it is all its block holds. */
  const flush = (isWholeBlock = false): void => {
    const chars = wasSpace && runChars > 0 ? runChars - 1 : runChars;
    if (chars >= MIN_PARAGRAPH_CHARS) {
      const tag = runOwner.localName;
      // A container holding nothing but text is a paragraph, as Readability turns such a <div> into a <p>.
      const isParagraph =
        LOWER_PARAGRAPH_TAGS.has(tag) ||
        (isWholeBlock && LOWER_TEXT_CONTAINER_TAGS.has(tag) && runOwner !== root);
      if (isParagraph || LOWER_TEXT_CONTAINER_TAGS.has(tag)) {
        const score = paragraphScore(chars, runCommas);
        const scoredFromIndex = isParagraph ? runOwnerIndex - 1 : runOwnerIndex;
        const scoredFrom = scoredFromIndex >= 0 ? open[scoredFromIndex]! : root.parentElement;
        if (scoredFrom) {
          scan.paragraphs.push({
            el: runOwner,
            scoredFrom,
            chars,
            linkChars: runLinks,
            denseChars: runDense,
            score,
            isUnlikely: unlikelyDepth > 0,
          });
          credit(scoredFromIndex, score);
        }
      }
    }
    runChars = 0;
    runLinks = 0;
    runCommas = 0;
    runDense = 0;
    wasSpace = true;
    brBefore = false;
  };
  const enter = (el: Element, tag: string, isUnlikely: boolean): void => {
    if (!LOWER_INLINE_TAGS.has(tag)) {
      if (open.length > 0) openHasBlock[open.length - 1] = true;
      flush();
      runOwner = el;
      runOwnerIndex = open.length;
    } else if (tag === 'br') {
      // Two line breaks in a row end a paragraph, as Readability's <br><br> rule.
      if (brBefore) flush();
      brBefore = true;
    }
    open.push(el);
    openTags.push(tag);
    openChars.push(0);
    openLinks.push(0);
    openCommas.push(0);
    openHasBlock.push(false);
    openUnlikely.push(isUnlikely);
    if (isUnlikely) unlikelyDepth++;
    if (tag === 'a') linkDepth++;
    else if (LOWER_HEADING_TAGS.has(tag)) {
      if (headingDepth === 0) headingHasLink = linkDepth > 0 && isLinkOut(el.closest('a'));
      headingDepth++;
    } else if (tag === 'table') tableDepth++;
    else if (tag === 'article') scan.articles.push(el);
    else if (tag === 'header') scan.menus.push(el);
    if (tag === 'h1' && scan.firstHeading === null) scan.firstHeading = el.textContent ?? '';
    if (tag === 'a' && headingDepth > 0 && isLinkOut(el)) headingHasLink = true;
  };
  const leave = (): void => {
    const el = open[open.length - 1]!;
    const tag = openTags.pop()!;
    if (!LOWER_INLINE_TAGS.has(tag)) flush(!openHasBlock[open.length - 1]);
    open.pop();
    openHasBlock.pop();
    if (openUnlikely.pop()) unlikelyDepth--;
    const chars = openChars.pop()!;
    const links = openLinks.pop()!;
    const commas = openCommas.pop()!;
    const depth = open.length;
    if (depth > 0) {
      openChars[depth - 1]! += chars;
      openLinks[depth - 1]! += links;
      openCommas[depth - 1]! += commas;
    }
    // Readability also scores whole sections and headings by all the text they hold.
    if ((tag === 'section' || LOWER_HEADING_TAGS.has(tag)) && chars >= MIN_PARAGRAPH_CHARS) {
      credit(depth - 1, paragraphScore(chars, commas));
    }
    if (tag === 'a') linkDepth--;
    else if (LOWER_HEADING_TAGS.has(tag)) {
      headingDepth--;
      if (headingDepth === 0 && headingHasLink) {
        scan.linkedHeadings.push({ el, paragraphsBefore: scan.paragraphs.length });
      }
    } else if (tag === 'table') tableDepth--;
    if (!LOWER_INLINE_TAGS.has(tag)) {
      runOwner = depth > 0 ? open[depth - 1]! : root;
      runOwnerIndex = Math.max(depth - 1, 0);
    }
    if (el === root) {
      scan.textChars = chars;
      scan.linkChars = links;
    } else if (scan.scores.has(el)) scan.totals.set(el, { chars, linkChars: links, commas });
  };

  enter(root, root.localName, false);
  let node: Node | null = root.firstChild;
  while (node) {
    let descend = false;
    let isLeaf = false;
    const nodeType = node.nodeType;
    if (nodeType === 3) {
      measureData((node as Text).data, wasSpace);
      const { chars, commas } = measured;
      wasSpace = measured.endsInSpace;
      if (measured.hasText) brBefore = false;
      runChars += chars;
      runCommas += commas;
      runDense += measured.denseChars;
      if (linkDepth > 0) runLinks += chars;
      const depth = open.length - 1;
      openChars[depth]! += chars;
      openCommas[depth]! += commas;
      if (linkDepth > 0) openLinks[depth]! += chars;
    } else if (nodeType === 1) {
      const el = node as Element;
      const tag = el.localName;
      if (tag === 'script') {
        if (/ld\+json/i.test(el.getAttribute('type') ?? '')) scan.jsonLdScripts.push(el);
      } else if (tag === 'nav') {
        scan.menus.push(el);
      } else if (!LOWER_SKIPPED_TAGS.has(tag)) {
        // One call lists a block's attributes, so those it lacks are never asked for.
        const names = LOWER_INLINE_TAGS.has(tag) ? null : el.getAttributeNames();
        const hasAttributes = names !== null && names.length > 0;
        if (!hasAttributes || !isHidden(el, names)) {
          enter(
            el,
            tag,
            hasAttributes &&
              tableDepth === 0 &&
              unlikelyDepth === 0 &&
              isUnlikelyCandidate(el, names),
          );
          descend = true;
          if (LOWER_PARAGRAPH_TAGS.has(tag) && linkDepth === 0) {
            // A paragraph is read whole, without visiting its text nodes one by one.
            isLeaf = true;
            measureData(el.textContent ?? '', true);
            const { chars, commas } = measured;
            const links = measureLinkText(el);
            runChars = chars;
            runLinks = links;
            runCommas = commas;
            runDense = measured.denseChars;
            wasSpace = false;
            const depth = open.length - 1;
            openChars[depth]! += chars;
            openLinks[depth]! += links;
            openCommas[depth]! += commas;
          }
        }
      }
    }
    if (descend && !isLeaf) {
      const first: Node | null = node.firstChild;
      if (first) {
        node = first;
        continue;
      }
    }
    if (descend) leave();
    // Each sibling link is read once: jsdom's node getters dominate the walk's cost.
    let next: Node | null = node.nextSibling;
    while (!next) {
      node = open[open.length - 1]!;
      if (node === root) break;
      leave();
      next = node.nextSibling;
    }
    node = next;
  }
  leave();
  return scan;
}

/**
 * Whether `link` leads to another page rather than a place in this one (a heading's permalink, a
 * table of contents). A fragment naming no element of the page is a way out too: such links are
 * the teasers of client-routed fronts (`#/story/12`) and of saved pages whose stories were not saved.
 */
function isLinkOut(link: Element | null): boolean {
  const href = link?.getAttribute('href');
  if (!link || !href) return false;
  if (!href.startsWith('#')) return !isLinkToSelf(link, href);
  const id = href.slice(1);
  if (id === '') return false;
  return /^!?\//.test(id) || link.ownerDocument.getElementById(id) === null;
}

/** Whether `link` leads to the page it is on (an article's title linking to its own permalink). */
function isLinkToSelf(link: Element, href: string): boolean {
  const own = articleAddressOf(link.ownerDocument);
  if (own === null) return false;
  // Resolving a URL is costly: only a link whose last path segment ends the page's path can be it.
  const path = href.replace(/[?#].*$/, '').replace(/\/+$/, '');
  if (!own.path.endsWith(path.slice(path.lastIndexOf('/') + 1))) return false;
  const target = (link as HTMLAnchorElement).href;
  return typeof target === 'string' && normalizeArticleUrl(target) === own.key;
}

/** Each document's article address (as article identity reads it: no tracking, AMP or fragment), and its path. */
const articleAddresses = new WeakMap<Document, { key: string; path: string } | null>();

function articleAddressOf(doc: Document): { key: string; path: string } | null {
  let address = articleAddresses.get(doc);
  if (address === undefined) {
    const key = normalizeArticleUrl(doc.URL);
    address = key === null ? null : { key, path: key.replace(/\?.*$/, '') };
    articleAddresses.set(doc, address);
  }
  return address;
}

/** What {@link measureData} found; one shared record, so the walk allocates nothing per text node. */
const measured = { chars: 0, commas: 0, denseChars: 0, hasText: false, endsInSpace: true };

/**
 * Characters of `data` with whitespace runs counted once (a leading one not at all after
 * `afterSpace`), and its commas, in one pass: cheaper than regex replacing on every text node.
 */
function measureData(data: string, afterSpace: boolean): void {
  let chars = 0;
  let commas = 0;
  let denseChars = 0;
  let hasText = false;
  let isSpace = afterSpace;
  for (let i = 0; i < data.length; i++) {
    const code = data.charCodeAt(i);
    if (code === 32 || code === 10 || code === 9 || code === 13 || code === 160) {
      if (!isSpace) chars++;
      isSpace = true;
      continue;
    }
    chars++;
    isSpace = false;
    hasText = true;
    if (code === 0x2c) commas++;
    else if (code > 0x600) {
      if (COMMA_CODES.has(code)) commas++;
      else if (isDenseScript(code)) denseChars++;
    }
  }
  measured.chars = chars;
  measured.commas = commas;
  measured.denseChars = denseChars;
  measured.hasText = hasText;
  measured.endsInSpace = isSpace;
}

/** Characters of the text in `el`'s links, whitespace runs counted once; visits elements only. */
function measureLinkText(el: Element): number {
  let chars = 0;
  let node: Element | null = el.firstElementChild;
  while (node) {
    if (node.localName === 'a') {
      const text = (node.textContent ?? '').replace(SPACE_RUN, ' ').trim();
      chars += text.length;
    } else if (node.firstElementChild) {
      node = node.firstElementChild;
      continue;
    }
    node = nextElementOutside(node, el);
  }
  return chars;
}

/** CJK punctuation, hiragana, katakana and the CJK ideograph blocks. */
function isDenseScript(code: number): boolean {
  return (
    (code >= 0x3000 && code <= 0x30ff) ||
    (code >= 0x3400 && code <= 0x9fff) ||
    (code >= 0xf900 && code <= 0xfaff)
  );
}

function paragraphScore(chars: number, commas: number): number {
  return 2 + commas + Math.min(Math.floor(chars / CHARS_PER_POINT), MAX_LENGTH_POINTS);
}
