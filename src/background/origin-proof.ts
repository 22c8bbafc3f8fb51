import { fromBase64, pendingVoteProof, toBase64 } from '../core/pending-vote-proof';
import {
  PROOF_DATABASE_NAME,
  readOrMakeSecret,
  rememberAppliedVotes,
  reviseRevokedProofs,
  revokedProofsAmong,
  wasVoteApplied,
  type AppliedVote,
} from './database';

/**
 * Proofs that a vote spoke for a web origin, for what reaches the background outside a message:
 * a content script gets its page's proof key with each reaction it asks for, and a vote it keeps
 * aside in `storage.local` (which any content script can read and write) carries the proof of
 * that one call under it (core/pending-vote-proof.ts). The key is an HMAC of the origin under a
 * key only the background reads, so a content script taken over through a browser flaw can vouch
 * for the origins its process runs, not for any other site's. What it reads there it can write
 * back, proof and all, after the vote was applied and the store forgot the call's operation id:
 * each vote kept aside is remembered as applied (rememberApplied), and a copy written back after
 * is not applied again.
 */

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
  /**
   * Remembers each vote kept aside in `votes` (its call's operation id and proof, as kept) as
   * applied or done with. What carries no proof, or no operation id, is passed over.
   */
  rememberApplied(votes: readonly { op: unknown; proof: unknown }[]): Promise<void>;
  /** Whether the vote kept aside `op`, `proof` was applied before (rememberApplied). */
  wasApplied(vote: { op: number; proof: string }): Promise<boolean>;
}

const HMAC = { name: 'HMAC', hash: 'SHA-256' } as const;

interface LoadedKey {
  key: CryptoKey;
  madeAt: number;
  /** Made by this load: none was stored, or it was unreadable. */
  madeHere: boolean;
}

/** The key kept in database `name` (readOrMakeSecret), as a CryptoKey to sign with. */
async function loadKey(name: string, now: () => number): Promise<LoadedKey> {
  const { secret, madeAt, madeHere } = await readOrMakeSecret(name, now);
  const key = await crypto.subtle.importKey('raw', secret, HMAC, false, ['sign']);
  return { key, madeAt, madeHere };
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
    rememberApplied: (votes) => rememberAppliedVotes(votes.filter(isAppliedVote), name),
    wasApplied: async (vote) => isAppliedVote(vote) && wasVoteApplied(vote, name, now),
  };
}

/** Whether `vote` has an operation id and a proof, as a vote kept aside that was applied. */
function isAppliedVote(vote: { op: unknown; proof: unknown }): vote is AppliedVote {
  const { op, proof } = vote;
  return Number.isSafeInteger(op) && typeof proof === 'string' && fromBase64(proof) !== null;
}

/**
 * The proofs of corrections removed or replaced (stored-corrections.ts): every content script
 * reads `storage.local`, and one taken over could write a copy back, proof and all.
 */
export interface RevokedProofs {
  /**
   * Remembers each proof in `revoke` as revoked, that of a correction removed or replaced, and
   * forgets each in `reinstate`, that of a correction set again as it was.
   */
  revise(change: { revoke: readonly string[]; reinstate: readonly string[] }): Promise<void>;
  /** The proofs among `proofs` revoked before (revise). */
  among(proofs: readonly string[]): Promise<Set<string>>;
}

/** The revoked proofs kept in database `name` beside the key (reviseRevokedProofs). */
export function createRevokedProofs(name: string = PROOF_DATABASE_NAME): RevokedProofs {
  return {
    revise: (change) => reviseRevokedProofs(change, name),
    among: (proofs) => revokedProofsAmong(proofs, name),
  };
}
