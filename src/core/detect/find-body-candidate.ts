import { findCommentThreadSteps } from './find-comment-thread';
import { getClassWeight, isUnlikelyCandidate } from './is-boilerplate';
import { isHidden } from './is-hidden';
import { measureText } from './measure-text';
import { nextElementOutside } from './next-element-outside';
import {
  firstChildOf,
  firstElementChildOf,
  nextElementSiblingOf,
  nextSiblingOf,
  parentElementOf,
} from '../page-tree';
import { drain } from '../run-in-slices';
import {
  ANCESTOR_DIVIDERS,
  MAX_COMMENT_LABELS_NOTED,
  scanPageSteps,
  type PageScan,
  type Paragraph,
} from './scan-page';

/** Where the body of a page most likely is, with the figures the article decision needs. */
export interface BodyCandidate {
  /** The element that scored highest as the body's container (Readability's top candidate). */
  body: Element;
  /** `body` and the siblings joined to it, in document order: the whole body. */
  parts: Element[];
  /** Paragraph characters outside links in `parts`. */
  bodyChars: number;
  /** Of `bodyChars`, those of scripts where a character says as much as a short word (Han, kana). */
  bodyDenseChars: number;
  /** Paragraph characters outside links of the whole page. */
  pageChars: number;
  /** The page's paragraphs that lie in `parts`, without those of unlikely blocks when `likelyOnly`. */
  bodyParagraphs: Paragraph[];
  /** Headings in `parts` that link to other pages: teasers, when the text between them is short. */
  bodyTeasers: number;
  /** Paragraph characters outside links of the longest run of body paragraphs between two teasers. */
  longestRunChars: number;
  /** The body was found without the paragraphs of unlikely blocks (comments, sidebars), which then count nowhere. */
  likelyOnly: boolean;
  /** The figures of the page walk. */
  scan: PageScan;
  /** `body` is, or lies in, an `<article>` element. */
  isInArticleElement: boolean;
  /** `body` is, or lies in, an element marked `itemprop="articleBody"`. */
  isInArticleBody: boolean;
  /** The microdata `itemtype` of the nearest item `body` lies in, or null. */
  itemType: string | null;
}

/** Top candidates compared when several of similar score may be parts of one body. */
const TOP_CANDIDATES = 5;
/** Body characters below which the unlikely blocks are searched too (Readability's 500). */
const MIN_LIKELY_BODY_CHARS = 500;
/**
 * How many times the likely body's text the unlikely blocks must hold, and the body found among
 * them, before it may be the story the likely body missed.
 */
const HIDDEN_STORY_SHARE = 2;
/** Candidates scoring this share of the top one count as its rivals. */
const RIVAL_SCORE_SHARE = 0.75;
/** Rivals sharing an ancestor that make the ancestor the body (a body split into sections). */
const MIN_RIVALS_SHARING = 3;
/** Levels above the top candidate searched for the sections of one story (the top's, a rival's). */
const MAX_SECTION_LEVELS = 2;
/** A sibling joins the body when it scores this share of the body's score, and at least the minimum. */
const SIBLING_SCORE_SHARE = 0.2;
const MIN_SIBLING_SCORE = 10;
/** A sibling paragraph joins the body from this many characters when its links stay under the density. */
const SIBLING_PARAGRAPH_CHARS = 80;
const MAX_SIBLING_LINK_DENSITY = 0.25;
/** Paragraph characters after a heading linking elsewhere from which the run is a whole entry, not a summary. */
export const MIN_ENTRY_CHARS = 600;
/** Blocks that, holding a single paragraph, count as that paragraph. */
const WRAPPER_TAGS = new Set(['DIV', 'SECTION']);

/** Readability's starting score of a candidate by tag. */
const TAG_SCORES: Record<string, number> = {
  DIV: 5,
  PRE: 3,
  TD: 3,
  BLOCKQUOTE: 3,
  ADDRESS: -3,
  OL: -3,
  UL: -3,
  DL: -3,
  DD: -3,
  DT: -3,
  LI: -3,
  FORM: -3,
  H1: -5,
  H2: -5,
  H3: -5,
  H4: -5,
  H5: -5,
  H6: -5,
  TH: -5,
};

/**
 * Finds the body of `doc` as Readability does, in one walk of the page: scores every paragraph into
 * its ancestors, weighs each candidate by tag, class and link density, moves up to a common
 * ancestor when several top candidates are parts of one body, and joins the siblings that score
 * well or are clean paragraphs. Returns null when the page has no paragraph at all.
 * `addresses` are the page's own, as {@link scanPage} takes them.
 */
export function findBodyCandidate(
  doc: Document,
  addresses?: readonly string[],
): BodyCandidate | null {
  return drain(findBodyCandidateSteps(doc, addresses));
}

/** {@link findBodyCandidate} in steps: pauses during the page walk, as {@link scanPageSteps} does. */
export function* findBodyCandidateSteps(
  doc: Document,
  addresses?: readonly string[],
): Generator<void, BodyCandidate | null> {
  const root = doc.body ?? doc.documentElement;
  if (!root) return null;
  let scan = yield* scanPageSteps(root, addresses);
  yield;
  if (scan.paragraphs.length === 0) return null;
  let likely = yield* findBody(scan, scan.likelyScores, root);
  // Readers' comments marked up as plainly as the story score as its text: they are left out as
  // Readability leaves out those a class names, and the body is sought again. Only a body with a
  // text that may label them is searched (most pages have none), or a page with too many to look.
  const mayHoldThread =
    scan.commentLabels.length >= MAX_COMMENT_LABELS_NOTED ||
    holdsAny(likely.parts, scan.commentLabels);
  const thread = mayHoldThread ? yield* findCommentThreadSteps(likely.parts) : [];
  if (thread.length > 0) {
    scan = yield* leaveOutThread(scan, thread);
    likely = yield* findBody(scan, scan.likelyScores, root);
  }
  // Readability's second try: a body too short without the unlikely blocks is sought among all;
  // so is one that far more unlikely text may have left out (a story under a furniture class).
  const isShort = likely.bodyChars < MIN_LIKELY_BODY_CHARS;
  if (!isShort && unlikelyChars(scan) < HIDDEN_STORY_SHARE * likely.bodyChars) return likely;
  yield;
  const any = yield* findBody(scan, scan.scores, root);
  if (isShort) return any.bodyChars > likely.bodyChars ? any : likely;
  return isStoryBeforeBody(any, likely) ? any : likely;
}

/** Whether one of `nodes` lies inside one of `parts`. */
function holdsAny(parts: readonly Element[], nodes: readonly Node[]): boolean {
  return nodes.some((node) => parts.some((part) => part.contains(node)));
}

/**
 * `scan` with the paragraphs inside `thread` (readers' comments) marked unlikely and their credit
 * taken back from their ancestors' scores, in both searches.
 */
function* leaveOutThread(scan: PageScan, thread: readonly Element[]): Generator<void, PageScan> {
  const threadSet = new Set(thread);
  const isInThread = makeAncestorTest((el) => (threadSet.has(el) ? true : undefined));
  const scores = new Map(scan.scores);
  const likelyScores = new Map(scan.likelyScores);
  const paragraphs: Paragraph[] = [];
  for (const [index, paragraph] of scan.paragraphs.entries()) {
    if (index % ITEMS_PER_STEP === ITEMS_PER_STEP - 1) yield;
    if (!isInThread(paragraph.el)) {
      paragraphs.push(paragraph);
      continue;
    }
    takeBackCredit(scores, paragraph);
    if (!paragraph.isUnlikely) takeBackCredit(likelyScores, paragraph);
    paragraphs.push({ ...paragraph, isUnlikely: true });
  }
  return { ...scan, paragraphs, scores, likelyScores };
}

/** Takes `paragraph`'s score out of its ancestors' in `scores`, dropping those it alone credited. */
function takeBackCredit(scores: Map<Element, number>, paragraph: Paragraph): void {
  let el: Element | null = paragraph.scoredFrom;
  for (const divider of ANCESTOR_DIVIDERS) {
    const parent: Element | null = el && parentElementOf(el);
    if (!el || !parent) break;
    const score = (scores.get(el) ?? 0) - paragraph.score / divider;
    // A rounding error's worth is what remains of a score this paragraph alone made.
    if (score > 1e-9) scores.set(el, score);
    else scores.delete(el);
    el = parent;
  }
}

/** Paragraph characters outside links in the page's unlikely blocks. */
function unlikelyChars(scan: PageScan): number {
  let chars = 0;
  for (const paragraph of scan.paragraphs) {
    if (paragraph.isUnlikely) chars += paragraph.chars - paragraph.linkChars;
  }
  return chars;
}

/**
 * Whether `any`, found among all blocks, is the story that `likely` missed: a story block whose
 * class reads as unlikely (`container-banners`) leaves the comments after it as the likely body.
 * It is, when it holds several times the text and ends before the likely body's first paragraph,
 * as a story does before its readers' comments (a comment thread or sidebar after the story does not).
 */
function isStoryBeforeBody(any: BodyCandidate, likely: BodyCandidate): boolean {
  const first = likely.bodyParagraphs[0];
  if (!first || any.bodyChars < HIDDEN_STORY_SHARE * likely.bodyChars) return false;
  const position = any.body.compareDocumentPosition(first.el);
  return (position & FOLLOWING) !== 0 && (position & CONTAINED_BY) === 0;
}

const FOLLOWING = 4;
const CONTAINED_BY = 16;

/**
 * Candidates weighed, or paragraphs placed, between two pauses of {@link findBody}: a heavy page
 * has thousands of each, and a step should stay near a millisecond (see `NODES_PER_STEP`).
 */
const ITEMS_PER_STEP = 200;

function* findBody(
  scan: PageScan,
  rawScores: ReadonlyMap<Element, number>,
  root: Element,
): Generator<void, BodyCandidate> {
  const scores = yield* finalScores(scan, rawScores);
  yield;
  const ranked = highestScores(scores, TOP_CANDIDATES);
  let body = ranked[0]?.[0] ?? root;
  // Nested sections credit the root with all the text they hold: it is the body only when no
  // block inside it comes close (a feed of stories beside the article lifts it too).
  const inner = ranked.find(([el]) => el !== root);
  if (body === root && inner && inner[1] >= RIVAL_SCORE_SHARE * ranked[0]![1]) body = inner[0];
  if (body !== root) body = climbToBody(body, ranked, scores, root);
  // A row holds its text in its cells, and nothing may be placed between them: its best cell is
  // the body (its other cells may join it), else the toolbar would go after the whole table.
  if (body.tagName === 'TR') body = bestCell(body, scores) ?? body;
  const parts = body === root ? [root] : joinSiblings(body, scores);
  const likelyOnly = rawScores === scan.likelyScores;
  let bodyChars = 0;
  let bodyDenseChars = 0;
  let pageChars = 0;
  const bodyParagraphs: Paragraph[] = [];
  const partSet = new Set(parts);
  const parent = body === root ? null : parentElementOf(body);
  const isInParts =
    parent === null
      ? () => true
      : makeAncestorTest((el) => (partSet.has(el) ? true : el === parent ? false : undefined));
  // Paragraph indexes at which a teaser (a heading or title linking elsewhere) of the body starts a new run.
  const runStarts = new Set<number>();
  for (const { el, paragraphsBefore } of [...scan.linkedHeadings, ...scan.linkedTitles]) {
    if (isInParts(el)) runStarts.add(paragraphsBefore);
  }
  let run = 0;
  let longestRunChars = 0;
  for (const [index, paragraph] of scan.paragraphs.entries()) {
    if (index % ITEMS_PER_STEP === ITEMS_PER_STEP - 1) yield;
    if (runStarts.has(index)) run = 0;
    if (paragraph.isUnlikely && likelyOnly) continue;
    const chars = paragraph.chars - paragraph.linkChars;
    pageChars += chars;
    if (isInParts(paragraph.el)) {
      bodyChars += chars;
      bodyDenseChars += Math.min(paragraph.denseChars, chars);
      bodyParagraphs.push(paragraph);
      run += chars;
      longestRunChars = Math.max(longestRunChars, run);
    }
  }
  let isInArticleElement = false;
  let isInArticleBody = false;
  let itemType: string | null = null;
  for (let el: Element | null = body; el; el = parentElementOf(el)) {
    if (el.tagName === 'ARTICLE') isInArticleElement = true;
    if (/\barticleBody\b/.test(el.getAttribute('itemprop') ?? '')) isInArticleBody = true;
    itemType ??= el.getAttribute('itemtype');
  }
  return {
    body,
    parts,
    bodyChars,
    bodyDenseChars,
    pageChars,
    bodyParagraphs,
    bodyTeasers: runStarts.size,
    longestRunChars,
    likelyOnly,
    scan,
    isInArticleElement,
    isInArticleBody,
    itemType,
  };
}

/** Each candidate's score: tag and class weight plus paragraph credit, scaled by its link density. */
function* finalScores(
  scan: PageScan,
  rawScores: ReadonlyMap<Element, number>,
): Generator<void, Map<Element, number>> {
  const scores = new Map<Element, number>();
  for (const [el, credit] of rawScores) {
    if (scores.size % ITEMS_PER_STEP === ITEMS_PER_STEP - 1) yield;
    const totals = scan.totals.get(el);
    const linkDensity = totals && totals.chars > 0 ? totals.linkChars / totals.chars : 0;
    const base = (TAG_SCORES[el.tagName] ?? 0) + getClassWeight(el);
    scores.set(el, (base + credit) * (1 - linkDensity));
  }
  return scores;
}

/**
 * The `count` highest of `scores`, highest first, ties in the map's order (as a stable sort gives
 * them): kept in a short list, where sorting would order every candidate.
 */
function highestScores(scores: ReadonlyMap<Element, number>, count: number): [Element, number][] {
  const top: [Element, number][] = [];
  for (const entry of scores) {
    if (top.length === count && entry[1] <= top[count - 1]![1]) continue;
    let at = top.length;
    while (at > 0 && top[at - 1]![1] < entry[1]) at--;
    top.splice(at, 0, entry);
    if (top.length > count) top.pop();
  }
  return top;
}

/**
 * Readability's moves from the top candidate: to the ancestor shared by several close rivals, up
 * while the parent scores higher, and up through wrappers that hold nothing else.
 */
function climbToBody(
  top: Element,
  ranked: [Element, number][],
  scores: ReadonlyMap<Element, number>,
  root: Element,
): Element {
  let body = top;
  const topScore = scores.get(top) ?? 0;
  const rivals = ranked
    .slice(1)
    .filter(([, score]) => score / topScore >= RIVAL_SCORE_SHARE)
    .map(([el]) => el);
  if (rivals.length >= MIN_RIVALS_SHARING) {
    for (
      let parent = parentElementOf(body);
      parent && parent !== root;
      parent = parentElementOf(parent)
    ) {
      let sharing = 0;
      for (const rival of rivals) if (parent.contains(rival)) sharing++;
      if (sharing >= MIN_RIVALS_SHARING) {
        body = parent;
        break;
      }
    }
  }
  if (body === top) body = parentOfSections(top, rivals, root) ?? top;
  let lastScore = scores.get(body) ?? 0;
  const threshold = lastScore / 3;
  for (
    let parent = parentElementOf(body);
    parent && parent !== root;
    parent = parentElementOf(parent)
  ) {
    const score = scores.get(parent);
    if (score === undefined) continue;
    if (score < threshold) break;
    if (score > lastScore) {
      body = parent;
      break;
    }
    lastScore = score;
  }
  for (
    let parent = parentElementOf(body);
    parent && parent !== root;
    parent = parentElementOf(parent)
  ) {
    if (onlyElementChild(parent) === null) break;
    body = parent;
  }
  return body;
}

/**
 * The parent of the story's sections, when `top` is or lies in one and a rival lies in a sibling of
 * the same tag and class (a `div.section` per subheading): Readability's rule wants three rivals,
 * but a story of two or three sections has one or two. Not stories loaded one below another (an
 * `<article>` each, or a headline each). Null when none is found within
 * {@link MAX_SECTION_LEVELS} of `top`.
 */
function parentOfSections(top: Element, rivals: readonly Element[], root: Element): Element | null {
  const apart = rivals.filter((rival) => !rival.contains(top) && !top.contains(rival));
  let section = top;
  for (let level = 0; level < MAX_SECTION_LEVELS && apart.length > 0; level++) {
    const parent = parentElementOf(section);
    if (!parent || parent === root) return null;
    const inParent = apart.filter((rival) => parent.contains(rival));
    if (inParent.length > 0) {
      const name = section.getAttribute('class');
      const isSection = (child: Element): boolean =>
        child.tagName === section.tagName &&
        child.getAttribute('class') === name &&
        !isWholeStory(child);
      return name &&
        !isWholeStory(section) &&
        inParent.some((rival) => isSection(childHolding(parent, rival)))
        ? parent
        : null;
    }
    section = parent;
  }
  return null;
}

/** Whether `el` is a story of its own (the next one loaded below it), not a section of one. */
function isWholeStory(el: Element): boolean {
  return el.tagName === 'ARTICLE' || el.querySelector('h1') !== null;
}

/** The child of `parent` that is or holds `node`, a descendant of `parent`. */
function childHolding(parent: Element, node: Element): Element {
  let child = node;
  for (let up = parentElementOf(child); up && up !== parent; up = parentElementOf(up)) child = up;
  return child;
}

/** The cell of `row` that scores highest, or null when none scored. */
function bestCell(row: Element, scores: ReadonlyMap<Element, number>): Element | null {
  let best: Element | null = null;
  let bestScore = -Infinity;
  for (let cell = firstElementChildOf(row); cell; cell = nextElementSiblingOf(cell)) {
    const score = scores.get(cell);
    if (score !== undefined && score > bestScore) {
      best = cell;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The one element child of `el`, or null when it has none or several. Cheaper than
 * `childElementCount`, which jsdom counts by building a `children` collection.
 */
function onlyElementChild(el: Element): Element | null {
  const first = firstElementChildOf(el);
  return first && nextElementSiblingOf(first) === null ? first : null;
}

/**
 * Where the body would be one entry among others: the container of the nearest `<article>` or
 * repeated block (an element sharing its tag and class with a sibling) it is or lies in, else its parent.
 */
function findEntryList(body: Element, isRepeatedBlock: (el: Element) => boolean): Element {
  const root = body.ownerDocument.body ?? body.ownerDocument.documentElement;
  for (let el: Element | null = body; el && el !== root; el = parentElementOf(el)) {
    if (el.tagName === 'ARTICLE' || isRepeatedBlock(el)) return parentElementOf(el) ?? root;
  }
  return parentElementOf(body) ?? root;
}

/** Siblings compared one by one; a parent with more children is read once into counts. */
const MAX_SIBLINGS_COMPARED = 8;

/**
 * A test of whether a sibling of an element shares its tag and first class: posts and teasers down
 * a list do (`post bg1`, `post bg2`). A long list's children are read once, however many of them
 * are asked about.
 */
function makeRepeatedBlockTest(): (el: Element) => boolean {
  const keysByParent = new Map<Element, Map<string, number>>();
  return (el) => {
    const name = firstClass(el);
    const parent = parentElementOf(el);
    if (!name || !parent) return false;
    let keys = keysByParent.get(parent);
    if (!keys) {
      let sibling = firstElementChildOf(parent);
      for (let compared = 0; sibling && compared < MAX_SIBLINGS_COMPARED; compared++) {
        if (sibling !== el && sibling.tagName === el.tagName && firstClass(sibling) === name) {
          return true;
        }
        sibling = nextElementSiblingOf(sibling);
      }
      if (!sibling) return false;
      keys = new Map();
      for (let child = firstElementChildOf(parent); child; child = nextElementSiblingOf(child)) {
        const childName = firstClass(child);
        if (!childName) continue;
        const key = `${child.tagName} ${childName}`;
        keys.set(key, (keys.get(key) ?? 0) + 1);
      }
      keysByParent.set(parent, keys);
    }
    return (keys.get(`${el.tagName} ${name}`) ?? 0) > 1;
  };
}

/** The first word of `el`'s class, or undefined when it has none. */
function firstClass(el: Element): string | undefined {
  const className = el.getAttribute('class');
  return className === null ? undefined : FIRST_WORD.exec(className)?.[0];
}

const FIRST_WORD = /\S+/;

/**
 * Links to a member's profile: a path segment or script naming a user or member (`/u/name`,
 * `/users/name`, `/members/name.12/`, `member.php?u=`), a `/profile/` path, or a query asking for
 * a profile.
 */
const PROFILE_LINK =
  /(?:^|\/)(?:u|users?|members?|memberlist\.php|member\.php)(?:[/?.]|$)|\/profile\/[^/?#\s]|[?&;](?:mode=viewprofile|action=profile|showuser=)/i;

/**
 * Whether at least `count` repeated blocks in the body's entry list hold paragraphs and a link to
 * a member's profile: the signed posts of a forum thread.
 */
export function hasSignedPosts({ scan, body, likelyOnly }: BodyCandidate, count: number): boolean {
  const isRepeatedBlock = makeRepeatedBlockTest();
  const scope = findEntryList(body, isRepeatedBlock);
  const posts = new Set<Element>();
  const checked = new Set<Element>();
  for (const paragraph of scan.paragraphs) {
    if ((paragraph.isUnlikely && likelyOnly) || !scope.contains(paragraph.el)) continue;
    for (let el = parentElementOf(paragraph.el); el && el !== scope; el = parentElementOf(el)) {
      if (checked.has(el)) break;
      checked.add(el);
      if (isRepeatedBlock(el)) {
        posts.add(el);
        break;
      }
    }
  }
  if (posts.size < count) return false;
  let signed = 0;
  for (const post of posts) {
    if (hasProfileLink(post) && ++signed === count) return true;
  }
  return false;
}

/** Whether `post` holds a link to a member's profile. */
function hasProfileLink(post: Element): boolean {
  // An index loop: iterating a live collection with for…of is several times slower in jsdom.
  const links = post.getElementsByTagName('a');
  for (let i = 0, count = links.length; i < count; i++) {
    if (PROFILE_LINK.test(links[i]!.getAttribute('href') ?? '')) return true;
  }
  return false;
}

/**
 * In the body's entry list (so the body may be one of the entries): the paragraph characters
 * outside links before its first teaser heading (all of them without one), and the teaser
 * headings there that lead a run of at least {@link MIN_ENTRY_CHARS}, whole posts.
 */
export function countEntries({ scan, body, likelyOnly }: BodyCandidate): {
  leadChars: number;
  entries: number;
} {
  const scope = findEntryList(body, makeRepeatedBlockTest());
  const runStarts = new Set<number>();
  for (const { el, paragraphsBefore } of scan.linkedHeadings) {
    if (scope.contains(el)) runStarts.add(paragraphsBefore);
  }
  let leadChars = 0;
  let entries = 0;
  let run = 0;
  let isEntryRun = false;
  scan.paragraphs.forEach((paragraph, index) => {
    if (runStarts.has(index)) {
      if (isEntryRun && run >= MIN_ENTRY_CHARS) entries++;
      run = 0;
      isEntryRun = true;
    }
    if ((paragraph.isUnlikely && likelyOnly) || !scope.contains(paragraph.el)) return;
    const chars = paragraph.chars - paragraph.linkChars;
    run += chars;
    if (!isEntryRun) leadChars += chars;
  });
  if (isEntryRun && run >= MIN_ENTRY_CHARS) entries++;
  return { leadChars, entries };
}

/** `body` and its siblings that score near it or are clean paragraphs (Readability's rule). */
function joinSiblings(body: Element, scores: ReadonlyMap<Element, number>): Element[] {
  const parent = parentElementOf(body);
  if (!parent) return [body];
  const bodyScore = scores.get(body) ?? 0;
  const threshold = Math.max(MIN_SIBLING_SCORE, bodyScore * SIBLING_SCORE_SHARE);
  const bodyClass = body.getAttribute('class') ?? '';
  const parts: Element[] = [];
  for (
    let sibling = firstElementChildOf(parent);
    sibling;
    sibling = nextElementSiblingOf(sibling)
  ) {
    if (sibling === body) {
      parts.push(sibling);
      continue;
    }
    const score = scores.get(sibling);
    if (score !== undefined) {
      const bonus =
        bodyClass !== '' && sibling.getAttribute('class') === bodyClass
          ? bodyScore * SIBLING_SCORE_SHARE
          : 0;
      if (score + bonus >= threshold) {
        parts.push(sibling);
        continue;
      }
    }
    const paragraph = unwrapParagraph(sibling);
    if (paragraph && isCleanParagraph(paragraph)) parts.push(sibling);
  }
  return parts;
}

/** `el` if it is a `<p>`, or the `<p>` that a chain of single-child wrappers holds (Readability unwraps them). */
function unwrapParagraph(el: Element): Element | null {
  let node = el;
  while (node.tagName !== 'P') {
    const child = WRAPPER_TAGS.has(node.tagName) ? onlyElementChild(node) : null;
    if (!child || hasOwnText(node)) return null;
    node = child;
  }
  return node;
}

function hasOwnText(el: Element): boolean {
  for (let node = firstChildOf(el); node; node = nextSiblingOf(node)) {
    if (node.nodeType === 3 && /\S/.test((node as Text).data)) return true;
  }
  return false;
}

function isCleanParagraph(p: Element): boolean {
  if (isHidden(p) || isUnlikelyCandidate(p)) return false;
  const { chars, linkChars } = measureText(p);
  if (chars === 0) return false;
  const linkDensity = linkChars / chars;
  if (chars > SIBLING_PARAGRAPH_CHARS) return linkDensity < MAX_SIBLING_LINK_DENSITY;
  return linkDensity === 0 && /\.( |$)/.test(p.textContent ?? '');
}

/**
 * A test of whether an element lies in some part of the page, for many elements of one page: the
 * nearest ancestor (or the element itself) that `decide` settles gives the answer, false when none
 * does. Each element climbed through keeps the answer, so paragraphs sharing ancestors climb them once.
 */
function makeAncestorTest(decide: (el: Element) => boolean | undefined): (el: Element) => boolean {
  const known = new Map<Element, boolean>();
  const path: Element[] = [];
  return (el) => {
    let answer = false;
    for (let node: Element | null = el; node; node = parentElementOf(node)) {
      const settled = known.get(node) ?? decide(node);
      if (settled !== undefined) {
        answer = settled;
        break;
      }
      path.push(node);
    }
    for (const node of path) known.set(node, answer);
    path.length = 0;
    return answer;
  };
}

/** The body with what sits beside it (title, byline, media): its `<article>`, else its parent. */
export function storyOf({ body }: BodyCandidate): Element {
  // A climb, not `closest('article')`: jsdom matches a selector many times slower.
  for (let el: Element | null = body; el; el = parentElementOf(el)) {
    if (el.localName === 'article') return el;
  }
  return parentElementOf(body) ?? body;
}

/**
 * Whether the story holds a `<time>`: a byline's date, which sits in the article's header beside
 * the body rather than in it, and which the head may not repeat.
 */
export function storyHasTime(candidate: BodyCandidate): boolean {
  return readStoryMedia(candidate).hasTime;
}

/** Whether the story holds an audio or video player. */
export function storyHasPlayer(candidate: BodyCandidate): boolean {
  return readStoryMedia(candidate).hasPlayer;
}

interface StoryMedia {
  hasTime: boolean;
  hasPlayer: boolean;
}

/**
 * What {@link storyHasTime} and {@link storyHasPlayer} ask, found in one walk of the story that
 * stops once both are: a lookup per tag walks it once each. Several tests ask; a candidate lives
 * for one detection.
 */
function readStoryMedia(candidate: BodyCandidate): StoryMedia {
  let media = mediaOfStories.get(candidate);
  if (media === undefined) {
    media = { hasTime: false, hasPlayer: false };
    const story = storyOf(candidate);
    let node = firstElementChildOf(story);
    while (node && !(media.hasTime && media.hasPlayer)) {
      const name = node.localName;
      if (name === 'time') media.hasTime = true;
      else if (name === 'video' || name === 'audio') media.hasPlayer = true;
      node = firstElementChildOf(node) ?? nextElementOutside(node, story);
    }
    mediaOfStories.set(candidate, media);
  }
  return media;
}

const mediaOfStories = new WeakMap<BodyCandidate, StoryMedia>();

const SUBHEADINGS = new Set(['h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * The subheadings (`<h2>`–`<h6>`) inside the body's parts. Several signals read them: one walk of
 * the parts finds all five tags, where a tag lookup walks them once per tag.
 */
export function bodySubheadings(candidate: BodyCandidate): readonly Element[] {
  let headings = subheadingsOfBodies.get(candidate);
  if (headings === undefined) {
    headings = [];
    for (const part of candidate.parts) {
      let node = firstElementChildOf(part);
      while (node) {
        if (SUBHEADINGS.has(node.localName)) headings.push(node);
        node = firstElementChildOf(node) ?? nextElementOutside(node, part);
      }
    }
    subheadingsOfBodies.set(candidate, headings);
  }
  return headings;
}

const subheadingsOfBodies = new WeakMap<BodyCandidate, Element[]>();
