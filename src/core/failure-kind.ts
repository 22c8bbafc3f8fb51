import type { MessageKey } from './i18n';

/**
 * Why a call to the background failed, as data (CallReply.kind): each page tells the reader
 * in its own language, where the background's words would be English inside a German or Arabic
 * sentence.
 * - `storage-full`: the browser refused a write, or an upgrade, for want of space (QuotaExceededError).
 * - `database-blocked`: the history could not be opened, an older version of it still open elsewhere.
 * - `database-slow`: the history took too long to open, though nothing was said to block it.
 * - `refused`: the call was refused, as invalid or not the caller's to make; sent again, it would be again.
 * - `extension-gone`: found by the caller, never sent by the background: the extension was updated,
 *   turned off or removed while the calling page stayed open, and only a reload of the page helps.
 * - `unknown`: anything else.
 */
export const FAILURE_KINDS = [
  'storage-full',
  'database-blocked',
  'database-slow',
  'refused',
  'extension-gone',
  'unknown',
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** Whether `value` is one of FAILURE_KINDS (a message is untrusted input). */
export function isFailureKind(value: unknown): value is FailureKind {
  return typeof value === 'string' && (FAILURE_KINDS as readonly string[]).includes(value);
}

/**
 * A reason the reader is given, in a sentence such as "Your reaction was not saved: …". Named
 * `error…`, so that the toolbar's bundle keeps them (build.mjs, TOOLBAR_MESSAGE_KEY).
 */
export type FailureMessageKey = Extract<MessageKey, `error${string}`>;

const FAILURE_MESSAGE_KEYS: Readonly<Record<FailureKind, FailureMessageKey>> = {
  'storage-full': 'errorStorageFull',
  'database-blocked': 'errorDatabaseBlocked',
  'database-slow': 'errorDatabaseSlow',
  refused: 'errorRefused',
  'extension-gone': 'errorExtensionGone',
  unknown: 'errorUnknown',
};

/**
 * The message that tells the reader why `failure` happened: a call that got no answer, or the
 * kind the background sent (both carried by protocol.ts's CallError, read here by their fields so
 * that the toolbar's bundle need not take in the protocol), or a full disk met by the page itself
 * (writing a file). Anything else is the generic reason: the English words of an error are never
 * the reader's.
 */
export function failureMessageKey(failure: unknown): FailureMessageKey {
  const { name, kind, unanswered } = (
    typeof failure === 'object' && failure !== null ? failure : {}
  ) as { name?: unknown; kind?: unknown; unanswered?: unknown };
  // Unanswered too, but the background's silence is not what the reader should wait out.
  if (kind === 'extension-gone') return FAILURE_MESSAGE_KEYS[kind];
  if (unanswered === true) return 'errorNoAnswer';
  if (isFailureKind(kind)) return FAILURE_MESSAGE_KEYS[kind];
  if (name === 'QuotaExceededError') return FAILURE_MESSAGE_KEYS['storage-full'];
  return FAILURE_MESSAGE_KEYS.unknown;
}
