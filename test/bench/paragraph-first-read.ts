// A measurement for the detection bench (issue 12), not the detector: the facts a `PageScan` holds,
// read paragraph first as `isProbablyReaderable` reads a page (elements found by tag, each text
// read by `textContent`) rather than node by node, to learn what such a reading costs in jsdom.
import { isConsentNotice, isUnlikelyCandidate } from '../../src/core/detect/is-boilerplate';
import { isHidden } from '../../src/core/detect/is-hidden';
import { countCollapsedChars, countCommas, UNREAD_TAGS } from '../../src/core/detect/measure-text';
import { nextElementOutside } from '../../src/core/detect/next-element-outside';
import { isLinkTo, isWithinSite, readPageAddresses } from '../../src/core/detect/page-addresses';
import {
  INLINE_TAGS,
  MIN_LINKED_TITLE_CHARS,
  MIN_PARAGRAPH_CHARS,
  type PageScan,
  type TextTotals,
} from '../../src/core/detect/scan-page';

/** Subtrees the scan never reads, as `scanPage`'s list (lower-case local names). */
const SKIPPED = new Set(
  [
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
    'MOODMARK-TOOLBAR',
  ].map((tag) => tag.toLowerCase()),
);
const INLINE = new Set([...INLINE_TAGS].map((tag) => tag.toLowerCase()));
const TEXT_CONTAINERS = new Set([
  'div',
  'td',
  'section',
  'article',
  'main',
  'blockquote',
  'center',
]);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * Every element the reading needs, in one query: paragraphs, the containers that may hold bare
 * text, headings, links, landmarks and metadata, and whatever starts a subtree the scan skips.
 */
const SELECTOR = [
  'p, pre, div, td, section, article, main, blockquote, center',
  'h1, h2, h3, h4, h5, h6, a, header, [itemtype], [hidden], [style]',
  [...SKIPPED].join(', '),
].join(', ');

/**
 * Where the elements come from: a walk over elements only (first child and next sibling elements)
 * that does not enter what it read whole nor what the scan skips, which the bench times; or one
 * `querySelectorAll` listing every tag and attribute the reading needs, kept to compare by hand:
 * jsdom's selector engine pays for every selector in the list, at several times the walk's cost.
 */
export type ElementSource = 'selector' | 'element walk';

/** An element's place, as bits: out of the read part, in a link, in a heading. */
const EXCLUDED = 1;
const IN_LINK = 2;
const IN_HEADING = 4;
/** Its mark, read only where a paragraph needs it: in an unlikely block, in a table (where none is). */
const UNLIKELY = 1;
const IN_TABLE = 2;

const ANCESTOR_DIVIDERS = [1, 2, 6, 9, 12];
const DENSE_CHARS = /[\u3000-\u30FF\u3400-\u9FFF\uF900-\uFAFF]/g;

/**
 * Reads what `scanPage(root)` yields, paragraph first: elements told apart by their tag, and an
 * element holding only inline elements (a paragraph, a heading, a link, a list item) read whole
 * by `textContent`. Text nodes are read only beside a link (does it stand alone?) and, in the
 * selector's reading, directly inside the scored elements and their ancestors (their totals).
 * Approximations: bare text in a container counts when the container holds inline elements only (a
 * whole paragraph) or a `<br>` (its text beside its blocks, one paragraph, not split at
 * `<br><br>`); other text beside blocks is no paragraph and, walking, counts in no total. Hidden
 * and skipped elements inside what is read whole count. A link stands alone when it is all the
 * text of the block read whole around it, or when its siblings up to the nearest block's edge hold
 * no text.
 */
export function readParagraphFirst(
  root: Element,
  source: ElementSource = 'element walk',
): PageScan {
  const doc = root.ownerDocument;
  const isWalk = source === 'element walk';
  let addresses: readonly string[] | undefined;
  const pageAddresses = (): readonly string[] => (addresses ??= readPageAddresses(doc));
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
    // Not sought: the floor reads the facts the decision weighs, not the comment-thread search's.
    commentLabels: [],
  };
  // Where each element lies: kept for the selector's elements, whose ancestors are not listed.
  const places = new Map<Element, number>();
  const placeOf = (el: Element): number => {
    const known = places.get(el);
    if (known !== undefined) return known;
    const parent = el === root ? null : el.parentElement;
    const place = placeBelow(el, parent ? placeOf(parent) : 0);
    places.set(el, place);
    return place;
  };
  // Whether an element lies in an unlikely block (or a table, where none is): read only for the
  // paragraphs' ancestors, as the scan does.
  const markBelow = (el: Element, parentMark: number): number => {
    let mark = parentMark;
    if ((mark & (UNLIKELY | IN_TABLE)) === 0 && !INLINE.has(el.localName)) {
      const names = el.getAttributeNames();
      if (names.length > 0 && (isUnlikelyCandidate(el, names) || isConsentNotice(el))) {
        mark |= UNLIKELY;
      }
    }
    return el.localName === 'table' ? mark | IN_TABLE : mark;
  };
  const marks = new Map<Element, number>();
  const markOf = (el: Element): number => {
    let mark = marks.get(el);
    if (mark === undefined) {
      const parent = el === root ? null : el.parentElement;
      mark = parent ? markBelow(el, markOf(parent)) : 0;
      marks.set(el, mark);
    }
    return mark;
  };
  // The walk's open elements (the root first) and their marks, read from `firstUnread` on only
  // when a paragraph needs them.
  const open: Element[] = [root];
  const openMarks = [0];
  let depth = 0;
  let firstUnread = 1;
  const isUnlikely = (el: Element): boolean => {
    if (!isWalk) return (markOf(el) & UNLIKELY) !== 0;
    for (; firstUnread <= depth; firstUnread++) {
      openMarks[firstUnread] = markBelow(open[firstUnread]!, openMarks[firstUnread - 1]!);
    }
    const mark = el === open[depth] ? openMarks[depth]! : markBelow(el, openMarks[depth]!);
    return (mark & UNLIKELY) !== 0;
  };
  const credit = (from: Element | null, score: number, isLikely: boolean): void => {
    let el = from;
    for (let level = 0; el && level < ANCESTOR_DIVIDERS.length; level++) {
      const parent = el.parentElement;
      if (parent === null) break;
      const share = score / ANCESTOR_DIVIDERS[level]!;
      scan.scores.set(el, (scan.scores.get(el) ?? 0) + share);
      if (isLikely) scan.likelyScores.set(el, (scan.likelyScores.get(el) ?? 0) + share);
      el = parent;
    }
  };
  const addParagraph = (
    el: Element,
    scoredFrom: Element | null,
    text: string,
    { chars, commas, linkChars }: WholeRead,
    place: number,
  ): void => {
    if (chars < MIN_PARAGRAPH_CHARS || !scoredFrom) return;
    const score = paragraphScore(chars, commas);
    const unlikely = isUnlikely(el);
    scan.paragraphs.push({
      el,
      scoredFrom,
      chars,
      linkChars: (place & IN_LINK) !== 0 ? chars : Math.min(linkChars, chars),
      denseChars: text.match(DENSE_CHARS)?.length ?? 0,
      score,
      isUnlikely: unlikely,
    });
    credit(scoredFrom, score, !unlikely);
  };
  /** The only link of a block read whole, when it is all the block's text, read as a card's title. */
  const noteLoneLink = ({ loneLink, linkChars }: InlineRead, blockChars: number): void => {
    if (!loneLink || blockChars < MIN_LINKED_TITLE_CHARS || linkChars !== blockChars) return;
    if (isLinkedTitle(loneLink, loneLink.textContent ?? '')) {
      scan.linkedTitles.push({ el: loneLink, paragraphsBefore: scan.paragraphs.length });
    }
  };
  const isLinkedTitle = (link: Element, text: string): boolean =>
    /\p{L}\s+\p{L}/u.test(text) &&
    isLinkOut(link, pageAddresses) &&
    isWithinSite(link.getAttribute('href') ?? '', pageAddresses());
  // What the selector's reading keeps for the totals, measured once all is read.
  const skippedTops: Element[] = [];
  const links: { el: Element; chars: number }[] = [];
  const readTexts = new Map<Element, TextMeasure>();
  const sections: Element[] = [];
  /**
   * Reads one element that is not skipped, below `parent`: its measure when it was read whole,
   * null when a walk is to enter it (the selector's reading lists what is inside anyway).
   */
  const visit = (
    el: Element,
    place: number,
    parent: Element,
    parentPlace: number,
  ): WholeRead | null => {
    const tag = el.localName;
    if (tag === 'p' || tag === 'pre') {
      const text = el.textContent ?? '';
      const read = readWhole(el, text, measureLinkText(el));
      addParagraph(el, parent, text, read, place);
      return read;
    }
    if (tag === 'a') {
      const text = el.textContent ?? '';
      const chars = collapsedTrimmedLength(text);
      if ((parentPlace & IN_LINK) !== 0) return { chars, commas: 0, linkChars: chars };
      if (!isWalk) {
        links.push({ el, chars });
        readTexts.set(el, { chars, commas: countCommas(text) });
      }
      // A card's link may hold its image, heading and summary: the walk enters it; no title.
      const holdsBlock = hasBlockInside(el);
      if (
        !holdsBlock &&
        (place & IN_HEADING) === 0 &&
        chars >= MIN_LINKED_TITLE_CHARS &&
        standsAlone(el) &&
        isLinkedTitle(el, text)
      ) {
        scan.linkedTitles.push({ el, paragraphsBefore: scan.paragraphs.length });
      }
      if (isWalk && holdsBlock) return null;
      return { chars, commas: countCommas(text), linkChars: chars };
    }
    if (HEADINGS.has(tag)) {
      const text = el.textContent ?? '';
      const read = readWhole(el, text, measureLinkText(el));
      if ((parentPlace & IN_HEADING) !== 0) return read;
      if (tag === 'h1' && scan.firstHeading === null) scan.firstHeading = text;
      if (hasLinkOut(el, place, pageAddresses)) {
        scan.linkedHeadings.push({ el, paragraphsBefore: scan.paragraphs.length });
      }
      if (read.chars >= MIN_PARAGRAPH_CHARS) {
        credit(parent, paragraphScore(read.chars, read.commas), !isUnlikely(el));
      }
      return read;
    }
    if (TEXT_CONTAINERS.has(tag)) {
      if (tag === 'article') scan.articles.push(el);
      else if (tag === 'section') sections.push(el);
      let allInline = true;
      let hasBr = false;
      for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
        const childTag = child.localName;
        if (childTag === 'br') hasBr = true;
        else if (!INLINE.has(childTag)) allInline = false;
      }
      const inline = allInline ? readInline(el) : null;
      if (inline) {
        // A container of text alone is a paragraph, scored from its parent.
        const text = el.textContent ?? '';
        const read = readWhole(el, text, inline.linkChars);
        addParagraph(el, parent, text, read, place);
        if (isWalk) noteLoneLink(inline, collapsedTrimmedLength(text));
        return read;
      }
      if (hasBr) readTextBesideBlocks(el, place);
      return null;
    }
    if (tag === 'header') scan.menus.push(el);
    if (!isWalk) return null;
    // Any other element holding inline elements only (a list item, a caption) is read whole.
    const inline = readInline(el);
    if (!inline) return null;
    const text = el.textContent ?? '';
    noteLoneLink(inline, collapsedTrimmedLength(text));
    return readWhole(el, text, inline.linkChars);
  };
  const readWhole = (el: Element, text: string, linkChars: number): WholeRead => {
    const read = { chars: countCollapsedChars(text, true), commas: countCommas(text), linkChars };
    if (!isWalk) readTexts.set(el, read);
    return read;
  };
  /** A container's text beside its blocks, as one paragraph scored from the container. */
  const readTextBesideBlocks = (el: Element, place: number): void => {
    let text = el.textContent ?? '';
    let linkChars = 0;
    for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
      if (INLINE.has(child.localName)) {
        if (child.localName === 'a') linkChars += collapsedTrimmedLength(child.textContent ?? '');
        else linkChars += measureLinkText(child);
      } else {
        const blockText = child.textContent ?? '';
        if (blockText) text = text.replace(blockText, ' ');
      }
    }
    const read = { chars: countCollapsedChars(text, true), commas: countCommas(text), linkChars };
    addParagraph(el, el, text, read, place);
  };
  /** Notes a subtree that is not read, as the scan notes its menus and metadata there. */
  const skip = (el: Element): void => {
    const tag = el.localName;
    if (tag === 'nav') scan.menus.push(el);
    else if (tag === 'script' && /ld\+json/i.test(el.getAttribute('type') ?? '')) {
      scan.jsonLdScripts.push(el);
    }
    if (!isWalk) skippedTops.push(el);
  };
  const rootPlace = placeOf(root);
  if (isWalk) {
    // Elements only (first child and next sibling elements), each entered one summing what the
    // elements read whole inside it hold, as the scan sums its text nodes.
    const openPlaces = [rootPlace];
    const openChars = [0];
    const openLinks = [0];
    const openCommas = [0];
    const leave = (): void => {
      const el = open[depth]!;
      const chars = openChars[depth]!;
      const commas = openCommas[depth]!;
      // All the text of a link is link text.
      const linkChars = el.localName === 'a' ? chars : Math.min(openLinks[depth]!, chars);
      if (el.localName === 'section' && chars >= MIN_PARAGRAPH_CHARS) {
        credit(open[depth - 1]!, paragraphScore(chars, commas), !isUnlikely(el));
      }
      if (scan.scores.has(el)) scan.totals.set(el, { chars, linkChars, commas });
      depth--;
      if (firstUnread > depth + 1) firstUnread = depth + 1;
      openChars[depth]! += chars;
      openLinks[depth]! += linkChars;
      openCommas[depth]! += commas;
    };
    let el = root.firstElementChild;
    while (el) {
      const parentPlace = openPlaces[depth]!;
      const place = placeBelow(el, parentPlace);
      if ((place & EXCLUDED) !== 0) skip(el);
      else {
        const read = visit(el, place, open[depth]!, parentPlace);
        if (read) {
          openChars[depth]! += read.chars;
          openLinks[depth]! += read.linkChars;
          openCommas[depth]! += read.commas;
        } else {
          const first = el.firstElementChild;
          if (first) {
            depth++;
            open[depth] = el;
            openPlaces[depth] = place;
            openChars[depth] = 0;
            openLinks[depth] = 0;
            openCommas[depth] = 0;
            el = first;
            continue;
          }
        }
      }
      let next = el.nextElementSibling;
      while (!next && depth > 0) {
        el = open[depth]!;
        leave();
        next = el.nextElementSibling;
      }
      el = next;
    }
    scan.textChars = openChars[0]!;
    scan.linkChars = Math.min(openLinks[0]!, openChars[0]!);
    return scan;
  }
  const list = root.querySelectorAll(SELECTOR);
  for (let i = 0, count = list.length; i < count; i++) {
    const el = list[i]!;
    const parent = el.parentElement ?? root;
    const parentPlace = placeOf(parent);
    if ((parentPlace & EXCLUDED) !== 0) continue;
    const place = placeOf(el);
    if ((place & EXCLUDED) !== 0) skip(el);
    else visit(el, place, parent, parentPlace);
  }
  // Sections and their would-be credited ancestors are measured with the scored elements.
  const measured = new Set<Element>(scan.scores.keys());
  for (const section of sections) {
    for (let el: Element | null = section, level = 0; el && level <= 5; level++) {
      measured.add(el);
      el = el === root ? null : el.parentElement;
    }
  }
  measured.add(root);
  const totals = measureTotals(root, measured, readTexts, skippedTops, links);
  // A section credits its parent by all the text it holds.
  for (const section of sections) {
    const sectionTotals = totals.get(section);
    if (sectionTotals && sectionTotals.chars >= MIN_PARAGRAPH_CHARS) {
      const score = paragraphScore(sectionTotals.chars, sectionTotals.commas);
      credit(section.parentElement, score, !isUnlikely(section));
    }
  }
  const rootTotals = totals.get(root)!;
  scan.textChars = rootTotals.chars;
  scan.linkChars = rootTotals.linkChars;
  for (const el of scan.scores.keys()) {
    const elTotals = totals.get(el);
    if (el !== root && elTotals) scan.totals.set(el, elTotals);
  }
  return scan;

  /** `el`'s place given its parent's. */
  function placeBelow(el: Element, parentPlace: number): number {
    if ((parentPlace & EXCLUDED) !== 0) return parentPlace;
    const tag = el.localName;
    if (SKIPPED.has(tag)) return parentPlace | EXCLUDED;
    if (!INLINE.has(tag)) {
      const names = el.getAttributeNames();
      if (names.length > 0) {
        if (isHidden(el, names)) return parentPlace | EXCLUDED;
        if (el !== root && names.includes('itemtype')) scan.items.push(el);
      }
    }
    if (tag === 'a') return parentPlace | IN_LINK;
    if (HEADINGS.has(tag)) return parentPlace | IN_HEADING;
    return parentPlace;
  }
}

/** Characters (whitespace runs counted once) and commas of an element's text. */
interface TextMeasure {
  chars: number;
  commas: number;
}

/** What an element read whole holds: its text's measure and the characters of its links. */
interface WholeRead extends TextMeasure {
  linkChars: number;
}

/**
 * Text, link and comma totals of `root` and of each `measured` element, each text read once: an
 * element sums its children, a measured child (or an ancestor of one) by its own sum, any other
 * by its `textContent`; the skipped subtrees inside those (`skippedTops`) are taken off.
 */
function measureTotals(
  root: Element,
  measured: ReadonlySet<Element>,
  readTexts: ReadonlyMap<Element, TextMeasure>,
  skippedTops: readonly Element[],
  links: readonly { el: Element; chars: number }[],
): Map<Element, TextTotals> {
  // Elements on the way from the root down to a measured one.
  const onPath = new Set<Element>();
  for (const el of measured) {
    for (let node: Element | null = el; node && !onPath.has(node); node = node.parentElement) {
      onPath.add(node);
      if (node === root) break;
    }
  }
  // Per measured element, what its own children read (not those of a measured one below it).
  const own = new Map<Element, TextTotals>();
  const nearestMeasured = new Map<Element, Element | null>();
  const measuredAbove = (el: Element): Element | null => {
    const known = nearestMeasured.get(el);
    if (known !== undefined) return known;
    const parent = el === root ? null : el.parentElement;
    const found = parent === null ? null : measured.has(parent) ? parent : measuredAbove(parent);
    nearestMeasured.set(el, found);
    return found;
  };
  const readChildren = (el: Element, into: TextTotals): void => {
    for (let node = el.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 3) {
        const data = (node as Text).data;
        into.chars += countCollapsedChars(data, true);
        into.commas += countCommas(data);
      } else if (node.nodeType === 1) {
        const child = node as Element;
        if (measured.has(child)) continue;
        const known = readTexts.get(child);
        if (onPath.has(child)) readChildren(child, into);
        else if (known) {
          into.chars += known.chars;
          into.commas += known.commas;
        } else if (!SKIPPED.has(child.localName) && !isHidden(child)) {
          const text = child.textContent ?? '';
          into.chars += countCollapsedChars(text, true);
          into.commas += countCommas(text);
        }
      }
    }
  };
  for (const el of measured) {
    const totals = { chars: 0, linkChars: 0, commas: 0 };
    readChildren(el, totals);
    own.set(el, totals);
  }
  for (const skipped of skippedTops) {
    const parent = skipped.parentElement;
    // Children of the elements read child by child were never counted.
    if (!parent || onPath.has(parent)) continue;
    const owner = measuredAbove(skipped);
    if (!owner) continue;
    const text = skipped.textContent ?? '';
    const totals = own.get(owner)!;
    totals.chars -= countCollapsedChars(text, true);
    totals.commas -= countCommas(text);
  }
  for (const { el, chars } of links) {
    const owner = measuredAbove(el);
    if (owner) own.get(owner)!.linkChars += chars;
  }
  // Each measured element adds its sums to the nearest measured one above it, innermost first.
  const depthOf = new Map<Element, number>();
  const depth = (el: Element): number => {
    let known = depthOf.get(el);
    if (known === undefined) {
      const above = measuredAbove(el);
      known = above ? depth(above) + 1 : 0;
      depthOf.set(el, known);
    }
    return known;
  };
  const innermostFirst = [...measured].sort((a, b) => depth(b) - depth(a));
  for (const el of innermostFirst) {
    const totals = own.get(el)!;
    totals.chars = Math.max(0, totals.chars);
    totals.linkChars = Math.min(totals.linkChars, totals.chars);
    const above = measuredAbove(el);
    if (above) {
      const aboveTotals = own.get(above)!;
      aboveTotals.chars += totals.chars;
      aboveTotals.linkChars += totals.linkChars;
      aboveTotals.commas += totals.commas;
    }
  }
  return own;
}

/** Whether `link`'s siblings, up through the inline elements around it to a block's edge, hold no text. */
function standsAlone(link: Element): boolean {
  for (let el: Element | null = link; el; el = el.parentElement) {
    for (const step of ['previousSibling', 'nextSibling'] as const) {
      for (let node = el[step]; node; node = node[step]) {
        if (node.nodeType === 3) {
          if (/\S/.test((node as Text).data)) return false;
        } else if (node.nodeType === 1) {
          const tag = (node as Element).localName;
          if (!INLINE.has(tag)) break;
          if (tag !== 'br' && /\S/.test(node.textContent ?? '')) return false;
        }
      }
    }
    const parent: Element | null = el.parentElement;
    if (!parent || !INLINE.has(parent.localName)) return true;
  }
  return true;
}

/** Whether `heading` holds a link to another page, or lies in one. */
function hasLinkOut(
  heading: Element,
  place: number,
  pageAddresses: () => readonly string[],
): boolean {
  if ((place & IN_LINK) !== 0 && isLinkOut(heading.closest('a'), pageAddresses)) return true;
  const inner = heading.getElementsByTagName('a');
  for (let i = 0, count = inner.length; i < count; i++) {
    if (isLinkOut(inner[i]!, pageAddresses)) return true;
  }
  return false;
}

/** As `scanPage`'s: a link to another page rather than a place in this one. */
function isLinkOut(link: Element | null, pageAddresses: () => readonly string[]): boolean {
  const href = link?.getAttribute('href');
  if (!link || !href) return false;
  if (!href.startsWith('#')) return !isLinkTo(link, pageAddresses());
  const id = href.slice(1);
  if (id === '') return false;
  return /^!?\//.test(id) || link.ownerDocument.getElementById(id) === null;
}

/** What an element holding inline elements only holds in links, and its link when just one. */
interface InlineRead {
  linkChars: number;
  loneLink: Element | null;
}

/**
 * The link characters of `el` when everything in it is inline (a card's link may hold blocks),
 * with its link when it holds just one; else null.
 */
function readInline(el: Element): InlineRead | null {
  let linkChars = 0;
  let linkCount = 0;
  let lastLink: Element | null = null;
  let node: Element | null = el.firstElementChild;
  while (node) {
    const tag = node.localName;
    if (!INLINE.has(tag)) return null;
    if (tag === 'a') {
      if (hasBlockInside(node)) return null;
      linkChars += collapsedTrimmedLength(node.textContent ?? '');
      linkCount++;
      lastLink = node;
    } else if (node.firstElementChild) {
      node = node.firstElementChild;
      continue;
    }
    node = nextElementOutside(node, el);
  }
  return { linkChars, loneLink: linkCount === 1 ? lastLink : null };
}

/** Whether an element below `el` is not inline. */
function hasBlockInside(el: Element): boolean {
  let node: Element | null = el.firstElementChild;
  while (node) {
    if (!INLINE.has(node.localName)) return true;
    node = node.firstElementChild ?? nextElementOutside(node, el);
  }
  return false;
}

/** Characters of the text in `el`'s links, whitespace runs counted once; visits elements only. */
function measureLinkText(el: Element): number {
  let chars = 0;
  let node: Element | null = el.firstElementChild;
  while (node) {
    if (node.localName === 'a') {
      chars += collapsedTrimmedLength(node.textContent ?? '');
    } else if (node.firstElementChild) {
      node = node.firstElementChild;
      continue;
    }
    node = nextElementOutside(node, el);
  }
  return chars;
}

function collapsedTrimmedLength(text: string): number {
  const chars = countCollapsedChars(text, true);
  return chars > 0 && /\s$/.test(text) ? chars - 1 : chars;
}

function paragraphScore(chars: number, commas: number): number {
  return 2 + commas + Math.min(Math.floor(chars / 100), 3);
}
