import { articleKey, siteOf } from '../core/article-url';
import type { Reaction } from '../core/reactions';
import {
  InvalidMessageError,
  parseCallMessage,
  type ArticleRef,
  type BackgroundCalls,
  type CallReply,
  type ContentMessage,
} from '../protocol';
import { MAX_CLOCK_SKEW_MS, parseImportedVotes } from '../core/history-import';
import {
  clearVotes,
  countReactionsSince,
  editVote,
  isSiteDisabled,
  listDisabledSites,
  listVotes,
  mergeVotes,
  readReactionCounts,
  readVote,
  readVotePage,
  setSiteDisabled,
  writeVote,
  type VoteDatabase,
} from './database';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The error a call answers when the browser refused a write for lack of space (IndexedDB's
 * QuotaExceededError), worded for the reader: the toolbar shows it after "Your reaction was
 * not saved:", the popup after "Something went wrong:".
 */
export const STORAGE_FULL_ERROR =
  "the browser's storage is full, so this was not saved. Free up disk space, then try again.";

/** What a failed call tells the reader: the error's own message, or why storage refused it. */
function describeFailure(error: unknown): string {
  if ((error as { name?: unknown } | null)?.name === 'QuotaExceededError')
    return STORAGE_FULL_ERROR;
  return error instanceof Error ? error.message : String(error);
}

/** Sends a notice to every content script (tabs.query + tabs.sendMessage in an extension). */
export type Broadcast = (message: ContentMessage) => void;

function keyOf(ref: ArticleRef): string {
  const key = articleKey(ref.url, ref.canonicalUrl);
  // parseCallMessage has already checked that url is http(s), so this cannot happen.
  if (!key) throw new InvalidMessageError('url is not an article address');
  return key;
}

/** The address the history links to: the page's own, without its fragment. */
function linkOf(ref: ArticleRef): string {
  const url = new URL(ref.url);
  url.hash = '';
  return url.href;
}

/** The site the toolbar switch acts on for a tab at `url` (already checked to be http(s)). */
function siteOfPage(url: string): string {
  return siteOf(new URL(url).hostname);
}

/**
 * The background's answers to every call in the protocol, over one database. `broadcast`
 * tells open tabs about changes to votes and sites.
 */
export function createBackgroundCalls(
  openDatabase: () => Promise<VoteDatabase>,
  now: () => number = Date.now,
  broadcast: Broadcast = () => {},
): BackgroundCalls {
  const voteChanged = (key: string, reaction: Reaction | null) =>
    broadcast({ notice: 'voteChanged', input: { key, reaction } });
  return {
    async getReaction(input) {
      const key = keyOf(input);
      const db = await openDatabase();
      const [vote, siteDisabled] = await Promise.all([
        readVote(db, key),
        isSiteDisabled(db, siteOfPage(input.url)),
      ]);
      return { key, reaction: vote?.reaction ?? null, siteDisabled };
    },
    async setReaction(input) {
      const key = keyOf(input);
      const site = siteOf(new URL(key).hostname);
      const vote = await writeVote(
        await openDatabase(),
        { key, url: linkOf(input), title: input.title, site, reaction: input.reaction },
        now(),
      );
      voteChanged(key, vote?.reaction ?? null);
      return { key, reaction: vote?.reaction ?? null };
    },
    async listHistory(input) {
      return listVotes(await openDatabase(), input);
    },
    async getHistoryStats() {
      const db = await openDatabase();
      const time = now();
      const [counts, last7Days, last30Days] = await Promise.all([
        readReactionCounts(db),
        countReactionsSince(db, time - 7 * DAY_MS),
        countReactionsSince(db, time - 30 * DAY_MS),
      ]);
      return { counts, last7Days, last30Days };
    },
    async editVote(input) {
      const { before, after } = await editVote(
        await openDatabase(),
        input.key,
        input.reaction,
        now(),
      );
      if (before) voteChanged(input.key, after?.reaction ?? null);
      return { before: before ?? null, after };
    },
    async restoreVote({ vote }) {
      const db = await openDatabase();
      if (vote.updatedAt > now() + MAX_CLOCK_SKEW_MS) {
        throw new InvalidMessageError('vote.updatedAt is in the future');
      }
      await mergeVotes(db, [vote]);
      const stored = await readVote(db, vote.key);
      voteChanged(vote.key, stored?.reaction ?? null);
      return { key: vote.key, reaction: stored?.reaction ?? null };
    },
    async clearHistory() {
      const removed = await clearVotes(await openDatabase());
      broadcast({ notice: 'historyChanged', input: {} });
      return { removed };
    },
    async exportHistory({ after, limit }) {
      return { votes: await readVotePage(await openDatabase(), after, limit) };
    },
    async importHistory({ votes: records }) {
      const parsed = parseImportedVotes(records, now());
      const report = await mergeVotes(await openDatabase(), parsed.votes);
      if (report.added + report.updated > 0) broadcast({ notice: 'historyChanged', input: {} });
      return {
        added: report.added,
        updated: report.updated,
        unchanged: report.unchanged + parsed.duplicates,
        rejected: parsed.rejected,
      };
    },
    async getSiteState({ url }) {
      const site = siteOfPage(url);
      return { site, disabled: await isSiteDisabled(await openDatabase(), site) };
    },
    async setSiteDisabled({ url, disabled }) {
      const site = siteOfPage(url);
      await setSiteDisabled(await openDatabase(), site, disabled, now());
      broadcast({ notice: 'siteToggled', input: { site, disabled } });
      return { site, disabled };
    },
    async listDisabledSites() {
      return { sites: await listDisabledSites(await openDatabase()) };
    },
  };
}

/**
 * Validates one incoming message and runs it. Never throws: a malformed message or a failed
 * call comes back as `{ ok: false, error }`, and a malformed message never reaches the database.
 */
export async function answerMessage(
  calls: BackgroundCalls,
  message: unknown,
): Promise<CallReply<unknown>> {
  try {
    const { call, input } = parseCallMessage(message);
    const method = calls[call] as (input: unknown) => Promise<unknown>;
    return { ok: true, value: await method(input) };
  } catch (error) {
    return { ok: false, error: describeFailure(error) };
  }
}
