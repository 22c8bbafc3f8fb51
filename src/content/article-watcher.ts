import { isSamePage, normalizeArticleUrl, withoutAnchor } from '../core/article-url';
import type { ArticleDetection } from '../core/detect-article';
import { isEditableContent } from '../core/editable-content';
import { runInSlices, type SliceHost } from '../core/run-in-slices';
import { reportWork } from './bench-marks';
import { nextElementSiblingOf, parentNodeOf } from '../core/page-tree';

/** The element the content script places in pages; mutations inside it are never the page's. */
export const TOOLBAR_HOST_TAG = 'moodmark-toolbar';
/** Longest a detection waits for the page to be idle before it starts anyway. */
export const IDLE_TIMEOUT_MS = 1000;
/** Quiet time after the first mutation seen before the page is looked at again. */
export const DETECT_DEBOUNCE_MS = 200;
/**
 * Wait after a detection that found no article before the next one; doubled after each further
 * one, up to {@link MAX_REARM_DELAY_MS}. A page that keeps mutating without ever showing an
 * article (a live ticker) is detected on a handful of times, not every few frames.
 */
export const REARM_DELAY_MS = 250;
/** Longest wait between two detections while a late-rendered article is awaited. */
export const MAX_REARM_DELAY_MS = 4000;
/**
 * How long after a page (or navigation) starts a late-rendered article is waited for: time the
 * page spends hidden does not count (a story opened in a background tab, read much later).
 */
export const WATCH_LIMIT_MS = 15_000;
/** Detections run at most this many times per page while waiting for an article. */
export const MAX_DETECTIONS_PER_PAGE = 40;
/**
 * Detection work a page gets in all while an article is awaited (from its start or a navigation).
 * A page that keeps growing without one (an endless feed, a ticker) is walked again and again,
 * each walk longer: past this it is no longer watched.
 */
export const WATCH_WORK_BUDGET_MS = 250;
/** Wait after an SPA navigation before detecting, so the new page's content can replace the old. */
export const NAVIGATION_SETTLE_MS = 300;
/**
 * How long after the reader left an article for another address the last article, still in the
 * page as it was, is taken for left behind, not for the next one: an app fetching the next story
 * shows the last until it has it. Past this, it is the article at the new address.
 */
export const NEXT_ARTICLE_WAIT_MS = 5000;
/**
 * When the page is checked again after a click (ms after it). Its address: an app that loads the
 * next article before it pushes its address does so late, and without the Navigation API no
 * event tells of it (there, after a key too). After the reader's own click, also its article,
 * where the watch is over and none is shown: a consent wall lets the article in once the reader
 * accepts, often past the watch.
 */
export const CHECKS_AFTER_CLICK_MS = [NAVIGATION_SETTLE_MS, 1000, 3000] as const;
/**
 * How many times per page the toolbar is re-placed after the page removed it within
 * {@link MIN_TOOLBAR_LIFE_MS} of its placing: such a page fights it (deletes what it does not
 * know), and wins. A toolbar that lived longer was taken with the page's own nodes (a live story
 * rendering itself anew every half minute) and is always re-placed.
 */
export const MAX_REPLACEMENTS = 3;
/** A toolbar the page removes sooner after its placing counts against {@link MAX_REPLACEMENTS}. */
export const MIN_TOOLBAR_LIFE_MS = 10_000;
/**
 * How many times a placement that failed (toolbar.js did not load: the background refused or did
 * not answer `toolbarWanted`, each try already retried by callBackground) is tried again, so a
 * static page is not left without a toolbar by one bad moment.
 */
export const MAX_PLACEMENT_RETRIES = 3;
/** Wait before a failed placement is tried again; doubled for each further try. */
export const PLACEMENT_RETRY_MS = 1000;
/**
 * How many times a look is tried again when the detector did not load (the background refused or
 * did not answer `detectorWanted`, each try already retried by callBackground): a static page is
 * not left without a toolbar by one bad moment.
 */
export const MAX_DETECTOR_LOAD_RETRIES = 3;
/** Wait before a look whose detector did not load is tried again; doubled for each further try. */
export const DETECTOR_LOAD_RETRY_MS = 1000;
/**
 * Most looks a minute that load the detector (the background runs detector.js for each): a page
 * that keeps renewing its watch (navigating by script, feigning the reader's input) is looked at
 * no more often; a look past it waits for the minute to free one.
 */
export const MAX_DETECTOR_LOADS_PER_MINUTE = 30;
const MINUTE_MS = 60_000;
/**
 * Keys that scroll the page or move focus: no reader navigates with them, and an address an app
 * changes after them is its own (a scroll spy naming the story scrolled to).
 */
const KEYS_THAT_STAY = new Set([
  'Tab',
  ' ',
  'PageDown',
  'PageUp',
  'ArrowDown',
  'ArrowUp',
  'Home',
  'End',
  'Shift',
  'Control',
  'Alt',
  'Meta',
]);

/** What the content script does when the article on the page changes. */
export interface ArticleWatcherCallbacks {
  /**
   * An article was found: at start, once it rendered late, after an SPA navigation, or again after
   * the page removed the toolbar. Place (or move) the toolbar right after `detection.anchor`
   * and load the state of `url`'s article, at once or in the promise returned. Toolbars removed
   * while this runs (until the promise settles) are not counted as removed by the page.
   */
  onArticle(detection: ArticleDetection, url: string): void | Promise<void>;
  /**
   * The page navigated to something that is not an article, or the reader moved on from the
   * article (the next one is then looked for): remove the toolbar.
   */
  onLost(): void;
  /**
   * The page changed around the toolbar, which is still in it: the page may have moved it, which
   * closes what the toolbar shows in the top layer (floating). Show it again if it should be.
   */
  onKept?(): void;
  /**
   * After the reader's click, the article grew past its toolbar (a "continue reading" button): move
   * the toolbar, the same one with its state, right after `detection.anchor`.
   */
  onGrown?(detection: ArticleDetection): void;
}

/** Detection as a generator that yields often, so it can run in slices. */
export type DetectSteps = (doc: Document) => Generator<unknown, ArticleDetection | null>;

export interface WatchArticleOptions {
  /**
   * The detector, for one detection: loaded afresh each time, so the page does not hold its code
   * between looks (load-detector.ts). A load that fails (the background did not answer) is tried
   * again {@link MAX_DETECTOR_LOAD_RETRIES} times, waiting longer each time.
   */
  loadDetector(): Promise<DetectSteps>;
  /** Seam for tests. Defaults to the window's clock and `scheduler.yield()` (else a task). */
  sliceHost?: SliceHost;
  /**
   * Seam for tests. Whether a click is the reader's, not the page script's: only those buy looks
   * at the page. Defaults to `event.isTrusted`.
   */
  isReaderInput?: (event: Event) => boolean;
}

/**
 * The page's address without an anchor: a move to `#comments` is no navigation, a hash-routed
 * app's move to another route (`#!/story/2`) is.
 */
function pageUrl(win: Window): string {
  return withoutAnchor(win.location.href);
}

type SchedulingWindow = Window & {
  scheduler?: { yield?: () => Promise<void> };
  navigation?: EventTarget;
};

/** The window's clock, and `scheduler.yield()` where the browser has it, else a task. */
function windowSliceHost(win: SchedulingWindow): SliceHost {
  const scheduler = win.scheduler;
  return {
    now: () => win.performance.now(),
    yieldToPage: scheduler?.yield
      ? () => scheduler.yield!()
      : () => new Promise((resolve) => win.setTimeout(resolve, 0)),
  };
}

/**
 * Finds the article of the page in `win` and keeps following it, at a cost the page does not feel:
 *
 * - detection starts when the page is idle (`requestIdleCallback`, else a task) and runs in
 *   slices of a few milliseconds that yield to the page, giving up past a work budget
 *   (core/run-in-slices); a page that once used up the budget is not detected on again until it
 *   navigates, nor is one whose detections, while an article is awaited, add up to
 *   {@link WATCH_WORK_BUDGET_MS};
 * - a mutation observer is armed only while something is awaited: a late-rendered article (the
 *   whole page, for at most {@link WATCH_LIMIT_MS} and {@link MAX_DETECTIONS_PER_PAGE} runs), or
 *   the toolbar's removal (the children of its ancestors only, so a page that keeps adding
 *   content elsewhere makes no records). Its first record only disarms it, and the page is looked at
 *   {@link DETECT_DEBOUNCE_MS} later; each detection that finds nothing waits longer before the
 *   next one;
 * - SPA navigations are noticed by the Navigation API where present, popstate, hashchange, a
 *   click (most app navigations follow one, some only once the next article has loaded: the
 *   address is checked again at each of {@link CHECKS_AFTER_CLICK_MS}; without the Navigation
 *   API, after a key as well: an app's shortcut to the next story, Enter on a card that is no
 *   link) and the armed observer (an app swaps its content); nothing polls;
 * - a navigation is the reader's when the reader clicked, pressed, hit a key (but one that only
 *   scrolls or moves focus; elsewhere than on the toolbar, which navigates nowhere) or went Back
 *   or Forward since the last one, and then renews the watch; any other, and an entry the
 *   Navigation API tells was replaced, is the app's own (a player writing `?t=`, a scroll spy),
 *   looked at only while the watch lasts, and where it leaves the toolbar's article as it was
 *   (its elements and their text), the toolbar stays with the address it was placed for; a click
 *   on the toolbar first follows an address changed without an event, so that it does not act
 *   for the last article under the next one; after the reader's navigation, the article they
 *   left, still shown as it was, is not taken for the next one for {@link NEXT_ARTICLE_WAIT_MS}
 *   (the app is fetching that);
 * - past the watch, a page without an article is looked at again after each of the reader's own
 *   (trusted) clicks, at each of {@link CHECKS_AFTER_CLICK_MS} the page changed before (a flag an
 *   observer sets once per detection), when idle, until one finds it: a
 *   consent wall lets the article in once the reader accepts; a page with a toolbar is looked at
 *   the same way after a click elsewhere than on it, and the toolbar moved once to the body's new
 *   end if the body grew past it ("continue reading"), unless the reader is on the toolbar;
 * - after the first look, nothing runs while the page is hidden: a hidden page that changed is
 *   looked at once it shows again, and the watch's clock stands still while it is hidden;
 * - a single toolbar is kept in the page, re-placed at most {@link MAX_REPLACEMENTS} times per
 *   page when the page removes it soon after its placing (always when it lived longer, taken
 *   with the page's own nodes), for the address it was placed at while its story's text is as it
 *   was; a placement that fails is tried again {@link MAX_PLACEMENT_RETRIES} times, waiting
 *   longer each time;
 * - a look whose detector did not load is tried again {@link MAX_DETECTOR_LOAD_RETRIES} times,
 *   waiting longer each time (in a hidden page, once it shows), even past the watch: the page was
 *   not looked at. The first look that loads it gets a whole run's budget. At most
 *   {@link MAX_DETECTOR_LOADS_PER_MINUTE} looks a minute load it.
 *
 * Pure DOM: no extension API. Returns a function that stops everything.
 */
export function watchArticle(
  win: Window,
  callbacks: ArticleWatcherCallbacks,
  options: WatchArticleOptions,
): () => void {
  const { loadDetector } = options;
  const sliceHost = options.sliceHost ?? windowSliceHost(win);
  const isReaderInput = options.isReaderInput ?? ((event: Event) => event.isTrusted);
  const doc = win.document;
  let url = pageUrl(win);
  /**
   * The reader clicked, pressed, hit a key or went Back since the address last changed to another
   * article's. Not a time window: an app may push its address long after the click, once the next
   * article has loaded.
   */
  let readerActed = false;
  /** The pending check of the address after the last click (or key). */
  let clickCheck: number | undefined;
  /**
   * The reader's last click may have let an article in, or more of it: this many of the checks
   * after it look for one, or for its new end. A key checks the address again, but buys no look:
   * typing in a search box whose suggestions change the page would walk it at every pause.
   */
  let readerLooksLeft = 0;
  /**
   * The page changed since the last detection or the toolbar's placing. A click's look at a page
   * that stayed as it was would find nothing new: most clicks (selecting text, a link opened in a
   * new tab) change nothing, and cost no detection.
   */
  let changedSinceDetection = true;
  let detection: ArticleDetection | null = null;
  /**
   * The text of the article (`detection.body`) when its toolbar was placed: an app that rewrites
   * a story in place into its next one keeps the elements, not their text.
   */
  let articleText: string | null = null;
  /** The address the toolbar's article was announced at (`onArticle`'s `url`). */
  let articleUrl = url;
  /**
   * The article the reader just navigated away from, its text and address as they were, until
   * when an article found with that text elsewhere is taken for it ({@link NEXT_ARTICLE_WAIT_MS}).
   */
  let leftBehind: { body: Element; text: string | null; at: string; until: number } | null = null;
  let host: Element | null = null;
  let replacements = 0;
  /** When the last placing finished (Date.now()). */
  let placedAt = 0;
  let detections = 0;
  let watchUntil = 0;
  /** When the page was hidden (Date.now()), while it is: the watch is made longer by as much. */
  let hiddenAt: number | undefined;
  /** A detection ran out of its work budget: the page is too heavy to watch until it navigates. */
  let exhausted = false;
  /** Loads of the detector that failed in a row. */
  let loadFailures = 0;
  /**
   * A look whose detector did not load is still owed to the page: its retry looks even past the
   * watch (a tab that waited hidden until then, a reader's click that let the article in).
   */
  let lookOwed = false;
  /** When the detector was loaded (Date.now()) within the last minute, oldest first. */
  const recentLoads: number[] = [];
  /** Detection work (slices' ms) spent since the article began to be awaited. */
  let watchWorkMs = 0;
  /** The detector has walked the page since the article began to be awaited (it loaded). */
  let walkedSinceWaiting = false;
  /** No detection for a late article before this time (Date.now()): the wait grows per failure. */
  let notBefore = 0;
  /** Counts announcements and navigations, so work that finishes late knows it is stale. */
  let generation = 0;
  /** True while the caller is still placing a toolbar (its onArticle promise is pending). */
  let placing = false;
  /** The detection in progress, if any; aborted when the page navigates or the watcher stops. */
  let running: { aborted: boolean } | null = null;
  /** A look at the page waits for the page to show again. */
  let deferred = false;
  /**
   * Whether each address change told while the page was hidden was an entry replaced (the app's
   * own, as {@link onNavigation}'s `replaced`); undefined where none was told.
   */
  let replacedWhileHidden: boolean | undefined;
  /** The page has been looked at once (at start). */
  let looked = false;
  let lookScheduled = false;
  let armed = false;
  let stopped = false;
  const timers = new Set<number>();
  let idleHandle: number | undefined;

  // The page's own constructor: a jsdom window or a content script's window in Firefox's sandbox.
  const Observer = (win as Window & typeof globalThis).MutationObserver;
  const observer = new Observer(() => {
    // All a mutation costs: the observer goes off until the page has been looked at.
    disarm();
    scheduleLook(DETECT_DEBOUNCE_MS);
  });

  const changeObserver = new Observer(() => {
    // All a change costs: the flag, and this observer goes off until the next detection.
    changedSinceDetection = true;
    changeObserver.disconnect();
  });

  /** Notes the page's next change in what the detector reads: elements, text, what hides them. */
  function watchForChange(): void {
    changedSinceDetection = false;
    changeObserver.disconnect();
    // The document, not its element: a page may replace the whole element (document.replaceChild).
    changeObserver.observe(doc, {
      childList: true,
      subtree: true,
      characterData: true,
      attributeFilter: ['hidden', 'style', 'contenteditable'],
    });
  }

  function arm(): void {
    if (armed || stopped) return;
    armed = true;
    const placed = detection && (host ?? detection.anchor);
    if (!placed?.isConnected) {
      // An editor closed (`contenteditable` taken off) lets the article have its toolbar again;
      // an app that keeps the last story's elements writes the next one into its text nodes.
      observer.observe(doc, {
        childList: true,
        subtree: true,
        characterData: true,
        attributeFilter: ['contenteditable'],
      });
      return;
    }
    // With an article shown, only the toolbar's removal (its own or an ancestor's), an app
    // swapping the content and an editor made of its text (a CMS's edit mode) matter: the
    // children and the `contenteditable` of its ancestors, not the rest of the page.
    for (let node = parentNodeOf(placed); node; node = parentNodeOf(node)) {
      observer.observe(node, { childList: true, attributeFilter: ['contenteditable'] });
    }
  }

  function disarm(): void {
    if (!armed) return;
    armed = false;
    observer.disconnect();
  }

  function later(callback: () => void, ms: number): number {
    const timer = win.setTimeout(() => {
      timers.delete(timer);
      if (!stopped) callback();
    }, ms);
    timers.add(timer);
    return timer;
  }

  function cancel(timer: number): void {
    win.clearTimeout(timer);
    timers.delete(timer);
  }

  /** Runs `callback` when the page is idle (at the latest after {@link IDLE_TIMEOUT_MS}). */
  function whenIdle(callback: () => void): void {
    if (typeof win.requestIdleCallback !== 'function') {
      later(callback, 0);
      return;
    }
    if (idleHandle !== undefined) win.cancelIdleCallback(idleHandle);
    idleHandle = win.requestIdleCallback(
      () => {
        idleHandle = undefined;
        if (!stopped) callback();
      },
      { timeout: IDLE_TIMEOUT_MS },
    );
  }

  function scheduleLook(ms: number): void {
    if (lookScheduled) return;
    lookScheduled = true;
    later(() => {
      lookScheduled = false;
      look();
    }, ms);
  }

  /**
   * The toolbar placed after the article's anchor; else the page's first element of its name. Not
   * that one first: a page may hold others before the article (markup pasted from a page that had
   * the toolbar, a hostile page's), and the watcher would follow them, not its own.
   */
  function findToolbar(): Element | null {
    let node = detection ? nextElementSiblingOf(detection.anchor) : null;
    for (; node; node = nextElementSiblingOf(node)) {
      if (node.localName === TOOLBAR_HOST_TAG) return node;
    }
    return doc.getElementsByTagName(TOOLBAR_HOST_TAG)[0] ?? null;
  }

  /** Keeps one toolbar in the page: the one placed last. */
  function removeExtraToolbars(): void {
    const toolbars = doc.getElementsByTagName(TOOLBAR_HOST_TAG);
    if (toolbars.length <= 1) return;
    const keep = host?.isConnected ? host : toolbars[toolbars.length - 1];
    for (const toolbar of [...toolbars]) if (toolbar !== keep) toolbar.remove();
  }

  function isWatching(): boolean {
    return (
      !exhausted &&
      Date.now() <= watchUntil &&
      detections < MAX_DETECTIONS_PER_PAGE &&
      watchWorkMs < WATCH_WORK_BUDGET_MS
    );
  }

  function startWaiting(): void {
    watchUntil = Date.now() + WATCH_LIMIT_MS;
    hiddenAt = doc.hidden ? Date.now() : undefined;
    detections = 0;
    watchWorkMs = 0;
    walkedSinceWaiting = false;
    // A page of its own: a failed load of its detector is tried again, as on the first.
    loadFailures = 0;
    notBefore = 0;
    exhausted = false;
  }

  /**
   * Detects in slices: the article, null (none, or the run gave up), or 'stale' (navigated).
   * `budgetMs` bounds the run's work (runInSlices' own budget when undefined).
   */
  async function detect(budgetMs?: number): Promise<ArticleDetection | null | 'stale'> {
    if (running) running.aborted = true;
    const signal = { aborted: false };
    running = signal;
    const current = generation;
    detections++;
    watchForChange();
    const isStale = () => signal.aborted || current !== generation || stopped;
    const now = Date.now();
    // Loads a minute old, or dated ahead of a clock set back since, free their place.
    const isRecent = (at: number) => at <= now && now - at < MINUTE_MS;
    while (recentLoads.length > 0 && !isRecent(recentLoads[0]!)) recentLoads.shift();
    if (recentLoads.length >= MAX_DETECTOR_LOADS_PER_MINUTE) {
      // Looked at once the minute frees a load.
      running = null;
      return oweLook(recentLoads[0]! + MINUTE_MS - now);
    }
    recentLoads.push(now);
    let detectSteps: DetectSteps;
    try {
      detectSteps = await loadDetector();
      loadFailures = 0;
      lookOwed = false;
    } catch {
      if (running === signal) running = null;
      if (isStale()) return 'stale';
      if (loadFailures < MAX_DETECTOR_LOAD_RETRIES) {
        return oweLook(DETECTOR_LOAD_RETRY_MS * 2 ** loadFailures++);
      }
      // Given up on: the page's changes since the last look are still unseen.
      changedSinceDetection = true;
      lookOwed = false;
      return null;
    }
    if (isStale()) {
      if (running === signal) running = null;
      return 'stale';
    }
    walkedSinceWaiting = true;
    let result: Awaited<ReturnType<typeof runInSlices<ArticleDetection | null>>>;
    try {
      result = await runInSlices(detectSteps(doc), sliceHost, {
        signal,
        budgetMs,
        onSlice(start, _end, counted) {
          watchWorkMs += counted;
          if (__BENCH_MARKS__) reportWork('slice', start);
        },
      });
    } catch {
      // A page the detector cannot read (it threw): no article, and no more looks until it
      // navigates. Nothing reaches the page's console.
      result = { finished: false, reason: 'budget' };
    } finally {
      if (running === signal) running = null;
    }
    if (isStale()) return 'stale';
    if (!result.finished) {
      exhausted ||= result.reason === 'budget';
      return null;
    }
    // The page changed under a sliced detection and took the body away: look again shortly.
    if (result.value && !result.value.anchor.isConnected) {
      scheduleLook(DETECT_DEBOUNCE_MS);
      return 'stale';
    }
    return result.value;
  }

  /**
   * A look that did not happen (its detector not loaded) is made after `delayMs`, even past the
   * watch. Returns what the look found: nothing yet.
   */
  function oweLook(delayMs: number): null {
    // The page's changes since the last look are still unseen.
    changedSinceDetection = true;
    lookOwed = true;
    scheduleLook(delayMs);
    return null;
  }

  /** Looks for a late article: announces it, or waits longer before the next look. */
  async function detectLateArticle(): Promise<void> {
    // The first walk gets a whole run's budget; later ones only what is left of the watch's.
    const workBefore = watchWorkMs;
    const found = await detect(
      walkedSinceWaiting ? Math.max(0, WATCH_WORK_BUDGET_MS - watchWorkMs) : undefined,
    );
    if (found === 'stale') return;
    if (found && !isLeftBehind(found)) {
      announce(found);
      return;
    }
    if (found) spareLeftBehindWalk(workBefore);
    notBefore = Date.now() + Math.min(MAX_REARM_DELAY_MS, REARM_DELAY_MS * 2 ** (detections - 1));
    // The observer went off while the detection ran: the page changed under it.
    if (!armed) scheduleLook(notBefore - Date.now());
  }

  /** Tells the caller of the article `found` at the address `at`, and follows its placing. */
  function announce(found: ArticleDetection, retries = 0, at = url): void {
    detection = found;
    articleText = found.body.textContent;
    articleUrl = at;
    host = null;
    const current = ++generation;
    // The caller's own mutations (removing its old toolbar, placing the new) are not the page's.
    disarm();
    const placed = callbacks.onArticle(found, at);
    if (!placed) {
      finishPlacing();
      return;
    }
    placing = true;
    const isCurrent = () => current === generation && !stopped;
    placed.then(
      () => {
        if (isCurrent()) finishPlacing();
      },
      () => {
        if (!isCurrent()) return;
        if (retries >= MAX_PLACEMENT_RETRIES || !found.anchor.isConnected) {
          finishPlacing();
          return;
        }
        // Until the retry, placing stays true and the observer off: page changes go unseen, so
        // the retry checks that the article is still there.
        later(
          () => {
            if (!isCurrent()) return;
            if (found.anchor.isConnected && pageUrl(win) === url) {
              announce(found, retries + 1, at);
              return;
            }
            // The page swapped its content: wait for its article afresh.
            placing = false;
            detection = null;
            startWaiting();
            look();
          },
          PLACEMENT_RETRY_MS * 2 ** retries,
        );
      },
    );
  }

  function finishPlacing(): void {
    placing = false;
    placedAt = Date.now();
    host = findToolbar();
    // Placing the toolbar is no change of the page's own.
    if (host) watchForChange();
    // The observer was off while the toolbar loaded: a page that swapped its article meanwhile,
    // and has stayed still since, is looked at now.
    if ((host ?? detection?.anchor)?.isConnected) arm();
    else look();
  }

  async function onToolbarRemoved(): Promise<void> {
    host = null;
    // A clock set back since counts as soon.
    if (Date.now() - placedAt < MIN_TOOLBAR_LIFE_MS) {
      if (replacements >= MAX_REPLACEMENTS) return;
      replacements++;
    }
    const found = await detect();
    if (found === 'stale') return;
    if (found) {
      // The same story, its text as it was, keeps the address it was placed for: one the page
      // has since rewritten by itself (a player's `?t=`, past the watch) would key it anew.
      announce(found, 0, found.body.textContent === articleText ? articleUrl : url);
    } else {
      detection = null;
      callbacks.onLost();
      startWaiting();
      arm();
    }
  }

  /** Looks at the page after it changed: a navigation, a removed toolbar, a late article. */
  function look(): void {
    if (!__BENCH_MARKS__) lookNow();
    else {
      const start = performance.now();
      lookNow();
      reportWork('look', start);
    }
  }

  function lookNow(): void {
    // The first look runs in a tab loaded in the background too; later ones wait for it to show.
    if (doc.hidden && looked) {
      deferred = true;
      return;
    }
    deferred = false;
    looked = true;
    const replaced = replacedWhileHidden ?? false;
    replacedWhileHidden = undefined;
    if (pageUrl(win) !== url) {
      const before = generation;
      onNavigation(replaced);
      // Not followed as a navigation (the same article's address, an app's past its budget):
      // the page is looked at as if the address had stayed.
      if (generation !== before) return;
    }
    // Whatever is under way looks again when it ends.
    if (running || placing) return;
    if (detection) {
      removeExtraToolbars();
      // A toolbar shown since it was placed (the reader turned the site back on) is kept too.
      host ??= findToolbar();
      if (leaveEditableText()) return;
      // Without a toolbar, the article itself may have gone: swapped while the toolbar loaded.
      if (host ? !host.isConnected : !detection.anchor.isConnected) void onToolbarRemoved();
      else {
        if (host) callbacks.onKept?.();
        arm();
      }
      return;
    }
    if (!isWatching() && !lookOwed) return;
    const wait = notBefore - Date.now();
    if (wait > 0) {
      scheduleLook(wait);
      return;
    }
    // Armed before detecting, so a change made while the detection runs is not missed.
    arm();
    whenIdle(() => void detectLateArticle());
  }

  /**
   * Follows the page to its address now. `replaced`: the Navigation API told of a replaced entry,
   * the app's own (a scroll spy naming the story scrolled to), whatever the reader did before.
   */
  function onNavigation(replaced = false): void {
    const next = pageUrl(win);
    if (next === url) return;
    const previous = url;
    url = next;
    // The same article's address, rewritten (tracking parameters dropped): nothing to look at.
    if (normalizeArticleUrl(next) === normalizeArticleUrl(previous)) return;
    const byReader = readerActed && !replaced;
    // One renewal per reader action, however often the app rewrites its address after it.
    if (byReader) readerActed = false;
    // An app that keeps rewriting its address is looked at within the budget it has, not anew
    // each time; past it, the toolbar stays with the article it was placed for.
    if (!byReader && !isWatching()) return;
    // The reader moved on: the last article's toolbar is not left under the next one while it is
    // looked for (an app that renders it into the same elements keeps the toolbar in place).
    // The last article, still in the page while the app fetches the next, is not taken for it.
    const left = byReader ? detection : null;
    const toldLost = left !== null;
    if (left) {
      leftBehind = {
        body: left.body,
        text: articleText,
        at: articleUrl,
        until: Date.now() + NEXT_ARTICLE_WAIT_MS,
      };
      callbacks.onLost();
      // Looked at once more when the wait is over, the page changed since or not, and at once:
      // the looks that found the story left waited longer each time.
      later(() => {
        if (detection || running || placing) return;
        notBefore = 0;
        look();
      }, NEXT_ARTICLE_WAIT_MS);
    }
    // The app's own change (a scroll spy naming the story scrolled to) may leave the toolbar's
    // article as it was: then the toolbar stays, its votes with the story it is under.
    const shown = !toldLost && !placing && detection && host ? { detection, host } : null;
    detection = null;
    host = null;
    replacements = 0;
    generation++;
    placing = false;
    if (running) running.aborted = true;
    running = null;
    disarm();
    if (byReader) startWaiting();
    const current = generation;
    later(() => {
      // An address changed since without an event is followed now. A rewrite of the same
      // article's (tracking parameters dropped) keeps this look; a new navigation takes it over.
      if (pageUrl(win) !== url) onNavigation();
      if (current !== generation) return;
      const workBefore = watchWorkMs;
      void detect().then((found) => {
        if (found === 'stale') return;
        if (found && isLeftBehind(found)) spareLeftBehindWalk(workBefore);
        if (found && shown && isStillShown(found, shown)) {
          detection = found;
          host = shown.host;
          arm();
        } else if (found && !isLeftBehind(found)) {
          announce(found);
        } else {
          if (!toldLost) callbacks.onLost();
          notBefore = Date.now() + REARM_DELAY_MS;
          arm();
        }
      });
    }, NAVIGATION_SETTLE_MS);
  }

  /**
   * Whether `found` is the article the reader just left, not yet replaced by the next one. Not
   * at its own address: the reader went Back to it before the next one came.
   */
  function isLeftBehind(found: ArticleDetection): boolean {
    return (
      leftBehind !== null &&
      Date.now() < leftBehind.until &&
      !isSamePage(url, leftBehind.at) &&
      found.body === leftBehind.body &&
      found.body.textContent === leftBehind.text
    );
  }

  /**
   * A walk that found the story left, still shown while the app fetches the next, costs the watch
   * none of its work budget: a page that keeps changing meanwhile (comments coming in) would spend
   * it, and a story that stays at the new address would never get its toolbar back.
   */
  function spareLeftBehindWalk(workBefore: number): void {
    watchWorkMs = Math.min(watchWorkMs, workBefore);
  }

  /**
   * Whether `found` is the article `shown.detection` whose toolbar is still in the page: its
   * elements, with the text they had when the toolbar was placed.
   */
  function isStillShown(
    found: ArticleDetection,
    shown: { detection: ArticleDetection; host: Element },
  ): boolean {
    return (
      shown.host.isConnected &&
      found.body === shown.detection.body &&
      found.anchor === shown.detection.anchor &&
      found.body.textContent === articleText
    );
  }

  /**
   * popstate, hashchange and the Navigation API fire once the address has changed; `replaced` as
   * {@link onNavigation}'s.
   */
  function onNavigationEvent(replaced = false): void {
    if (doc.hidden) {
      // Followed once the page shows, as the app's own where every change told meanwhile was.
      deferred = true;
      replacedWhileHidden = (replacedWhileHidden ?? true) && replaced;
    } else if (pageUrl(win) !== url) onNavigation(replaced);
  }

  /**
   * An app changes the address in its click handler, after this capturing listener, or once the
   * next article has loaded: the address is checked at each of {@link CHECKS_AFTER_CLICK_MS}
   * after the last click, until it changes.
   */
  function onClick(event: Event): void {
    if (isOnToolbar(event.target)) {
      // Before the toolbar acts on it: an app's push no event told of (no Navigation API) is
      // followed now, and the toolbar of the article the reader left goes before it votes there.
      if (pageUrl(win) !== url) onNavigation();
      return;
    }
    readerActed = true;
    readerLooksLeft = isReaderInput(event) ? CHECKS_AFTER_CLICK_MS.length : 0;
    if (clickCheck !== undefined) cancel(clickCheck);
    checkAddressAfterClick(0);
  }

  function checkAddressAfterClick(step: number): void {
    const at = CHECKS_AFTER_CLICK_MS[step];
    if (at === undefined) {
      clickCheck = undefined;
      readerLooksLeft = 0;
      return;
    }
    clickCheck = later(
      () => {
        clickCheck = undefined;
        // A hidden page is looked at once it shows, its address with it; the reader's next
        // click looks for its article.
        if (doc.hidden) {
          deferred = true;
          readerLooksLeft = 0;
        } else if (pageUrl(win) !== url) onNavigation();
        else {
          // What was clicked may have been a CMS's Edit (the toolbar leaves), or its Save.
          const looks = readerLooksLeft > 0;
          if (looks) readerLooksLeft--;
          if (!leaveEditableText() && looks) lookAfterReaderClick();
          checkAddressAfterClick(step + 1);
        }
      },
      at - (CHECKS_AFTER_CLICK_MS[step - 1] ?? 0),
    );
  }

  /**
   * Past the watch, a page still without an article is looked at once more: what the reader
   * clicked (a consent wall's Accept) may have let it in. While the watch lasts, its observer sees
   * the article come.
   */
  function lookAfterReaderClick(): void {
    if (running || placing || exhausted || !changedSinceDetection) return;
    if (detection) {
      followGrowth();
      return;
    }
    if (isWatching()) return;
    whenIdle(() => {
      if (detection || running || placing || doc.hidden) return;
      void detect().then((found) => {
        if (found && found !== 'stale' && !detection) {
          readerLooksLeft = 0;
          announce(found);
        }
      });
    });
  }

  /**
   * The article the reader expanded ("continue reading") may now end past its toolbar: the
   * toolbar follows, once per click. Not where the address names another article than the
   * toolbar's: an endless article that appended the next story (its scroll spy naming it) did
   * not grow, and the toolbar moved under that story would still vote for the first.
   */
  function followGrowth(): void {
    const shown = host;
    const placedFor = detection;
    if (!callbacks.onGrown || !shown?.isConnected || !isAtToolbarArticle()) return;
    whenIdle(() => {
      if (running || placing || doc.hidden || detection !== placedFor) return;
      void detect().then((found) => {
        if (!found || found === 'stale' || detection !== placedFor || host !== shown) return;
        if (!isAtToolbarArticle()) return;
        if (!shown.isConnected || !endsPast(found, shown) || isInUse(shown)) return;
        readerLooksLeft = 0;
        detection = found;
        articleText = found.body.textContent;
        // Its own move is not the page's change; the ancestors to watch are the new place's.
        disarm();
        callbacks.onGrown?.(found);
        host = findToolbar();
        watchForChange();
        arm();
      });
    });
  }

  /**
   * The page made the toolbar's place editable since it was placed (a CMS switched its article to
   * an editor, or the page to design mode): the toolbar leaves, or the editor would save it with
   * the writer's text. The article is looked for again as on a page without one (placing refuses
   * editable text), so the toolbar comes back once editing ends and the page changes or the reader
   * clicks. Returns whether it left.
   */
  function leaveEditableText(): boolean {
    const parent = host?.isConnected && !placing ? host.parentElement : null;
    if (!detection || !parent || !isEditableContent(parent)) return false;
    detection = null;
    host = null;
    disarm();
    callbacks.onLost();
    changedSinceDetection = true;
    arm();
    return true;
  }

  /** Focus moved: into text the page has just made editable, maybe, the toolbar's with it. */
  function onFocusIn(): void {
    if (host) leaveEditableText();
  }

  /** Whether the page's address still names the article the toolbar was placed for. */
  function isAtToolbarArticle(): boolean {
    return isSamePage(pageUrl(win), articleUrl);
  }

  /** Whether the article `found` holds the toolbar and ends after it: it grew past it. */
  function endsPast(found: ArticleDetection, toolbar: Element): boolean {
    const position = toolbar.compareDocumentPosition(found.anchor);
    return found.body.contains(toolbar) && (position & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  }

  /** The reader is on the toolbar (focus in it, the pointer over it): moving it would lose them. */
  function isInUse(toolbar: Element): boolean {
    return doc.activeElement === toolbar || toolbar.matches(':hover');
  }

  function isOnToolbar(target: EventTarget | null): boolean {
    // Events from inside the toolbar's closed root reach the window retargeted to its host.
    return (target as Element | null)?.localName === TOOLBAR_HOST_TAG;
  }

  /** A press: some routers navigate on it, before the click. */
  function onReaderInput(event: Event): void {
    if (!isOnToolbar(event.target)) readerActed = true;
  }

  /**
   * A key. Where no Navigation API tells of an app's push, the address is checked after it as
   * after a click: an app's shortcut to the next story, or Enter on a card that is no link, makes
   * no click, and an app that rewrites the article's nodes in place changes none the observer
   * sees. The last story's toolbar stayed under the next one, its votes going to the last.
   */
  function onKey(event: Event): void {
    if (isOnToolbar(event.target) || KEYS_THAT_STAY.has((event as KeyboardEvent).key)) return;
    readerActed = true;
    if (navigation) return;
    if (clickCheck !== undefined) cancel(clickCheck);
    checkAddressAfterClick(0);
  }

  function onHashChange(): void {
    onNavigationEvent();
  }

  /** Back and Forward are the reader's. */
  function onPopState(): void {
    readerActed = true;
    onNavigationEvent();
  }

  /**
   * The Navigation API tells Back and Forward ('traverse') apart, before popstate fires, and an
   * entry replaced: a reader's link pushes one, where a scroll spy replaces its own, however long
   * after the reader's last click (a consent banner accepted).
   */
  function onEntryChange(event: Event): void {
    const type = (event as { navigationType?: string }).navigationType;
    if (type === 'traverse') readerActed = true;
    onNavigationEvent(type === 'replace');
  }

  function onVisibilityChange(): void {
    if (doc.hidden) {
      hiddenAt ??= Date.now();
      return;
    }
    // A watch that ended before the page was hidden stays ended.
    if (hiddenAt !== undefined) watchUntil += Date.now() - hiddenAt;
    hiddenAt = undefined;
    if (deferred) look();
  }

  const navigation = (win as SchedulingWindow).navigation;
  navigation?.addEventListener('currententrychange', onEntryChange);
  win.addEventListener('popstate', onPopState);
  win.addEventListener('hashchange', onHashChange);
  win.addEventListener('click', onClick, { capture: true, passive: true });
  win.addEventListener('keydown', onKey, { capture: true, passive: true });
  win.addEventListener('pointerdown', onReaderInput, { capture: true, passive: true });
  win.addEventListener('focusin', onFocusIn, { capture: true, passive: true });
  doc.addEventListener('visibilitychange', onVisibilityChange);
  startWaiting();
  whenIdle(look);

  return () => {
    stopped = true;
    disarm();
    changeObserver.disconnect();
    if (running) running.aborted = true;
    navigation?.removeEventListener('currententrychange', onEntryChange);
    win.removeEventListener('popstate', onPopState);
    win.removeEventListener('hashchange', onHashChange);
    win.removeEventListener('click', onClick, { capture: true });
    win.removeEventListener('keydown', onKey, { capture: true });
    win.removeEventListener('pointerdown', onReaderInput, { capture: true });
    win.removeEventListener('focusin', onFocusIn, { capture: true });
    doc.removeEventListener('visibilitychange', onVisibilityChange);
    for (const timer of timers) win.clearTimeout(timer);
    if (idleHandle !== undefined) win.cancelIdleCallback(idleHandle);
  };
}
