import { openDB, type DBSchema } from 'idb';

/**
 * Proofs that a message spoke for a web origin, for what reaches the background outside a
 * message: a content script gets its page's proof with each reaction it asks for, and a vote it
 * keeps aside in `storage.local` (which any content script can write) carries it. The proof is an
 * HMAC of the origin under a key only the background reads, so a content script taken over
 * through a browser flaw can vouch for the origins its process runs, not for any other site's.
 */

/**
 * The IndexedDB database that holds the key, beside the history's rather than in it: clearing,
 * exporting or importing the history leaves it alone.
 */
export const PROOF_DATABASE_NAME = 'moodmark-proof';

/** The name of the one record in the store: the key and when it was made. */
const KEY_RECORD = 'origin-proof';

interface StoredKey {
  /** 32 random bytes, the HMAC-SHA-256 key. */
  secret: Uint8Array<ArrayBuffer>;
  /** When it was made, epoch ms. */
  madeAt: number;
}

interface ProofDB extends DBSchema {
  keys: { key: typeof KEY_RECORD; value: StoredKey };
}

export interface OriginProofs {
  /** The proof for `origin` (a URL's `origin`): what only the background can compute. */
  sign(origin: string): Promise<string>;
  /** Whether `proof` is the proof for `origin`. False for anything that is not one. */
  verify(origin: string, proof: unknown): Promise<boolean>;
  /** When the key was made (epoch ms): what was kept aside before that carries no proof. */
  madeAt(): Promise<number>;
}

const HMAC = { name: 'HMAC', hash: 'SHA-256' } as const;

function isStoredKey(value: unknown): value is StoredKey {
  const { secret, madeAt } = (value ?? {}) as Partial<StoredKey>;
  return ArrayBuffer.isView(secret) && secret.byteLength === 32 && Number.isFinite(madeAt);
}

/** The key stored in database `name`, made (at `now`) where there is none or it is unreadable. */
async function loadKey(
  name: string,
  now: () => number,
): Promise<{ key: CryptoKey; madeAt: number }> {
  const db = await openDB<ProofDB>(name, 1, {
    upgrade: (fresh) => void fresh.createObjectStore('keys'),
  });
  try {
    // One transaction: of two backgrounds reading at once (an update's overlap), the second
    // finds the key the first made.
    const write = db.transaction('keys', 'readwrite');
    let stored = await write.store.get(KEY_RECORD);
    // Made anew where unreadable too: no proof made with such a key could be checked anyway.
    if (!isStoredKey(stored)) {
      stored = { secret: crypto.getRandomValues(new Uint8Array(32)), madeAt: now() };
      await write.store.put(stored, KEY_RECORD);
    }
    await write.done;
    const key = await crypto.subtle.importKey('raw', stored.secret, HMAC, false, [
      'sign',
      'verify',
    ]);
    return { key, madeAt: stored.madeAt };
  } finally {
    db.close();
  }
}

const encoder = new TextEncoder();

function toBase64(bytes: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)));
}

/** The bytes of base64 `text`, or null where it is none (or longer than any proof). */
function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
  if (text.length > 64) return null;
  try {
    return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}

/**
 * Origin proofs under the key kept in database `name`, read (or made) on first use and kept for
 * the worker's life. A failure to read it fails that use only: the next one reads again.
 */
export function createOriginProofs(
  name: string = PROOF_DATABASE_NAME,
  now: () => number = Date.now,
): OriginProofs {
  let loading: Promise<{ key: CryptoKey; madeAt: number }> | undefined;
  const load = () => {
    loading ??= loadKey(name, now).catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
  return {
    async sign(origin) {
      const { key } = await load();
      return toBase64(await crypto.subtle.sign(HMAC, key, encoder.encode(origin)));
    },
    async verify(origin, proof) {
      const bytes = typeof proof === 'string' ? fromBase64(proof) : null;
      if (!bytes) return false;
      const { key } = await load();
      return crypto.subtle.verify(HMAC, key, bytes, encoder.encode(origin));
    },
    async madeAt() {
      return (await load()).madeAt;
    },
  };
}
