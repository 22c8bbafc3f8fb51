import {
  classAndId,
  getClassWeight,
  isBoilerplate,
  isOverlay,
  isUnlikelyCandidate,
  NON_BODY_TAGS,
} from './is-boilerplate';
import { isHidden, isScreenReaderOnly } from './is-hidden';
import {
  countCollapsedChars,
  countCommas,
  holdsText,
  MAX_PARAGRAPH_LINK_DENSITY,
  measureText,
  UNREAD_TAGS,
} from './measure-text';
import { nextElementOutside } from './next-element-outside';
import {
  firstChildOf,
  firstElementChildOf,
  lastChildOf,
  lastElementChildOf,
  nextElementSiblingOf,
  nextSiblingOf,
  parentElementOf,
  parentNodeOf,
  previousElementSiblingOf,
  previousSiblingOf,
} from '../page-tree';
import { drain } from '../run-in-slices';
import { INLINE_TAGS, type PageScan, type TextTotals } from './scan-page';

/** A toolbar never goes inside these: it is placed after the nearest ancestor that is not one. */
const ENCLOSING_TAGS = new Set([
  'LI',
  'UL',
  'OL',
  'DL',
  'DT',
  'DD',
  'BLOCKQUOTE',
  'TABLE',
  'TBODY',
  'THEAD',
  'TFOOT',
  'TR',
  'TD',
  'TH',
  'FIGURE',
  'A',
  'SPAN',
  'B',
  'I',
  'EM',
  'STRONG',
  'FONT',
  'SMALL',
  'Q',
  'CITE',
  'P',
]);
/** Table cells: a body part that is one holds the story in a layout table's column. */
const CELL_TAGS = new Set(['TD', 'TH']);
/** Elements whose children must be rows, cells or items: nothing else may be placed among them. */
const STRUCTURE_TAGS = new Set(['TABLE', 'TBODY', 'THEAD', 'TFOOT', 'TR', 'UL', 'OL', 'DL']);
/** Blocks that Readability's cleanup weighs and drops when they look like furniture. */
const CLEANED_TAGS = new Set(['DIV', 'SECTION', 'UL', 'OL', 'TABLE', 'FORM', 'FIELDSET']);
const LIST_TAGS = new Set(['UL', 'OL']);
/** Blocks whose text is one piece: the search for the end stops at them. */
const LEAF_TAGS = new Set(['P', 'PRE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
/** Containers a search for what follows the body never looks past: the story's, the page's. */
const STORY_BOUNDARY_TAGS = new Set(['ARTICLE', 'MAIN', 'BODY']);
/** Headings introduce what follows them, so a body never ends with one. */
const HEADING_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
/**
 * What {@link findLastContent} answers for a block whose kept blocks are all headings: what they
 * headed was page furniture (a "Read more on" over a dropped link list), so the block is furniture too.
 */
const ONLY_HEADINGS = 'only headings';
/**
 * What {@link findLastContent} answers for a block whose text all lies in blocks that are not kept
 * (a share button, a breadcrumb): it holds none of the body, whatever its own name says.
 */
const NOTHING_KEPT = 'nothing kept';
/** The elements that keep Readability from reading a <div> as a paragraph. */
const READABILITY_BLOCKS = new Set([
  'BLOCKQUOTE',
  'DL',
  'DIV',
  'IMG',
  'OL',
  'P',
  'PRE',
  'TABLE',
  'UL',
]);
/**
 * Subtrees left out when a block's links are weighed: code, embedded content, and asides, which
 * Readability's cleanup removes first. A related-links aside in a block of prose leaves the prose.
 */
const REMOVED_BEFORE_WEIGHING: ReadonlySet<string> = new Set([...UNREAD_TAGS, 'ASIDE']);
/** Blocks with this many commas are prose and never dropped. */
const PROSE_COMMAS = 10;
/** Link densities above which a trailing block is links, not body (by class weight). */
const MAX_LINK_DENSITY = 0.2;
const MAX_LINK_DENSITY_CONTENT_CLASS = 0.5;
/** Class weight of a block whose class or id names content. */
const CONTENT_CLASS_WEIGHT = 25;
const SHARE_NAMES = /(\b|_)share(\b|_)/i;
/** A share block is only dropped while it holds less text than this. */
const MAX_SHARE_BLOCK_CHARS = 500;
const LETTER = /[\p{L}\p{N}]/u;
/**
 * Words of the pleas that close a story on many sites, in the languages of the sites served: sign up
 * for the newsletter, subscribe, become a member, donate. A short block saying one is not the body.
 * Letters beyond ASCII are written as escapes (`\u00ed` is í), as in every regular expression of
 * the content script: the bundler leaves a regular expression's own letters as they are, and one of
 * them makes the browser keep the whole script as text of two bytes a character, on every page.
 */
const CALL_TO_ACTION =
  /newsletter|\bsubscribe\b|\bsign up\b|\bbecome a member\b|\bdonate\b|abonnieren|\bspenden\b|abonnez|s'abonner|suscr[i\u00ed]bete|\bdona(?:ci[o\u00f3]n|zione)\b|iscriviti|nieuwsbrief|abonneer|assine|inscreva/i;
/**
 * Words of the site's own rules that a short block after the story points to: its terms of use,
 * privacy policy and comment rules ("Here are the full legal terms you agree to by using this
 * comment form", "This article is closed for comments"), in the languages of the sites served.
 */
const SITE_TERMS =
  /terms (?:of (?:use|service)|and conditions)|privacy policy|comment (?:form|policy|guidelines)|closed for comments|comments are closed|nutzungsbedingungen|datenschutzerkl\u00e4rung|conditions g\u00e9n\u00e9rales|politique de confidentialit\u00e9|t\u00e9rminos y condiciones|pol\u00edtica de privacidad|termini e condizioni|algemene voorwaarden|privacybeleid|termos de uso|pol\u00edtica de privacidade/i;
/** Blocks shorter than this holding a {@link CALL_TO_ACTION} or {@link SITE_TERMS} are furniture. */
const MAX_CALL_TO_ACTION_CHARS = 400;
/**
 * The two halves of a plea for readers' money to keep the site's journalism going, which a story
 * rarely joins in one block: support (`unterstützen`, `apoyo`, `Supporter werden`) and the site's
 * journalism or newsroom (`Journalismus`, `periodismo`, `Redaktion`), in the languages of the
 * sites served (escaped as in CALL_TO_ACTION: unterst\u00fctz is unterstütz).
 */
const SUPPORT_WORD =
  /\bsupport(?:ers?|ing)?\b|unterst\u00fctz|\bapoy(?:o|a|ar)\b|\bsost(?:ieni|egno)\b|\bsoutien|\bsteun|wesprzyj/i;
const JOURNALISM_WORD =
  /journalis[mt]|periodismo|giornalismo|dziennikarstw|\bredaktion|redacci\u00f3n|r\u00e9daction|redazione|redactie|newsroom/i;
/**
 * Words by which a plea addresses its reader or speaks for the site (`support us`, `unterstütze
 * uns`, `con tu apoyo`): a story reports who supports what.
 */
const READER_OR_SITE_WORD =
  /\b(?:you|your|us|our|we|du|dich|dein\w*|sie|uns|unser\w*|wir|tu|te|nos|nuestr[oa]s?|usted(?:es)?|vous|votre|notre|nous|noi|ci|nostr[oaie]|tuo|tua|voi|ons|onze|je|jij|uw|nasz\w*|wasz\w*)\b/i;
/**
 * A plea for support is furniture up to this long, with its link or button: longer than a
 * subscription's box ({@link MAX_CALL_TO_ACTION_CHARS}), as it argues its case.
 */
const MAX_SUPPORT_PLEA_CHARS = 1000;
/**
 * An advertisement's own label at the start of a block ("Sponsored:", "Anzeige:"), in the
 * languages of the sites served: a label, then a colon or a dash. "Sponsored by" is a sentence.
 */
const AD_LABEL_START =
  /^\s*(?:advertisement|sponsored|paid (?:content|post)|anzeige|werbung|publicidad|publicit[e\u00e9]|pubblicit[a\u00e0]|patrocinado)\s*[:|\u2013\u2014-]/i;
/**
 * An advertisement's mark at the end of a block, set apart by a star or a bracket ("(Anzeige)"):
 * a sentence that ends on the word ("a sponsored post.") sets none. Only words that mean nothing
 * but an advertisement, in any case.
 */
const AD_WORD_MARK_END =
  /[*([]\s*(?:advertisement|sponsored|paid (?:content|post)|anzeige|werbung|publicidad|publicit[e\u00e9]|pubblicit[a\u00e0]|patrocinado)\s*[)\]]?\s*\.?\s*$/i;
/**
 * The short mark "*ad." at the end of a block: lower case after a star only, as "(AD)" and "*AD"
 * are an abbreviation's (Alzheimer's disease) and a footnote's.
 */
const AD_STAR_MARK_END = /\*\s*ad\s*\.?\s*$/;
/**
 * Class or id words of a box a site sets beside its story: a note on its author, a box of facts on
 * the topic. What it says is not the story's, so the story ends before it.
 */
const SIDE_BOX_NAMES = /author|(?:info|fact)-?box/i;
/** A side box holds less text than this; a longer block so named is a story (`author-content`). */
const MAX_SIDE_BOX_CHARS = 1000;

/** A block's characters, and those in its links. */
type TextFigures = { chars: number; linkChars: number };
/** The tags Readability's cleanup counts in a block ({@link countWeighedTags}). */
type WeighedTags = { paragraphs: number; images: number; inputs: number; items: number };

/** What one search for a body's end reads: the walk's figures, and each block's text once built. */
interface EndSearch {
  totals: ReadonlyMap<Element, TextTotals>;
  texts: Map<Element, string>;
  /** The page's visible `<article>`s. */
  articles: readonly Element[];
  /** Each block's figures once measured: several rules weigh a block, and both searches do. */
  figures: Map<Element, TextFigures>;
  /** Each block's weighed tags once counted: both searches weigh a block the first one drops. */
  weighedTags: Map<Element, WeighedTags>;
  /** The `<article>`s each element holds, itself included: read once, as each block weighed asks. */
  articlesByHolder?: Map<Element, Element[]>;
  /** Blocks found to hold no audio or video player: nor does anything inside them. */
  playerless: Set<Element>;
  /**
   * Whether a block named like furniture (`sidebar`) is dropped even when it holds prose. A second
   * search keeps such prose, when the body's own blocks carry such names and the first search kept
   * nothing (as Readability retries without its unlikely names).
   */
  readsNames: boolean;
}

/**
 * The element after which the body made of `parts` ends: the last block of the last part that
 * holds text and is not page furniture (hidden, comments, share rows, link lists, teaser grids,
 * forms), found by walking back from the end and descending into the blocks kept. Never an element
 * inside a list, table, quote, figure or paragraph: the toolbar goes after the enclosing block.
 */
export function findBodyEnd(
  parts: readonly Element[],
  scan?: Pick<PageScan, 'totals' | 'articles'>,
): Element {
  return drain(findBodyEndSteps(parts, scan));
}

/**
 * {@link findBodyEnd} in steps: pauses (yields) before each block it weighs, as weighing one may
 * read all of its text, so that a caller working in slices stops close to its deadline.
 */
export function* findBodyEndSteps(
  parts: readonly Element[],
  scan?: Pick<PageScan, 'totals' | 'articles'>,
): Generator<void, Element> {
  const search: EndSearch = {
    totals: scan?.totals ?? new Map(),
    texts: new Map(),
    articles: scan?.articles ?? [],
    figures: new Map(),
    weighedTags: new Map(),
    playerless: new Set(),
    readsNames: true,
  };
  const body = parentElementOf(parts[0]!) ?? parts[0]!;
  const resumed = yield* findResumedBody(parts[0]!, parts[parts.length - 1]!, search);
  const searched = resumed ? [...parts, resumed] : parts;
  let end = yield* findEndOfParts(searched, search);
  if (!end) {
    search.readsNames = false;
    end = (yield* findEndOfParts(searched, search)) ?? parts[parts.length - 1]!;
  }
  let anchor = end;
  const top = (resumed && parentElementOf(resumed)) ?? body;
  for (let el = parentElementOf(end); el && el !== top && el !== body; el = parentElementOf(el)) {
    // A cell that is a part of the body is the story's column in a layout table: the toolbar
    // stays in it, after the story's last block.
    const isStoryCell = CELL_TAGS.has(el.tagName) && parts.includes(el);
    if (ENCLOSING_TAGS.has(el.tagName) && !isStoryCell) anchor = el;
  }
  // Never a child of a row, a table's section or a list: the browser would make the toolbar a
  // cell of its own beside the story (or an item), so it goes after the whole table or list.
  for (let parent = parentElementOf(anchor); parent && STRUCTURE_TAGS.has(parent.tagName);) {
    anchor = parent;
    parent = parentElementOf(anchor);
  }
  return findCreditAfter(anchor, search) ?? anchor;
}

/** How far above the body's end a credit line after it is looked for. */
const MAX_CREDIT_LEVELS = 3;
/** Characters a credit line holds at most ("Autor: red", "(KNA, DR)", "© dpa/Spektrum.de"). */
const MAX_CREDIT_CHARS = 80;
/**
 * A credit's label: the author's or a source's, in the languages of the sites served; the
 * pictures' or the text's with a colon ("Text: …", where "Text without notes" is a link's).
 */
const CREDIT_LABEL =
  /^(?:(?:aut(?:or|ora|orin|oren|ore|eur|hors?)|quellen?|sources?|fuente|fonte|\u017ar\u00f3d\u0142o|bron|(?:with )?reporting by|written by|geschrieben von|mit material von)\b|(?:text|fotos?|photos?|bild(?:er)?|credits?|redaktion)\s*:)/i;
/** A news agency's credit in brackets, or a copyright line. */
const AGENCY_OR_COPYRIGHT = /^(?:\([\p{L}][\p{L}\p{N}.&/, -]*\)|\u00a9|\(c\) |copyright\b)/iu;

/**
 * The credit line that follows the body's end `anchor` with no other text between (an author's
 * or agency's credit set apart from the story's block), or null. The story's credits are the
 * story's: the toolbar goes after them. Looked for among the siblings of `anchor` and of a few of
 * its containers, never past the story's `<article>` or the page's `<main>`.
 */
function findCreditAfter(anchor: Element, search: EndSearch): Element | null {
  let el: Element | null = anchor;
  for (let level = 0; el && level <= MAX_CREDIT_LEVELS; level++) {
    if (STORY_BOUNDARY_TAGS.has(el.tagName)) return null;
    for (let node = nextSiblingOf(el); node; node = nextSiblingOf(node)) {
      if (node.nodeType === 3) {
        if (LETTER.test((node as Text).data)) return null;
        continue;
      }
      if (node.nodeType !== 1) continue;
      const next = node as Element;
      if (UNREAD_TAGS.has(next.tagName) || isHidden(next) || !holdsLetter(next, search)) continue;
      return isCreditLine(next) ? next : null;
    }
    el = parentElementOf(el);
    if (el && (STRUCTURE_TAGS.has(el.tagName) || CELL_TAGS.has(el.tagName))) return null;
  }
  return null;
}

/** Whether `el` is a short credit line ({@link isCreditText}) outside the story: not a heading. */
function isCreditLine(el: Element): boolean {
  if (/^(?:FOOTER|NAV|ASIDE|HEADER|H[1-6])$/.test(el.tagName)) return false;
  if (countTextUpTo(el, MAX_CREDIT_CHARS + 1) > MAX_CREDIT_CHARS) return false;
  return isCreditText((el.textContent ?? '').trim());
}

/** Whether `text` reads as a credit: a label naming an author or source, an agency, a copyright. */
function isCreditText(text: string): boolean {
  return CREDIT_LABEL.test(text) || AGENCY_OR_COPYRIGHT.test(text);
}

/** The last block of the last of `parts` that keeps one, or null when none does. */
function* findEndOfParts(
  parts: readonly Element[],
  search: EndSearch,
): Generator<void, Element | null> {
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i]!;
    yield;
    if (
      !isKept(part, search, true) ||
      HEADING_TAGS.has(part.tagName) ||
      isNoteAfterComments(part)
    ) {
      continue;
    }
    const found = yield* findLastContentOfPart(part, search);
    if (found === ONLY_HEADINGS || found === NOTHING_KEPT) continue;
    // Credits past a box the body drops can be a part of their own: the story ends before the box,
    // in a block that may not have scored as a part (one split from the story by a teaser).
    const story = i > 0 ? yield* findStoryBeforeSignOff(part, search) : null;
    if (!story) return found ?? part;
    const storyEnd = yield* findLastContent(story, search);
    if (storyEnd !== ONLY_HEADINGS && storyEnd !== NOTHING_KEPT) return storyEnd ?? story;
  }
  return null;
}

/**
 * What {@link findLastContent} answers for a body part, searched first in the story's own
 * `<article>` when the part holds one ({@link findStoryArticle}): the part's blocks past it are
 * not the story's, however they read (an account notice, comments, the next story).
 */
function* findLastContentOfPart(
  part: Element,
  search: EndSearch,
): Generator<void, Element | null | typeof ONLY_HEADINGS | typeof NOTHING_KEPT> {
  const story = findStoryArticle(part, search);
  if (story) {
    const found = yield* findLastContent(story, search);
    if (found !== ONLY_HEADINGS && found !== NOTHING_KEPT) return found ?? story;
  }
  return yield* findLastContent(part, search);
}

/** Share of a body part's text an `<article>` inside it holds at least to be the story's own. */
const MIN_STORY_ARTICLE_SHARE = 0.5;

/**
 * The `<article>` inside `part` (not `part` itself) holding the most text, when that is at least
 * {@link MIN_STORY_ARTICLE_SHARE} of the part's: the story's own. Null when there is none.
 */
function findStoryArticle(part: Element, search: EndSearch): Element | null {
  let story: Element | null = null;
  let storyChars = 0;
  for (const article of search.articles) {
    if (article === part || !part.contains(article)) continue;
    const { chars } = measureOnce(article, search);
    if (chars > storyChars) {
      story = article;
      storyChars = chars;
    }
  }
  if (!story) return null;
  const bounds = boundPartChars(part, story, storyChars, search);
  const maxPartChars = storyChars / MIN_STORY_ARTICLE_SHARE;
  if (bounds && bounds.most <= maxPartChars) return story;
  if (bounds && bounds.least > maxPartChars) return null;
  const partChars = measureOnce(part, search).chars;
  return storyChars >= MIN_STORY_ARTICLE_SHARE * partChars ? story : null;
}

/**
 * Bounds of `part`'s measured characters, from those of `story` inside it and of what lies around
 * it (each level's siblings), without reading the story's text again: the pieces' characters
 * summed, plus at most one for the space that may join each piece to the next. Null when the part
 * was not measured around the story (the story lies in a subtree measuring leaves out).
 */
function boundPartChars(
  part: Element,
  story: Element,
  storyChars: number,
  search: EndSearch,
): { least: number; most: number } | null {
  const known = search.figures.get(part);
  if (known) return { least: known.chars, most: known.chars };
  let least = storyChars;
  let most = storyChars;
  for (let el = story; el !== part;) {
    const parent = parentElementOf(el);
    if (!parent) return null;
    if (parent !== part && REMOVED_BEFORE_WEIGHING.has(parent.tagName)) return null;
    for (let node = firstChildOf(parent); node; node = nextSiblingOf(node)) {
      if (node === el) continue;
      if (node.nodeType === 3) {
        // Collapsed, less at most one for a trailing space that trimming drops.
        const chars = countCollapsedChars((node as Text).data, true);
        least += Math.max(chars - 1, 0);
        most += chars + 1;
      } else if (node.nodeType === 1 && !REMOVED_BEFORE_WEIGHING.has((node as Element).tagName)) {
        const { chars } = measureOnce(node as Element, search);
        least += chars;
        most += chars + 1;
      }
    }
    el = parent;
  }
  return { least, most };
}

/** How far above the body's last part a container split by an ad break is looked for. */
const MAX_RESUME_LEVELS = 3;

/**
 * The last block where a story split by ad breaks resumes after `lastPart`: a later sibling of one
 * of its containers with the same tag and class, holding a block like the body's own and no
 * headline (a next story would bring one). Null when the story is not split that way.
 */
function* findResumedBody(
  firstPart: Element,
  lastPart: Element,
  search: EndSearch,
): Generator<void, Element | null> {
  const partClass = firstPart.getAttribute('class');
  // A story resumed after an ad repeats its template: the body's own tag and class.
  const repeatsBody = (el: Element) =>
    !!partClass &&
    Array.from(el.getElementsByTagName(firstPart.tagName)).some(
      (inner) => inner.getAttribute('class') === partClass,
    );
  let container: Element | null = parentElementOf(lastPart);
  for (let level = 0; container && level < MAX_RESUME_LEVELS; level++) {
    const className = container.getAttribute('class');
    if (className) {
      let resumed: Element | null = null;
      for (let el = nextElementSiblingOf(container); el; el = nextElementSiblingOf(el)) {
        if (el.tagName !== container.tagName || el.getAttribute('class') !== className) continue;
        if (el.getElementsByTagName('h1').length > 0) break;
        yield;
        if (repeatsBody(el) && isKept(el, search)) resumed = el;
      }
      if (resumed) return resumed;
    }
    if (STORY_BOUNDARY_TAGS.has(container.tagName)) break;
    container = parentElementOf(container);
  }
  return null;
}

/**
 * Levels below a body part the end is looked for. Real bodies end a dozen levels down at most; a
 * page nesting thousands of wrappers would cost time that grows with the square of its depth (each
 * level's text is read), and the stack.
 */
export const MAX_END_DEPTH = 48;

/**
 * The last kept block inside `el` that is not a heading, or null when `el` ends in its own text or
 * lies {@link MAX_END_DEPTH} levels down; {@link ONLY_HEADINGS} when headings (or labels over
 * what it drops) are all it keeps, {@link NOTHING_KEPT} when it keeps nothing.
 */
function* findLastContent(
  el: Element,
  search: EndSearch,
  depth = 0,
): Generator<void, Element | null | typeof ONLY_HEADINGS | typeof NOTHING_KEPT> {
  if (LEAF_TAGS.has(el.tagName) || INLINE_TAGS.has(el.tagName) || depth >= MAX_END_DEPTH) {
    return null;
  }
  if (hasTrailingText(el, search)) return null;
  let keepsHeadings = false;
  // The dropped block a reader sees right after the child at hand, if any: what a label heads.
  let droppedNext: Element | null = null;
  // Whether no text a reader sees follows the child at hand in `el`.
  let isLastText = true;
  for (let child = lastElementChildOf(el); child; child = previousElementSiblingOf(child)) {
    yield;
    if (
      !isKept(child, search) ||
      isNoteAfterPlea(child, search) ||
      isNoteAfterComments(child) ||
      isLinkListUnderLabel(child, search) ||
      isInLinkParagraphs(child, search)
    ) {
      // Not a script's code, nor an advertisement's empty frame.
      if (!UNREAD_TAGS.has(child.tagName) && !isHidden(child) && holdsText(child)) {
        droppedNext = child;
        isLastText = false;
      }
      continue;
    }
    const heads =
      droppedNext !== null &&
      ((isLabel(child) && isDroppedBox(droppedNext, search)) ||
        isLabelOfLinkParagraphs(child, droppedNext, search));
    droppedNext = null;
    const headsNext =
      HEADING_TAGS.has(child.tagName) && !(isLastText && isClosingLine(child, search));
    isLastText = false;
    const found =
      headsNext || heads ? ONLY_HEADINGS : yield* findLastContent(child, search, depth + 1);
    if (found === ONLY_HEADINGS) {
      keepsHeadings = true;
      continue;
    }
    if (found === NOTHING_KEPT || (yield* findStoryBeforeSignOff(child, search))) continue;
    return found ?? child;
  }
  if (keepsHeadings) return ONLY_HEADINGS;
  // Its own text, before the blocks it drops, is the body's, unless it only labels them.
  const ownText = readOwnText(el);
  if (!LETTER.test(ownText)) return NOTHING_KEPT;
  const heads = droppedNext !== null && isLabelText(ownText) && isDroppedBox(droppedNext, search);
  return heads ? ONLY_HEADINGS : null;
}

/**
 * How a sentence ends: a stop, a sign or an ellipsis (Latin, CJK full-width, Arabic, Urdu,
 * Devanagari), then maybe a closing quote or bracket.
 */
const SENTENCE_END =
  /[.!?\u2026\u3002\uff01\uff1f\uff0e\u061f\u06d4\u0964\u0965]["'\u201d\u2019\u00bb)\u300d\u300f\uff09]*$/u;

/**
 * Whether heading `el`, with nothing after it, is the body's closing line set in a heading's type
 * ("Thanks for reading!", "With reporting by AFP"): a sentence or a credit heads nothing, where a
 * label ("Comments") heads a block a script has not filled yet.
 */
function isClosingLine(el: Element, search: EndSearch): boolean {
  const text = textOf(el, search).trim();
  return SENTENCE_END.test(text) || (text.length <= MAX_CREDIT_CHARS && isCreditText(text));
}

/** A label over a block ("Read more on the topic") is shorter than this. */
const MAX_LABEL_CHARS = 50;
/**
 * How a label ends: a letter, a digit or a colon ("More on this topic", "Read more:"). A line
 * ending in a stop, a quote, an ellipsis or a sign is a sentence or a sign-off.
 */
const LABEL_END = /[\p{L}\p{N}:]$/u;
/** Links to other pages that make a dropped block a box of them (topics, teasers), short or not. */
const MIN_BOX_LINKS = 3;

/**
 * Whether `el` reads as a label over the block after it ("More on this topic" in a plain <div>
 * or a <header>): a short line that is no sentence. A paragraph is the story's own line.
 */
function isLabel(el: Element): boolean {
  if (el.tagName === 'P' || countTextUpTo(el, MAX_LABEL_CHARS) >= MAX_LABEL_CHARS) return false;
  return isLabelText(el.textContent ?? '');
}

/** Whether `text` is a label's: short, and ending as a label does ({@link LABEL_END}). */
function isLabelText(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length < MAX_LABEL_CHARS && LABEL_END.test(trimmed);
}

/**
 * Whether a block the body drops is one a label would head: a few teasers' worth of text, or a
 * row of links elsewhere (topics), not an advertisement's label or a lone button.
 */
function isDroppedBox(el: Element, search: EndSearch): boolean {
  if (countLinksOut(el, MIN_BOX_LINKS) >= MIN_BOX_LINKS) return true;
  return measureOnce(el, search).chars >= MIN_BOX_CHARS;
}

/** Lines a paragraph holds at least, each with a link elsewhere, to be a list of links. */
const MIN_LINK_LINES = 3;

/**
 * Whether `el` is a paragraph of lines (set apart by `<br>`s) that each link to another page,
 * under a label ("More great stories"): a list of teasers written as one paragraph, which
 * Readability's cleanup keeps as it keeps every paragraph, though it is no more the story's than
 * the same list written as a `<ul>`.
 */
function isLinkListUnderLabel(el: Element, search: EndSearch): boolean {
  if (el.tagName !== 'P') return false;
  const label = previousElementSiblingOf(el);
  return label !== null && isLinkLines(el, search) && isLabel(label);
}

/**
 * Whether `el` is one of {@link MIN_LINK_LINES} paragraphs or more in a row, each only links
 * elsewhere and the marks between them ("• Next story | Another"): a list of teasers written a
 * paragraph an item, no more the story's than the same list written as one.
 */
function isInLinkParagraphs(el: Element, search: EndSearch): boolean {
  if (!isLinksOnlyParagraph(el, search)) return false;
  // Counted only up to the least: the search walks back over every paragraph of a run, and a
  // page of thousands would have the whole run read again for each.
  let run = 1;
  for (let at = previousElementSiblingOf(el); run < MIN_LINK_LINES && at; run++) {
    if (!isLinksOnlyParagraph(at, search)) break;
    at = previousElementSiblingOf(at);
  }
  for (let at = nextElementSiblingOf(el); run < MIN_LINK_LINES && at; run++) {
    if (!isLinksOnlyParagraph(at, search)) break;
    at = nextElementSiblingOf(at);
  }
  return run >= MIN_LINK_LINES;
}

/**
 * Whether paragraph `el` is the label ("More from us:") of the paragraphs of links starting at
 * `next`: a paragraph may label those, though a story's own sentence may end in a colon before a
 * list it introduces ({@link isLabel} reads no paragraph as a label).
 */
function isLabelOfLinkParagraphs(el: Element, next: Element, search: EndSearch): boolean {
  return el.tagName === 'P' && isInLinkParagraphs(next, search) && isLabelText(textOf(el, search));
}

/** Whether `el` is a paragraph whose letters all lie in links elsewhere. */
function isLinksOnlyParagraph(el: Element, search: EndSearch): boolean {
  if (el.tagName !== 'P') return false;
  let hasLink = false;
  for (let node = firstChildOf(el); node; node = nextSiblingOf(node)) {
    if (node.nodeType === 3) {
      if (LETTER.test((node as Text).data)) return false;
    } else if (node.nodeType === 1) {
      const inner = node as Element;
      if (inner.localName === 'a' && isLinkOut(inner)) hasLink = true;
      else if (holdsLetter(inner, search)) return false;
    }
  }
  return hasLink;
}

/** Whether paragraph `el` is {@link MIN_LINK_LINES} lines or more, each holding a link elsewhere. */
function isLinkLines(el: Element, search: EndSearch): boolean {
  let lines = 0;
  let lineHasText = false;
  let lineHasLink = false;
  for (let node = firstChildOf(el); ; node = nextSiblingOf(node)) {
    if (!node || (node.nodeType === 1 && (node as Element).tagName === 'BR')) {
      if (lineHasText) {
        if (!lineHasLink) return false;
        lines++;
      }
      if (!node) return lines >= MIN_LINK_LINES;
      lineHasText = lineHasLink = false;
    } else if (node.nodeType === 3) {
      lineHasText ||= LETTER.test((node as Text).data);
    } else if (node.nodeType === 1) {
      const inner = node as Element;
      lineHasText ||= holdsLetter(inner, search);
      lineHasLink ||= leadsElsewhere(inner);
    }
  }
}

/** A closing line shorter than this (a credit, a sign-off) may follow a box the body ends before. */
const MAX_SIGN_OFF_CHARS = 120;
/**
 * Characters a box the body ends before holds at least: a few teasers, a plea with its address,
 * not an advertisement's label or a share row.
 */
const MIN_BOX_CHARS = 200;
/** Whether `el` is a link to another page: a box of such links leads elsewhere (a place in this page does not). */
function isLinkOut(el: Element): boolean {
  const href = el.getAttribute('href');
  return href !== null && !href.startsWith('#');
}

/** Whether `el` is, or holds, a link to another page. */
function leadsElsewhere(el: Element): boolean {
  return (el.localName === 'a' && isLinkOut(el)) || countLinksOut(el, 1) > 0;
}

/**
 * Links to another page below `el`, counted up to `limit`. By tag, not by selector: jsdom matches
 * an attribute selector against every element of a long block.
 */
function countLinksOut(el: Element, limit: number): number {
  const links = el.getElementsByTagName('a');
  let count = 0;
  for (let i = 0, total = links.length; i < total && count < limit; i++) {
    if (isLinkOut(links[i]!)) count++;
  }
  return count;
}

/**
 * When `el` is a short closing line (credits) after a box the body does not keep and that leads
 * elsewhere (more on the topic, feedback) or stands beside the story (its author, facts), the kept
 * block before that box: the body's prose ended there, so the toolbar goes there, not after the
 * credits. Null when `el` is no such line. The credits may take a few short blocks ("Reporting:
 * …", "On air: …"), together as short as one line.
 */
function* findStoryBeforeSignOff(el: Element, search: EndSearch): Generator<void, Element | null> {
  let signOffChars = countTextUpTo(el, MAX_SIGN_OFF_CHARS);
  if (signOffChars >= MAX_SIGN_OFF_CHARS) return null;
  let boxChars = 0;
  let isBoxApart = false;
  for (
    let before = previousElementSiblingOf(el);
    before;
    before = previousElementSiblingOf(before)
  ) {
    yield;
    if (isKept(before, search)) {
      if (boxChars > 0) return boxChars >= MIN_BOX_CHARS && isBoxApart ? before : null;
      signOffChars += countTextUpTo(before, MAX_SIGN_OFF_CHARS - signOffChars);
      if (signOffChars >= MAX_SIGN_OFF_CHARS) return null;
      continue;
    }
    // A dropped paragraph (a plea) is no box; nor is a hidden block, or a script's text.
    if (LEAF_TAGS.has(before.tagName) || isHidden(before)) continue;
    const figures = measureOnce(before, search);
    boxChars += figures.chars;
    isBoxApart ||= leadsElsewhere(before) || isSideBox(before, () => figures);
  }
  return null;
}

/**
 * Characters of `el`'s text nodes, each trimmed, counted up to `limit`: a body's containers are
 * long, and only a short block's length matters.
 */
function countTextUpTo(el: Element, limit: number): number {
  let chars = 0;
  findTextNode(el, (data) => (chars += data.trim().length) >= limit);
  return chars;
}

/**
 * Reads `el`'s text nodes in document order until `isFound` says yes; whether it did. A walk, not
 * `textContent`: a long block is left as soon as the answer is known.
 */
function findTextNode(el: Element, isFound: (data: string) => boolean): boolean {
  let node: Node | null = firstChildOf(el);
  while (node) {
    if (node.nodeType === 3) {
      if (isFound((node as Text).data)) return true;
    } else {
      const first = firstChildOf(node);
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
 * The characters of `el`'s text and of its links, outside what the cleanup removes first: measured
 * once per search.
 */
function measureOnce(el: Element, search: EndSearch): TextFigures {
  let figures = search.figures.get(el);
  if (figures === undefined) {
    figures = measureText(el, REMOVED_BEFORE_WEIGHING);
    search.figures.set(el, figures);
  }
  return figures;
}

/** `el`'s text content, built once per search: the end test and the trailing-text test both read it. */
function textOf(el: Element, search: EndSearch): string {
  let text = search.texts.get(el);
  if (text === undefined) {
    text = cutFromParentText(el, search) ?? el.textContent ?? '';
    search.texts.set(el, text);
  }
  return text;
}

/**
 * `el`'s text content cut from its parent's, when that is built and `el` is the parent's only
 * element child; else undefined. A story's wrappers nest one in another, and the search weighs
 * each: building each one's text anew read the whole story once per level.
 */
function cutFromParentText(el: Element, search: EndSearch): string | undefined {
  const parent = parentElementOf(el);
  const parentText = parent ? search.texts.get(parent) : undefined;
  if (parentText === undefined) return undefined;
  // The parent's text is its text nodes' and `el`'s: those before `el` and after it are cut off.
  let before = 0;
  let after = 0;
  let isAfter = false;
  for (let node = firstChildOf(parent!); node; node = nextSiblingOf(node)) {
    const type = node.nodeType;
    if (node === el) isAfter = true;
    else if (type === 1) return undefined;
    else if (type === 3 || type === 4) {
      const { length } = (node as CharacterData).data;
      if (isAfter) after += length;
      else before += length;
    }
  }
  return parentText.slice(before, parentText.length - after);
}

/**
 * Whether `el` stays in the body as Readability's cleanup would leave it, and holds text. A part of
 * the body (`isPart`) is not taken for a plea for support: a short story may well be about one.
 */
function isKept(el: Element, search: EndSearch, isPart = false): boolean {
  if (isHidden(el) || isScreenReaderOnly(el) || isOverlay(el) || isLinkCard(el)) return false;
  const isUnlikely = isUnlikelyCandidate(el);
  if (isUnlikely && search.readsNames) return false;
  if (NON_BODY_TAGS.has(el.tagName)) return false;
  // The walk's figures spare reading a block of prose again; they leave out navigation, so a block
  // with little prose is read whole.
  const scanned = search.totals.get(el);
  let figures: TextFigures | undefined;
  // Measuring walks the whole block, and few rules need it: they ask for it.
  const measure = () => (figures ??= measureOnce(el, search));
  if (isSideBox(el, measure)) return false;
  let commas: number;
  if (scanned && scanned.commas >= PROSE_COMMAS) {
    figures = scanned;
    commas = scanned.commas;
  } else {
    const text = textOf(el, search);
    if (!LETTER.test(text) || !holdsText(el)) return false;
    if (isCallToAction(el, text, measure) || isAdvertisement(el, text, measure)) return false;
    if (!isPart && isSupportPlea(el, text, measure)) return false;
    if (isPlayer(el, search)) return false;
    // Only whether a block has PROSE_COMMAS matters: a long block's count stops there.
    commas = countCommas(text, PROSE_COMMAS);
  }
  // A block named like furniture ("read-more") that holds prose is the rest of the body; in the
  // search that does not read names, so is one of text outside links, whatever its name.
  const isProse = commas >= PROSE_COMMAS || (!search.readsNames && isPlainText(measure()));
  // Readers' comments are prose too, and never the story's.
  if ((isUnlikely && !isProse) || isComments(el, isUnlikely)) return false;
  if (isBoilerplate(el) && !isProse) return false;
  const tag = el.tagName;
  const weight = search.readsNames || !isProse ? getClassWeight(el) : 0;
  if (/^H[12]$/.test(tag) && weight < 0) return false;
  if (SHARE_NAMES.test(classAndId(el))) {
    if (measure().chars < MAX_SHARE_BLOCK_CHARS) return false;
  }
  if (isTeaserGrid(el, search, measure)) return false;
  if (!CLEANED_TAGS.has(tag)) return true;
  // A block whose text all lies in an aside (comments, related links) holds none of the body.
  if (!holdsText(el, REMOVED_BEFORE_WEIGHING)) return false;
  // Readability turns a <div> holding only text into a <p>, which its cleanup then leaves alone;
  // one whose text is mostly links is a row of links (tags, topics), not a paragraph.
  if (tag === 'DIV' && !hasReadabilityBlock(el)) return !isMostlyLinks(measure());
  // Readability unwraps a <div> around a single paragraph: its links are weighed as the paragraph's.
  if (tag === 'DIV' && isParagraphWrapper(el)) return !isMostlyLinks(measure());
  return !isCleanedAway(el, weight, commas, search, measure);
}

/**
 * Nested `<article>`s shorter than this are teasers of other pages, or comments: a story's own
 * `<article>` holds more.
 */
const MAX_TEASER_CHARS = 600;

/**
 * Whether `el` is a grid of teasers or a thread of comments: two `<article>`s or more, all short,
 * holding half its text or all of it but a heading's and a link's worth.
 */
function isTeaserGrid(el: Element, search: EndSearch, measure: () => { chars: number }): boolean {
  if (search.articles.length < 2) return false;
  search.articlesByHolder ??= groupByHolder(search.articles);
  const articles = search.articlesByHolder.get(el) ?? [];
  if (articles.length < 2) return false;
  let teaserChars = 0;
  for (const article of articles) {
    const { chars } = measureOnce(article, search);
    if (chars >= MAX_TEASER_CHARS) return false;
    teaserChars += chars;
  }
  const { chars } = measure();
  return teaserChars >= chars / 2 || chars - teaserChars < MAX_TEASER_CHARS;
}

/** `articles` under each of their ancestors and themselves, in their order. */
function groupByHolder(articles: readonly Element[]): Map<Element, Element[]> {
  const byHolder = new Map<Element, Element[]>();
  for (const article of articles) {
    for (let el: Element | null = article; el; el = parentElementOf(el)) {
      const held = byHolder.get(el);
      if (held) held.push(article);
      else byHolder.set(el, [article]);
    }
  }
  return byHolder;
}

/**
 * A short block that asks the reader to subscribe, or points them to the site's terms, and gives
 * them something to act on. Its length is that of the text a reader sees: `text` (its
 * `textContent`) also holds its scripts' text, such as the data a page's component renders from.
 */
function isCallToAction(
  el: Element,
  text: string,
  measure: () => { chars: number; linkChars: number },
): boolean {
  return (
    (CALL_TO_ACTION.test(text) || SITE_TERMS.test(text)) && isShortWithControl(el, text, measure)
  );
}

/**
 * A block that asks its readers to fund the site's journalism ({@link SUPPORT_WORD},
 * {@link JOURNALISM_WORD}, {@link READER_OR_SITE_WORD}) and gives them a link or button to do it,
 * shorter than {@link MAX_SUPPORT_PLEA_CHARS}.
 */
function isSupportPlea(el: Element, text: string, measure: () => { chars: number }): boolean {
  return (
    SUPPORT_WORD.test(text) &&
    JOURNALISM_WORD.test(text) &&
    READER_OR_SITE_WORD.test(text) &&
    isShortWithControl(el, text, measure, MAX_SUPPORT_PLEA_CHARS)
  );
}

/**
 * A short block that labels itself an advertisement (at its start or its end) and holds its link:
 * a sponsor's line set after the story, as the site's own pleas are ({@link isCallToAction}).
 */
function isAdvertisement(
  el: Element,
  text: string,
  measure: () => { chars: number; linkChars: number },
): boolean {
  const marked =
    AD_LABEL_START.test(text) || AD_WORD_MARK_END.test(text) || AD_STAR_MARK_END.test(text);
  return marked && isShortWithControl(el, text, measure);
}

/**
 * Whether `el` holds a link or button and is shorter than `maxChars` (by default
 * {@link MAX_CALL_TO_ACTION_CHARS}) as a reader sees it: the shape of a site's plea or sponsor
 * line, not of the story's prose.
 */
function isShortWithControl(
  el: Element,
  text: string,
  measure: () => { chars: number },
  maxChars = MAX_CALL_TO_ACTION_CHARS,
): boolean {
  if (!holdsControl(el)) return false;
  return text.length < maxChars || measure().chars < maxChars;
}

/**
 * Whether `el` is a line with a link ("For more, read our daily update") right after a plea the
 * body drops: it closes the page's call, not the story. A line as short as a sign-off, and only
 * one: a story's own short last paragraphs after a plea set inside it stay the story's, as does a
 * short line before the plea.
 */
function isNoteAfterPlea(el: Element, search: EndSearch): boolean {
  const before = previousElementSiblingOf(el);
  return (
    before !== null &&
    !HEADING_TAGS.has(el.tagName) &&
    countTextUpTo(el, MAX_SIGN_OFF_CHARS) < MAX_SIGN_OFF_CHARS &&
    holdsControl(el) &&
    isPlea(before, search)
  );
}

/** Whether `el` is a plea ({@link isCallToAction}), which the body drops. */
function isPlea(el: Element, search: EndSearch): boolean {
  return isCallToAction(el, textOf(el, search), () => measureOnce(el, search));
}

/** What a plea gives the reader to act on: a link, a button, a field, a form. */
const CONTROL_TAGS = new Set(['a', 'button', 'input', 'form']);

/**
 * Whether `el` holds one of {@link CONTROL_TAGS}: a walk by tag that stops at the first, where a
 * selector query (costly in jsdom) matches each element against the list.
 */
function holdsControl(el: Element): boolean {
  let node = firstElementChildOf(el);
  while (node) {
    if (CONTROL_TAGS.has(node.localName)) return true;
    node = firstElementChildOf(node) ?? nextElementOutside(node, el);
  }
  return false;
}

/** Elements that play media: a block holding one has a player's controls. */
const PLAYER_TAGS = ['video', 'audio'];

/**
 * Whether `el` is a media player with no paragraph: the text it shows is its controls' and
 * captions' ("00:00", "Mute"), never the story's last line. Asked by tag, not by a walk: most
 * blocks hold no player, and the lookup answers without visiting each element. A block inside one
 * known to hold none is not looked through again: the search weighs each level of the story's
 * wrappers, and each lookup reads all of the story.
 */
function isPlayer(el: Element, search: EndSearch): boolean {
  if (PLAYER_TAGS.includes(el.localName)) return true;
  for (let holder: Element | null = el; holder; holder = parentElementOf(holder)) {
    if (search.playerless.has(holder)) return false;
  }
  const holdsPlayer = PLAYER_TAGS.some((tag) => el.getElementsByTagName(tag).length > 0);
  if (!holdsPlayer) search.playerless.add(el);
  return holdsPlayer && el.getElementsByTagName('p').length === 0;
}

/**
 * Whether `el` is a box beside the story ({@link SIDE_BOX_NAMES}), whatever prose it holds: by its
 * name, or as the author's microdata item holding more than a sign-off (a bio, not a byline).
 */
function isSideBox(el: Element, measure: () => { chars: number }): boolean {
  if (!CLEANED_TAGS.has(el.tagName)) return false;
  const isAuthorItem = el.hasAttribute('itemscope') && el.getAttribute('itemprop') === 'author';
  if (!isAuthorItem && !SIDE_BOX_NAMES.test(classAndId(el))) {
    return false;
  }
  const { chars } = measure();
  return chars < MAX_SIDE_BOX_CHARS && (!isAuthorItem || chars > MAX_SIGN_OFF_CHARS);
}

/** Names of readers' comments, which no search keeps for their prose. */
const COMMENT_NAMES = /comment|disqus|replies|respond|community/i;
/**
 * Names of readers' comments in other languages, which Readability's unlikely names lack: plural
 * only, as a German `kommentar` is also an opinion piece.
 */
const OTHER_COMMENT_NAMES = /kommentare|comentarios|coment\u00e1rios|commenti|komentarze|reacties/i;
/** Characters of text a block named like furniture holds at least to be read as the body's. */
const MIN_NAMED_TEXT_CHARS = 200;

/** Whether `el` is readers' comments by its name; `isUnlikely` as {@link isUnlikelyCandidate} says. */
function isComments(el: Element, isUnlikely: boolean): boolean {
  const names = classAndId(el);
  return isUnlikely ? COMMENT_NAMES.test(names) : OTHER_COMMENT_NAMES.test(names);
}

/**
 * Whether `el` is a short line right after readers' comments (their rules, a prompt to log in):
 * a story does not go on after its comments.
 */
function isNoteAfterComments(el: Element): boolean {
  const before = previousElementSiblingOf(el);
  return (
    before !== null &&
    isComments(before, isUnlikelyCandidate(before)) &&
    countTextUpTo(el, MAX_CALL_TO_ACTION_CHARS) < MAX_CALL_TO_ACTION_CHARS
  );
}

/** Whether a block's figures are those of text (a few lines, mostly outside links). */
function isPlainText(figures: { chars: number; linkChars: number }): boolean {
  return figures.chars >= MIN_NAMED_TEXT_CHARS && !isMostlyLinks(figures);
}

function isMostlyLinks({ chars, linkChars }: { chars: number; linkChars: number }): boolean {
  return chars > 0 && linkChars / chars > MAX_PARAGRAPH_LINK_DENSITY;
}

/** Readability's conditional cleanup of a block: drops link lists, forms and image strips. */
function isCleanedAway(
  el: Element,
  weight: number,
  commas: number,
  search: EndSearch,
  measure: () => { chars: number; linkChars: number },
): boolean {
  if (weight < 0) return true;
  if (commas >= PROSE_COMMAS) return false;
  const { paragraphs, images, inputs, items } = countWeighedTags(el, search);
  const isList = LIST_TAGS.has(el.tagName);
  const { chars, linkChars } = measure();
  const linkDensity = chars > 0 ? linkChars / chars : 0;
  if (images > 1 && paragraphs / images < 0.5 && !el.closest('figure')) return true;
  if (!isList && items - 100 > paragraphs) return true;
  if (inputs > Math.floor(paragraphs / 3)) return true;
  if (!isList && chars < 25 && (images === 0 || images > 2) && linkDensity > 0) return true;
  if (!isList && weight < CONTENT_CLASS_WEIGHT && linkDensity > MAX_LINK_DENSITY) return true;
  return weight >= CONTENT_CLASS_WEIGHT && linkDensity > MAX_LINK_DENSITY_CONTENT_CLASS;
}

/**
 * The paragraphs, images, inputs and list items Readability's cleanup counts in `el`, outside the
 * subtrees it removed first: a teaser aside's pictures do not make the prose around it an image
 * strip. Counted once per search.
 */
function countWeighedTags(el: Element, search: EndSearch): WeighedTags {
  const known = search.weighedTags.get(el);
  if (known) return known;
  const counts = { paragraphs: 0, images: 0, inputs: 0, items: 0 };
  // Fields share their boxes: each box's paragraphs are looked up once, not once per field.
  const holdsParagraph = new Map<Element, boolean>();
  let node = firstElementChildOf(el);
  while (node) {
    const tag = node.tagName;
    if (REMOVED_BEFORE_WEIGHING.has(tag)) {
      node = nextElementOutside(node, el);
      continue;
    }
    if (tag === 'P') counts.paragraphs++;
    else if (tag === 'IMG') counts.images++;
    else if (tag === 'INPUT' && !isInFieldBox(node, el, holdsParagraph)) counts.inputs++;
    else if (tag === 'LI') counts.items++;
    node = firstElementChildOf(node) ?? nextElementOutside(node, el);
  }
  search.weighedTags.set(el, counts);
  return counts;
}

/**
 * Whether `input` lies in a block below `holder` that Readability's cleanup weighs and that holds
 * no paragraph (a sign-up box's field, in its wrapper): the cleanup drops that block, fields and
 * all, before it weighs `holder`, as it weighs a page's blocks from the innermost out. Its fields
 * are not `holder`'s, or a story with a sign-up box in its container would go as a form.
 * `holdsParagraph` keeps, for one count, whether each block seen holds a paragraph.
 */
function isInFieldBox(
  input: Element,
  holder: Element,
  holdsParagraph: Map<Element, boolean>,
): boolean {
  for (let el = parentElementOf(input); el && el !== holder; el = parentElementOf(el)) {
    if (!CLEANED_TAGS.has(el.tagName)) continue;
    let holds = holdsParagraph.get(el);
    if (holds === undefined) {
      holds = el.getElementsByTagName('p').length > 0;
      holdsParagraph.set(el, holds);
    }
    if (!holds) return true;
  }
  return false;
}

/** Whether `el`'s only child is a `<p>`, with no text of its own beside it. */
function isParagraphWrapper(el: Element): boolean {
  const child = firstElementChildOf(el);
  return (
    child !== null &&
    child.tagName === 'P' &&
    nextElementSiblingOf(child) === null &&
    !LETTER.test(readOwnText(el))
  );
}

/** Whether `el` holds one of {@link READABILITY_BLOCKS}; stops at the first (a walk, not a selector query). */
function hasReadabilityBlock(el: Element): boolean {
  let node = firstElementChildOf(el);
  while (node) {
    if (READABILITY_BLOCKS.has(node.tagName)) return true;
    const first = firstElementChildOf(node);
    if (first) {
      node = first;
      continue;
    }
    node = nextElementOutside(node, el);
  }
  return false;
}

/**
 * Whether `el` ends in text of its own after its last block (a sign-off written between `<br>`s).
 * A card linking elsewhere ({@link isLinkCard}) is a block the body drops, not its text.
 */
function hasTrailingText(el: Element, search: EndSearch): boolean {
  for (let node = lastChildOf(el); node; node = previousSiblingOf(node)) {
    if (node.nodeType === 3) {
      if (LETTER.test((node as Text).data)) return true;
    } else if (node.nodeType === 1) {
      const tag = (node as Element).tagName;
      const hasLetters = tag !== 'BR' && holdsLetter(node as Element, search);
      // Empty blocks (clearing divs, spacers) after the text do not end it.
      if (!INLINE_TAGS.has(tag)) {
        if (hasLetters) return false;
      } else if (hasLetters && !isLinkCard(node as Element)) return true;
    }
  }
  return false;
}

/**
 * Whether `el` is a card that links to another page: a link wrapping blocks (a teaser's picture,
 * headline and time), as sites set other stories after the story's last paragraph.
 */
function isLinkCard(el: Element): boolean {
  if (el.localName !== 'a' || !isLinkOut(el)) return false;
  for (let child = firstElementChildOf(el); child; child = nextElementSiblingOf(child)) {
    if (!INLINE_TAGS.has(child.tagName)) return true;
  }
  return false;
}

/** The text of `el`'s own text nodes (not its children's), joined. */
function readOwnText(el: Element): string {
  let text = '';
  for (let node = firstChildOf(el); node; node = nextSiblingOf(node)) {
    if (node.nodeType === 3) text += (node as Text).data;
  }
  return text;
}

/**
 * Whether `el`'s text content holds a letter or digit: its text built once is searched, else its
 * text nodes are read up to the first letter (a long block ends the search early).
 */
function holdsLetter(el: Element, search: EndSearch): boolean {
  const text = search.texts.get(el);
  if (text !== undefined) return LETTER.test(text);
  return findTextNode(el, (data) => LETTER.test(data));
}
