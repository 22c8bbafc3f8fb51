import { pendingVoteKey } from '../core/pending-vote';
import { randomTag, sendWhileKept, type KeepingArea } from '../core/send-while-kept';
import type { CallInput, CallMessage } from '../protocol';

/** The parts of `storage.local` a pending vote uses. */
export type PendingVoteArea = KeepingArea;

/**
 * Sends a vote through `send` (its setReaction call with operation id `op`), keeping the call in
 * `local` (core/pending-vote.ts) until the background has answered, or refused it: a page left
 * before a stopped background could start takes its message with it, and the background then
 * applies the call it finds, if it carries `proof`, the proof of that call under the page's proof
 * key (core/pending-vote-proof.ts). One the background never answered stays for it. `local` is
 * null in a private window, whose votes never touch the disk; `proof` null where the background
 * gave the page no key, and then the vote is only sent, as the background would not apply it.
 */
export function sendKeepingAside<T>(
  local: PendingVoteArea | null,
  input: CallInput<'setReaction'>,
  op: number,
  proof: string | null,
  send: () => Promise<T>,
): Promise<T> {
  if (!local || proof === null) return send();
  const name = pendingVoteKey(op, randomTag());
  const record: CallMessage<'setReaction'> & { proof: string } = {
    call: 'setReaction',
    input,
    op,
    proof,
  };
  return sendWhileKept(local, name, record, send);
}
