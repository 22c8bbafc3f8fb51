import { pendingVoteKey } from '../core/pending-vote';
import { CallError, type CallInput, type CallMessage } from '../protocol';

/** The parts of `storage.local` a pending vote uses. */
export interface PendingVoteArea {
  set(items: Record<string, unknown>): Promise<void>;
  remove(name: string): Promise<void>;
}

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
  let writing: Promise<void>;
  try {
    writing = local.set({ [name]: record });
  } catch (error) {
    // Chrome throws at once in a page an update cut off; its call then fails as unanswered.
    writing = Promise.reject(error);
  }
  const kept = writing.then(
    () => true,
    () => false,
  );
  // Removed after it was written: removed first, it would be written back and applied again.
  const forget = () => {
    void kept.then((written) => (written ? local.remove(name) : undefined)).catch(() => {});
  };
  const sending = send();
  sending.then(forget, (error: unknown) => {
    if (!(error instanceof CallError && error.unanswered)) forget();
  });
  return sending;
}

/** A random tag: a vote's own among those kept aside with the same id (pendingVoteKey). */
function randomTag(): string {
  // Not randomUUID, which a page served over plain HTTP (no secure context) lacks.
  const [high = 0, low = 0] = crypto.getRandomValues(new Uint32Array(2));
  return high.toString(36) + low.toString(36);
}
