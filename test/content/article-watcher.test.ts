import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { detectArticleSteps, type ArticleDetection } from '../../src/core/detect-article';
import { placeToolbarSteps } from '../../src/core/place-toolbar';
import { SLICE_MS } from '../../src/core/run-in-slices';
import {
  CHECKS_AFTER_CLICK_MS,
  DETECT_DEBOUNCE_MS,
  DETECTOR_LOAD_RETRY_MS,
  MAX_DETECTOR_LOAD_RETRIES,
  MAX_DETECTOR_LOADS_PER_MINUTE,
  MAX_PLACEMENT_RETRIES,
  MAX_DETECTIONS_PER_PAGE,
  MAX_REPLACEMENTS,
  NAVIGATION_SETTLE_MS,
  NEXT_ARTICLE_WAIT_MS,
  PLACEMENT_RETRY_MS,
  REARM_DELAY_MS,
  TOOLBAR_HOST_TAG,
  WATCH_LIMIT_MS,
  WATCH_WORK_BUDGET_MS,
  watchArticle,
  type ArticleWatcherCallbacks,
  type DetectSteps,
  type WatchArticleOptions,
} from '../../src/content/article-watcher';

/** The watcher, its detector (the real one, or `detectSteps`) loaded at once for each look. */
function watch(
  callbacks: ArticleWatcherCallbacks,
  {
    detectSteps = (doc) => detectArticleSteps(doc),
    ...options
  }: Omit<WatchArticleOptions, 'loadDetector'> & { detectSteps?: DetectSteps } = {},
): () => void {
  return watchArticle(window, callbacks, { ...options, loadDetector: async () => detectSteps });
}

/** Within this long of a change the watcher has looked at the page (debounce, then an idle task). */
const LOOKED_AT_MS = DETECT_DEBOUNCE_MS + 100;

/** Shows the page whose `hidden` getter is spied on, as the browser does: visibilitychange. */
function showPage(hidden: { mockReturnValue(value: boolean): unknown }): void {
  hidden.mockReturnValue(false);
  document.dispatchEvent(new Event('visibilitychange'));
}

const SENTENCE =
  'The council voted on Tuesday to rebuild the old harbour wall before the winter storms arrive. ';

function articleHtml(title: string): string {
  const paragraphs = Array.from(
    { length: 6 },
    (_, i) => `<p id="${title}-${i}">${SENTENCE.repeat(3)}</p>`,
  );
  return `<main><article><h1>${title}</h1>${paragraphs.join('')}</article><aside>Most read</aside></main>`;
}

function frontPageHtml(): string {
  const teasers = Array.from(
    { length: 12 },
    (_, i) => `<article><h2><a href="/story-${i}">Story ${i}</a></h2><p>${SENTENCE}</p></article>`,
  );
  return `<main>${teasers.join('')}</main>`;
}

/** Records the watcher's calls and, like the content script, places one toolbar per article. */
function recordCalls() {
  const calls: { url: string; anchorId: string }[] = [];
  let lost = 0;
  const callbacks = {
    onArticle(detection: ArticleDetection, url: string) {
      calls.push({ url, anchorId: detection.anchor.id });
      document.querySelector(TOOLBAR_HOST_TAG)?.remove();
      detection.anchor.after(document.createElement(TOOLBAR_HOST_TAG));
    },
    onLost() {
      lost++;
      document.querySelector(TOOLBAR_HOST_TAG)?.remove();
    },
  };
  return { calls, callbacks, lostCount: () => lost };
}

/** As {@link recordCalls}, but the first `failures` placements fail (toolbar.js did not load). */
function failingFirst(failures: number) {
  const recorded = recordCalls();
  const callbacks = {
    ...recorded.callbacks,
    onArticle(detection: ArticleDetection, url: string) {
      if (failures-- <= 0) {
        recorded.callbacks.onArticle(detection, url);
        return Promise.resolve();
      }
      recorded.calls.push({ url, anchorId: detection.anchor.id });
      return Promise.reject(new Error('toolbar.js did not load'));
    },
  };
  return { ...recorded, callbacks };
}

/**
 * A Navigation API of the test's own on `window`, as the watcher reads it; returns what tells of
 * a navigation of a type (`push`, `replace`, `traverse`), as currententrychange does. The test
 * deletes `window.navigation` when done.
 */
function fakeNavigationApi(): (navigationType: string) => void {
  const navigation = new EventTarget();
  Object.defineProperty(window, 'navigation', { value: navigation, configurable: true });
  return (navigationType) =>
    navigation.dispatchEvent(Object.assign(new Event('currententrychange'), { navigationType }));
}

describe('watchArticle', () => {
  let stop: (() => void) | undefined;
  beforeEach(() => {
    vi.useFakeTimers();
    // A story's address: one of single words (`/news/first`) would be a section's without a date.
    history.replaceState(null, '', '/news/first-story');
    document.body.innerHTML = '';
  });
  afterEach(() => {
    stop?.();
    stop = undefined;
    vi.useRealTimers();
  });

  it('announces an article present at start, once the page is idle', async () => {
    document.body.innerHTML = articleHtml('first');
    const { calls, callbacks } = recordCalls();
    stop = watch(callbacks);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(10);
    expect(calls).toEqual([{ url: 'http://localhost:3000/news/first-story', anchorId: 'first-5' }]);
    expect(document.getElementById('first-5')?.nextElementSibling?.tagName).toBe(
      'MOODMARK-TOOLBAR',
    );
  });

  it('finds an article rendered late within a second of its text appearing', async () => {
    const { calls, callbacks } = recordCalls();
    stop = watch(callbacks);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(2000);
    document.body.innerHTML = articleHtml('late');
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
    expect(calls.map((call) => call.anchorId)).toEqual(['late-5']);
  });

  it('finds a late article in a page that replaced its whole document element', async () => {
    const { calls, callbacks } = recordCalls();
    stop = watch(callbacks);
    await vi.advanceTimersByTimeAsync(2000);
    // A loader that swaps its shell for the page it fetched (document.replaceChild).
    const shell = document.documentElement;
    const page = document.createElement('html');
    page.append(document.createElement('head'), document.createElement('body'));
    document.replaceChild(page, shell);
    try {
      await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
      document.body.innerHTML = articleHtml('swapped');
      await vi.advanceTimersByTimeAsync(1000);
      expect(calls.map((call) => call.anchorId)).toEqual(['swapped-5']);
    } finally {
      document.replaceChild(shell, page);
    }
  });

  it('finds a late article even while the page keeps mutating', async () => {
    const { calls, callbacks } = recordCalls();
    stop = watch(callbacks);
    document.body.innerHTML = articleHtml('busy');
    const ticker = document.createElement('div');
    document.body.append(ticker);
    for (let i = 0; i < 10; i++) {
      ticker.textContent = `tick ${i}`;
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(calls.map((call) => call.anchorId)).toEqual(['busy-5']);
  });

  it('never announces a front page of teasers, and stops watching after the limit', async () => {
    const detect = vi.fn(function* (): Generator<void, null> {
      return null;
    });
    const { calls, callbacks } = recordCalls();
    document.body.innerHTML = frontPageHtml();
    stop = watch(callbacks);
    const real = watch(recordCalls().callbacks, { detectSteps: detect });
    for (let i = 0; i < 30; i++) {
      document.body.append(document.createElement('p'));
      await vi.advanceTimersByTimeAsync(500);
    }
    await vi.advanceTimersByTimeAsync(WATCH_LIMIT_MS + 1000);
    const runs = detect.mock.calls.length;
    document.body.append(document.createElement('p'));
    await vi.advanceTimersByTimeAsync(5000);
    real();
    expect(calls).toEqual([]);
    expect(detect.mock.calls.length).toBe(runs);
  });

  it('survives a detection that throws: nothing reaches the page, the next address is looked at', async () => {
    let throwing = true;
    const detect = vi.fn(function* (doc: Document): Generator<void, ArticleDetection | null> {
      if (throwing) throw new RangeError('Maximum call stack size exceeded');
      return yield* detectArticleSteps(doc);
    });
    document.body.innerHTML = articleHtml('first');
    const { calls, callbacks } = recordCalls();
    stop = watch(callbacks, { detectSteps: detect });
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
    expect(detect).toHaveBeenCalledTimes(1);
    // A page that threw is not looked at again while it stays…
    document.body.append(document.createElement('p'));
    await vi.advanceTimersByTimeAsync(5000);
    expect(detect).toHaveBeenCalledTimes(1);
    // …but its next address is.
    throwing = false;
    history.pushState(null, '', '/news/second-story');
    document.body.innerHTML = articleHtml('second');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS + NAVIGATION_SETTLE_MS);
    expect(calls.map((call) => call.anchorId)).toEqual(['second-5']);
  });

  it('keeps its toolbar where the page only drops tracking parameters from its address', async () => {
    document.body.innerHTML = articleHtml('first');
    history.replaceState(null, '', '/news/first-story?utm_source=feed');
    const detect = vi.fn((doc: Document) => detectArticleSteps(doc));
    const { calls, callbacks } = recordCalls();
    stop = watch(callbacks, { detectSteps: detect });
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
    expect(calls).toHaveLength(1);
    history.replaceState(null, '', '/news/first-story');
    window.dispatchEvent(new Event('hashchange'));
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS + NAVIGATION_SETTLE_MS);
    expect(calls).toHaveLength(1);
    expect(detect).toHaveBeenCalledTimes(1);
  });

  it.each([
    { how: 'an event (hashchange, as the Navigation API would tell)', told: true },
    { how: 'no event', told: false },
  ])(
    'follows a navigation whose address the app then strips of tracking parameters, told by $how',
    async ({ told }) => {
      document.body.innerHTML = articleHtml('first');
      const { calls, callbacks } = recordCalls();
      stop = watch(callbacks);
      await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
      history.pushState(null, '', '/news/second-story?utm_source=front');
      document.body.innerHTML = articleHtml('second');
      window.dispatchEvent(new PopStateEvent('popstate'));
      // Before the navigation settles, the app's analytics drops what it read from the address.
      await vi.advanceTimersByTimeAsync(50);
      history.replaceState(null, '', '/news/second-story');
      if (told) window.dispatchEvent(new Event('hashchange'));
      await vi.advanceTimersByTimeAsync(LOOKED_AT_MS + NAVIGATION_SETTLE_MS);
      expect(calls).toEqual([
        { url: 'http://localhost:3000/news/first-story', anchorId: 'first-5' },
        { url: 'http://localhost:3000/news/second-story', anchorId: 'second-5' },
      ]);
    },
  );

  it.each([
    { how: 'dropped its tracking parameters', to: '/news/first-story', after: 0 },
    { how: 'rewrote it past the watch', to: '/news/first-story?t=90', after: WATCH_LIMIT_MS },
  ])('re-places a removed toolbar on a page that $how without an event', async (c) => {
    history.replaceState(null, '', '/news/first-story?utm_source=feed');
    document.body.innerHTML = articleHtml('first');
    const { calls, callbacks } = recordCalls();
    stop = watch(callbacks);
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS + c.after);
    history.replaceState(null, '', c.to);
    // The page adds a box beside the article, then renders the article anew.
    document.querySelector('main')!.append(document.createElement('section'));
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
    document.querySelector(TOOLBAR_HOST_TAG)!.remove();
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
    expect(calls.map((call) => call.anchorId)).toEqual(['first-5', 'first-5']);
    expect(document.getElementsByTagName(TOOLBAR_HOST_TAG)).toHaveLength(1);
  });

  it.each([
    { how: 'leaves the article as it was (a scroll spy)', rewrite: false, stories: ['first'] },
    {
      how: 'rewrites the article in place (its next story)',
      rewrite: true,
      stories: ['first', 'second'],
    },
  ])("keeps the toolbar's article only while an app's own address change $how", async (c) => {
    document.body.innerHTML = articleHtml('first');
    const { calls, callbacks, lostCount } = recordCalls();
    stop = watch(callbacks);
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
    history.replaceState(null, '', '/news/second-story');
    if (c.rewrite) {
      for (const paragraph of document.querySelectorAll('p')) {
        paragraph.textContent = `second: ${SENTENCE.repeat(3)}`;
      }
    }
    window.dispatchEvent(new Event('hashchange'));
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS + NAVIGATION_SETTLE_MS);
    // The toolbar under the first story was placed again for the second's address: its votes
    // went to the second story.
    expect(calls.map(({ url }) => url)).toEqual(
      c.stories.map((story) => `http://localhost:3000/news/${story}-story`),
    );
    expect(lostCount()).toBe(0);
    expect(document.getElementsByTagName(TOOLBAR_HOST_TAG)).toHaveLength(1);
  });

  it.each([
    { how: 'the same story', story: 'first', url: '/news/first-story' },
    { how: 'the story its address names', story: 'second', url: '/news/first-story?t=90' },
  ])(
    'past the watch, re-places the toolbar of a page that rewrote its address for $how',
    async (c) => {
      document.body.innerHTML = articleHtml('first');
      const { calls, callbacks } = recordCalls();
      stop = watch(callbacks);
      await vi.advanceTimersByTimeAsync(WATCH_LIMIT_MS + LOOKED_AT_MS);
      // A player writes its time into the address, then the page renders its story anew.
      history.replaceState(null, '', '/news/first-story?t=90');
      document.querySelector('main')!.outerHTML = articleHtml(c.story);
      await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
      // The same story at another address: another key, the reader's reaction not shown.
      expect(calls).toEqual([
        { url: 'http://localhost:3000/news/first-story', anchorId: 'first-5' },
        { url: `http://localhost:3000${c.url}`, anchorId: `${c.story}-5` },
      ]);
    },
  );

  it('looks at an address an app keeps rewriting within one budget, not anew each time', async () => {
    document.body.innerHTML = articleHtml('first');
    const detect = vi.fn((doc: Document) => detectArticleSteps(doc));
    const { calls, callbacks } = recordCalls();
    stop = watch(callbacks, { detectSteps: detect });
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
    // A player writing its time into the address every second, for two minutes.
    for (let second = 1; second <= 120; second++) {
      history.replaceState(null, '', `/news/first-story?t=${second}`);
      window.dispatchEvent(new Event('hashchange'));
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(detect.mock.calls.length).toBeLessThanOrEqual(MAX_DETECTIONS_PER_PAGE);
    expect(calls.length).toBeLessThan(20);
    // The reader's own navigation is looked at, as ever.
    history.pushState(null, '', '/news/second-story');
    document.body.innerHTML = articleHtml('second');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS + NAVIGATION_SETTLE_MS);
    expect(calls.at(-1)).toEqual({
      url: 'http://localhost:3000/news/second-story',
      anchorId: 'second-5',
    });
  });

  it.each([
    { how: 'Back (a traverse)', type: 'traverse', press: false, looks: 1 },
    { how: 'a press, then a push', type: 'push', press: true, looks: 1 },
    { how: 'the app alone (a push)', type: 'push', press: false, looks: 0 },
  ])('after the watch, looks again at a navigation made by $how: $looks', async (c) => {
    const tellOf = fakeNavigationApi();
    try {
      document.body.innerHTML = articleHtml('first');
      const detect = vi.fn((doc: Document) => detectArticleSteps(doc));
      stop = watch(recordCalls().callbacks, { detectSteps: detect });
      await vi.advanceTimersByTimeAsync(WATCH_LIMIT_MS + 1000);
      expect(detect).toHaveBeenCalledTimes(1);
      if (c.press) window.dispatchEvent(new Event('pointerdown'));
      history.pushState(null, '', '/news/second-story');
      tellOf(c.type);
      await vi.advanceTimersByTimeAsync(LOOKED_AT_MS + NAVIGATION_SETTLE_MS);
      expect(detect).toHaveBeenCalledTimes(1 + c.looks);
    } finally {
      delete (window as { navigation?: unknown }).navigation;
    }
  });

  it.each([
    { how: 'told by the Navigation API, content rewritten in place', api: true, swap: false },
    { how: 'told by the Navigation API, content swapped', api: true, swap: true },
    { how: 'without the Navigation API, content rewritten in place', api: false, swap: false },
    { how: 'without the Navigation API, content swapped', api: false, swap: true },
  ])(
    'past the watch, follows each navigation an app makes 1.5 s after the click, $how',
    async ({ api, swap }) => {
      const tellOf = api ? fakeNavigationApi() : () => {};
      try {
        document.body.innerHTML = articleHtml('first');
        const { calls, callbacks } = recordCalls();
        stop = watch(callbacks);
        await vi.advanceTimersByTimeAsync(WATCH_LIMIT_MS + 1000);
        // More navigations than replacements: each one is a page of its own.
        const stories = Array.from({ length: MAX_REPLACEMENTS + 1 }, (_, i) => `story${i + 1}`);
        for (const story of stories) {
          document.body.dispatchEvent(new MouseEvent('click', { bubbles: true }));
          // The app fetches the next article on a slow network, then pushes its address.
          await vi.advanceTimersByTimeAsync(1500);
          history.pushState(null, '', `/news/${story}-story`);
          tellOf('push');
          if (swap) {
            document.body.innerHTML = articleHtml(story);
          } else {
            // A framework that reuses the nodes changes only their text.
            document.querySelector('h1')!.textContent = story;
            for (const paragraph of document.querySelectorAll('p')) {
              paragraph.textContent = `${story}: ${SENTENCE.repeat(3)}`;
            }
          }
          await vi.advanceTimersByTimeAsync(3000);
        }
        expect(calls.map((call) => call.url)).toEqual([
          'http://localhost:3000/news/first-story',
          ...stories.map((story) => `http://localhost:3000/news/${story}-story`),
        ]);
        expect(document.getElementsByTagName(TOOLBAR_HOST_TAG)).toHaveLength(1);
      } finally {
        delete (window as { navigation?: unknown }).navigation;
      }
    },
  );

  it.each([
    { how: 'at once', pushAfterMs: 0 },
    { how: 'once the next article has loaded', pushAfterMs: 1500 },
  ])(
    'without the Navigation API, follows a navigation an app makes on a key, pushed $how',
    async ({ pushAfterMs }) => {
      document.body.innerHTML = articleHtml('first');
      const { calls, callbacks, lostCount } = recordCalls();
      stop = watch(callbacks);
      await vi.advanceTimersByTimeAsync(WATCH_LIMIT_MS + 1000);
      // The app's shortcut to the next story (or Enter on a card that is no link): no click.
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'j' }));
      await vi.advanceTimersByTimeAsync(pushAfterMs);
      history.pushState(null, '', '/news/second-story');
      // A framework that reuses the nodes changes only their text.
      document.querySelector('h1')!.textContent = 'second';
      for (const paragraph of document.querySelectorAll('p')) {
        paragraph.textContent = `second: ${SENTENCE.repeat(3)}`;
      }
      await vi.advanceTimersByTimeAsync(3000);
      // The first story's toolbar left under the second, its votes went to the first.
      expect(lostCount()).toBe(1);
      expect(calls.map((call) => call.url)).toEqual([
        'http://localhost:3000/news/first-story',
        'http://localhost:3000/news/second-story',
      ]);
    },
  );

  it("follows an app's late push, without an event, at once when the reader clicks the toolbar", async () => {
    document.body.innerHTML = articleHtml('first');
    const { calls, callbacks, lostCount } = recordCalls();
    stop = watch(callbacks);
    await vi.advanceTimersByTimeAsync(WATCH_LIMIT_MS + 1000);
    document.body.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    // The app fetches the next story, then pushes its address and rewrites the nodes in place.
    await vi.advanceTimersByTimeAsync(1500);
    history.pushState(null, '', '/news/second-story');
    document.querySelector('h1')!.textContent = 'second';
    await vi.advanceTimersByTimeAsync(500);
    // Before the address is checked again (3 s after the click), the reader reacts on the first
    // story's toolbar under the second: it leaves before it acts on the click.
    const toolbar = document.getElementsByTagName(TOOLBAR_HOST_TAG)[0]!;
    toolbar.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect([lostCount(), toolbar.isConnected]).toEqual([1, false]);
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS + NAVIGATION_SETTLE_MS);
    expect(calls.map((call) => call.url)).toEqual([
      'http://localhost:3000/news/first-story',
      'http://localhost:3000/news/second-story',
    ]);
  });

  it.each(['click', 'pointerdown', 'keydown'])(
    "takes a %s on the toolbar for no navigation of the reader's: it keeps an app's rewrite past the watch",
    async (type) => {
      document.body.innerHTML = articleHtml('first');
      const { calls, callbacks, lostCount } = recordCalls();
      stop = watch(callbacks);
      await vi.advanceTimersByTimeAsync(WATCH_LIMIT_MS + 1000);
      // A scroll spy, the reader reading on: the address names the next story on the page.
      history.replaceState(null, '', '/news/second-story');
      const toolbar = document.getElementsByTagName(TOOLBAR_HOST_TAG)[0]!;
      toolbar.dispatchEvent(new Event(type, { bubbles: true }));
      if (type !== 'click') toolbar.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      await vi.advanceTimersByTimeAsync(3000);
      // The toolbar stays with the story it was placed after, which the reader voted on.
      expect([lostCount(), toolbar.isConnected, calls.length]).toEqual([0, true, 1]);
    },
  );

  it.each([
    { key: 'Tab', api: false },
    { key: ' ', api: false },
    { key: 'PageDown', api: true },
    { key: 'ArrowDown', api: false },
    { key: 'End', api: true },
  ])(
    "takes a key that scrolls or moves focus ($key) for no navigation of the reader's, Navigation API: $api",
    async ({ key, api }) => {
      const tellOf = api ? fakeNavigationApi() : () => {};
      try {
        document.body.innerHTML = articleHtml('first');
        const { calls, callbacks, lostCount } = recordCalls();
        stop = watch(callbacks);
        await vi.advanceTimersByTimeAsync(WATCH_LIMIT_MS + 1000);
        window.dispatchEvent(new KeyboardEvent('keydown', { key }));
        // A scroll spy names the next story on the page as the reader scrolls on to it.
        history.replaceState(null, '', '/news/second-story');
        tellOf('replace');
        await vi.advanceTimersByTimeAsync(3000);
        expect([lostCount(), calls.length]).toEqual([0, 1]);
      } finally {
        delete (window as { navigation?: unknown }).navigation;
      }
    },
  );

  /**
   * A watched article whose reader clicked in the page (a consent banner accepted) and read on
   * past the watch, after which an endless feed added the next story under it. Resolves to the
   * recorded calls.
   */
  async function readIntoFeedPastWatchAfterClick() {
    document.body.innerHTML = articleHtml('first');
    const recorded = recordCalls();
    stop = watch(recorded.callbacks);
    document.body.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await vi.advanceTimersByTimeAsync(WATCH_LIMIT_MS + 1000);
    document.querySelector('main')!.insertAdjacentHTML('afterend', articleHtml('second'));
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
    return recorded;
  }

  it("takes an app's replaced address for no navigation of the reader's, clicked before or not (Navigation API)", async () => {
    const tellOf = fakeNavigationApi();
    try {
      const { calls, lostCount } = await readIntoFeedPastWatchAfterClick();
      // Its scroll spy names the next story once it is scrolled to.
      history.replaceState(null, '', '/news/second-story');
      tellOf('replace');
      await vi.advanceTimersByTimeAsync(3000);
      // The toolbar left the first story as its end came into view.
      expect([lostCount(), calls.length]).toEqual([0, 1]);
      expect(document.getElementById('first-5')!.nextElementSibling!.localName).toBe(
        TOOLBAR_HOST_TAG,
      );
      // The click still counts for the reader's own navigation.
      history.pushState(null, '', '/news/third-story');
      tellOf('push');
      expect(lostCount()).toBe(1);
    } finally {
      delete (window as { navigation?: unknown }).navigation;
    }
  });

  it("takes an app's address replaced while the page is hidden for no navigation of the reader's (Navigation API)", async () => {
    const tellOf = fakeNavigationApi();
    const hidden = vi.spyOn(document, 'hidden', 'get').mockReturnValue(false);
    try {
      const { calls, lostCount } = await readIntoFeedPastWatchAfterClick();
      // The reader switches tabs as the scroll spy, a moment late, names the next story.
      hidden.mockReturnValue(true);
      document.dispatchEvent(new Event('visibilitychange'));
      history.replaceState(null, '', '/news/second-story');
      tellOf('replace');
      showPage(hidden);
      await vi.advanceTimersByTimeAsync(3000);
      expect([lostCount(), calls.length]).toEqual([0, 1]);
      expect(document.getElementById('first-5')!.nextElementSibling!.localName).toBe(
        TOOLBAR_HOST_TAG,
      );
      // Back and Forward while hidden is still the reader's (a traverse told of).
      hidden.mockReturnValue(true);
      history.pushState(null, '', '/news/third-story');
      tellOf('traverse');
      history.replaceState(null, '', '/news/fourth-story');
      tellOf('replace');
      showPage(hidden);
      expect(lostCount()).toBe(1);
    } finally {
      hidden.mockRestore();
      delete (window as { navigation?: unknown }).navigation;
    }
  });

  it('renews the watch once for a click, however often the app then rewrites its address', async () => {
    document.body.innerHTML = articleHtml('first');
    const detect = vi.fn((doc: Document) => detectArticleSteps(doc));
    stop = watch(recordCalls().callbacks, { detectSteps: detect });
    await vi.advanceTimersByTimeAsync(WATCH_LIMIT_MS + 1000);
    expect(detect).toHaveBeenCalledTimes(1);
    document.body.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    // The reader started a video: the player writes its time into the address every second.
    let atWatchEnd = 0;
    for (let second = 1; second <= 120; second++) {
      history.replaceState(null, '', `/news/first-story?t=${second}`);
      window.dispatchEvent(new Event('hashchange'));
      await vi.advanceTimersByTimeAsync(1000);
      if (second * 1000 === 2 * WATCH_LIMIT_MS) atWatchEnd = detect.mock.calls.length;
    }
    // Renewed by the click, then no more.
    expect(atWatchEnd).toBeGreaterThan(1);
    expect(detect).toHaveBeenCalledTimes(atWatchEnd);
  });

  it('checks the address after a click no more while the page is hidden, and once it shows', async () => {
    document.body.innerHTML = articleHtml('first');
    const { calls, callbacks } = recordCalls();
    stop = watch(callbacks);
    await vi.advanceTimersByTimeAsync(WATCH_LIMIT_MS + 1000);
    const hidden = vi.spyOn(document, 'hidden', 'get').mockReturnValue(false);
    try {
      document.body.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      await vi.advanceTimersByTimeAsync(500);
      // The reader switches tabs while the next article loads.
      hidden.mockReturnValue(true);
      await vi.advanceTimersByTimeAsync(1000);
      history.pushState(null, '', '/news/second-story');
      document.querySelector('h1')!.textContent = 'second';
      await vi.advanceTimersByTimeAsync(5000);
      expect(vi.getTimerCount()).toBe(0);
      expect(calls).toHaveLength(1);
      showPage(hidden);
      await vi.advanceTimersByTimeAsync(LOOKED_AT_MS + NAVIGATION_SETTLE_MS);
      expect(calls.map((call) => call.url)).toEqual([
        'http://localhost:3000/news/first-story',
        'http://localhost:3000/news/second-story',
      ]);
    } finally {
      hidden.mockRestore();
    }
  });

  /** A page behind a consent wall: no article until the reader accepts. */
  function consentWallHtml(): string {
    return '<div id="consent"><p>We value your privacy.</p><button>Accept</button></div>';
  }

  /** A click in the page; `isReaderInput` says whether a test's click counts as the reader's. */
  function clickAccept(): void {
    const target = document.querySelector('button') ?? document.body;
    target.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  }

  const LAST_CLICK_CHECK_MS = Math.max(...CHECKS_AFTER_CLICK_MS);

  it.each([
    { when: 'at once', renderedAfterMs: 0 },
    { when: 'once fetched, 2 s later', renderedAfterMs: 2000 },
  ])(
    "past the watch, finds the article a reader's click let in $when (a consent wall)",
    async ({ renderedAfterMs }) => {
      document.body.innerHTML = consentWallHtml();
      const { calls, callbacks } = recordCalls();
      stop = watch(callbacks, { isReaderInput: () => true });
      await vi.advanceTimersByTimeAsync(WATCH_LIMIT_MS + 30_000);
      clickAccept();
      await vi.advanceTimersByTimeAsync(renderedAfterMs);
      document.body.innerHTML = articleHtml('late');
      await vi.advanceTimersByTimeAsync(LAST_CLICK_CHECK_MS + LOOKED_AT_MS);
      expect(calls.map((call) => call.anchorId)).toEqual(['late-5']);
      expect(document.getElementsByTagName(TOOLBAR_HOST_TAG)).toHaveLength(1);
    },
  );

  it("looks after a reader's click past the watch only at checks the page changed before, none after, no timer left", async () => {
    document.body.innerHTML = consentWallHtml();
    const detect = vi.fn(function* (): Generator<void, null> {
      return null;
    });
    stop = watch(recordCalls().callbacks, {
      detectSteps: detect,
      isReaderInput: () => true,
    });
    await vi.advanceTimersByTimeAsync(WATCH_LIMIT_MS + 1000);
    const before = detect.mock.calls.length;
    // A click that changes nothing (text selected) costs no detection.
    clickAccept();
    await vi.advanceTimersByTimeAsync(LAST_CLICK_CHECK_MS + LOOKED_AT_MS);
    expect(detect.mock.calls.length).toBe(before);
    // A click after which the page keeps changing: one look per check.
    clickAccept();
    let waited = 0;
    for (const at of CHECKS_AFTER_CLICK_MS) {
      document.body.append(document.createElement('p'));
      // Past the check and its look, which takes the page as it is then.
      await vi.advanceTimersByTimeAsync(at + 50 - waited);
      waited = at + 50;
    }
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
    expect(detect.mock.calls.length - before).toBe(CHECKS_AFTER_CLICK_MS.length);
    // The page keeps changing after that: nothing more is looked at, nothing waits.
    for (let i = 0; i < 20; i++) {
      document.body.append(document.createElement('p'));
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(detect.mock.calls.length - before).toBe(CHECKS_AFTER_CLICK_MS.length);
    expect(vi.getTimerCount()).toBe(0);
  });

  it.each([
    { page: 'without an article', html: () => consentWallHtml() },
    { page: 'with a toolbar', html: () => articleHtml('first') },
  ])(
    'looks no more for the keys typed after a click than for the click, $page (a search box)',
    async ({ html }) => {
      document.body.innerHTML = `${html()}<input id="search"><ul id="suggestions"></ul>`;
      const detect = vi.fn((doc: Document) => detectArticleSteps(doc));
      stop = watch(recordGrowth().callbacks, { detectSteps: detect, isReaderInput: () => true });
      await vi.advanceTimersByTimeAsync(WATCH_LIMIT_MS + 1000);
      const before = detect.mock.calls.length;
      const search = document.getElementById('search')!;
      clickOn(search);
      // Typed in bursts, a pause after each: the page shows suggestions for what was typed.
      for (let burst = 0; burst < 10; burst++) {
        search.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
        document.getElementById('suggestions')!.innerHTML = `<li>Suggestion ${burst}</li>`;
        await vi.advanceTimersByTimeAsync(LAST_CLICK_CHECK_MS / 2);
      }
      await vi.advanceTimersByTimeAsync(LAST_CLICK_CHECK_MS + LOOKED_AT_MS);
      expect(detect.mock.calls.length - before).toBeLessThanOrEqual(CHECKS_AFTER_CLICK_MS.length);
    },
  );

  it('costs no detection when a click changes nothing on a page with a toolbar', async () => {
    document.body.innerHTML = articleHtml('first');
    const detect = vi.fn((doc: Document) => detectArticleSteps(doc));
    const { grown, callbacks } = recordGrowth();
    stop = watch(callbacks, { detectSteps: detect, isReaderInput: () => true });
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
    const before = detect.mock.calls.length;
    clickOn(document.body);
    await vi.advanceTimersByTimeAsync(LAST_CLICK_CHECK_MS + LOOKED_AT_MS);
    expect(detect.mock.calls.length).toBe(before);
    expect(grown).toEqual([]);
  });

  it("looks for no article after a click the page's script made, nor while the page is hidden", async () => {
    document.body.innerHTML = consentWallHtml();
    let fromReader = false;
    const { calls, callbacks } = recordCalls();
    stop = watch(callbacks, { isReaderInput: () => fromReader });
    await vi.advanceTimersByTimeAsync(WATCH_LIMIT_MS + 1000);
    clickAccept();
    document.body.innerHTML = articleHtml('late');
    await vi.advanceTimersByTimeAsync(LAST_CLICK_CHECK_MS + LOOKED_AT_MS);
    expect(calls).toEqual([]);
    const hidden = vi.spyOn(document, 'hidden', 'get').mockReturnValue(true);
    try {
      fromReader = true;
      clickAccept();
      await vi.advanceTimersByTimeAsync(LAST_CLICK_CHECK_MS + LOOKED_AT_MS);
      expect(calls).toEqual([]);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      hidden.mockRestore();
    }
    // The reader comes back and clicks again.
    clickAccept();
    await vi.advanceTimersByTimeAsync(LAST_CLICK_CHECK_MS + LOOKED_AT_MS);
    expect(calls.map((call) => call.anchorId)).toEqual(['late-5']);
  });

  /** As {@link recordCalls}, and moves the toolbar (the same element) when the article grows. */
  function recordGrowth() {
    const recorded = recordCalls();
    const grown: string[] = [];
    const callbacks = {
      ...recorded.callbacks,
      onGrown(detection: ArticleDetection) {
        grown.push(detection.anchor.id);
        detection.anchor.after(document.querySelector(TOOLBAR_HOST_TAG)!);
      },
    };
    return { ...recorded, callbacks, grown };
  }

  /** The rest of the story, as a "continue reading" button brings it: after the toolbar. */
  function appendRest(name: string): void {
    const rest = Array.from(
      { length: 3 },
      (_, i) => `<p id="${name}-${i}">${SENTENCE.repeat(3)}</p>`,
    );
    document.querySelector('article')!.insertAdjacentHTML('beforeend', rest.join(''));
  }

  function clickOn(target: Element): void {
    target.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  }

  it.each([
    { when: 'at once', after: 0 },
    { when: 'once fetched, 2 s later', after: 2000 },
  ])(
    'moves the toolbar to the end of the article the reader expanded $when ("continue reading")',
    async ({ after }) => {
      document.body.innerHTML = articleHtml('first');
      document.querySelector('main')!.insertAdjacentHTML('beforeend', '<button>More</button>');
      const { calls, callbacks, grown } = recordGrowth();
      stop = watch(callbacks, { isReaderInput: () => true });
      await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
      const toolbar = document.querySelector(TOOLBAR_HOST_TAG);
      clickOn(document.querySelector('button')!);
      await vi.advanceTimersByTimeAsync(after);
      appendRest('rest');
      await vi.advanceTimersByTimeAsync(LAST_CLICK_CHECK_MS + LOOKED_AT_MS);
      expect(grown).toEqual(['rest-2']);
      expect(calls).toHaveLength(1);
      expect(document.getElementsByTagName(TOOLBAR_HOST_TAG)).toHaveLength(1);
      expect(document.getElementById('rest-2')!.nextElementSibling).toBe(toolbar);
      // Its own move is not the page's: the toolbar is kept, not placed anew.
      await vi.advanceTimersByTimeAsync(5000);
      expect(calls).toHaveLength(1);
    },
  );

  it('moves the toolbar once per click, however the article grows after', async () => {
    document.body.innerHTML = articleHtml('first');
    const detect = vi.fn((doc: Document) => detectArticleSteps(doc));
    const { grown, callbacks } = recordGrowth();
    stop = watch(callbacks, { detectSteps: detect, isReaderInput: () => true });
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
    clickOn(document.body);
    appendRest('second');
    await vi.advanceTimersByTimeAsync(LAST_CLICK_CHECK_MS / 2);
    appendRest('third');
    await vi.advanceTimersByTimeAsync(LAST_CLICK_CHECK_MS + LOOKED_AT_MS);
    expect(grown).toEqual(['second-2']);
    expect(detect.mock.calls.length).toBeLessThanOrEqual(1 + CHECKS_AFTER_CLICK_MS.length);
    clickOn(document.body);
    await vi.advanceTimersByTimeAsync(LAST_CLICK_CHECK_MS + LOOKED_AT_MS);
    expect(grown).toEqual(['second-2', 'third-2']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('leaves the toolbar under its story when an endless article names the next one', async () => {
    // Past the watch, the page appends the next story to the same article and its scroll spy
    // names it in the address (a replaced entry): the toolbar's votes are still the first story's.
    const tellOf = fakeNavigationApi();
    try {
      document.body.innerHTML = articleHtml('first');
      const { calls, callbacks, grown } = recordGrowth();
      stop = watch(callbacks, { isReaderInput: () => true });
      await vi.advanceTimersByTimeAsync(WATCH_LIMIT_MS + 1000);
      const toolbar = document.querySelector(TOOLBAR_HOST_TAG);
      appendRest('next');
      history.replaceState(null, '', '/news/next-story');
      tellOf('replace');
      await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
      // The reader clicks in the next story (selecting a word, a link opened in another tab).
      clickOn(document.getElementById('next-1')!);
      await vi.advanceTimersByTimeAsync(LAST_CLICK_CHECK_MS + LOOKED_AT_MS);
      expect(grown).toEqual([]);
      expect(calls).toHaveLength(1);
      expect(document.getElementById('first-5')!.nextElementSibling).toBe(toolbar);
    } finally {
      delete (window as { navigation?: unknown }).navigation;
    }
  });

  it.each([
    { how: 'the click was on the toolbar', focus: false, onToolbar: true, reader: true },
    { how: 'the toolbar has focus', focus: true, onToolbar: false, reader: true },
    { how: "the page's script clicked", focus: false, onToolbar: false, reader: false },
  ])('leaves the toolbar where it is when $how', async ({ focus, onToolbar, reader }) => {
    document.body.innerHTML = articleHtml('first');
    const { grown, callbacks } = recordGrowth();
    stop = watch(callbacks, { isReaderInput: () => reader });
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
    const toolbar = document.querySelector<HTMLElement>(TOOLBAR_HOST_TAG)!;
    if (focus) {
      toolbar.tabIndex = 0;
      toolbar.focus();
    }
    clickOn(onToolbar ? toolbar : document.body);
    appendRest('rest');
    await vi.advanceTimersByTimeAsync(LAST_CLICK_CHECK_MS + LOOKED_AT_MS);
    expect(grown).toEqual([]);
    expect(document.getElementById('first-5')!.nextElementSibling).toBe(toolbar);
  });

  /** The content script's detector: no place for the toolbar in editable text. */
  const placeSteps: DetectSteps = (doc) => placeToolbarSteps(doc, null);

  it('takes the toolbar out of the article the page turns into an editor, and back after', async () => {
    // A CMS switching to its edit mode after the toolbar was placed: the editor saved the
    // toolbar's element with the writer's text.
    document.body.innerHTML = articleHtml('first');
    const { calls, callbacks, lostCount } = recordCalls();
    stop = watch(callbacks, { detectSteps: placeSteps });
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
    expect(document.getElementsByTagName(TOOLBAR_HOST_TAG)).toHaveLength(1);
    const article = document.querySelector('article')!;
    article.setAttribute('contenteditable', 'true');
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
    expect(lostCount()).toBe(1);
    expect(document.getElementsByTagName(TOOLBAR_HOST_TAG)).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toHaveLength(1);
    // Saved: the editor is gone, and the toolbar comes back.
    article.removeAttribute('contenteditable');
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
    expect(calls).toHaveLength(2);
    expect(document.getElementById('first-5')!.nextElementSibling?.localName).toBe(
      TOOLBAR_HOST_TAG,
    );
  });

  it('takes the toolbar out of a page switched to design mode, once focus moves', async () => {
    document.body.innerHTML = articleHtml('first');
    const { callbacks, lostCount } = recordCalls();
    stop = watch(callbacks, { detectSteps: placeSteps });
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
    // Design mode is no attribute: no observer hears of it.
    Object.defineProperty(document, 'designMode', { value: 'on', configurable: true });
    try {
      document.querySelector('p')!.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
      expect(lostCount()).toBe(1);
      expect(document.getElementsByTagName(TOOLBAR_HOST_TAG)).toHaveLength(0);
    } finally {
      delete (document as { designMode?: string }).designMode;
    }
  });

  it('follows an SPA navigation between two articles, ignoring fragment changes', async () => {
    document.body.innerHTML = articleHtml('first');
    const { calls, callbacks } = recordCalls();
    stop = watch(callbacks);
    await vi.advanceTimersByTimeAsync(10);
    history.pushState(null, '', '/news/first-story#comments');
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS + NAVIGATION_SETTLE_MS);
    expect(calls).toHaveLength(1);

    history.pushState(null, '', '/news/second-story');
    document.body.innerHTML = articleHtml('second');
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS + NAVIGATION_SETTLE_MS);
    expect(calls).toEqual([
      { url: 'http://localhost:3000/news/first-story', anchorId: 'first-5' },
      { url: 'http://localhost:3000/news/second-story', anchorId: 'second-5' },
    ]);
    expect(document.getElementsByTagName(TOOLBAR_HOST_TAG)).toHaveLength(1);
  });

  /**
   * Shows the first story, watched until its toolbar is placed, then the reader's click to
   * `path` (the app pushes the address): the calls the watch makes.
   */
  async function clickFromFirstStoryTo(path: string, options?: Parameters<typeof watch>[1]) {
    document.body.innerHTML = articleHtml('first');
    const { calls, callbacks } = recordCalls();
    stop = watch(callbacks, options);
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
    document.body.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    history.pushState(null, '', path);
    return calls;
  }

  it.each([{ fetchMs: 1000 }, { fetchMs: 2500 }])(
    'places no toolbar for the next address under the last story while the app fetches the next ($fetchMs ms)',
    async ({ fetchMs }) => {
      const calls = await clickFromFirstStoryTo('/news/second-story');
      await vi.advanceTimersByTimeAsync(fetchMs);
      document.body.innerHTML = articleHtml('second');
      await vi.advanceTimersByTimeAsync(LAST_CLICK_CHECK_MS + LOOKED_AT_MS);
      expect(calls).toEqual([
        { url: 'http://localhost:3000/news/first-story', anchorId: 'first-5' },
        { url: 'http://localhost:3000/news/second-story', anchorId: 'second-5' },
      ]);
    },
  );

  it("finds the next story an app writes into the last one's text nodes once fetched", async () => {
    const calls = await clickFromFirstStoryTo('/news/second-story');
    await vi.advanceTimersByTimeAsync(1000);
    // A framework keeping the elements sets each text node's data: no element added or removed.
    const walker = document.createTreeWalker(
      document.querySelector('article')!,
      NodeFilter.SHOW_TEXT,
    );
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      (text as Text).data = (text as Text).data.split('').reverse().join('');
    }
    await vi.advanceTimersByTimeAsync(LAST_CLICK_CHECK_MS + LOOKED_AT_MS);
    expect(calls).toEqual([
      { url: 'http://localhost:3000/news/first-story', anchorId: 'first-5' },
      { url: 'http://localhost:3000/news/second-story', anchorId: 'first-5' },
    ]);
  });

  it('places the toolbar again at once for the story left when the reader goes Back to it during the fetch', async () => {
    const calls = await clickFromFirstStoryTo('/news/second-story');
    await vi.advanceTimersByTimeAsync(1000);
    // Back before the next story came: the app cancels its fetch and shows the first as it was.
    history.pushState(null, '', '/news/first-story');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.advanceTimersByTimeAsync(NAVIGATION_SETTLE_MS + LOOKED_AT_MS);
    expect(calls).toEqual([
      { url: 'http://localhost:3000/news/first-story', anchorId: 'first-5' },
      { url: 'http://localhost:3000/news/first-story', anchorId: 'first-5' },
    ]);
    expect(document.getElementsByTagName(TOOLBAR_HOST_TAG)).toHaveLength(1);
  });

  it('places the toolbar again for a story that stays as it was at the address the reader went to', async () => {
    const calls = await clickFromFirstStoryTo('/news/first-story/comments');
    // Followed at the first check after the click (no Navigation API), then waited for.
    await vi.advanceTimersByTimeAsync(
      CHECKS_AFTER_CLICK_MS[0] + NEXT_ARTICLE_WAIT_MS + LOOKED_AT_MS,
    );
    expect(calls).toEqual([
      { url: 'http://localhost:3000/news/first-story', anchorId: 'first-5' },
      { url: 'http://localhost:3000/news/first-story/comments', anchorId: 'first-5' },
    ]);
    expect(document.getElementsByTagName(TOOLBAR_HOST_TAG)).toHaveLength(1);
  });

  it('places the toolbar again for a story that stays at the address the reader went to while the page keeps changing', async () => {
    let time = 0;
    const sliceHost = { now: () => time, yieldToPage: async () => {} };
    // Each walk costs 60 ms: five while the story left waits would spend the watch's budget.
    const costly: DetectSteps = function* (doc) {
      for (let step = 0; step < 60; step++) {
        time += 1;
        yield;
      }
      return yield* detectArticleSteps(doc);
    };
    const calls = await clickFromFirstStoryTo('/news/first-story/comments', {
      detectSteps: costly,
      sliceHost,
    });
    // Comments come in one by one, outside the story.
    for (let elapsed = 0; elapsed < NEXT_ARTICLE_WAIT_MS + 1000; elapsed += 400) {
      document.querySelector('aside')!.append(document.createElement('p'));
      await vi.advanceTimersByTimeAsync(400);
    }
    expect(calls).toEqual([
      { url: 'http://localhost:3000/news/first-story', anchorId: 'first-5' },
      { url: 'http://localhost:3000/news/first-story/comments', anchorId: 'first-5' },
    ]);
  });

  it("follows a hash-routed app from one route's article to the next", async () => {
    history.replaceState(null, '', '/app.html#!/story/1');
    document.body.innerHTML = articleHtml('first');
    const { calls, callbacks } = recordCalls();
    stop = watch(callbacks);
    await vi.advanceTimersByTimeAsync(10);
    history.pushState(null, '', '/app.html#!/story/2');
    document.body.innerHTML = articleHtml('second');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS + NAVIGATION_SETTLE_MS);
    expect(calls).toEqual([
      { url: 'http://localhost:3000/app.html#!/story/1', anchorId: 'first-5' },
      { url: 'http://localhost:3000/app.html#!/story/2', anchorId: 'second-5' },
    ]);
  });

  it('tells the caller when navigation leads to a page that is not an article', async () => {
    document.body.innerHTML = articleHtml('first');
    const { callbacks, lostCount } = recordCalls();
    stop = watch(callbacks);
    await vi.advanceTimersByTimeAsync(10);
    history.pushState(null, '', '/');
    document.body.innerHTML = frontPageHtml();
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.advanceTimersByTimeAsync(NAVIGATION_SETTLE_MS);
    expect(lostCount()).toBe(1);
    expect(document.getElementsByTagName(TOOLBAR_HOST_TAG)).toHaveLength(0);
  });

  it("tells the caller as soon as the reader moves on from an article, once, before the next one's", async () => {
    document.body.innerHTML = articleHtml('first');
    const { calls, callbacks, lostCount } = recordCalls();
    stop = watch(callbacks);
    await vi.advanceTimersByTimeAsync(10);
    history.pushState(null, '', '/news/second-story');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(lostCount()).toBe(1);
    document.body.innerHTML = articleHtml('second');
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS + NAVIGATION_SETTLE_MS);
    expect(lostCount()).toBe(1);
    expect(calls.map(({ anchorId }) => anchorId)).toEqual(['first-5', 'second-5']);
  });

  it(`re-places a toolbar the page removes, at most ${MAX_REPLACEMENTS} times`, async () => {
    document.body.innerHTML = articleHtml('first');
    const { calls, callbacks } = recordCalls();
    stop = watch(callbacks);
    for (let i = 0; i < MAX_REPLACEMENTS + 2; i++) {
      await vi.advanceTimersByTimeAsync(10);
      document.querySelector(TOOLBAR_HOST_TAG)?.remove();
      await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
    }
    expect(calls).toHaveLength(1 + MAX_REPLACEMENTS);
    expect(document.getElementsByTagName(TOOLBAR_HOST_TAG)).toHaveLength(0);
  });

  it('keeps a toolbar under a live story that renders itself anew every half minute', async () => {
    document.body.innerHTML = articleHtml('live');
    const { callbacks } = recordCalls();
    stop = watch(callbacks);
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
    // Ten minutes of a reader on the story: each refresh takes the toolbar with the old nodes.
    for (let refresh = 0; refresh < 20; refresh++) {
      await vi.advanceTimersByTimeAsync(30_000);
      document.body.innerHTML = articleHtml('live');
      await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
      expect(document.getElementsByTagName(TOOLBAR_HOST_TAG), `refresh ${refresh}`).toHaveLength(1);
    }
  });

  it('gives up for good on a page that keeps removing the toolbar at once', async () => {
    document.body.innerHTML = articleHtml('first');
    const { calls, callbacks } = recordCalls();
    stop = watch(callbacks);
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
    // A page that deletes what it does not know, a few times a second, for three minutes.
    for (let tick = 0; tick < 3 * 60 * 4; tick++) {
      document.querySelector(TOOLBAR_HOST_TAG)?.remove();
      await vi.advanceTimersByTimeAsync(250);
    }
    expect(calls).toHaveLength(1 + MAX_REPLACEMENTS);
  });

  it('tells the caller when the page moves its toolbar, which stays', async () => {
    document.body.innerHTML = articleHtml('first');
    const { calls, callbacks } = recordCalls();
    let kept = 0;
    stop = watch({ ...callbacks, onKept: () => kept++ });
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
    expect(calls).toHaveLength(1);
    const host = document.querySelector(TOOLBAR_HOST_TAG)!;
    host.parentElement!.append(host);
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
    expect(kept).toBeGreaterThan(0);
    expect(calls).toHaveLength(1);
  });

  it('finds the article again when the page swapped it while the toolbar loaded', async () => {
    document.body.innerHTML = articleHtml('first');
    const recorded = recordCalls();
    let swapped = false;
    const callbacks = {
      ...recorded.callbacks,
      async onArticle(detection: ArticleDetection, url: string) {
        if (swapped) return recorded.callbacks.onArticle(detection, url);
        // The first placement finds its anchor gone (as the content script's place() does).
        recorded.calls.push({ url, anchorId: detection.anchor.id });
        swapped = true;
        document.body.innerHTML = articleHtml('rendered');
      },
    };
    stop = watch(callbacks);
    await vi.advanceTimersByTimeAsync(10);
    document.body.append(document.createElement('p'));
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
    expect(recorded.calls.map((call) => call.anchorId)).toEqual(['first-5', 'rendered-5']);
    expect(document.getElementById('rendered-5')?.nextElementSibling?.tagName).toBe(
      'MOODMARK-TOOLBAR',
    );
  });

  it('finds the swapped article of a page that stays still once the toolbar has loaded', async () => {
    document.body.innerHTML = articleHtml('first');
    const recorded = recordCalls();
    let loaded: () => void = () => {};
    let swapped = false;
    const callbacks = {
      ...recorded.callbacks,
      onArticle(detection: ArticleDetection, url: string) {
        if (swapped) return recorded.callbacks.onArticle(detection, url);
        recorded.calls.push({ url, anchorId: detection.anchor.id });
        // toolbar.js loads meanwhile; the toolbar then finds its anchor gone and stays out.
        return new Promise<void>((resolve) => (loaded = resolve));
      },
    };
    stop = watch(callbacks);
    await vi.advanceTimersByTimeAsync(10);
    // The app renders its article anew (hydration), then changes nothing more.
    swapped = true;
    document.body.innerHTML = articleHtml('rendered');
    await vi.advanceTimersByTimeAsync(100);
    loaded();
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
    expect(recorded.calls.map((call) => call.anchorId)).toEqual(['first-5', 'rendered-5']);
  });

  it('puts back a toolbar shown after its placement, once the page removes it', async () => {
    document.body.innerHTML = articleHtml('first');
    const recorded = recordCalls();
    let hidden = true;
    const callbacks = {
      ...recorded.callbacks,
      onArticle(detection: ArticleDetection, url: string) {
        // The first placement is kept out of the page, as on a site the reader turned off.
        if (!hidden) recorded.callbacks.onArticle(detection, url);
        else recorded.calls.push({ url, anchorId: detection.anchor.id });
      },
    };
    stop = watch(callbacks);
    await vi.advanceTimersByTimeAsync(10);
    // The reader turns the site on: the content script shows the toolbar it kept.
    hidden = false;
    document.getElementById('first-5')!.after(document.createElement(TOOLBAR_HOST_TAG));
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
    document.querySelector(TOOLBAR_HOST_TAG)!.remove();
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
    expect(recorded.calls).toHaveLength(2);
    expect(document.getElementsByTagName(TOOLBAR_HOST_TAG)).toHaveLength(1);
  });

  it('tries a failed placement again until it succeeds', async () => {
    document.body.innerHTML = articleHtml('first');
    const { calls, callbacks } = failingFirst(2);
    stop = watch(callbacks);
    await vi.advanceTimersByTimeAsync(10);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(PLACEMENT_RETRY_MS);
    expect(calls).toHaveLength(2);
    // The second retry waits twice as long.
    await vi.advanceTimersByTimeAsync(2 * PLACEMENT_RETRY_MS - 10);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(10);
    expect(calls.map((call) => call.anchorId)).toEqual(['first-5', 'first-5', 'first-5']);
    expect(document.getElementsByTagName(TOOLBAR_HOST_TAG)).toHaveLength(1);
  });

  it('looks at the page again when its article went away before a placement retry', async () => {
    document.body.innerHTML = articleHtml('first');
    const { calls, callbacks } = failingFirst(1);
    stop = watch(callbacks);
    await vi.advanceTimersByTimeAsync(10);
    // The app swaps its content while the retry waits.
    document.body.innerHTML = articleHtml('swapped');
    await vi.advanceTimersByTimeAsync(PLACEMENT_RETRY_MS + 10);
    expect(calls.map((call) => call.anchorId)).toEqual(['first-5', 'swapped-5']);
    expect(document.getElementById('swapped-5')?.nextElementSibling?.tagName).toBe(
      'MOODMARK-TOOLBAR',
    );
  });

  it(`gives up on a placement that failed ${1 + MAX_PLACEMENT_RETRIES} times`, async () => {
    document.body.innerHTML = articleHtml('first');
    const { calls, callbacks } = failingFirst(Infinity);
    stop = watch(callbacks);
    await vi.advanceTimersByTimeAsync(PLACEMENT_RETRY_MS * 2 ** (MAX_PLACEMENT_RETRIES + 2));
    expect(calls).toHaveLength(1 + MAX_PLACEMENT_RETRIES);
  });

  it('drops a placement retry when the page navigates meanwhile', async () => {
    document.body.innerHTML = articleHtml('first');
    const { calls, callbacks } = failingFirst(Infinity);
    stop = watch(callbacks);
    await vi.advanceTimersByTimeAsync(10);
    history.pushState(null, '', '/news/second-story');
    document.body.innerHTML = frontPageHtml();
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.advanceTimersByTimeAsync(PLACEMENT_RETRY_MS * 2 ** (MAX_PLACEMENT_RETRIES + 2));
    expect(calls).toHaveLength(1);
  });

  it('loads the detector afresh for each look', async () => {
    document.body.innerHTML = frontPageHtml();
    const { callbacks } = recordCalls();
    const loadDetector = vi.fn(async () => (doc: Document) => detectArticleSteps(doc));
    stop = watchArticle(window, callbacks, { loadDetector });
    await vi.advanceTimersByTimeAsync(10);
    expect(loadDetector).toHaveBeenCalledTimes(1);
    document.body.insertAdjacentHTML('beforeend', '<p>Late news</p>');
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS + REARM_DELAY_MS);
    expect(loadDetector).toHaveBeenCalledTimes(2);
  });

  it('looks again, waiting longer each time, when the detector did not load', async () => {
    document.body.innerHTML = articleHtml('first');
    const { calls, callbacks } = recordCalls();
    let failures = 2;
    const loadDetector = vi.fn(async () => {
      if (failures-- > 0) throw new Error('the background did not answer');
      return (doc: Document) => detectArticleSteps(doc);
    });
    stop = watchArticle(window, callbacks, { loadDetector });
    await vi.advanceTimersByTimeAsync(10 + DETECTOR_LOAD_RETRY_MS);
    expect(loadDetector).toHaveBeenCalledTimes(2);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(2 * DETECTOR_LOAD_RETRY_MS);
    expect(loadDetector).toHaveBeenCalledTimes(3);
    expect(calls).toHaveLength(1);
  });

  it(`gives up on a static page whose detector failed to load ${1 + MAX_DETECTOR_LOAD_RETRIES} times`, async () => {
    document.body.innerHTML = articleHtml('first');
    const { calls, callbacks } = recordCalls();
    const loadDetector = vi.fn(() => Promise.reject(new Error('the background did not answer')));
    stop = watchArticle(window, callbacks, { loadDetector });
    await vi.advanceTimersByTimeAsync(
      DETECTOR_LOAD_RETRY_MS * 2 ** (MAX_DETECTOR_LOAD_RETRIES + 2),
    );
    expect(loadDetector).toHaveBeenCalledTimes(1 + MAX_DETECTOR_LOAD_RETRIES);
    expect(calls).toEqual([]);
  });

  /** A detector whose first `failures` loads fail (the background did not answer). */
  function loadFailingFirst(failures: number, detectSteps: DetectSteps = detectArticleSteps) {
    return vi.fn(async () => {
      if (failures-- > 0) throw new Error('the background did not answer');
      return detectSteps;
    });
  }

  it('looks again once a hidden tab whose detector did not load shows, past the watch', async () => {
    const hidden = vi.spyOn(document, 'hidden', 'get').mockReturnValue(true);
    try {
      document.body.innerHTML = articleHtml('first');
      const { calls, callbacks } = recordCalls();
      const loadDetector = loadFailingFirst(1);
      stop = watchArticle(window, callbacks, { loadDetector });
      await vi.advanceTimersByTimeAsync(WATCH_LIMIT_MS + 5000);
      // Not tried again while hidden…
      expect(loadDetector).toHaveBeenCalledTimes(1);
      showPage(hidden);
      await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
      // …but once shown, though the watch is over: the page was never looked at.
      expect(calls.map((call) => call.anchorId)).toEqual(['first-5']);
    } finally {
      hidden.mockRestore();
    }
  });

  it("past the watch, finds the article a reader's click let in when its detector loads late", async () => {
    document.body.innerHTML = consentWallHtml();
    const { calls, callbacks } = recordCalls();
    let failures = 0;
    // Each failure known only once callBackground gave up (its own tries, about 1.5 s).
    const loadDetector = vi.fn(async () => {
      if (failures <= 0) return detectArticleSteps;
      failures--;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      throw new Error('the background did not answer');
    });
    stop = watchArticle(window, callbacks, { loadDetector, isReaderInput: () => true });
    await vi.advanceTimersByTimeAsync(WATCH_LIMIT_MS + 30_000);
    failures = 2;
    clickAccept();
    document.body.innerHTML = articleHtml('late');
    await vi.advanceTimersByTimeAsync(LAST_CLICK_CHECK_MS + LOOKED_AT_MS);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(DETECTOR_LOAD_RETRY_MS * 2 ** MAX_DETECTOR_LOAD_RETRIES);
    expect(calls.map((call) => call.anchorId)).toEqual(['late-5']);
  });

  it("past the watch, a reader's click looks at a page whose detector never loaded", async () => {
    document.body.innerHTML = consentWallHtml();
    const { calls, callbacks } = recordCalls();
    let failing = false;
    const loadDetector = vi.fn(async () => {
      if (failing) throw new Error('the background did not answer');
      return detectArticleSteps;
    });
    stop = watchArticle(window, callbacks, { loadDetector, isReaderInput: () => true });
    await vi.advanceTimersByTimeAsync(WATCH_LIMIT_MS + 30_000);
    failing = true;
    clickAccept();
    document.body.innerHTML = articleHtml('late');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toEqual([]);
    // The page has not changed since, but it was never looked at with its article in.
    failing = false;
    clickAccept();
    await vi.advanceTimersByTimeAsync(LAST_CLICK_CHECK_MS + LOOKED_AT_MS);
    expect(calls.map((call) => call.anchorId)).toEqual(['late-5']);
  });

  it('tries a few times, not on every change, to load a detector that never loads', async () => {
    const loadDetector = vi.fn(() => Promise.reject(new Error('the background did not answer')));
    stop = watchArticle(window, recordCalls().callbacks, { loadDetector });
    for (let i = 0; i < 100; i++) {
      document.body.append(document.createElement('p'));
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(loadDetector.mock.calls.length).toBeLessThanOrEqual(8);
  });

  it('loads the detector a bounded number of times a minute on a page that navigates by script, feigning the reader', async () => {
    document.body.innerHTML = articleHtml('story0');
    const { calls, callbacks } = recordCalls();
    const loadDetector = vi.fn(async () => detectArticleSteps);
    stop = watchArticle(window, callbacks, { loadDetector });
    await vi.advanceTimersByTimeAsync(WATCH_LIMIT_MS + 1000);
    const minutes = 3;
    const before = loadDetector.mock.calls.length;
    for (let step = 1; step <= minutes * 120; step++) {
      // Untrusted input, and an address of its own every half second.
      window.dispatchEvent(new Event('pointerdown'));
      history.pushState(null, '', `/news/story${step}-of-the-day`);
      window.dispatchEvent(new PopStateEvent('popstate'));
      document.body.innerHTML = articleHtml(`story${step}`);
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(loadDetector.mock.calls.length - before).toBeLessThanOrEqual(
      minutes * MAX_DETECTOR_LOADS_PER_MINUTE,
    );
    // Once the page stays on an article, it gets its toolbar within the minute.
    calls.length = 0;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls.map((call) => call.anchorId)).toEqual([`story${minutes * 120}-5`]);
  });

  it("retries a failed load on the reader's next page, after the last page used up its retries", async () => {
    document.body.innerHTML = frontPageHtml();
    const { calls, callbacks } = recordCalls();
    let failures = 1 + MAX_DETECTOR_LOAD_RETRIES;
    const loadDetector = vi.fn(async () => {
      if (failures-- > 0) throw new Error('the background did not answer');
      return detectArticleSteps;
    });
    stop = watchArticle(window, callbacks, { loadDetector });
    await vi.advanceTimersByTimeAsync(WATCH_LIMIT_MS + 1000);
    expect(loadDetector).toHaveBeenCalledTimes(1 + MAX_DETECTOR_LOAD_RETRIES);
    // The reader goes on to a story; its first load fails too.
    failures = 1;
    window.dispatchEvent(new Event('pointerdown'));
    history.pushState(null, '', '/news/second-story');
    document.body.innerHTML = articleHtml('second');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.advanceTimersByTimeAsync(NAVIGATION_SETTLE_MS + DETECTOR_LOAD_RETRY_MS + LOOKED_AT_MS);
    expect(calls.map((call) => call.anchorId)).toEqual(['second-5']);
  });

  it('gives the first look that loads its detector the whole budget of a first look', async () => {
    document.body.innerHTML = articleHtml('first');
    let time = 0;
    const sliceHost = { now: () => time, yieldToPage: async () => {} };
    // Heavier than the watch's budget, lighter than a whole run's.
    function* heavyDetection() {
      for (let i = 0; i < WATCH_WORK_BUDGET_MS + 100; i++) {
        time += 1;
        yield;
      }
      const anchor = document.getElementById('first-5')!;
      return { body: anchor.parentElement!, anchor };
    }
    const { calls, callbacks } = recordCalls();
    const loadDetector = loadFailingFirst(1, heavyDetection);
    stop = watchArticle(window, callbacks, { loadDetector, sliceHost });
    await vi.advanceTimersByTimeAsync(10 + DETECTOR_LOAD_RETRY_MS + LOOKED_AT_MS);
    expect(loadDetector).toHaveBeenCalledTimes(2);
    expect(calls.map((call) => call.anchorId)).toEqual(['first-5']);
  });

  it('keeps a single toolbar when two are placed', async () => {
    document.body.innerHTML = articleHtml('first');
    const { callbacks } = recordCalls();
    stop = watch(callbacks);
    await vi.advanceTimersByTimeAsync(10);
    document.body.append(document.createElement(TOOLBAR_HOST_TAG));
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
    expect(document.getElementsByTagName(TOOLBAR_HOST_TAG)).toHaveLength(1);
  });

  it('keeps its own toolbar, not an element of its name the page put before it', async () => {
    // Two elements of the toolbar's name ahead of the article (markup pasted from a page that
    // had the toolbar, or a hostile page's): the caller takes the first away as it places its own.
    const named = () => document.createElement(TOOLBAR_HOST_TAG);
    document.body.innerHTML = articleHtml('first');
    document.body.prepend(named(), named());
    const { callbacks } = recordCalls();
    stop = watch(callbacks);
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
    const placedAfter = () => document.getElementById('first-5')!.nextElementSibling?.localName;
    expect(placedAfter()).toBe(TOOLBAR_HOST_TAG);
    // The page renders the story anew, the toolbar taken with its old nodes: it comes back.
    document.querySelector('article')!.outerHTML = articleHtml('first');
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
    expect(placedAfter()).toBe(TOOLBAR_HOST_TAG);
    // The page changes beside the article: its toolbar stays.
    document.body.append(document.createElement('section'));
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
    expect(placedAfter()).toBe(TOOLBAR_HOST_TAG);
  });

  it('runs detection in slices that yield to the page', async () => {
    document.body.innerHTML = articleHtml('first');
    let time = 0;
    let yields = 0;
    const sliceHost = {
      now: () => time,
      yieldToPage: async () => {
        yields++;
      },
    };
    function* slowDetection() {
      for (let i = 0; i < 100; i++) {
        time += 1;
        yield;
      }
      const anchor = document.getElementById('first-5')!;
      return { body: anchor.parentElement!, anchor };
    }
    const { calls, callbacks } = recordCalls();
    stop = watch(callbacks, { detectSteps: slowDetection, sliceHost });
    await vi.advanceTimersByTimeAsync(10);
    expect(calls.map((call) => call.anchorId)).toEqual(['first-5']);
    expect(yields).toBe(25);
  });

  it('detects a few times, not on every change, on a page that keeps changing', async () => {
    const detect = vi.fn(function* (): Generator<void, null> {
      return null;
    });
    stop = watch(recordCalls().callbacks, { detectSteps: detect });
    for (let i = 0; i < 100; i++) {
      document.body.append(document.createElement('p'));
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(detect.mock.calls.length).toBeGreaterThan(3);
    expect(detect.mock.calls.length).toBeLessThanOrEqual(8);
  });

  it('leaves no timer behind once nothing is awaited (no polling)', async () => {
    document.body.innerHTML = frontPageHtml();
    stop = watch(recordCalls().callbacks);
    await vi.advanceTimersByTimeAsync(WATCH_LIMIT_MS + 5000);
    document.body.append(document.createElement('p'));
    await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('looks once at start in a hidden page, then waits for it to show', async () => {
    const hidden = vi.spyOn(document, 'hidden', 'get').mockReturnValue(true);
    try {
      const { calls, callbacks } = recordCalls();
      stop = watch(callbacks);
      await vi.advanceTimersByTimeAsync(10);
      document.body.innerHTML = articleHtml('late');
      await vi.advanceTimersByTimeAsync(5000);
      expect(calls).toEqual([]);
      showPage(hidden);
      await vi.advanceTimersByTimeAsync(10);
      expect(calls.map((call) => call.anchorId)).toEqual(['late-5']);
    } finally {
      hidden.mockRestore();
    }
  });

  it('finds an article rendered in a hidden page once it shows, however long after', async () => {
    // A story opened in a background tab, rendered there by script, read much later.
    const hidden = vi.spyOn(document, 'hidden', 'get').mockReturnValue(true);
    try {
      const { calls, callbacks } = recordCalls();
      stop = watch(callbacks);
      await vi.advanceTimersByTimeAsync(10);
      document.body.innerHTML = articleHtml('late');
      await vi.advanceTimersByTimeAsync(WATCH_LIMIT_MS + 5000);
      expect(calls).toEqual([]);
      showPage(hidden);
      await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
      expect(calls.map((call) => call.anchorId)).toEqual(['late-5']);
    } finally {
      hidden.mockRestore();
    }
  });

  it('keeps a watch that ended before the page was hidden ended once it shows', async () => {
    document.body.innerHTML = frontPageHtml();
    let looks = 0;
    stop = watch(recordCalls().callbacks, {
      detectSteps: (doc) => (looks++, detectArticleSteps(doc)),
    });
    await vi.advanceTimersByTimeAsync(WATCH_LIMIT_MS + 1000);
    const looksInWatch = looks;
    const hidden = vi.spyOn(document, 'hidden', 'get').mockReturnValue(true);
    try {
      document.dispatchEvent(new Event('visibilitychange'));
      await vi.advanceTimersByTimeAsync(60_000);
      document.body.append(document.createElement('p'));
      await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
      showPage(hidden);
      await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
      expect(looks).toBe(looksInWatch);
    } finally {
      hidden.mockRestore();
    }
  });

  it("watches only the toolbar's ancestors once an article is shown", async () => {
    document.body.innerHTML = `${articleHtml('first')}<section id="feed"></section>`;
    const observe = vi.spyOn(MutationObserver.prototype, 'observe');
    try {
      const { calls, callbacks } = recordCalls();
      stop = watch(callbacks);
      await vi.advanceTimersByTimeAsync(10);
      expect(calls).toHaveLength(1);
      const after = observe.mock.calls.length;
      const feed = document.getElementById('feed')!;
      for (let i = 0; i < 10; i++) {
        feed.append(document.createElement('p'));
        await vi.advanceTimersByTimeAsync(100);
      }
      expect(observe.mock.calls.slice(after).every(([, init]) => !init?.subtree)).toBe(true);
      document.querySelector('article')!.remove();
      await vi.advanceTimersByTimeAsync(LOOKED_AT_MS);
      expect(calls).toHaveLength(1);
      expect(document.getElementsByTagName(TOOLBAR_HOST_TAG)).toHaveLength(0);
    } finally {
      observe.mockRestore();
    }
  });

  it('stops watching a growing page once its detections add up to the watch budget', async () => {
    let time = 0;
    const sliceHost = { now: () => time, yieldToPage: async () => {} };
    const perDetectionMs = 60;
    const costly = vi.fn(function* (): Generator<void, null> {
      for (let step = 0; step < perDetectionMs; step++) {
        time += 1;
        yield;
      }
      return null;
    });
    stop = watch(recordCalls().callbacks, { detectSteps: costly, sliceHost });
    // Not longer than the watch limit, so only the work budget can stop it.
    for (let i = 0; i < 20; i++) {
      document.body.append(document.createElement('p'));
      await vi.advanceTimersByTimeAsync(WATCH_LIMIT_MS / 20);
    }
    expect(costly).toHaveBeenCalledTimes(Math.ceil(WATCH_WORK_BUDGET_MS / perDetectionMs));
    // The last run stopped where the budget ran out, not at its own end.
    expect(time).toBeLessThanOrEqual(WATCH_WORK_BUDGET_MS + SLICE_MS);
    history.pushState(null, '', '/news/second-story');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.advanceTimersByTimeAsync(NAVIGATION_SETTLE_MS + 10);
    expect(costly).toHaveBeenCalledTimes(Math.ceil(WATCH_WORK_BUDGET_MS / perDetectionMs) + 1);
  });

  it('gives up on a page whose detection runs past its budget, until it navigates', async () => {
    let time = 0;
    const sliceHost = { now: () => time, yieldToPage: async () => {} };
    const endless = vi.fn(function* (): Generator<void, null> {
      for (;;) {
        time += 1;
        yield;
      }
    });
    stop = watch(recordCalls().callbacks, { detectSteps: endless, sliceHost });
    for (let i = 0; i < 50; i++) {
      document.body.append(document.createElement('p'));
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(endless).toHaveBeenCalledTimes(1);
    history.pushState(null, '', '/news/second-story');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.advanceTimersByTimeAsync(NAVIGATION_SETTLE_MS + 10);
    expect(endless).toHaveBeenCalledTimes(2);
  });
});
