import browser from 'webextension-polyfill';
import { readArticleTitle, readCanonicalUrl } from '../core/article-metadata';
import { siteOf } from '../core/article-url';
import {
  callBackground,
  parseContentMessage,
  type ArticleRef,
  type ContentMessage,
  type SendMessage,
} from '../protocol';
import { connectToolbar } from './connect-toolbar';
import { watchArticle } from './article-watcher';
import { createToolbar, TOOLBAR_TAG } from './toolbar';

const send: SendMessage = (message) => browser.runtime.sendMessage(message);

function currentArticle(): ArticleRef {
  return { url: location.href, canonicalUrl: readCanonicalUrl(document) };
}

function mountToolbar(anchor: Element): void {
  document.querySelector(TOOLBAR_TAG)?.remove();
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
  // Placed once the background has answered, so a site the reader turned off never flashes it.
  const place = (shown: boolean) => {
    if (!shown) toolbar.host.remove();
    else if (!toolbar.host.isConnected) anchor.after(toolbar.host);
  };
  let key: string | undefined;
  const load = () =>
    callBackground(send, 'getReaction', currentArticle()).then(
      (state) => {
        key = state.key;
        toolbar.show(state.reaction);
        place(!state.siteDisabled);
      },
      (error: unknown) => {
        place(true);
        toolbar.showLoadError(error);
      },
    );
  void load();

  // Notices from the background: the popup or another tab changed something this page shows.
  browser.runtime.onMessage.addListener((message: unknown) => {
    let notice: ContentMessage;
    try {
      notice = parseContentMessage(message);
    } catch {
      return undefined;
    }
    if (notice.notice === 'siteToggled' && notice.input.site === siteOf(location.hostname)) {
      place(!notice.input.disabled);
    } else if (notice.notice === 'voteChanged' && notice.input.key === key) {
      toolbar.show(notice.input.reaction);
    } else if (notice.notice === 'historyChanged') {
      void load();
    }
    return undefined;
  });
}

// Detects now, waits for late-rendered articles, follows SPA navigations and removed toolbars.
watchArticle(window, {
  onArticle: (detection) => mountToolbar(detection.anchor),
  onLost: () => document.querySelector(TOOLBAR_TAG)?.remove(),
});
