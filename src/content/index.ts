import browser from './extension-api';
import { reportWork } from './bench-marks';
import { readArticleTitle, readDeclaredAddresses } from '../core/article-metadata';
import { siteOf } from '../core/article-url';
import {
  callBackground,
  parseContentMessage,
  type ArticleRef,
  type ArticleState,
  type ContentMessage,
  type SendMessage,
} from '../protocol';
import { TOOLBAR_HOST_TAG, watchArticle } from './article-watcher';
import { loadToolbarModule } from './load-toolbar';
import { openTestChannel } from './test-channel';
import type { Toolbar } from './toolbar';

const started = __BENCH_MARKS__ ? performance.now() : 0;

const send: SendMessage = (message) => browser.runtime.sendMessage(message);

if (__TEST_HOOKS__) openTestChannel(window, (message) => browser.runtime.sendMessage(message));

/** The toolbar for this page's article, for the background's notices (registered once, below). */
interface MountedToolbar {
  toolbar: Toolbar;
  /** The element the toolbar goes after. */
  anchor: Element;
  /** The article's key, once the background has answered. */
  key: string | undefined;
  /** Asks the background for the reaction and the site switch again, and shows them. */
  load(): Promise<void>;
}
let mounted: MountedToolbar | undefined;

/**
 * Puts the toolbar into the page after its anchor, or takes it out: the page sees no element
 * where the reader turned the toolbar off.
 */
function place({ toolbar, anchor }: MountedToolbar, placed: boolean): void {
  if (!placed) toolbar.host.remove();
  else if (!toolbar.host.isConnected && anchor.isConnected) anchor.after(toolbar.host);
}

// The content script's one listener: the background's notices about what this page shows.
browser.runtime.onMessage.addListener((message: unknown) => {
  let notice: ContentMessage;
  try {
    notice = parseContentMessage(message);
  } catch {
    return undefined;
  }
  if (notice.notice === 'siteToggled' && notice.input.site === siteOf(location.hostname)) {
    if (!notice.input.disabled) startWatching();
  }
  if (!mounted) return undefined;
  if (notice.notice === 'siteToggled' && notice.input.site === siteOf(location.hostname)) {
    place(mounted, !notice.input.disabled);
  } else if (notice.notice === 'voteChanged' && notice.input.key === mounted.key) {
    mounted.toolbar.show(notice.input.reaction);
    // The background set the badge with its answers to this tab; a change made elsewhere it
    // hears of from here. A convenience: a worker that is restarting just misses one update.
    send({ call: 'reactionShown', input: { reaction: notice.input.reaction } }).catch(() => {});
  } else if (notice.notice === 'historyChanged') {
    void mounted.load();
  } else if (notice.notice === 'focusToolbar' && isShown(mounted.toolbar)) {
    mounted.toolbar.focus();
  }
  return undefined;
});

/** Not on a site where the toolbar is turned off, nor after it left the page. */
function isShown(toolbar: Toolbar): boolean {
  return toolbar.host.getClientRects().length > 0;
}

/** Asks the background to run toolbar.js in this frame; resolves once it has run. */
async function injectToolbar(): Promise<void> {
  await callBackground(send, 'toolbarWanted', {});
}

/**
 * Places a toolbar for the article the watcher found at `url`. Its votes go to that article,
 * as the page described itself then, even if the page's address changes before the reader clicks.
 */
async function mountToolbar(anchor: Element, url: string): Promise<void> {
  const article: ArticleRef = { url, declaredUrls: readDeclaredAddresses(document) };
  const answer = callBackground(send, 'getReaction', article);
  // Loaded on the first article of the frame only: pages without one never compile the toolbar.
  const [{ createToolbar, connectToolbar }, state] = await Promise.all([
    loadToolbarModule(injectToolbar),
    answer.catch(() => undefined),
  ]);
  const placing = __BENCH_MARKS__ ? performance.now() : 0;
  const toolbar = createToolbar(document, {
    async choose(reaction) {
      const stored = await callBackground(send, 'setReaction', {
        ...article,
        title: readArticleTitle(document),
        reaction,
      });
      return stored.reaction;
    },
  });
  connectToolbar(toolbar);
  const next: MountedToolbar = {
    toolbar,
    anchor,
    key: undefined,
    load: () =>
      callBackground(send, 'getReaction', article).then(
        (fresh) => show(fresh),
        (error: unknown) => {
          toolbar.showLoadError(error);
          place(next, true);
        },
      ),
  };
  function show(fresh: ArticleState): void {
    next.key = fresh.key;
    toolbar.show(fresh.reaction);
    place(next, !fresh.siteDisabled);
  }
  // Nothing enters the page before the background has answered, nor where the site is off.
  document.querySelector(TOOLBAR_HOST_TAG)?.remove();
  mounted = next;
  if (state) show(state);
  else {
    toolbar.showLoadError(await answer.catch((error: unknown) => error));
    place(next, true);
  }
  if (__BENCH_MARKS__) reportWork('place', placing);
}

let watching = false;

/** Detects once the page is idle, waits for late articles, follows SPA navigations and removals. */
function startWatching(): void {
  if (watching) return;
  watching = true;
  watchArticle(window, {
    onArticle: (detection, url) => mountToolbar(detection.anchor, url),
    onLost: () => document.querySelector(TOOLBAR_HOST_TAG)?.remove(),
  });
}

// The switch first: on a site the reader turned off nothing more runs, until it is turned on
// again. A background that cannot answer does not keep the toolbar away (getReaction asks again).
callBackground(send, 'getSiteState', { url: location.href }).then(
  (state) => {
    if (!state.disabled) startWatching();
  },
  () => startWatching(),
);
if (__BENCH_MARKS__) reportWork('evaluate', started);
