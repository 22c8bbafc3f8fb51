/**
 * A vote kept aside in `storage.local` while its setReaction call is on its way: the content
 * script writes the call there at the click (outside private windows), and removes it once the
 * background answered. A page left at once takes its message with it while a stopped background
 * starts; the background then applies the call it finds left over (background/pending-votes.ts).
 */

/** What starts the `storage.local` key of every pending vote. */
export const PENDING_VOTE_KEY_PREFIX = 'pendingVote:';

/**
 * The `storage.local` key of the pending vote whose call has operation id `op`, kept by `writer`
 * (a tag of its own): two tabs' calls made in the same millisecond share an id, and one would
 * write over the other. The background reads every key after the prefix alike.
 */
export function pendingVoteKey(op: number, writer?: string): string {
  return PENDING_VOTE_KEY_PREFIX + String(op) + (writer === undefined ? '' : `:${writer}`);
}

/** Whether `name`, a `storage.local` key, is a pending vote's. */
export function isPendingVoteKey(name: string): boolean {
  return name.startsWith(PENDING_VOTE_KEY_PREFIX);
}
