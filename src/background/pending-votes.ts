import { isPendingVoteKey } from '../core/pending-vote';
import { InvalidMessageError, parseCallMessage, type CallInput } from '../protocol';
import { EXTENSION_CALLER, type CallHandlers } from './calls';
import type { LocalArea } from './stored-corrections';

/**
 * How long a pending vote is left to its page's own call, which usually lands meanwhile and
 * removes it: a background started by the vote takes 0.1–0.3 s, and the call's retries 1.5 s.
 */
export const PENDING_VOTE_GRACE_MS = 2_000;

/** A pending vote's call (core/pending-vote.ts), validated as the message it was sent as. */
export interface PendingVote {
  input: CallInput<'setReaction'>;
  op: number;
}

/**
 * Reads a pending vote as the background reads a message (parseCallMessage at `now`): only a
 * setReaction call with its operation id, naming no tab (a content script never does). Throws
 * InvalidMessageError for anything else.
 */
export function parsePendingVote(value: unknown, now: number = Date.now()): PendingVote {
  const message = parseCallMessage(value, now);
  if (message.call !== 'setReaction') {
    throw new InvalidMessageError('a pending vote must be a setReaction call');
  }
  if (message.op === undefined) throw new InvalidMessageError('a pending vote must carry its op');
  const input = message.input as CallInput<'setReaction'>;
  if (input.tabId !== undefined) throw new InvalidMessageError('a pending vote names no tab');
  return { input, op: message.op };
}

/** The background's side of pending votes: it applies those their pages could not send. */
export interface PendingVotes {
  /** Applies, after the grace, each pending vote stored now (those left when the background stopped). */
  applyLeftOver(): Promise<void>;
  /** Applies, after the grace, each pending vote newly written in `changes` (storage.onChanged's). */
  follow(changes: Readonly<Record<string, { newValue?: unknown }>>): Promise<void>;
}

/**
 * Pending votes in `local`, each applied through `setReaction` as a content script's call with
 * its operation id (a later vote to the same article wins), unless it is gone after
 * PENDING_VOTE_GRACE_MS, and removed once applied or refused as invalid (so that none piles up);
 * one the store could not take stays for the next start. `onFailure` hears of a vote that could
 * not be applied.
 */
export function createPendingVotes(
  local: LocalArea,
  setReaction: CallHandlers['setReaction'],
  {
    sleep = (ms) => new Promise((done) => setTimeout(done, ms)),
    now = Date.now,
    onFailure = () => {},
  }: {
    sleep?: (ms: number) => Promise<void>;
    now?: () => number;
    onFailure?: (error: unknown) => void;
  } = {},
): PendingVotes {
  /** Keys waiting out their grace: heard of twice (at start-up and as written), applied once. */
  const waiting = new Set<string>();
  const applyAfterGrace = async (name: string): Promise<void> => {
    if (waiting.has(name)) return;
    waiting.add(name);
    try {
      await sleep(PENDING_VOTE_GRACE_MS);
      const value = (await local.get(name))[name];
      if (value === undefined) return;
      try {
        const { input, op } = parsePendingVote(value, now());
        await setReaction(input, EXTENSION_CALLER, { op });
      } catch (error) {
        // Kept for the next start where the store could not take it (blocked, full): only a
        // vote refused as invalid would be refused again.
        if (error instanceof InvalidMessageError) await local.remove(name);
        throw error;
      }
      await local.remove(name);
    } catch (error) {
      onFailure(error);
    } finally {
      waiting.delete(name);
    }
  };
  const applyAll = async (names: string[]): Promise<void> => {
    await Promise.all(names.filter(isPendingVoteKey).map(applyAfterGrace));
  };
  return {
    async applyLeftOver() {
      try {
        await applyAll(Object.keys(await local.get(null)));
      } catch (error) {
        onFailure(error);
      }
    },
    follow: (changes) =>
      applyAll(Object.keys(changes).filter((name) => changes[name]?.newValue !== undefined)),
  };
}
