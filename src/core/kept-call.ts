import type { CallInput, CallMessage } from '../protocol';
import { randomTag, sendWhileKept, type KeepingArea } from './send-while-kept';

/**
 * A call the popup keeps aside in `storage.session` while it is on its way: a popup closed at once
 * takes its message with it while a stopped background starts, and the background then applies
 * the call it finds (background/kept-calls.ts). Only the extension's own pages reach
 * `storage.session` (Chrome's default access level; Firefox exposes no `storage.session` to
 * content scripts), so a kept call needs no proof, unlike a content script's pending vote
 * (core/pending-vote.ts). It lives in memory only, and goes with the browser.
 */

/** What starts the `storage.session` key of every kept call. */
export const KEPT_CALL_KEY_PREFIX = 'keptCall:';

/** The calls the background applies when it finds them kept aside. */
export type KeptCallName = 'setReaction' | 'editVote' | 'restoreVote';

/**
 * A call as kept aside: its message with its operation id, and for setReaction, which must name
 * its tab, whether that tab is a private window's (the background cannot ask once it closed).
 */
export type KeptCall =
  | { call: 'setReaction'; input: CallInput<'setReaction'>; op: number; private: boolean }
  | { call: 'editVote'; input: CallInput<'editVote'>; op: number }
  | { call: 'restoreVote'; input: CallInput<'restoreVote'>; op: number };

/**
 * The `storage.session` key of the call kept with operation id `op` by `writer` (a tag of its
 * own): two popups' calls made in the same microsecond would share an id.
 */
export function keptCallKey(op: number, writer: string): string {
  return `${KEPT_CALL_KEY_PREFIX}${op}:${writer}`;
}

/** Whether `name`, a `storage.session` key, is a kept call's. */
export function isKeptCallKey(name: string): boolean {
  return name.startsWith(KEPT_CALL_KEY_PREFIX);
}

/** The parts of `storage.session` a kept call uses. */
export type KeptCallArea = KeepingArea;

/**
 * Sends a call through `send`, keeping `kept` in `area` until the background has answered, or
 * refused it (the reader is told so: it is not applied later); one never answered stays for the
 * background. `kept.op` is taken before `send` takes its call's own (nextOperationId, which
 * increases within a context): the call, once it landed, supersedes its copy, which the
 * background then finds written already, and writes nothing. Without `area` (a browser without
 * `storage.session`), the call is only sent.
 */
export function sendKeepingAside<T>(
  area: KeptCallArea | undefined,
  kept: KeptCall,
  send: () => Promise<T>,
): Promise<T> {
  if (!area) return send();
  const name = keptCallKey(kept.op, randomTag());
  const message: CallMessage<KeptCallName> & KeptCall = kept;
  return sendWhileKept(area, name, message, send);
}
