import { isKeptCallKey, type KeptCall, type KeptCallName } from '../core/kept-call';
import { InvalidMessageError, parseCallMessage, type CallInput } from '../protocol';
import { EXTENSION_CALLER, type CallHandlers } from './calls';
import { OPERATION_MEMORY_MS } from './database';
import { PENDING_VOTE_GRACE_MS, PENDING_VOTE_RETRY_MS } from './pending-votes';
import type { SessionArea } from './session-private-votes';

/**
 * How old a kept call may be when it is applied: the store must still remember the operation id
 * of any change to its article made after it (OPERATION_MEMORY_MS from that change's write), or
 * the kept call would be written over it. A minute short, for clocks a context reads ahead.
 */
export const KEPT_CALL_MAX_AGE_MS = OPERATION_MEMORY_MS - 60_000;

/**
 * Reads a kept call (core/kept-call.ts) as the background reads a message (parseCallMessage at
 * `now`): a setReaction that names its tab and says whether it is private, an editVote or a
 * restoreVote (the history's change, removal and undo), with its operation id. Throws
 * InvalidMessageError for anything else.
 */
export function parseKeptCall(value: unknown, now: number = Date.now()): KeptCall {
  const message = parseCallMessage(value, now);
  const { op } = message;
  if (op === undefined) throw new InvalidMessageError('a kept call must carry its op');
  if (message.call === 'editVote') {
    return { call: 'editVote', input: message.input as CallInput<'editVote'>, op };
  }
  if (message.call === 'restoreVote') {
    return { call: 'restoreVote', input: message.input as CallInput<'restoreVote'>, op };
  }
  if (message.call !== 'setReaction') {
    throw new InvalidMessageError(`a ${message.call} call is not kept aside`);
  }
  const input = message.input as CallInput<'setReaction'>;
  const isPrivate = (value as { private?: unknown }).private;
  if (typeof isPrivate !== 'boolean' || input.tabId === undefined) {
    throw new InvalidMessageError('a kept vote must name its tab and whether it is private');
  }
  return { call: 'setReaction', input, op, private: isPrivate };
}

/** The background's side of kept calls: it applies those the popup could not send. */
export interface KeptCalls {
  /** Applies, after the grace, each kept call stored now (left when the background stopped). */
  applyLeftOver(): Promise<void>;
  /** Applies, after the grace, each kept call newly written in `changes` (storage.onChanged's). */
  follow(changes: Readonly<Record<string, { newValue?: unknown }>>): Promise<void>;
  /** Removes each private window's kept vote: its private session ended. */
  discardPrivate(): Promise<void>;
}

/**
 * Kept calls in `session`, each applied through `calls` as the popup's call with its operation
 * id, dated by its click, unless it is gone after PENDING_VOTE_GRACE_MS (the popup removes it
 * once answered), and removed once applied or refused as invalid. The popup's own call, when it
 * landed, has a later id than its copy (sendKeepingAside), so the copy writes nothing over it:
 * one vote is written once. A kept vote whose tab has closed (`isTabOpen`) is applied without
 * it, unless it was a private window's: then its private session may have ended, and it is
 * dropped. One the store could not take is tried again every PENDING_VOTE_RETRY_MS, and at the
 * next start, until KEPT_CALL_MAX_AGE_MS; `onFailure` hears of each try that failed.
 */
export function createKeptCalls(
  session: SessionArea,
  calls: Pick<CallHandlers, KeptCallName>,
  isTabOpen: (tabId: number) => Promise<boolean>,
  {
    sleep = (ms) => new Promise((done) => setTimeout(done, ms)),
    now = Date.now,
    onFailure = () => {},
  }: {
    sleep?: (ms: number) => Promise<void>;
    now?: () => number;
    onFailure?: (error: unknown) => void;
  } = {},
): KeptCalls {
  /** Applies `kept`; throws InvalidMessageError where it is to be dropped unapplied. */
  const apply = async (kept: KeptCall): Promise<void> => {
    // Its id is the time of the click, in microseconds (nextOperationId).
    const clickedAt = Math.floor(kept.op / 1000);
    if (clickedAt < now() - KEPT_CALL_MAX_AGE_MS) {
      throw new InvalidMessageError('a kept call too old to be ordered after later changes');
    }
    if (kept.call === 'editVote') {
      await calls.editVote(kept.input, EXTENSION_CALLER, { op: kept.op });
      return;
    }
    if (kept.call === 'restoreVote') {
      await calls.restoreVote(kept.input, EXTENSION_CALLER, { op: kept.op });
      return;
    }
    const { tabId, ...untabbed } = kept.input;
    const tabOpen = tabId !== undefined && (await isTabOpen(tabId));
    if (!tabOpen && kept.private) {
      throw new InvalidMessageError("a private window's vote whose tab has closed");
    }
    const input = tabOpen ? kept.input : untabbed;
    await calls.setReaction(input, EXTENSION_CALLER, { op: kept.op, votedAt: clickedAt });
  };
  /** Whether the kept call `name`, if still there, is applied or done with: not to try again. */
  const tryToApply = async (name: string): Promise<boolean> => {
    const value = (await session.get(name))[name];
    if (value === undefined) return true;
    try {
      await apply(parseKeptCall(value, now()));
    } catch (error) {
      onFailure(error);
      // Only a call refused as invalid would be refused again.
      if (!(error instanceof InvalidMessageError)) return false;
    }
    await session.remove(name);
    return true;
  };
  /** Keys waiting (out their grace, or to be tried again): heard of twice, applied once. */
  const waiting = new Set<string>();
  const applyAfterGrace = async (name: string): Promise<void> => {
    if (waiting.has(name)) return;
    waiting.add(name);
    try {
      await sleep(PENDING_VOTE_GRACE_MS);
      while (!(await tryToApply(name))) await sleep(PENDING_VOTE_RETRY_MS);
    } catch (error) {
      onFailure(error);
    } finally {
      waiting.delete(name);
    }
  };
  const applyAll = async (names: string[]): Promise<void> => {
    await Promise.all(names.filter(isKeptCallKey).map(applyAfterGrace));
  };
  return {
    async applyLeftOver() {
      try {
        await applyAll(Object.keys(await session.get(null)));
      } catch (error) {
        onFailure(error);
      }
    },
    async follow(changes) {
      await applyAll(Object.keys(changes).filter((name) => changes[name]?.newValue !== undefined));
    },
    async discardPrivate() {
      try {
        const stored = await session.get(null);
        const isPrivate = (value: unknown) =>
          (value as { private?: unknown } | null)?.private === true;
        const names = Object.keys(stored).filter(
          (name) => isKeptCallKey(name) && isPrivate(stored[name]),
        );
        if (names.length > 0) await session.remove(names);
      } catch (error) {
        onFailure(error);
      }
    },
  };
}
