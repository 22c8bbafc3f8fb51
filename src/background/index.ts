import browser, { type Runtime } from 'webextension-polyfill';
import type { CallReply } from '../protocol';
import { createRefusalLog, identifyCaller, RefusedCallError } from './authorize-call';
import { createBroadcast } from './broadcast';
import { answerMessage, createBackgroundCalls, type WindowKind } from './calls';
import { DATABASE_NAME, openVoteDatabase } from './database';
import { createReopeningDatabase } from './reopening-database';
import { FOCUS_TOOLBAR_COMMAND } from '../core/commands';
import { injectScript } from './inject-script';
import { injectIntoOpenTabs } from './inject-into-open-tabs';
import { keepAliveWhile } from './keep-alive-while';
import { createKeptCalls } from './kept-calls';
import { createOriginProofs } from './origin-proof';
import { createPendingVotes, withPendingVotes } from './pending-votes';
import { runOncePerSession } from './run-once-per-session';
import { createSessionPrivateVotes } from './session-private-votes';
import { createTabArticles } from './tab-articles';
import { createStoredCorrections, rekeyCorrectionsOnUpdate } from './stored-corrections';
import { focusToolbarInActiveTab, showReactionBadge } from './toolbar-button';

/** `storage.session` flag: this extension session's open tabs have the content script. */
const OPEN_TABS_INJECTED_FLAG = 'open-tabs-injected';

// An upgrade of a long history can take longer than the 30 s after which Chrome stops an idle
// worker (Firefox its event page), which would roll it back: an API call now and then keeps the
// background alive meanwhile.
const getDatabase = createReopeningDatabase((events) =>
  keepAliveWhile(openVoteDatabase(DATABASE_NAME, events), () => browser.runtime.getPlatformInfo()),
);
// Opened as the worker starts, not on the first call: the popup's first-page request, often
// what woke the worker, then finds the connection open or opening. A failure is the call's to
// report (and the next call opens again).
getDatabase().catch(() => {});

/** The ids of the open tabs of `windows`' kind. Needs no "tabs" permission. */
async function tabsOf(windows: WindowKind): Promise<number[]> {
  const tabs = await browser.tabs.query({});
  return tabs
    .filter((tab) => windows === 'all' || tab.incognito === (windows === 'private'))
    .flatMap((tab) => (tab.id === undefined ? [] : [tab.id]));
}

const broadcast = createBroadcast(
  tabsOf,
  (tabId, message) => browser.tabs.sendMessage(tabId, message),
  (message) => browser.runtime.sendMessage(message),
);

// One for the worker: the start that makes their key is the one that proves old corrections.
const originProofs = createOriginProofs();
const corrections = createStoredCorrections(browser.storage.local, originProofs);
const tabArticles = createTabArticles(browser.storage.session);

const calls = createBackgroundCalls(
  getDatabase,
  Date.now,
  broadcast,
  {
    showBadge(tabId, reaction, pageUrl) {
      // The badge is a convenience: a tab closed meanwhile just has none.
      showReactionBadge(tabId, reaction, pageUrl).catch(() => {});
    },
    clearBadges(windows) {
      void tabsOf(windows).then((tabIds) => {
        for (const tabId of tabIds) showReactionBadge(tabId, null).catch(() => {});
      });
    },
    injectScript,
    // No "tabs" permission needed: it withholds a tab's address and title, not `incognito`.
    isPrivateTab: async (tabId) => (await browser.tabs.get(tabId)).incognito,
  },
  createSessionPrivateVotes(browser.storage.session),
  corrections,
  tabArticles,
);
browser.tabs.onRemoved.addListener((tabId) => void tabArticles.forget(tabId));

// A private session ends with its last private window: its reactions go with it, those still
// on their way included (endPrivateSession).
browser.windows.onRemoved.addListener(() => {
  void browser.windows.getAll().then(async (open) => {
    if (open.some((window) => window.incognito)) return;
    await Promise.all([calls.endPrivateSession(), keptCalls.discardPrivate()]);
  });
});

// A vote whose page was left before this background could start: its content script kept the
// call in storage.local, whose change wakes the background (a listener at the top level).
const pendingVotes = createPendingVotes(browser.storage.local, calls.setReaction, originProofs, {
  onFailure(error) {
    console.warn(`Moodmark could not apply a pending vote: ${String(error)}`);
  },
});
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local') void pendingVotes.follow(changes);
});
void pendingVotes.applyLeftOver();
/** The calls messages get, in step with the pending votes (withPendingVotes). */
const answeredCalls = withPendingVotes(calls, pendingVotes, Date.now, (error) => {
  console.warn(`Moodmark could not keep the pending votes in step: ${String(error)}`);
});

// A call the popup, closed at once, could not send: kept in storage.session, whose change wakes
// the background too.
const keptCalls = createKeptCalls(
  browser.storage.session,
  answeredCalls,
  (tabId) =>
    browser.tabs.get(tabId).then(
      () => true,
      () => false,
    ),
  {
    onFailure(error) {
      console.warn(`Moodmark could not apply a call the popup kept aside: ${String(error)}`);
    },
  },
);
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'session') void keptCalls.follow(changes);
});
void keptCalls.applyLeftOver();

const logRefusal = createRefusalLog((text) => console.warn(text));

const extensionOrigin = browser.runtime.getURL('');

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  // Who calls is decided from the sender, which the browser fills in, never from the message.
  let caller;
  try {
    caller = identifyCaller(sender, browser.runtime.id, extensionOrigin);
  } catch (error) {
    if (!(error instanceof RefusedCallError)) throw error;
    logRefusal(error);
    const refusal: CallReply<never> = { ok: false, error: error.message, kind: 'refused' };
    return Promise.resolve(refusal);
  }
  return answerMessage(answeredCalls, message, caller, logRefusal);
});

browser.commands.onCommand.addListener((command) => {
  if (command === FOCUS_TOOLBAR_COMMAND) void focusToolbarInActiveTab();
});

// Open tabs get the content script once per extension session: install, update, re-enable (which
// fires no onInstalled) and browser start empty `storage.session`; a worker waking again does not.
void runOncePerSession(browser.storage.session, OPEN_TABS_INJECTED_FLAG, injectIntoOpenTabs);

browser.runtime.onInstalled.addListener(({ reason }) => {
  // Never evict the history under storage pressure. unlimitedStorage makes the extension's
  // storage persistent in Chrome; persist() is the standard way where a window exposes it
  // (Firefox's event page), and is absent from service workers.
  void navigator.storage?.persist?.();
  rekeyCorrectionsOnUpdate(reason, corrections);
});
