import browser, { type Runtime } from 'webextension-polyfill';
import { parseTabNotice, type ContentMessage } from '../protocol';
import { answerMessage, createBackgroundCalls } from './calls';
import { DATABASE_NAME, openVoteDatabase } from './database';
import { createReopeningDatabase } from './reopening-database';
import { FOCUS_TOOLBAR_COMMAND } from '../core/commands';
import { injectToolbar } from './inject-toolbar';
import { focusToolbarInActiveTab, showReactionBadge } from './toolbar-button';

const getDatabase = createReopeningDatabase((events) => openVoteDatabase(DATABASE_NAME, events));
// Opened as the worker starts, not on the first call: the popup's first-page request, often
// what woke the worker, then finds the connection open or opening. A failure is the call's to
// report (and the next call opens again).
getDatabase().catch(() => {});

/**
 * Tells every tab's content script about a change. Needs no "tabs" permission: ids come
 * without it, and a tab without our content script just rejects the message.
 */
function broadcast(message: ContentMessage): void {
  void browser.tabs.query({}).then((tabs) => {
    for (const tab of tabs) {
      if (tab.id !== undefined) browser.tabs.sendMessage(tab.id, message).catch(() => {});
    }
  });
}

const calls = createBackgroundCalls(getDatabase, Date.now, broadcast);

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  // Only this extension's own pages and content scripts can reach here; other extensions
  // would need onMessageExternal.
  if (sender.id !== browser.runtime.id) return undefined;
  let tabNotice;
  try {
    tabNotice = parseTabNotice(message);
  } catch {
    return undefined; // a malformed tab notice expects no answer
  }
  if (tabNotice?.tabNotice === 'toolbarWanted') {
    // The reply tells the content script that toolbar.js has run (or why it could not).
    return injectToolbar(sender).then(
      () => ({ ok: true }),
      (error: unknown) => ({ ok: false, error: String(error) }),
    );
  }
  if (tabNotice) {
    const tabId = sender.tab?.id;
    if (tabId !== undefined) showReactionBadge(tabId, tabNotice.input.reaction).catch(() => {});
    return undefined;
  }
  return answerMessage(calls, message);
});

browser.commands.onCommand.addListener((command) => {
  if (command === FOCUS_TOOLBAR_COMMAND) void focusToolbarInActiveTab();
});

browser.runtime.onInstalled.addListener(() => {
  // Never evict the history under storage pressure. unlimitedStorage makes the extension's
  // storage persistent in Chrome; persist() is the standard way where a window exposes it
  // (Firefox's event page), and is absent from service workers.
  void navigator.storage?.persist?.();
});
