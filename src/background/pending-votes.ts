import { isPendingVoteKey } from '../core/pending-vote';
import { InvalidMessageError, parseCallMessage, type CallInput, type PageProof } from '../protocol';
import type { Caller } from './authorize-call';
import { EXTENSION_CALLER, FailureWithProofKey, type CallHandlers } from './calls';
import { OPERATION_MEMORY_MS } from './database';
import type { OriginProofs } from './origin-proof';
import type { LocalArea } from './stored-corrections';

/**
 * How long a pending vote is left to its page's own call, which usually lands meanwhile and
 * removes it: a background started by the vote takes 0.1–0.3 s, and the call's retries 1.5 s.
 */
export const PENDING_VOTE_GRACE_MS = 2_000;

/**
 * How long after the origin-proof key was made a pending vote without a proof is still applied,
 * where it was kept before then: the version before proofs kept votes without one, and the first
 * start of this version (the one that makes the key) applies those it finds as it starts, within
 * their grace. Any other without a proof was written by a content script that forged it (and
 * dated it as it liked).
 */
export const UNPROVEN_VOTE_GRACE_MS = 10 * 60 * 1000;

/** A pending vote's call (core/pending-vote.ts), validated as the message it was sent as. */
export interface PendingVote {
  input: CallInput<'setReaction'>;
  op: number;
  /** The proof of its call (core/pending-vote-proof.ts), as the page kept it: not checked. */
  proof?: unknown;
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
  return { input, op: message.op, proof: (value as { proof?: unknown }).proof };
}

/**
 * Throws InvalidMessageError unless `vote` (kept as `kept`) is proven to come from its article's
 * origin: it carries the proof of its call under that origin's key, or it has none but was kept by
 * the version before proofs: found as this background started (`leftAtStart`), the background
 * that made the key (see UNPROVEN_VOTE_GRACE_MS).
 */
async function checkOrigin(
  vote: PendingVote,
  kept: unknown,
  leftAtStart: boolean,
  proofs: OriginProofs,
  now: number,
): Promise<void> {
  const origin = new URL(vote.input.url).origin;
  if (vote.proof === undefined) {
    const madeAt = await proofs.madeAt();
    // Its id is the time of the click, in microseconds (nextOperationId).
    const keptBefore = vote.op < madeAt * 1000 && now < madeAt + UNPROVEN_VOTE_GRACE_MS;
    if (keptBefore && leftAtStart && (await proofs.madeHere())) return;
    throw new InvalidMessageError("a pending vote must carry its page's origin proof");
  }
  // The call as kept, before it was read as a message (which trims its title): what was proven.
  const { input } = kept as { input: unknown };
  if (!(await proofs.verify(origin, { input, op: vote.op }, vote.proof))) {
    throw new InvalidMessageError(`a pending vote's proof is not that of ${origin}`);
  }
}

/**
 * Whether `op` is the operation id of a click made by `now` (epoch ms): a removed vote dated
 * later was no reader's, and remembered as applied, it would have every vote before it taken
 * for applied too once the earliest remembered are let go (wasVoteApplied).
 */
function isClickedBy(op: unknown, now: number): boolean {
  return typeof op === 'number' && op <= (now + CLICK_CLOCK_LEAD_MS) * 1000;
}

/** How far ahead of the background's clock a call's operation id may run, as parseCallMessage allows. */
const CLICK_CLOCK_LEAD_MS = 2_000;

/**
 * Whether the click of operation id `op` is recent enough at `now` that the store still orders
 * any later change to its article after it (OPERATION_MEMORY_MS, less a minute for a page's clock
 * that reads ahead): applied then, a copy of it written back would undo nothing.
 */
function isOrderedByStore(op: number, now: number): boolean {
  return Math.floor(op / 1000) >= now - (OPERATION_MEMORY_MS - 60_000);
}

/** The background's side of pending votes: it applies those their pages could not send. */
export interface PendingVotes {
  /** The proof key a content script on `pageUrl` proves the votes it keeps aside with. */
  proofKeyFor(pageUrl: string): Promise<string>;
  /** Applies, after the grace, each pending vote stored now (those left when the background stopped). */
  applyLeftOver(): Promise<void>;
  /**
   * Applies, after the grace, each pending vote newly written in `changes` (storage.onChanged's),
   * and remembers each removed as applied (OriginProofs.rememberApplied).
   */
  follow(
    changes: Readonly<Record<string, { newValue?: unknown; oldValue?: unknown }>>,
  ): Promise<void>;
  /**
   * Removes each pending vote given before the call of operation id `op` (its own id earlier, as
   * the store orders writes), and any that is no vote.
   */
  discardGivenBefore(op: number): Promise<void>;
  /**
   * Tries again at once each pending vote the store could not take, as a write has just landed
   * (the store takes writes again): see withPendingVotes.
   */
  tryFailedAgain(): void;
}

/**
 * How long a pending vote the store could not take (blocked, full) waits before it is tried
 * again while the background runs: well within OPERATION_MEMORY_MS, so that it meets a later
 * write to its article while the store still remembers which came last (left for the next start
 * of a busy background, it undid the reader's later vote); longer than the 30 s after which an
 * idle background stops, so that the tries do not keep it running.
 */
export const PENDING_VOTE_RETRY_MS = 60_000;

/**
 * Pending votes in `local`, each applied through `setReaction` as a content script's call with
 * its operation id (a later vote to the same article wins), dated by its click, unless it is gone
 * after PENDING_VOTE_GRACE_MS, and removed once applied or refused as invalid (so none piles up).
 * Only a vote proven to come from its article's origin by `proofs` is applied (checkOrigin):
 * `local` is written by every content script, the page's own origin vouched for by none.
 * Each vote applied, or removed by its page once answered, is remembered as applied
 * (OriginProofs.rememberApplied): every content script reads `local`, and one could write a
 * copy back once the store forgot its operation id, undoing the reader's later vote.
 * one the store could not take is tried again every PENDING_VOTE_RETRY_MS, at once when told
 * that a write landed (tryFailedAgain), and at the next start. `onFailure` hears of each try that
 * failed.
 */
export function createPendingVotes(
  local: LocalArea,
  setReaction: CallHandlers['setReaction'],
  proofs: OriginProofs,
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
  /** Ends the wait of each vote waiting to be tried again. */
  const retryWakers = new Set<() => void>();
  /** Writes landed so far: a try that fails while one lands is made again at once. */
  let writesLanded = 0;
  const tryFailedAgain = () => {
    writesLanded++;
    for (const wake of retryWakers) wake();
  };
  /** Waits PENDING_VOTE_RETRY_MS, or less where tryFailedAgain is called meanwhile. */
  const waitToRetry = async (): Promise<void> => {
    let wake = () => {};
    const woken = new Promise<void>((done) => (wake = done));
    retryWakers.add(wake);
    try {
      await Promise.race([sleep(PENDING_VOTE_RETRY_MS), woken]);
    } finally {
      retryWakers.delete(wake);
    }
  };
  /** The pending votes found as this background started (applyLeftOver). */
  const leftAtStart = new Set<string>();
  /** Whether the pending vote `name`, if still there, is applied or done with: not to try again. */
  const tryToApply = async (name: string): Promise<boolean> => {
    const value = (await local.get(name))[name];
    if (value === undefined) return true;
    try {
      const vote = parsePendingVote(value, now());
      await checkOrigin(vote, value, leftAtStart.has(name), proofs, now());
      const { input, op, proof } = vote;
      if (typeof proof === 'string' && (await proofs.wasApplied({ op, proof }))) {
        // Or its page removed it, answered, while it was checked: done with, nothing to tell.
        if ((await local.get(name))[name] === undefined) return true;
        // One the store still orders undoes nothing, and may be another tab's vote alike (the
        // same call in the same millisecond, so the same proof): removed, unapplied, untold.
        if (!isOrderedByStore(op, now())) {
          throw new InvalidMessageError('a pending vote applied already was written back');
        }
      } else {
        // Its id is the time of the click, in microseconds (nextOperationId).
        await setReaction(input, EXTENSION_CALLER, { op, votedAt: Math.floor(op / 1000) });
        // Remembered before it is removed; failing that, it is removed all the same: applied.
        await proofs.rememberApplied([{ op, proof }]).catch(onFailure);
        // It may be the later vote to the article of one that failed.
        tryFailedAgain();
      }
    } catch (error) {
      onFailure(error);
      // Only a vote refused as invalid would be refused again.
      if (!(error instanceof InvalidMessageError)) return false;
    }
    await local.remove(name);
    return true;
  };
  /** Keys waiting (out their grace, or to be tried again): heard of twice, applied once. */
  const waiting = new Set<string>();
  const applyAfterGrace = async (name: string): Promise<void> => {
    if (waiting.has(name)) return;
    waiting.add(name);
    try {
      await sleep(PENDING_VOTE_GRACE_MS);
      for (;;) {
        const landedBefore = writesLanded;
        if (await tryToApply(name)) break;
        // A write that landed during the try woke no one: the store takes writes again, and
        // only now still remembers which of the two came last.
        if (writesLanded === landedBefore) await waitToRetry();
      }
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
    proofKeyFor: (pageUrl) => proofs.keyFor(new URL(pageUrl).origin),
    async applyLeftOver() {
      try {
        const names = Object.keys(await local.get(null));
        for (const name of names) leftAtStart.add(name);
        await applyAll(names);
      } catch (error) {
        onFailure(error);
      }
    },
    async follow(changes) {
      const names = Object.keys(changes);
      const written = names.filter((name) => changes[name]?.newValue !== undefined);
      // Removed by its page once its call was answered (or by this background once applied).
      const done = names
        .filter((name) => isPendingVoteKey(name) && changes[name]?.newValue === undefined)
        .map((name) => changes[name]?.oldValue as { op?: unknown; proof?: unknown } | undefined)
        .filter((kept) => isClickedBy(kept?.op, now()))
        .map((kept) => ({ op: kept?.op, proof: kept?.proof }));
      await Promise.all([applyAll(written), proofs.rememberApplied(done).catch(onFailure)]);
    },
    async discardGivenBefore(op) {
      const stored = await local.get(null);
      const given = (value: unknown) => (value as { op?: unknown } | null)?.op;
      const discarded = Object.keys(stored).filter((name) => {
        const voteOp = given(stored[name]);
        return isPendingVoteKey(name) && !(typeof voteOp === 'number' && voteOp >= op);
      });
      if (discarded.length > 0) await local.remove(discarded);
    },
    tryFailedAgain,
  };
}

/**
 * `calls` as messages reach them, in step with the pending votes. A content script's answers about
 * its page (getSiteState, getReaction, setReaction) carry its proof key, for the votes it keeps
 * aside. Each write to an article (setReaction, editVote, restoreVote) that lands has the
 * pending votes the store could not take tried again at once: the store takes writes again, and
 * still remembers which of the two came last. Left to the try a minute later, which a background
 * stopped idle meanwhile never makes, a vote given before it would be applied at the next start,
 * after the store forgot the write's operation id (OPERATION_MEMORY_MS), and undo it.
 * clearHistory first discards the pending votes given before it, by its operation id (else one
 * made now, as the store makes it): one the store could not take yet would otherwise come back
 * into the history the reader had cleared once the store forgets the clear's operation id. One
 * given after the reader cleared, while the clear's call was still on its way, stays. Failing
 * that, the history is cleared all the same, and `onFailure` hears of it.
 */
export function withPendingVotes(
  calls: CallHandlers,
  pendingVotes: PendingVotes,
  now: () => number = Date.now,
  onFailure: (error: unknown) => void = () => {},
): CallHandlers {
  const thenTryFailedAgain =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const result = await write(...args);
      pendingVotes.tryFailedAgain();
      return result;
    };
  /**
   * `answering`, the answer to `caller` about its own page, with the page's proof key where the
   * caller is a content script outside a private window (whose votes are never kept aside). Read
   * while the answer is (a worker's first call opens the key's database), and where it cannot
   * be, the votes are sent without being kept aside: the answer is still the answer.
   */
  const withProofKey = async <T extends object>(
    caller: Caller | undefined,
    answering: (caller: Caller | undefined) => Promise<T>,
  ): Promise<T & PageProof> => {
    const proofKey =
      caller?.kind === 'tab' && !caller.incognito
        ? pendingVotes.proofKeyFor(caller.pageUrl).catch((error: unknown) => {
            onFailure(error);
            return undefined;
          })
        : undefined;
    let answer: T;
    try {
      answer = await answering(caller);
    } catch (error) {
      // A page whose questions all failed (its history slow to open) keeps its votes aside too.
      const key = await proofKey;
      throw key === undefined ? error : new FailureWithProofKey(error, key);
    }
    const key = await proofKey;
    return key === undefined ? answer : { ...answer, proofKey: key };
  };
  const setReaction = thenTryFailedAgain(calls.setReaction);
  return {
    ...calls,
    // Each answer to a content script about its page carries the key, a failed one too: one
    // whose reaction could not be read (the background slow to start, or busy) has it from the
    // site's switch, its first question, or from their failures, or else from its first vote.
    getSiteState: (input, caller, context) =>
      withProofKey(caller, (caller) => calls.getSiteState(input, caller, context)),
    getReaction: (input, caller, context) =>
      withProofKey(caller, (caller) => calls.getReaction(input, caller, context)),
    setReaction: (input, caller, context) =>
      withProofKey(caller, (caller) => setReaction(input, caller, context)),
    editVote: thenTryFailedAgain(calls.editVote),
    restoreVote: thenTryFailedAgain(calls.restoreVote),
    async clearHistory(input, caller, context) {
      await pendingVotes.discardGivenBefore(context?.op ?? now() * 1000).catch(onFailure);
      return calls.clearHistory(input, caller, context);
    },
  };
}
