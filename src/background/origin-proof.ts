import { openDB, type DBSchema } from 'idb';
import { fromBase64, pendingVoteProof, toBase64 } from '../core/pending-vote-proof';

/**
 * Proofs that a vote spoke for a web origin, for what reaches the background outside a message:
 * a content script gets its page's proof key with each reaction it asks for, and a vote it keeps
 * aside in `storage.local` (which any content script can read and write) carries the proof of
 * that one call under it (core/pending-vote-proof.ts). The key is an HMAC of the origin under a
 * key only the background reads, so a content script taken over through a browser flaw can vouch
 * for the origins its process runs, not for any other site's, nor vote again with what it read.
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
  /**
   * The proof key of `origin` (a URL's `origin`, base64): what only the background can compute,
   * and a content script there proves its votes with.
   */
  keyFor(origin: string): Promise<string>;
  /**
   * Whether `proof` is the proof of the call `input`, `op` (as kept, before it is read as a
   * message) under `origin`'s key. False for anything that is not one.
   */
  verify(origin: string, call: { input: unknown; op: number }, proof: unknown): Promise<boolean>;
  /** When the key was made (epoch ms): what was kept aside before that carries no proof. */
  madeAt(): Promise<number>;
  /** Whether this background made the key (none was stored): the first start of this version. */
  madeHere(): Promise<boolean>;
}

const HMAC = { name: 'HMAC', hash: 'SHA-256' } as const;

function isStoredKey(value: unknown): value is StoredKey {
  const { secret, madeAt } = (value ?? {}) as Partial<StoredKey>;
  return ArrayBuffer.isView(secret) && secret.byteLength === 32 && Number.isFinite(madeAt);
}

interface LoadedKey {
  key: CryptoKey;
  madeAt: number;
  /** Made by this load: none was stored, or it was unreadable. */
  madeHere: boolean;
}

/** The key stored in database `name`, made (at `now`) where there is none or it is unreadable. */
async function loadKey(name: string, now: () => number): Promise<LoadedKey> {
  const db = await openDB<ProofDB>(name, 1, {
    upgrade: (fresh) => void fresh.createObjectStore('keys'),
  });
  try {
    // One transaction: of two backgrounds reading at once (an update's overlap), the second
    // finds the key the first made.
    const write = db.transaction('keys', 'readwrite');
    let stored = await write.store.get(KEY_RECORD);
    // Made anew where unreadable too: no proof made with such a key could be checked anyway.
    const madeHere = !isStoredKey(stored);
    if (!isStoredKey(stored)) {
      stored = { secret: crypto.getRandomValues(new Uint8Array(32)), madeAt: now() };
      await write.store.put(stored, KEY_RECORD);
    }
    await write.done;
    const key = await crypto.subtle.importKey('raw', stored.secret, HMAC, false, ['sign']);
    return { key, madeAt: stored.madeAt, madeHere };
  } finally {
    db.close();
  }
}

const encoder = new TextEncoder();

/** Whether two texts are the same, in a time that does not tell how much of them is. */
function isSameText(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  }
  return difference === 0;
}

/**
 * Origin proofs under the key kept in database `name`, read (or made) on first use and kept for
 * the worker's life. A failure to read it fails that use only: the next one reads again.
 */
export function createOriginProofs(
  name: string = PROOF_DATABASE_NAME,
  now: () => number = Date.now,
): OriginProofs {
  let loading: Promise<LoadedKey> | undefined;
  const load = () => {
    loading ??= loadKey(name, now).catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
  const keyFor = async (origin: string): Promise<string> => {
    const { key } = await load();
    return toBase64(new Uint8Array(await crypto.subtle.sign(HMAC, key, encoder.encode(origin))));
  };
  return {
    keyFor,
    async verify(origin, { input, op }, proof) {
      if (typeof proof !== 'string' || !fromBase64(proof)) return false;
      const expected = pendingVoteProof(await keyFor(origin), input, op);
      return expected !== null && isSameText(expected, proof);
    },
    async madeAt() {
      return (await load()).madeAt;
    },
    async madeHere() {
      return (await load()).madeHere;
    },
  };
}
