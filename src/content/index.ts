import browser from 'webextension-polyfill';
import { readArticleTitle, readCanonicalUrl } from '../core/article-metadata';
import { detectArticle } from '../core/detect-article';
import { callBackground, type ArticleRef, type SendMessage } from '../protocol';
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
  anchor.after(toolbar.host);
  callBackground(send, 'getReaction', currentArticle()).then(
    (state) => toolbar.show(state.reaction),
    (error: unknown) => toolbar.showError(`Could not load your reaction: ${String(error)}`),
  );
}

const detection = detectArticle(document);
if (detection) mountToolbar(detection.anchor);
