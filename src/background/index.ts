import browser, { type Runtime } from 'webextension-polyfill';
import { createBackgroundCalls, answerMessage } from './calls';
import { openVoteDatabase, type VoteDatabase } from './database';

// Opened lazily and again after a failure: the worker may be stopped and restarted at any time,
// so nothing here outlives a message except what is in IndexedDB.
let database: Promise<VoteDatabase> | undefined;
function getDatabase(): Promise<VoteDatabase> {
  database ??= openVoteDatabase().catch((error: unknown) => {
    database = undefined;
    throw error;
  });
  return database;
}

const calls = createBackgroundCalls(getDatabase);

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  // Only this extension's own pages and content scripts can reach here; other extensions
  // would need onMessageExternal.
  if (sender.id !== browser.runtime.id) return undefined;
  return answerMessage(calls, message);
});
