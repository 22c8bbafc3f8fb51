import browser, { bind as bindExtensionApi } from './extension-api';
import { reportWork } from './bench-marks';
import {
  createDeclaredAddressFilter,
  createLeftOverCheck,
  readArticleTitle,
  readDeclaredAddresses,
  readOpenGraphTitle,
} from '../core/article-metadata';
import { hostOfPage, isSamePage } from '../core/article-url';
import { CONTENT_SCRIPT_MARK } from '../core/content-script-mark';
import { pageLanguage } from '../core/page-language';
import { readLanguageTag } from '../core/vote';
import { isCoveredBy } from '../core/site-list';
import { correctionCandidates } from '../core/page-corrections';
import type { ToolbarPlace } from '../core/place-toolbar';
import type { Reaction } from '../core/reactions';
import {
  callBackground,
  CallError,
  ExtensionGoneError,
  isContentRequest,
  isInvalidCall,
  MAX_PAGE_URL_INPUT,
  nextOperationId,
  parseContentMessage,
  type ArticleRef,
  type ArticleState,
  type ContentMessage,
  type PageProof,
  type PageReport,
  type SendMessage,
} from '../protocol';
import { TOOLBAR_HOST_TAG, watchArticle, type DetectSteps } from './article-watcher';
import type { DetectorModule } from './detector-handoff';
import { loadDetectorModule } from './load-detector';
import { dropToolbarLoad, loadToolbarModule } from './load-toolbar';
import { followCorrection, type CorrectionFollower } from './page-correction';
import { sendKeepingAside, type PendingVoteArea } from './pending-vote';
import { openTestChannel } from './test-channel';
import type { Toolbar } from './toolbar';

const started = __BENCH_MARKS__ ? performance.now() : 0;

/**
 * What tells a second run of this file in the same frame that it has run. A symbol, not a name:
 * the page's elements are named properties of this world's global too (`<div id=…>`).
 */
const CONTENT_SCRIPT_KEY: unique symbol = Symbol.for(CONTENT_SCRIPT_MARK);

/**
 * Sends to the background; where the extension has left this page (isCutOff), fails at once
 * with ExtensionGoneError, so that the reader is told to reload rather than kept waiting on retries.
 */
const send: SendMessage = async (message) => {
  if (isCutOff()) throw new ExtensionGoneError('the extension context is invalidated');
  try {
    return await browser.runtime.sendMessage(message);
  } catch (error) {
    // Cut off while sending: Chrome throws "Extension context invalidated.".
    if (isCutOff()) throw new ExtensionGoneError(String(error));
    throw error;
  }
};

/**
 * The page's proof key, from the background's latest answer about the page (its site's switch,
 * a reaction, a vote): what a vote kept aside is proven with (pending-vote.ts). The page keeps
 * its origin, and the key with it.
 */
let proofKey: string | undefined;

/** Keeps the proof key `answer` carries, if any. */
function keepProofKey(answer: PageProof): void {
  if (typeof answer.proofKey === 'string') proofKey = answer.proofKey;
}

/**
 * Keeps the proof key a failure's reply carried (CallError), if any: where every question failed
 * (the history slow to open), the first vote is kept aside all the same.
 */
function keepProofKeyOfFailure(error: unknown): void {
  if (error instanceof CallError) keepProofKey(error);
}

/** The reader's reaction to `article` and the site's switch, as the background answers. */
async function askReaction(article: ArticleRef): Promise<ArticleState> {
  try {
    const state = await callBackground(send, 'getReaction', article);
    keepProofKey(state);
    return state;
  } catch (error) {
    keepProofKeyOfFailure(error);
    throw error;
  }
}

/** The toolbar for this page's article, for the background's notices (registered once, below). */
interface MountedToolbar {
  toolbar: Toolbar;
  /** The element the toolbar goes after. */
  anchor: Element;
  /** The address it was placed for, and the article and title the page described there then. */
  placedFor: PlacedArticle;
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
  else if (!toolbar.host.isConnected && anchor.isConnected) {
    // One left by an earlier version of the extension goes as this one comes, not before: an
    // element of the page's own of that name that went away would tell it Moodmark is here.
    document.querySelector(TOOLBAR_HOST_TAG)?.remove();
    toolbar.insertAfter(anchor);
  }
}

const declaredAt = createDeclaredAddressFilter();
const isTitleLeftOver = createLeftOverCheck();

/** What the page at `url` says about itself now, its head read once. */
interface PageView {
  /** The article, without what an SPA left in the head from its last page. */
  article: ArticleRef;
  /** The og:title is the one the page had at its last address: an SPA did not update it. */
  titleLeftOver: boolean;
}

function viewAt(url: string): PageView {
  const declaredUrls = declaredAt(url, readDeclaredAddresses(document));
  const openGraphTitle = readOpenGraphTitle(document);
  const titleLeftOver = isTitleLeftOver(url, openGraphTitle ? [openGraphTitle] : []);
  return { article: { url, declaredUrls }, titleLeftOver };
}

/** The page at `url` as it describes itself now (what an SPA left from its last page dropped). */
function articleAt(url: string): ArticleRef {
  return viewAt(url).article;
}

/** The article's title: where the og:title is left over, the heading names the article. */
function titleOf({ titleLeftOver }: PageView): string {
  return readArticleTitle(document, { openGraph: !titleLeftOver });
}

/** An article a toolbar is placed for: its address, and what the page said of it there. */
interface PlacedArticle {
  url: string;
  article: ArticleRef;
  title: string;
}

/**
 * The article at `url` as the page describes it now; as it did when the toolbar was placed for
 * `url`, where the page has left that address since (a scroll spy past the watch, then its story
 * rendered anew): its head may name the story at the address now, whose key and title are not
 * this story's.
 */
function describeForPlacing(url: string): PlacedArticle {
  const before = mounted?.placedFor;
  if (before?.url === url && !isStillAt(url)) return before;
  const view = viewAt(url);
  return { url, article: view.article, title: titleOf(view) };
}

/** Whether the page's address still names the article at `url` (an anchor, tracking aside). */
function isStillAt(url: string): boolean {
  return isSamePage(location.href, url);
}

/** The page as it describes itself now. */
function currentArticle(): ArticleRef {
  return articleAt(location.href);
}

/**
 * The element holding the story whose toolbar goes after `anchor`: its language is the story's,
 * which the last paragraph, a quote, may not share.
 */
function storyElement(anchor: Element): Element {
  return anchor.parentElement ?? anchor;
}

/** What the popup's "this page" section acts on. */
function describePage(): PageReport {
  const view = viewAt(location.href);
  return {
    ...view.article,
    title: titleOf(view),
    toolbarShown: !!mounted && isShown(mounted.toolbar),
    // Where the toolbar is, the story's own, as a vote from the toolbar keeps it.
    lang: readLanguageTag(pageLanguage(document, mounted && storyElement(mounted.anchor))),
  };
}

/** Where a vote waits until the background answers it: nowhere in a private window. */
function pendingVoteArea(): PendingVoteArea | null {
  try {
    return browser.extension.inIncognitoContext === false ? browser.storage.local : null;
  } catch {
    // Cut off by an update: its call fails too.
    return null;
  }
}

/** Tells the background what the toolbar button's badge shows for this tab. */
function showOnBadge(reaction: Reaction | null): void {
  // A convenience: a worker that is restarting just misses one update.
  send({ call: 'reactionShown', input: { reaction } }).catch(() => {});
}

/**
 * The content script's one listener: the background's notices about what this page shows, and
 * the popup's request for what this page is (answered through sendResponse, as Chrome needs).
 */
function onMessage(
  message: unknown,
  _sender: unknown,
  sendResponse: (answer: PageReport) => void,
): undefined {
  if (isContentRequest(message)) {
    sendResponse(describePage());
    return undefined;
  }
  let notice: ContentMessage;
  try {
    notice = parseContentMessage(message);
  } catch {
    return undefined;
  }
  // Matched by the whole host: the background may name the site with its `www.` (www.gov.uk).
  const toggled =
    notice.notice === 'siteToggled' && isCoveredBy(hostOfPage(location.href), notice.input.site)
      ? notice.input
      : undefined;
  if (toggled) {
    if (toggled.disabled) leaveSite();
    else {
      // Turned on, another entry may still keep it off (a domain above): the background says.
      followSiteSwitch();
      // A toolbar taken out by an answer that found the site off asks again.
      void mounted?.load();
    }
    return undefined;
  }
  if (notice.notice === 'correctionChanged') {
    void correction.changed(notice.input.key).then((changed) => changed && restartWatching());
    return undefined;
  }
  if (!mounted) {
    // No toolbar, but the reader may have reacted to this page from the popup: the badge follows.
    // Asked, not shown: of the addresses the page declares, the background's key passes over
    // those on another site (by the Public Suffix List, kept out of this script), and its answer
    // shows the reaction under the key it gives this page.
    if (notice.notice === 'voteChanged' && correction.isPageKey(notice.input.key)) {
      askReaction(currentPageArticle().ref).catch(() => {});
    }
    return undefined;
  }
  if (notice.notice === 'voteChanged' && notice.input.key === mounted.key) {
    mounted.toolbar.show(notice.input.reaction);
    // The background set the badge with its answers to this tab; a change made elsewhere it
    // hears of from here.
    showOnBadge(notice.input.reaction);
  } else if (notice.notice === 'historyChanged') {
    void mounted.load();
  } else if (notice.notice === 'focusToolbar' && isShown(mounted.toolbar)) {
    mounted.toolbar.focus();
  }
  return undefined;
}

/** Not on a site where the toolbar is turned off, nor after it left the page. */
function isShown(toolbar: Toolbar): boolean {
  return toolbar.host.getClientRects().length > 0;
}

/** Asks the background to run toolbar.js in this frame; resolves once it has run. */
async function injectToolbar(): Promise<void> {
  await callBackground(send, 'toolbarWanted', {});
}

/**
 * A background that did not answer the toolbar's first question may be back soon: ask again after
 * this long, then twice as long after each failure, {@link MAX_RELOADS_AFTER_ERROR} times at most
 * (3 s to 48 s). Later, a notice or the reader's own vote tells the toolbar what is stored.
 */
const RELOAD_AFTER_ERROR_MS = 3000;
const MAX_RELOADS_AFTER_ERROR = 5;

/** Runs `run` now, or once the page shows again: a tab left in the background asks nothing. */
function whenShown(run: () => void): void {
  if (!document.hidden) {
    run();
    return;
  }
  document.addEventListener('visibilitychange', function onShown() {
    if (document.hidden) return;
    document.removeEventListener('visibilitychange', onShown);
    run();
  });
}

/** Counts toolbars placed and removed, so a placement that waited for toolbar.js knows it is stale. */
let placements = 0;

/**
 * The placement waiting for the background (its reaction, toolbar.js), if any: Chrome never
 * delivers an answer asked for as the page entered the back-forward cache.
 */
let placementAwaitingAnswer: number | undefined;

/** Waits for `answer` as placement `placement`, which a return from the cache starts afresh. */
async function awaitAsPlacement<T>(placement: number, answer: Promise<T>): Promise<T> {
  placementAwaitingAnswer = placement;
  try {
    return await answer;
  } finally {
    if (placementAwaitingAnswer === placement) placementAwaitingAnswer = undefined;
  }
}

function removeToolbar(): void {
  placements++;
  if (!mounted) return;
  // Its own, and one left by an earlier version of the extension where the page has seen this
  // one: elsewhere, that element may be the page's, put there to see whether Moodmark takes it.
  const wasShown = mounted.toolbar.host.isConnected;
  mounted.toolbar.host.remove();
  if (wasShown) document.querySelector(TOOLBAR_HOST_TAG)?.remove();
  mounted.toolbar.dispose();
  mounted = undefined;
  // The article is gone (or about to be looked for again): its reaction leaves the badge.
  showOnBadge(null);
}

/**
 * Places a toolbar for the article the watcher found at `url`. Its votes go to that article,
 * as the page described itself then, even if the page's address changes before the reader clicks.
 */
async function mountToolbar({ anchor, floating }: ToolbarPlace, url: string): Promise<void> {
  if (isCutOff()) {
    standAside();
    return;
  }
  const placement = ++placements;
  const placedFor = describeForPlacing(url);
  const { article } = placedFor;
  // Read again at each vote (an app may fill its head late), but not from the head of a story the
  // page's address has moved on to since (a scroll spy past the watch): its title is another's.
  const titleWhenPlaced = placedFor.title;
  const answer = askReaction(article);
  const [state] = await awaitAsPlacement(
    placement,
    Promise.all([answer.catch(() => undefined), correction.read()]),
  );
  // Removed or placed anew meanwhile (a correction read, a navigation): this one is stale.
  if (placement !== placements) return;
  // Not even loaded where it would not be placed: toolbar.js brings the sheet that shows any
  // element of the toolbar's name (background/inject-script.ts), which would tell the page
  // Moodmark is here. Turned on again, the site is looked at afresh (onMessage).
  if (state?.siteDisabled || correction.peek() === 'hide') {
    // Off, its switch unread at start: watched no more, as after its notice, so that the site's
    // switch found on (a notice, a return from the cache) looks at the page afresh. Its question
    // still on the way is kept: it is newer than this answer.
    if (state?.siteDisabled) stopWatcher();
    // The last article's goes all the same; the badge keeps this one's reaction.
    mounted?.toolbar.host.remove();
    mounted?.toolbar.dispose();
    mounted = undefined;
    return;
  }
  // Loaded on the first article of the frame only: pages without one never compile the toolbar.
  // The settings are read before the toolbar is drawn, so it shows as the reader set it at once.
  const { createToolbar, connectToolbar, pendingVoteProof } = await awaitAsPlacement(
    placement,
    loadToolbarModule(injectToolbar).then(async (module) => {
      await module.readSettings();
      return module;
    }),
  );
  if (placement !== placements) return;
  const placing = __BENCH_MARKS__ ? performance.now() : 0;
  const toolbar = createToolbar(document, {
    async choose(reaction) {
      // Taken out of the page at this very click (the watcher followed the app to another
      // article): the reader was not voting on this one's article, and nothing is sent.
      if (mounted !== next) throw new Error('the toolbar left the page');
      // An address longer than the background reads is refused here, as it would be there: a
      // page's megabytes would cost each click seconds of reading, and every tab a copy kept aside.
      if (article.url.length > MAX_PAGE_URL_INPUT) {
        throw new CallError(`url is longer than ${MAX_PAGE_URL_INPUT} characters`, {
          invalid: true,
          kind: 'refused',
        });
      }
      const input = {
        ...article,
        title: isStillAt(url) ? titleOf(viewAt(url)) : titleWhenPlaced,
        reaction,
        // The story's own language, as its toolbar's (connectToolbar): the history speaks its
        // title in that voice. Read as a tag here: the page may have written megabytes there.
        lang: readLanguageTag(pageLanguage(document, storyElement(anchor))),
      };
      const op = nextOperationId();
      const proof = proofKey === undefined ? null : pendingVoteProof(proofKey, input, op);
      const stored = await sendKeepingAside(pendingVoteArea(), input, op, proof, () =>
        callBackground(send, 'setReaction', input, undefined, op),
      ).catch((error: unknown) => {
        keepProofKeyOfFailure(error);
        throw error;
      });
      keepProofKey(stored);
      // The key, where no reading of the reaction succeeded: later notices about it are heard.
      next.key = stored.key;
      return stored.reaction;
    },
  });
  connectToolbar(toolbar, { anchor, floating });
  const next: MountedToolbar = {
    toolbar,
    anchor,
    placedFor,
    key: undefined,
    load: () =>
      askReaction(article).then(
        // Replaced while the background answered (a navigation): the answer is no longer wanted.
        (fresh) => {
          if (mounted === next) show(fresh);
        },
        (error: unknown) => {
          if (mounted !== next) return;
          toolbar.showLoadError(error);
          place(next, true);
        },
      ),
  };
  function show(fresh: ArticleState): void {
    next.key = fresh.key;
    toolbar.show(fresh.reaction);
    // Nor on a page the reader hid (read while this loaded; its restart removes this toolbar).
    place(next, !fresh.siteDisabled && correction.peek() !== 'hide');
  }
  // Nothing enters the page before the background has answered, nor where the site is off. The
  // last toolbar by reference: the first element of its name may be the page's.
  mounted?.toolbar.host.remove();
  mounted?.toolbar.dispose();
  mounted = next;
  lookForCutOffOnReturn();
  /** Asks again until the stored reaction is known (read, or voted here), this toolbar current. */
  function reloadAfterError(delayMs: number, reloadsLeft: number): void {
    const isWanted = () => mounted === next && next.key === undefined;
    setTimeout(() => {
      if (!isWanted()) return;
      whenShown(() => {
        if (!isWanted()) return;
        void next.load().then(() => {
          if (isWanted() && reloadsLeft > 1) reloadAfterError(2 * delayMs, reloadsLeft - 1);
        });
      });
    }, delayMs);
  }
  if (state) show(state);
  else {
    const error = await answer.catch((caught: unknown) => caught);
    toolbar.showLoadError(error);
    place(next, true);
    // A call refused as invalid (an address too long to keep) would be refused again.
    if (!isInvalidCall(error)) reloadAfterError(RELOAD_AFTER_ERROR_MS, MAX_RELOADS_AFTER_ERROR);
  }
  if (__BENCH_MARKS__) reportWork('place', placing);
}

/** Asks the background to run detector.js in this frame; resolves once it has run. */
async function injectDetector(): Promise<void> {
  await callBackground(send, 'detectorWanted', {});
}

/**
 * The detector for one look, loaded afresh (load-detector.ts). Not loaded where nothing is
 * detected: on a page the reader hid the toolbar on, or once an update cut this script off.
 */
async function loadDetector(): Promise<DetectSteps> {
  if (isCutOff() || correction.peek() === 'hide') {
    return (doc) => detectWithCorrection(doc, undefined);
  }
  const { placeToolbarSteps } = await loadDetectorModule(injectDetector);
  return (doc) => detectWithCorrection(doc, placeToolbarSteps);
}

/**
 * The detector with the reader's correction of the page obeyed (core/place-toolbar). The
 * correction is read once per article, the first time the page is looked at: a page the reader
 * corrected is looked at again once it is known. Without `placeToolbarSteps` (the reader hid the
 * toolbar when the look began), nothing is found.
 */
function* detectWithCorrection(
  doc: Document,
  placeToolbarSteps: DetectorModule['placeToolbarSteps'] | undefined,
): Generator<unknown, ToolbarPlace | null> {
  if (isCutOff()) {
    standAside();
    return null;
  }
  const known = correction.peek();
  if (known === undefined) {
    void correction.read().then((read) => read && restartWatching());
    // Asking reads the page's addresses and sends a message: a step of its own.
    yield;
  }
  const place = placeToolbarSteps ? yield* placeToolbarSteps(doc, known ?? null) : null;
  if (__TEST_HOOKS__) markLooked();
  return place;
}

/** End-to-end build: marks the page once the content script decided, for tests of no toolbar. */
function markLooked(): void {
  document.documentElement.dataset.moodmarkLooked = '';
}

/**
 * Whether the extension left this script, updated, turned off or removed: Chrome keeps a replaced
 * version's content script running (beside the new version's, after an update), its runtime
 * without an id.
 */
function isCutOff(): boolean {
  try {
    return !browser.runtime.id;
  } catch {
    return true;
  }
}

/**
 * Leaves the page, cut off: to the new version's script after an update, or to the page alone
 * once Moodmark is turned off or removed. Stops, and takes away its own toolbar only.
 */
function standAside(): void {
  // A switch's answer still on its way must not remove the new version's toolbar.
  siteQuestions++;
  stopWatcher();
  placements++;
  mounted?.toolbar.host.remove();
  mounted?.toolbar.dispose();
  mounted = undefined;
}

/** A toolbar whose extension is gone leaves the page, unless hidden (it looks again when shown). */
function leaveIfCutOff(): void {
  if (!document.hidden && mounted && isCutOff()) standAside();
}

let lookingForCutOff = false;

/**
 * Chrome tells a script nothing when its extension is turned off or removed, in another tab
 * (chrome://extensions) or in a dialog over this one: the reader's return to the page is when a
 * dead toolbar is taken out, as they expect of a Moodmark turned off. (A page's own event only
 * has `runtime.id` read.) Listened for once a toolbar is placed: other pages keep no bindings of
 * these events (see start()).
 */
function lookForCutOffOnReturn(): void {
  if (lookingForCutOff) return;
  lookingForCutOff = true;
  document.addEventListener('visibilitychange', leaveIfCutOff);
  window.addEventListener('focus', leaveIfCutOff);
}

/** Stops following the article; set while the watcher runs. */
let stopWatching: (() => void) | undefined;

function stopWatcher(): void {
  stopWatching?.();
  stopWatching = undefined;
}

/** Moves the toolbar, the same one with the reader's vote, after the article's new end. */
function moveToolbar(anchor: Element): void {
  if (!mounted) return;
  mounted.anchor = anchor;
  // Kept out of the page (the site off, the page hidden): it is placed there once shown.
  if (mounted.toolbar.host.isConnected) mounted.toolbar.insertAfter(anchor);
}

/** Detects once the page is idle, waits for late articles, follows SPA navigations and removals. */
function startWatching(): void {
  if (stopWatching || isCutOff()) return;
  stopWatching = watchArticle(
    window,
    {
      onArticle: (place, url) => mountToolbar(place, url),
      onLost: removeToolbar,
      onKept: () => mounted?.toolbar.keepShown(),
      onGrown: ({ anchor }) => moveToolbar(anchor),
    },
    { loadDetector },
  );
}

/** Counts questions about the site's switch, so an answer overtaken by a notice is dropped. */
let siteQuestions = 0;

/**
 * Asks the background for the site's switch: on a site the reader turned off nothing more runs,
 * until it is turned on again. A background that cannot answer does not keep the toolbar away
 * (getReaction asks again).
 */
function followSiteSwitch(): void {
  const question = ++siteQuestions;
  // A correction heard of while the background answers is newer than its answer.
  const heardBefore = correction.heard();
  callBackground(send, 'getSiteState', { url: location.href }).then(
    (state) => {
      keepProofKey(state);
      if (question !== siteQuestions) return;
      if (state.anyCorrection === false) correction.assumeNone(heardBefore);
      if (!state.disabled) startWatching();
      else {
        leaveSite();
        if (__TEST_HOOKS__) markLooked();
      }
    },
    (error: unknown) => {
      keepProofKeyOfFailure(error);
      if (question === siteQuestions) startWatching();
    },
  );
}

/** The reader turned the site off: nothing more runs, and the page keeps no toolbar. */
function leaveSite(): void {
  siteQuestions++;
  stopWatcher();
  removeToolbar();
}

/** Looks at the page afresh (its correction changed), unless the site is off (not watched). */
function restartWatching(): void {
  if (!stopWatching) return;
  stopWatcher();
  removeToolbar();
  startWatching();
}

/**
 * The page's article as it describes itself, and the keys a correction of it may be stored under:
 * worked out once per address (reading the declared addresses parses the page's JSON-LD, and the
 * keys are asked for on every look).
 */
let pageArticle: { ref: ArticleRef; keys: string[] } | undefined;

function currentPageArticle(): { ref: ArticleRef; keys: string[] } {
  if (pageArticle?.ref.url !== location.href) {
    const ref = currentArticle();
    pageArticle = { ref, keys: correctionCandidates(ref.url, ref.declaredUrls ?? []) };
  }
  return pageArticle;
}

/** The reader's correction of this page, from the popup in this tab or another: it applies at once. */
let correction: CorrectionFollower;

/**
 * Back from the back-forward cache, the page missed what changed meanwhile (in the popup, in
 * another tab): the site's switch, the toolbar and the badge ask again, and the page's
 * correction is read again.
 */
function onReturn(event: PageTransitionEvent): void {
  // A page script's own event (untrusted) would have the background asked again at its will.
  if (!event.persisted || !event.isTrusted) return;
  if (isCutOff()) {
    standAside();
    return;
  }
  // Read again first: the site's answer, asked after, may then say again that none is stored.
  // Where the site is off (not watched), nothing is read but its switch: the correction once on.
  if (stopWatching) void correction.reread().then((changed) => changed && restartWatching());
  else correction.forget();
  // Chrome's answer to a getReaction or toolbarWanted asked as the page entered the cache never
  // comes: the article is placed afresh, toolbar.js asked for again unless it ran meanwhile.
  if (placementAwaitingAnswer === placements) {
    dropToolbarLoad();
    restartWatching();
  }
  followSiteSwitch();
  // Nor does the answer to a reaction given as it entered come: the toolbar shows what is stored.
  mounted?.toolbar.forgetPendingChoice();
  void mounted?.load();
}

/** Binds the extension API (its listeners), then asks for the site's switch. */
function start(): void {
  const starting = __BENCH_MARKS__ ? performance.now() : 0;
  browser.runtime.onMessage.addListener(
    onMessage as Parameters<typeof browser.runtime.onMessage.addListener>[0],
  );
  // Only a page that was hidden comes back from the cache. Listened for from the start, the
  // load's own pageshow would give its event a wrapper in this world, and keep the bindings of
  // PageTransitionEvent and Event in the page's heap for its life (about 6 KB in Chromium).
  window.addEventListener('pagehide', () => window.addEventListener('pageshow', onReturn));
  correction = followCorrection(
    () => currentPageArticle().keys,
    () =>
      callBackground(send, 'getCorrection', currentPageArticle().ref).then(
        ({ toolbar }) => toolbar,
      ),
  );
  // Nothing is watched before the site's switch is known: on a site turned off, nothing more runs.
  followSiteSwitch();
  if (__BENCH_MARKS__) reportWork('evaluate', starting);
}

/**
 * Runs `run` now, or once the reader opens a page Chrome prerendered (speculation rules, the
 * address bar's guess): until then it is not the tab's page, and the background refuses its calls.
 */
function whenActivated(run: () => void): void {
  if ((document as { prerendering?: boolean }).prerendering) {
    document.addEventListener('prerenderingchange', function onActivated(event) {
      // A page script's own event, the page still prerendered, is no activation.
      if (!event.isTrusted) return;
      document.removeEventListener('prerenderingchange', onActivated);
      run();
    });
  } else {
    run();
  }
}

// Once per frame: when the extension starts afresh the background runs this file in open tabs
// where it has not run, and the manifest may run it there too (a page still loading). The
// frame's isolated world, hidden from the page, remembers (a new version gets a world of its own).
const frame = globalThis as { [CONTENT_SCRIPT_KEY]?: true };
// A file the browser shows without being HTML (plain text, an image, a video) is no article,
// however long its text. Nor is a page served as XHTML looked at: its tag names are lower case,
// where the detector reads HTML's (it would place the toolbar inside a link or a list).
const isWebPage = document.contentType === 'text/html';
if (!isWebPage) {
  if (__TEST_HOOKS__) markLooked();
} else if (!frame[CONTENT_SCRIPT_KEY]) {
  frame[CONTENT_SCRIPT_KEY] = true;
  if (__TEST_HOOKS__) openTestChannel(window, (message) => browser.runtime.sendMessage(message));
  whenActivated(() => {
    // In tasks of their own: binding the API takes milliseconds that the page's first task,
    // compiling and starting this script, need not carry; in Firefox, the API object and
    // `runtime` take 10–15 ms each, so each gets a task.
    setTimeout(() => {
      const binding = __BENCH_MARKS__ ? performance.now() : 0;
      bindExtensionApi();
      setTimeout(start, 0);
      if (__BENCH_MARKS__) reportWork('evaluate', binding);
    }, 0);
  });
}
if (__BENCH_MARKS__) reportWork('evaluate', started);
