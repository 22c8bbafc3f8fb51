import { articleKey, siteOf } from '../core/article-url';
import {
  InvalidMessageError,
  parseCallMessage,
  type ArticleRef,
  type BackgroundCalls,
  type CallReply,
} from '../protocol';
import { listVotes, readVote, writeVote, type VoteDatabase } from './database';

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

/** The background's answers to every call in the protocol, over one database. */
export function createBackgroundCalls(
  openDatabase: () => Promise<VoteDatabase>,
  now: () => number = Date.now,
): BackgroundCalls {
  return {
    async getReaction(input) {
      const key = keyOf(input);
      const vote = await readVote(await openDatabase(), key);
      return { key, reaction: vote?.reaction ?? null };
    },
    async setReaction(input) {
      const key = keyOf(input);
      const site = siteOf(new URL(key).hostname);
      const vote = await writeVote(
        await openDatabase(),
        { key, url: linkOf(input), title: input.title, site, reaction: input.reaction },
        now(),
      );
      return { key, reaction: vote?.reaction ?? null };
    },
    async listHistory(input) {
      return listVotes(await openDatabase(), input.limit, input.after);
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
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
