import { isSamePage } from '../core/article-url';
import type { ArticleRef } from '../protocol';
import type { SessionArea } from './session-private-votes';

/**
 * The addresses each tab's page declared of itself (its canonical link, og:url), as its content
 * script last told them. The popup over Firefox's Reader View, where no content script runs,
 * knows only the address shown there: with these it keys the article as the page's toolbar did,
 * rather than under an address of its own (`?ref=rss`), a second article in the history.
 */
export interface TabArticles {
  /** Notes what the page in tab `tabId` declared at `ref.url`; a failure only loses the note. */
  remember(tabId: number, ref: ArticleRef): Promise<void>;
  /** What the page in tab `tabId` declared at `url`; nothing where it told of another page. */
  recall(tabId: number, url: string): Promise<string[] | undefined>;
  /** Drops the note of tab `tabId`, once it is closed. */
  forget(tabId: number): Promise<void>;
}

/** Prefix of a tab's note in `storage.session` (memory only; the tab ids of this session). */
const TAB_ARTICLE_PREFIX = 'tab-article:';

/** A note as `storage.session` gives it back, or null for anything else. */
function parseNote(value: unknown): { url: string; declaredUrls: string[] } | null {
  if (typeof value !== 'object' || value === null) return null;
  const { url, declaredUrls } = value as Record<string, unknown>;
  if (typeof url !== 'string' || !Array.isArray(declaredUrls)) return null;
  if (!declaredUrls.every((address) => typeof address === 'string')) return null;
  return { url, declaredUrls: declaredUrls as string[] };
}

/**
 * Tab notes kept in `session`, which outlives a stopped background (Firefox stops an idle event
 * page long before a reader switches to Reader View) but not the browser, as tab ids do not.
 */
export function createTabArticles(session: SessionArea): TabArticles {
  /**
   * Each tab's note as this worker last wrote it: a toolbar asks its reaction again on every vote
   * notice, with the same addresses. Memory only, so a restarted worker writes its first again.
   */
  const written = new Map<number, string>();
  return {
    async remember(tabId, { url, declaredUrls = [] }) {
      const note = JSON.stringify([url, declaredUrls]);
      if (written.get(tabId) === note) return;
      written.set(tabId, note);
      try {
        await session.set({ [TAB_ARTICLE_PREFIX + tabId]: { url, declaredUrls } });
      } catch {
        // A convenience for Reader View: the page's own toolbar keeps working without it.
        if (written.get(tabId) === note) written.delete(tabId);
      }
    },
    async recall(tabId, url) {
      const name = TAB_ARTICLE_PREFIX + tabId;
      let note;
      try {
        note = parseNote((await session.get(name))[name]);
      } catch {
        return undefined;
      }
      if (!note || !isSamePage(note.url, url)) return undefined;
      return note.declaredUrls.length > 0 ? note.declaredUrls : undefined;
    },
    async forget(tabId) {
      written.delete(tabId);
      await session.remove(TAB_ARTICLE_PREFIX + tabId).catch(() => {});
    },
  };
}

/** A `storage.session` of this process's memory, for tests and in-process use. */
export function createMemorySessionArea(): SessionArea {
  const items = new Map<string, unknown>();
  return {
    async get(names) {
      const wanted = names === null ? [...items.keys()] : [names];
      return Object.fromEntries(wanted.filter((n) => items.has(n)).map((n) => [n, items.get(n)]));
    },
    async set(values) {
      for (const [name, value] of Object.entries(values)) items.set(name, value);
    },
    async remove(names) {
      for (const name of typeof names === 'string' ? [names] : names) items.delete(name);
    },
  };
}
