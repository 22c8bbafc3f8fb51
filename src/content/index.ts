import browser from './extension-api';
import { reportWork } from './bench-marks';
import { readArticleTitle, readDeclaredAddresses } from '../core/article-metadata';
import { siteOf } from '../core/article-url';
import {
  callBackground,
  parseContentMessage,
  type ArticleRef,
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

/** The toolbar on this page, for the background's notices (registered once, below). */
interface MountedToolbar {
  toolbar: Toolbar;
  /** The article's key, once the background has answered. */
  key: string | undefined;
  /** Asks the background for the reaction and the site switch again, and shows them. */
  load(): Promise<void>;
}
let mounted: MountedToolbar | undefined;

// The content script's one listener: the background's notices about what this page shows.
browser.runtime.onMessage.addListener((message: unknown) => {
  let notice: ContentMessage;
  try {
    notice = parseContentMessage(message);
  } catch {
    return undefined;
  }
  if (!mounted) return undefined;
  if (notice.notice === 'siteToggled' && notice.input.site === siteOf(location.hostname)) {
    mounted.toolbar.setOff(notice.input.disabled);
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

/** Not on a site where the toolbar is turned off (hidden), nor after it left the page. */
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
  // Loaded on the first article of the frame only: pages without one never compile the toolbar.
  const { createToolbar, connectToolbar } = await loadToolbarModule(injectToolbar);
  const placing = __BENCH_MARKS__ ? performance.now() : 0;
  document.querySelector(TOOLBAR_HOST_TAG)?.remove();
  const toolbar = createToolbar(document, {
    async choose(reaction) {
      const state = await callBackground(send, 'setReaction', {
        ...article,
        title: readArticleTitle(document),
        reaction,
      });
      return state.reaction;
    },
  });
  connectToolbar(toolbar);
  // Off until the background says whether the reader turned this site off, so a disabled site
  // never flashes it. Hidden, not removed: the watcher would read a removal as the page's doing.
  toolbar.setOff(true);
  anchor.after(toolbar.host);
  const next: MountedToolbar = {
    toolbar,
    key: undefined,
    load: () =>
      callBackground(send, 'getReaction', article).then(
        (state) => {
          next.key = state.key;
          toolbar.show(state.reaction);
          toolbar.setOff(state.siteDisabled);
        },
        (error: unknown) => {
          toolbar.setOff(false);
          toolbar.showLoadError(error);
        },
      ),
  };
  mounted = next;
  void next.load();
  if (__BENCH_MARKS__) reportWork('place', placing);
}

// Detects now, waits for late-rendered articles, follows SPA navigations and removed toolbars.
watchArticle(window, {
  onArticle: (detection, url) => mountToolbar(detection.anchor, url),
  onLost: () => document.querySelector(TOOLBAR_HOST_TAG)?.remove(),
});
if (__BENCH_MARKS__) reportWork('evaluate', started);
