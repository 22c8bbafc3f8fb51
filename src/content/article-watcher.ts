import { detectArticle, type ArticleDetection } from '../core/detect-article';

/** The element the content script places in pages; mutations inside it are never the page's. */
export const TOOLBAR_HOST_TAG = 'moodmark-toolbar';
/** How often `location.href` is compared, to notice SPA navigations that fire no event. */
export const URL_POLL_MS = 500;
/** Quiet time after the page's last mutation before detection runs again. */
export const DETECT_DEBOUNCE_MS = 200;
/** Longest a detection waits behind a page that keeps mutating, so text is found within a second. */
export const MAX_DETECT_DELAY_MS = 1000;
/** How long after a page (or navigation) starts a late-rendered article is waited for. */
export const WATCH_LIMIT_MS = 15_000;
/** Detections run at most this many times per page while waiting for an article. */
export const MAX_DETECTIONS_PER_PAGE = 40;
/** Wait after an SPA navigation before detecting, so the new page's content can replace the old. */
export const NAVIGATION_SETTLE_MS = 300;
/** How many times per page the toolbar is re-placed after the page removes it. */
export const MAX_REPLACEMENTS = 3;

/** What the content script does when the article on the page changes. */
export interface ArticleWatcherCallbacks {
  /**
   * An article was found: at start, once it rendered late, after an SPA navigation, or again after
   * the page removed the toolbar. Place (or move) the toolbar with `detection.anchor.after(host)`
   * and load the state of `url`'s article, at once or in the promise returned. Toolbars removed
   * while this runs (until the promise settles) are not counted as removed by the page.
   */
  onArticle(detection: ArticleDetection, url: string): void | Promise<void>;
  /** The page navigated to something that is not an article: remove the toolbar. */
  onLost(): void;
}

/** Seams for tests. */
export interface WatchArticleOptions {
  /** Defaults to {@link detectArticle}. */
  detect?: (doc: Document) => ArticleDetection | null;
}

/** The page's address without its fragment: a change of fragment alone is not a navigation. */
function pageUrl(win: Window): string {
  return win.location.href.replace(/#.*$/, '');
}

function isInsideToolbar(node: Node): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return el?.closest(TOOLBAR_HOST_TAG) != null;
}

function isToolbarMutation(record: MutationRecord): boolean {
  if (isInsideToolbar(record.target)) return true;
  if (record.type !== 'childList') return false;
  const nodes = [...record.addedNodes, ...record.removedNodes];
  return (
    nodes.length > 0 && nodes.every((node) => node.nodeName.toLowerCase() === TOOLBAR_HOST_TAG)
  );
}

function findAddedToolbar(records: MutationRecord[]): Element | undefined {
  for (const record of records) {
    for (const node of record.addedNodes) {
      if (node.nodeName.toLowerCase() === TOOLBAR_HOST_TAG) return node as Element;
    }
  }
  return undefined;
}

/**
 * Finds the article of the page in `win` and keeps following it: detects at once; if there is none
 * yet, watches mutations (debounced, for at most {@link WATCH_LIMIT_MS} and
 * {@link MAX_DETECTIONS_PER_PAGE} runs) for one to render; follows SPA navigations by polling
 * `location.href` and listening to popstate/hashchange; keeps a single toolbar in the page and
 * re-places it, at most {@link MAX_REPLACEMENTS} times per page, when the page removes it. Pure
 * DOM: no extension API. Returns a function that stops everything.
 */
export function watchArticle(
  win: Window,
  callbacks: ArticleWatcherCallbacks,
  options: WatchArticleOptions = {},
): () => void {
  const detect = options.detect ?? detectArticle;
  const doc = win.document;
  let url = pageUrl(win);
  let detection: ArticleDetection | null = null;
  let host: Element | null = null;
  let replacements = 0;
  let detections = 0;
  let watchUntil = 0;
  let pendingSince = 0;
  let detectTimer: number | undefined;
  let settleTimer: number | undefined;
  /** Counts announcements and navigations, so a placement that finishes late knows it is stale. */
  let generation = 0;
  /** True while the caller is still placing a toolbar (its onArticle promise is pending). */
  let placing = false;

  // The page's own constructor: a jsdom window or a content script's window in Firefox's sandbox.
  const Observer = (win as Window & typeof globalThis).MutationObserver;
  const observer = new Observer((records: MutationRecord[]) => onMutations(records));

  function announce(found: ArticleDetection): void {
    detection = found;
    host = null;
    const current = ++generation;
    const placed = callbacks.onArticle(found, url);
    if (!placed) {
      finishPlacing();
      return;
    }
    placing = true;
    // A placement that fails leaves no toolbar; the page is not retried until it changes.
    void placed
      .catch(() => {})
      .then(() => {
        if (current === generation) finishPlacing();
      });
  }

  function finishPlacing(): void {
    placing = false;
    // Mutations made by the caller while placing (removing its old toolbar) are not the page's.
    observer.takeRecords();
    host = findToolbar();
  }

  function startWaiting(): void {
    watchUntil = Date.now() + WATCH_LIMIT_MS;
    detections = 0;
  }

  function runDetection(): boolean {
    detections++;
    const found = detect(doc);
    if (found) announce(found);
    return found !== null;
  }

  function cancelDetection(): void {
    win.clearTimeout(detectTimer);
    detectTimer = undefined;
    pendingSince = 0;
  }

  function scheduleDetection(): void {
    const now = Date.now();
    if (now > watchUntil || detections >= MAX_DETECTIONS_PER_PAGE) return;
    if (!pendingSince) pendingSince = now;
    win.clearTimeout(detectTimer);
    const delay = Math.min(DETECT_DEBOUNCE_MS, pendingSince + MAX_DETECT_DELAY_MS - now);
    detectTimer = win.setTimeout(
      () => {
        cancelDetection();
        if (!detection) runDetection();
      },
      Math.max(0, delay),
    );
  }

  function findToolbar(): Element | null {
    return doc.getElementsByTagName(TOOLBAR_HOST_TAG)[0] ?? null;
  }

  /** Keeps one toolbar in the page: the one placed last. */
  function removeExtraToolbars(): void {
    const toolbars = doc.getElementsByTagName(TOOLBAR_HOST_TAG);
    if (toolbars.length <= 1) return;
    const keep = host?.isConnected ? host : toolbars[toolbars.length - 1];
    for (const toolbar of [...toolbars]) if (toolbar !== keep) toolbar.remove();
  }

  function onToolbarRemoved(): void {
    host = null;
    if (replacements >= MAX_REPLACEMENTS) return;
    replacements++;
    const found = detect(doc);
    if (found) {
      announce(found);
    } else {
      detection = null;
      callbacks.onLost();
      startWaiting();
    }
  }

  function onMutations(records: MutationRecord[]): void {
    // An SPA often swaps the content before the URL poll notices; that is a navigation, not a removal.
    if (pageUrl(win) !== url) {
      onNavigation();
      return;
    }
    if (placing) return;
    removeExtraToolbars();
    if (detection) {
      // A toolbar placed and removed within one batch of records still counts as placed.
      host ??= findAddedToolbar(records) ?? findToolbar();
      if (host && !host.isConnected) onToolbarRemoved();
      return;
    }
    if (records.some((record) => !isToolbarMutation(record))) scheduleDetection();
  }

  function onNavigation(): void {
    const next = pageUrl(win);
    if (next === url) return;
    url = next;
    detection = null;
    generation++;
    placing = false;
    host = null;
    replacements = 0;
    cancelDetection();
    win.clearTimeout(settleTimer);
    startWaiting();
    settleTimer = win.setTimeout(() => {
      if (pageUrl(win) === url && !detection && !runDetection()) callbacks.onLost();
    }, NAVIGATION_SETTLE_MS);
  }

  observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
  const poll = win.setInterval(onNavigation, URL_POLL_MS);
  win.addEventListener('popstate', onNavigation);
  win.addEventListener('hashchange', onNavigation);
  startWaiting();
  runDetection();

  return () => {
    observer.disconnect();
    win.clearInterval(poll);
    win.removeEventListener('popstate', onNavigation);
    win.removeEventListener('hashchange', onNavigation);
    cancelDetection();
    win.clearTimeout(settleTimer);
  };
}
