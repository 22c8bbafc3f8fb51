import { hmacSha256 } from './hmac-sha256';

/**
 * The proof a vote kept aside in `storage.local` carries: the HMAC of its call (`input`, `op`)
 * under its page's proof key (base64, ArticleState.proofKey), which the background derives from
 * the page's origin. Every content script reads `storage.local`: a proof bound to one call proves
 * no other, where the key itself would prove any vote for the origin. Null where `proofKey` is
 * not base64, or the call cannot be written as text (nested too deep: what a forger wrote).
 */
export function pendingVoteProof(proofKey: string, input: unknown, op: number): string | null {
  const key = fromBase64(proofKey);
  if (!key) return null;
  let text: string;
  try {
    text = canonicalJson([op, input]);
  } catch {
    return null;
  }
  return toBase64(hmacSha256(key, encoder.encode(text)));
}

const encoder = new TextEncoder();

/**
 * `value` as JSON, its objects' keys in order and lone surrogates (a title cut inside an emoji)
 * as U+FFFD, so that the call the background reads back from storage, which may have reordered
 * or replaced them, gives the same text as the page's.
 */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_name, item: unknown) => {
    if (typeof item === 'string') return item.replace(/\p{Surrogate}/gu, '\uFFFD');
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    return Object.fromEntries(
      Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  });
}

export function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

/** The bytes of base64 `text`, or null where it is none (or longer than any key or proof). */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
  if (text.length > 64) return null;
  try {
    return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}
