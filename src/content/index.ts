import browser from './extension-api';
import { readArticleTitle, readCanonicalUrl } from '../core/article-metadata';
import { siteOf } from '../core/article-url';
import {
  callBackground,
  parseContentMessage,
  type ArticleRef,
  type ContentMessage,
  type SendMessage,
  type TabNoticeMessage,
} from '../protocol';
import { TOOLBAR_HOST_TAG, watchArticle } from './article-watcher';
import { loadToolbarModule } from './load-toolbar';
import type { Toolbar } from './toolbar';

const send: SendMessage = (message) => browser.runtime.sendMessage(message);

function currentArticle(): ArticleRef {
  return { url: location.href, canonicalUrl: readCanonicalUrl(document) };
}

/** The toolbar on this page, for the background's notices (registered once, below). */
interface MountedToolbar {
  toolbar: Toolbar;
  /** The article's key, once the background has answered. */
  key: string | undefined;
  /** Asks the background for the reaction and the site switch again, and shows them. */
  load(): Promise<void>;
}
let mounted: MountedToolbar | undefined;

// Notices from the background: the popup or another tab changed something this page shows.
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
  } else if (notice.notice === 'historyChanged') {
    void mounted.load();
  }
  return undefined;
});

/** Asks the background to run toolbar.js in this frame; resolves once it has run. */
async function injectToolbar(): Promise<void> {
  const message: TabNoticeMessage = { tabNotice: 'toolbarWanted', input: {} };
  const reply = (await browser.runtime.sendMessage(message)) as { ok?: boolean; error?: string };
  if (!reply?.ok) throw new Error(reply?.error ?? 'the background did not load the toolbar');
}

async function mountToolbar(anchor: Element): Promise<void> {
  // Loaded on the first article of the frame only: pages without one never compile the toolbar.
  const { createToolbar, connectToolbar } = await loadToolbarModule(injectToolbar);
  document.querySelector(TOOLBAR_HOST_TAG)?.remove();
  const toolbar = createToolbar(document, {
    async choose(reaction) {
      const state = await callBackground(send, 'setReaction', {
        ...currentArticle(),
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
      callBackground(send, 'getReaction', currentArticle()).then(
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
}

// Detects now, waits for late-rendered articles, follows SPA navigations and removed toolbars.
watchArticle(window, {
  onArticle: (detection) => mountToolbar(detection.anchor),
  onLost: () => document.querySelector(TOOLBAR_HOST_TAG)?.remove(),
});
