import { drain } from '../run-in-slices';
import { MAX_COMMENT_LABEL_CHARS, mayLabelComments } from './comment-label';
import { isConsentNotice, isUnlikelyCandidate } from './is-boilerplate';
import { isHidden } from './is-hidden';
import { nextElementOutside } from './next-element-outside';
import { firstChildOf, firstElementChildOf, nextSiblingOf, parentElementOf } from '../page-tree';
import {
  countCollapsedChars,
  countDenseChars,
  countOtherCommas,
  isSpaceCode,
  leadingSpaceLength,
  NOT_SPACE,
  UNREAD_TAGS,
} from './measure-text';
import { isLinkTo, isWithinSite, readPageAddresses } from './page-addresses';

/** A run of text counts as a paragraph from this many characters (links included), as in Readability. */
export const MIN_PARAGRAPH_CHARS = 25;
/** Characters from which a link standing alone, of two words or more, reads as a title. */
export const MIN_LINKED_TITLE_CHARS = 15;

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
  /**
   * Headings that hold a link to another page or sit in one (the teasers of fronts and indexes),
   * with how many paragraphs came before each. Not a heading without text, nor one naming a file
   * (`harbour.jpg`, as a CMS heads an embedded picture): neither titles a post.
   */
  linkedHeadings: { el: Element; paragraphsBefore: number }[];
  /**
   * Links to another page of the site standing alone, not in a heading, paragraph or run of text:
   * the titles of cards and search results. With how many paragraphs came before each.
   */
  linkedTitles: { el: Element; paragraphsBefore: number }[];
  /** The page's visible `<article>` elements. */
  articles: Element[];
  /** The page's `<nav>` and visible `<header>` elements: where a site's menus are. */
  menus: Element[];
  /** The JSON-LD scripts in the walked part of the page. */
  jsonLdScripts: Element[];
  /** The blocks (not inline elements) of the walked part that carry a microdata `itemtype`. */
  items: Element[];
  /** The text of the first visible `<h1>`, or null. */
  firstHeading: string | null;
  /**
   * Text nodes, and paragraphs read whole, that may label readers' comments ({@link mayLabelComments}),
   * the first {@link MAX_COMMENT_LABELS_NOTED}: a thread of comments is sought only in a body that
   * holds one, or on a page with more. Like the paragraphs, these come from the walked part of the
   * page: a label in a link, a hidden block or a skipped subtree (a button, an aside, a footer, see
   * `SKIPPED_TAGS`) is not noted.
   */
  commentLabels: Node[];
}

/**
 * Comment labels the walk notes at most: telling whether one lies in the body costs a look per
 * label and part, and a page with more is simply searched for a thread.
 */
export const MAX_COMMENT_LABELS_NOTED = 64;

/** Subtrees that are never read: code, embedded content, controls, and navigation landmarks. */
const SKIPPED_TAGS = new Set([
  ...UNREAD_TAGS,
  'math',
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
export const ANCESTOR_DIVIDERS = [1, 2, 6, 9, 12];
const SPACE_RUN = /[ \n\t\r\u00A0]+/g;
/** Characters per score point of a paragraph, and the most points its length earns. */
const CHARS_PER_POINT = 100;
const MAX_LENGTH_POINTS = 3;

/** What the walk needs to know of a tag, as bits: one lookup per element. */
const INLINE = 1;
const PARAGRAPH = 2;
const TEXT_CONTAINER = 4;
const HEADING = 8;
const SKIPPED = 16;
const LINK = 32;
const TABLE = 64;
const SECTION = 128;
const ARTICLE = 256;
const BR = 512;
const H1 = 1024;
const SCRIPT = 2048;
const MENU = 4096;

/** Each tag's bits by lower-case local name, which jsdom and browsers read faster than `tagName`. */
const TAG_KINDS = new Map<string, number>();
const addKind = (tags: ReadonlySet<string> | readonly string[], kind: number): void => {
  for (const tag of tags) {
    const name = tag.toLowerCase();
    TAG_KINDS.set(name, (TAG_KINDS.get(name) ?? 0) | kind);
  }
};
addKind(SKIPPED_TAGS, SKIPPED);
addKind(INLINE_TAGS, INLINE);
addKind(PARAGRAPH_TAGS, PARAGRAPH);
addKind(TEXT_CONTAINER_TAGS, TEXT_CONTAINER);
addKind(HEADING_TAGS, HEADING);
addKind(['A'], LINK);
addKind(['TABLE'], TABLE);
addKind(['SECTION'], SECTION);
addKind(['ARTICLE'], ARTICLE);
addKind(['BR'], BR);
addKind(['H1'], H1);
addKind(['SCRIPT'], SCRIPT);
addKind(['NAV', 'HEADER'], MENU);

/** State bits of an open element, kept beside its tag's bits. */
const HAS_BLOCK = 1 << 16;
const IS_UNLIKELY = 1 << 17;
/** Whether the block is unlikely content is only read once a paragraph in it needs to know. */
const UNLIKELY_UNREAD = 1 << 18;

/**
 * Walks the visible part of `root` once, node by node in document order, skipping hidden subtrees,
 * navigation landmarks and blocks whose class or id marks them as unlikely content (comments,
 * sidebars, share rows…). Collects paragraphs with their text, scores their ancestors the way
 * Readability does, and totals text and links per scored element and for the page.
 * `addresses` are the page's own (article keys, {@link readPageAddresses}), which tell a title
 * linking to the page itself from a teaser; read from the page when first needed if not given.
 */
export function scanPage(root: Element, addresses?: readonly string[]): PageScan {
  return drain(scanPageSteps(root, addresses));
}

/**
 * Nodes the walk visits between two pauses of {@link scanPageSteps}. A content script runs its
 * code cold (interpreted, once per page), where a node costs tens of microseconds: 100 keep a
 * step near a millisecond, so a slice ends close to its deadline.
 */
export const NODES_PER_STEP = 100;

/**
 * {@link scanPage} in steps: pauses (yields) after every {@link NODES_PER_STEP} nodes so a caller
 * can give the page's main thread back between steps, and returns the scan. The page must not
 * change while the walk is paused: a caller that sees a mutation starts a new walk.
 */
export function* scanPageSteps(
  root: Element,
  addresses?: readonly string[],
): Generator<void, PageScan> {
  let ownAddresses = addresses;
  const pageAddresses = (): readonly string[] =>
    (ownAddresses ??= readPageAddresses(root.ownerDocument));
  const scan: PageScan = {
    paragraphs: [],
    scores: new Map(),
    likelyScores: new Map(),
    totals: new Map(),
    textChars: 0,
    linkChars: 0,
    linkedHeadings: [],
    linkedTitles: [],
    articles: [],
    menus: [],
    jsonLdScripts: [],
    items: [],
    firstHeading: null,
    commentLabels: [],
  };
  // The open elements (`depth` of them), each with its bits and the text seen inside it so far.
  const open: Element[] = [];
  const openKinds: number[] = [];
  const openChars: number[] = [];
  const openLinks: number[] = [];
  const openCommas: number[] = [];
  // The attribute names of the open blocks whose unlikely mark is unread: the test then asks for
  // no attribute a block lacks.
  const openNames: (readonly string[] | null)[] = [];
  let depth = 0;
  // The run of text being collected into the nearest block, `open[runOwnerIndex]`.
  let runOwnerIndex = 0;
  let runChars = 0;
  let runLinks = 0;
  let runCommas = 0;
  let runDense = 0;
  let wasSpace = true;
  // Whether the run's last character is a space counted inside a link: the link's count drops it too.
  let spaceEndsInLink = false;
  let brBefore = false;
  let linkDepth = 0;
  let headingDepth = 0;
  let headingHasLink = false;
  let tableDepth = 0;
  // Open blocks marked unlikely, and the first open block whose mark is not yet read.
  let unlikelyDepth = 0;
  let firstUnreadIndex = Infinity;

  /**
   * Reads the unlikely marks of the open blocks that lack one, outermost first: only blocks that
   * hold a paragraph need theirs, and most blocks hold none. Inside an unlikely block, none is read.
   */
  const readUnlikelyMarks = (): void => {
    for (let index = firstUnreadIndex; index < depth; index++) {
      const kind = openKinds[index]!;
      if ((kind & UNLIKELY_UNREAD) === 0) continue;
      if (unlikelyDepth === 0 && isMarkedUnlikely(open[index]!, openNames[index]!)) {
        openKinds[index] = (kind & ~UNLIKELY_UNREAD) | IS_UNLIKELY;
        unlikelyDepth++;
      } else openKinds[index] = kind & ~UNLIKELY_UNREAD;
    }
    firstUnreadIndex = Infinity;
  };
  // The credited elements by slot, in the order the score maps list them: a slot's sums stay in
  // arrays until the walk ends, which spares map lookups on every credit.
  const credited: Element[] = [];
  const creditedScores: number[] = [];
  const creditedLikelyScores: number[] = [];
  const likelyOrder: number[] = [];
  const openSlots: number[] = [];
  const outsideSlots = new Map<Element, number>();
  /** The slot of `el`, `open[index]` or (for a negative index) an ancestor of the root. */
  const slotOf = (el: Element, index: number): number => {
    let slot = index >= 0 ? openSlots[index]! : (outsideSlots.get(el) ?? -1);
    if (slot < 0) {
      slot = credited.length;
      credited.push(el);
      creditedScores.push(0);
      creditedLikelyScores.push(NaN);
      if (index >= 0) openSlots[index] = slot;
      else outsideSlots.set(el, slot);
    }
    return slot;
  };
  /** Credits `open[fromIndex]` (the root's parent for -1) and its ancestors with `score`. */
  const credit = (fromIndex: number, score: number): void => {
    let el: Element | null = fromIndex >= 0 ? open[fromIndex]! : parentElementOf(root);
    let index = fromIndex;
    const isLikely = unlikelyDepth === 0;
    for (let level = 0; el && level < ANCESTOR_DIVIDERS.length; level++) {
      const parent: Element | null = index > 0 ? open[index - 1]! : parentElementOf(el);
      // Readability scores no ancestor above <body>.
      if (parent === null) break;
      const share = score / ANCESTOR_DIVIDERS[level]!;
      const slot = slotOf(el, index);
      creditedScores[slot]! += share;
      if (isLikely) {
        if (Number.isNaN(creditedLikelyScores[slot])) {
          creditedLikelyScores[slot] = 0;
          likelyOrder.push(slot);
        }
        creditedLikelyScores[slot]! += share;
      }
      el = parent;
      index--;
    }
  };
  /** Ends the current run of text; `isWholeBlock` when it is all its block holds. */
  const flush = (isWholeBlock: boolean): void => {
    const endsInSpace = wasSpace && runChars > 0;
    const chars = endsInSpace ? runChars - 1 : runChars;
    if (chars >= MIN_PARAGRAPH_CHARS) {
      const kind = openKinds[runOwnerIndex]!;
      const runOwner = open[runOwnerIndex]!;
      // A container holding nothing but text is a paragraph, as Readability turns such a <div> into a <p>.
      const isParagraph =
        (kind & PARAGRAPH) !== 0 ||
        (isWholeBlock && (kind & TEXT_CONTAINER) !== 0 && runOwnerIndex > 0);
      if (isParagraph || (kind & TEXT_CONTAINER) !== 0) {
        const score = paragraphScore(chars, runCommas);
        const scoredFromIndex = isParagraph ? runOwnerIndex - 1 : runOwnerIndex;
        const scoredFrom = scoredFromIndex >= 0 ? open[scoredFromIndex]! : parentElementOf(root);
        if (scoredFrom) {
          readUnlikelyMarks();
          scan.paragraphs.push({
            el: runOwner,
            scoredFrom,
            chars,
            linkChars: endsInSpace && spaceEndsInLink ? runLinks - 1 : runLinks,
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
    spaceEndsInLink = false;
    brBefore = false;
  };
  const enter = (el: Element, kind: number, names: readonly string[] | null = null): void => {
    if ((kind & INLINE) === 0) {
      if (depth > 0) openKinds[depth - 1]! |= HAS_BLOCK;
      flush(false);
      runOwnerIndex = depth;
    } else if ((kind & BR) !== 0) {
      // Two line breaks in a row end a paragraph, as Readability's <br><br> rule.
      if (brBefore) flush(false);
      brBefore = true;
    }
    open[depth] = el;
    openKinds[depth] = kind;
    openChars[depth] = 0;
    openLinks[depth] = 0;
    openCommas[depth] = 0;
    openSlots[depth] = -1;
    openNames[depth] = names;
    depth++;
    if ((kind & UNLIKELY_UNREAD) !== 0 && firstUnreadIndex === Infinity) {
      firstUnreadIndex = depth - 1;
    }
    if ((kind & LINK) !== 0) {
      if (headingDepth > 0 && isLinkOut(el, pageAddresses)) headingHasLink = true;
      linkDepth++;
    } else if ((kind & HEADING) !== 0) {
      if (headingDepth === 0)
        headingHasLink = linkDepth > 0 && isLinkOut(nearestOpenLink(), pageAddresses);
      headingDepth++;
      if ((kind & H1) !== 0 && scan.firstHeading === null) scan.firstHeading = el.textContent ?? '';
    } else if ((kind & TABLE) !== 0) tableDepth++;
    else if ((kind & ARTICLE) !== 0) scan.articles.push(el);
    else if ((kind & MENU) !== 0) scan.menus.push(el);
  };
  /** Notes a text that may label comments, up to {@link MAX_COMMENT_LABELS_NOTED}. */
  const noteCommentLabel = (node: Node): void => {
    if (scan.commentLabels.length < MAX_COMMENT_LABELS_NOTED) scan.commentLabels.push(node);
  };
  /** The innermost open link: `closest('a')` of what is entered, without a selector match. */
  const nearestOpenLink = (): Element | null => {
    let index = depth - 1;
    while (index >= 0 && (openKinds[index]! & LINK) === 0) index--;
    return index >= 0 ? open[index]! : null;
  };
  const leave = (): void => {
    const index = depth - 1;
    const kind = openKinds[index]!;
    if ((kind & INLINE) === 0) flush((kind & HAS_BLOCK) === 0);
    depth = index;
    if ((openKinds[index]! & IS_UNLIKELY) !== 0) unlikelyDepth--;
    if (firstUnreadIndex === index) firstUnreadIndex = Infinity;
    const chars = openChars[index]!;
    const links = openLinks[index]!;
    const commas = openCommas[index]!;
    if (index > 0) {
      openChars[index - 1]! += chars;
      openLinks[index - 1]! += links;
      openCommas[index - 1]! += commas;
    }
    const el = open[index]!;
    if ((kind & (LINK | HEADING | TABLE | SECTION)) !== 0) {
      // Readability also scores whole sections and headings by all the text they hold.
      if ((kind & (SECTION | HEADING)) !== 0 && chars >= MIN_PARAGRAPH_CHARS) {
        readUnlikelyMarks();
        credit(index - 1, paragraphScore(chars, commas));
      }
      if ((kind & LINK) !== 0) {
        linkDepth--;
        // The run holds nothing but this link: it stands alone, as a card's title does.
        if (
          linkDepth === 0 &&
          headingDepth === 0 &&
          runChars === chars &&
          chars >= MIN_LINKED_TITLE_CHARS &&
          isSiteLinkOut(el, pageAddresses)
        ) {
          scan.linkedTitles.push({ el, paragraphsBefore: scan.paragraphs.length });
        }
      } else if ((kind & HEADING) !== 0) {
        headingDepth--;
        if (headingDepth === 0 && headingHasLink && chars > 0 && !isFileName(el)) {
          scan.linkedHeadings.push({ el, paragraphsBefore: scan.paragraphs.length });
        }
      } else if ((kind & TABLE) !== 0) tableDepth--;
    }
    if ((kind & INLINE) === 0) runOwnerIndex = index > 0 ? index - 1 : 0;
    if (index === 0) {
      scan.textChars = chars;
      scan.linkChars = links;
    } else if (openSlots[index]! >= 0) {
      scan.totals.set(el, { chars, linkChars: links, commas });
    }
  };

  enter(root, TAG_KINDS.get(root.localName) ?? 0);
  let node: Node | null = firstChildOf(root);
  let stepNodes = 0;
  while (node) {
    if (++stepNodes === NODES_PER_STEP) {
      stepNodes = 0;
      yield;
    }
    // Only elements have a name: an element is known by it without reading its type.
    const tag = (node as Partial<Element>).localName;
    if (tag === undefined) {
      // Text, or a comment (or CDATA, a processing instruction), which hold nothing to read.
      if (node.nodeType === 3) {
        const { data } = node as Text;
        measureData(data, wasSpace);
        const chars = measured.chars;
        // Trimmed, a label is at most as long as its collapsed count, less a space at each end;
        // a link's text is none ("12 Comments" jumping to them, a comment's "Reply").
        if (linkDepth === 0 && chars <= MAX_COMMENT_LABEL_CHARS + 2 && mayLabelComments(data)) {
          noteCommentLabel(node);
        }
        if (chars > 0) {
          const commas = measured.commas;
          wasSpace = measured.endsInSpace;
          spaceEndsInLink = wasSpace && linkDepth > 0;
          if (measured.hasText) brBefore = false;
          runChars += chars;
          runCommas += commas;
          runDense += measured.denseChars;
          openChars[depth - 1]! += chars;
          openCommas[depth - 1]! += commas;
          if (linkDepth > 0) {
            runLinks += chars;
            openLinks[depth - 1]! += chars;
          }
        }
      }
    } else {
      const el = node as Element;
      let kind = TAG_KINDS.get(tag) ?? 0;
      if ((kind & SCRIPT) !== 0) {
        if (/ld\+json/i.test(el.getAttribute('type') ?? '')) scan.jsonLdScripts.push(el);
      } else if ((kind & SKIPPED) !== 0) {
        if ((kind & MENU) !== 0) scan.menus.push(el);
      } else {
        // One call lists a block's attributes, so those it lacks are never asked for.
        const names = (kind & INLINE) !== 0 ? null : el.getAttributeNames();
        const hasAttributes = names !== null && names.length > 0;
        if (!hasAttributes || !isHidden(el, names)) {
          if (hasAttributes && tableDepth === 0 && unlikelyDepth === 0) kind |= UNLIKELY_UNREAD;
          if (hasAttributes && names.includes('itemtype')) scan.items.push(el);
          enter(el, kind, names);
          if ((kind & PARAGRAPH) !== 0 && linkDepth === 0) {
            // A paragraph is read whole, without visiting its text nodes one by one.
            const text = el.textContent ?? '';
            measureData(text, true);
            const { chars, commas } = measured;
            // Read whole, its count holds the space at its end, not the one at its start.
            if (chars <= MAX_COMMENT_LABEL_CHARS + 1 && mayLabelComments(text)) {
              noteCommentLabel(el);
            }
            const links = measureLinkText(el);
            runChars = chars;
            runLinks = links;
            runCommas = commas;
            runDense = measured.denseChars;
            // Its link text is counted trimmed, and a space at its end is no character of it.
            wasSpace = measured.endsInSpace;
            openChars[depth - 1]! += chars;
            openLinks[depth - 1]! += links;
            openCommas[depth - 1]! += commas;
            leave();
          } else {
            const first: Node | null = firstChildOf(el);
            if (first) {
              node = first;
              continue;
            }
            leave();
          }
        }
      }
    }
    // Each sibling link is read once: jsdom's node getters dominate the walk's cost.
    let next: Node | null = nextSiblingOf(node);
    while (!next) {
      node = open[depth - 1]!;
      if (depth === 1) break;
      leave();
      next = nextSiblingOf(node);
    }
    node = next;
  }
  leave();
  credited.forEach((el, slot) => scan.scores.set(el, creditedScores[slot]!));
  for (const slot of likelyOrder)
    scan.likelyScores.set(credited[slot]!, creditedLikelyScores[slot]!);
  return scan;
}

/** Whether `link` leads to another page of this site: relative, or on the page's own site. */
function isSiteLinkOut(link: Element, pageAddresses: () => readonly string[]): boolean {
  const href = link.getAttribute('href');
  // The address, already read, is tested before the link's text, which is read from its subtree,
  // and both before the link is resolved, which costs far more.
  return (
    isWithinSite(href ?? '', pageAddresses()) &&
    /\p{L}\s+\p{L}/u.test(link.textContent ?? '') &&
    isLinkOut(link, pageAddresses, href)
  );
}

/**
 * Whether `link` leads to another page rather than a place in this one (a heading's permalink, a
 * table of contents). A fragment naming no element of the page is a way out too: the browser has
 * nowhere to scroll to, so the page's scripts route it, as client-routed fronts' teasers
 * (`#/story/12`) and a code host's README headings (`#install`, the id being `user-content-install`).
 * `href` is the link's attribute, for a caller that has read it already.
 */
function isLinkOut(
  link: Element | null,
  pageAddresses: () => readonly string[],
  href: string | null | undefined = link?.getAttribute('href'),
): boolean {
  if (!link || !href) return false;
  if (!href.startsWith('#')) return !isLinkTo(link, pageAddresses(), href);
  const id = href.slice(1);
  if (id === '') return false;
  return /^!?\//.test(id) || link.ownerDocument.getElementById(id) === null;
}

/**
 * Whether the block `el`, whose attributes are `names`, is marked unlikely content by its class, id
 * or role. Both tests read nothing but those: a block without any is not asked.
 */
function isMarkedUnlikely(el: Element, names: readonly string[]): boolean {
  const hasClassOrId = names.includes('class') || names.includes('id');
  if (!hasClassOrId && !names.includes('role')) return false;
  return isUnlikelyCandidate(el, names) || (hasClassOrId && isConsentNotice(el));
}

/** What {@link measureData} found; one shared record, so the walk allocates nothing per text node. */
const measured = { chars: 0, commas: 0, denseChars: 0, hasText: false, endsInSpace: true };

/** Whitespace runs that count as one character. */
const SPACE_RUN_OF_TWO = /[ \n\t\r\u00A0]{2,}/g;
/** Any comma of another script or dense character: a text without one is not searched for them. */
const WIDE_SPECIAL = /[\u060C\u2E32-\u2E41\u3000-\u9FFF\uF900-\uFAFF\uFE10-\uFE50\uFF0C]/;

/**
 * Characters of `data` with whitespace runs counted once (a leading one not at all after
 * `afterSpace`, {@link countCollapsedChars}), its commas and its dense characters.
 */
function measureData(data: string, afterSpace: boolean): void {
  const start = leadingSpaceLength(data);
  if (start === data.length) {
    // Whitespace only, as the indentation between tags is: most text nodes.
    measured.chars = data.length > 0 && !afterSpace ? 1 : 0;
    measured.commas = 0;
    measured.denseChars = 0;
    measured.hasText = false;
    measured.endsInSpace = afterSpace || data.length > 0;
    return;
  }
  const chars = countCollapsedChars(data, afterSpace, start);
  let commas = 0;
  for (let i = data.indexOf(',', start); i >= 0; i = data.indexOf(',', i + 1)) commas++;
  let denseChars = 0;
  // The ideographic comma is both.
  if (WIDE_SPECIAL.test(data)) {
    commas += countOtherCommas(data);
    denseChars = countDenseChars(data);
  }
  measured.chars = chars;
  measured.commas = commas;
  measured.denseChars = denseChars;
  measured.hasText = true;
  measured.endsInSpace = isSpaceCode(data.charCodeAt(data.length - 1));
}

/** Characters of the text in `el`'s links, whitespace runs counted once; visits elements only. */
function measureLinkText(el: Element): number {
  let chars = 0;
  let node: Element | null = firstElementChildOf(el);
  while (node) {
    if (node.localName === 'a') {
      chars += collapsedTrimmedLength(node.textContent ?? '');
    } else {
      const first = firstElementChildOf(node);
      if (first) {
        node = first;
        continue;
      }
    }
    node = nextElementOutside(node, el);
  }
  return chars;
}

/** The whitespace `trim()` drops beside that which {@link measureData} collapses. */
const OTHER_SPACE = /\s/;

/**
 * `text.replace(SPACE_RUN, ' ').trim().length`, counted without building the two strings.
 */
function collapsedTrimmedLength(text: string): number {
  const start = text.search(NOT_SPACE);
  if (start < 0) return 0;
  let end = text.length - 1;
  while (isSpaceCode(text.charCodeAt(end))) end--;
  // Rare: thin or ideographic spaces at either end, which trim() drops too.
  if (OTHER_SPACE.test(text[start]!) || OTHER_SPACE.test(text[end]!)) {
    return text.replace(SPACE_RUN, ' ').trim().length;
  }
  let length = end - start + 1;
  // Runs inside the text count once; the one after `end` is trimmed away.
  SPACE_RUN_OF_TWO.lastIndex = start;
  let run = SPACE_RUN_OF_TWO.exec(text);
  while (run && run.index < end) {
    length -= run[0].length - 1;
    run = SPACE_RUN_OF_TWO.exec(text);
  }
  SPACE_RUN_OF_TWO.lastIndex = 0;
  return length;
}

function paragraphScore(chars: number, commas: number): number {
  return 2 + commas + Math.min(Math.floor(chars / CHARS_PER_POINT), MAX_LENGTH_POINTS);
}

/** A file's name, as a CMS heads an embedded picture or document with it (`harbour_fire.jpg`). */
const FILE_NAME = /^\S+\.(?:jpe?g|png|gif|webp|svg|pdf)$/i;

/** Whether the heading `el` reads as a file's name rather than a title. */
function isFileName(el: Element): boolean {
  return FILE_NAME.test((el.textContent ?? '').trim());
}
