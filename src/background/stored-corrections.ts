import { storedArticleKey } from '../core/article-key';
import { normalizeArticleUrl, withoutAnchor } from '../core/article-url';
import { hmacSha256 } from '../core/hmac-sha256';
import type { CorrectionStore } from './calls';
import {
  CORRECTION_KEY_PREFIX,
  correctionStorageKey,
  listCorrections,
  parseCorrection,
  rekeyCorrections,
  type PageCorrection,
} from '../core/page-corrections';
import { fromBase64, toBase64 } from '../core/pending-vote-proof';
import { cleanTitle, withoutCredentials } from '../core/vote';
import { createRevokedProofs, type OriginProofs, type RevokedProofs } from './origin-proof';
import { parseCallMessage } from '../protocol';

/** The parts of `storage.local` the corrections use (browser.storage.local). */
export interface LocalArea {
  get(names: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(names: string | string[]): Promise<void>;
}

/** The corrections in `storage.local`, and their move to today's keys on update. */
export interface StoredCorrections extends CorrectionStore {
  /**
   * Moves corrections stored under keys an earlier version made to the keys made now (see
   * rekeyCorrections, keyOfStoredCorrection), as the database's upgrade moves votes.
   */
  rekey(): Promise<void>;
}

/**
 * The key a correction stored under `key` has now: normalized, then as articleKey makes it for the
 * page the reader made it on, that key taken for what the page declared (storedArticleKey). A
 * section or a site's default page that a template declared on every story filed them under one
 * key, where a correction hid the toolbar on all of them.
 */
function keyOfStoredCorrection(key: string, { url }: { url: string }): string | null {
  const normalized = normalizeArticleUrl(key);
  return normalized && storedArticleKey(normalized, url);
}

/**
 * The name the proof key of corrections is made for (OriginProofs.keyFor): no web origin, whose
 * key a content script is given, has spaces.
 */
const CORRECTION_PROOFS_NAME = 'corrections of the detector';

/**
 * The text a correction's proof is the HMAC of: its key and every field, lone surrogates (a title
 * cut inside an emoji) as U+FFFD, as storage may give them back.
 */
function provenText(key: string, { toolbar, title, url, setAt }: PageCorrection): Uint8Array {
  const fields = [key, toolbar, title, url, setAt].map((field) =>
    typeof field === 'string' ? field.replace(/\p{Surrogate}/gu, '\uFFFD') : field,
  );
  return new TextEncoder().encode(JSON.stringify(fields));
}

/**
 * `correction` as it is kept: its page's address as a vote's link is, without the user name and
 * password or the anchor (a sign-in's token) it may carry, and so its title where that named the
 * page by its address (the popup's, for a page without a title).
 */
function withoutSecrets(correction: PageCorrection): PageCorrection {
  const url = withoutAnchor(withoutCredentials(correction.url));
  if (url === correction.url) return correction;
  const { title } = correction;
  const isNamedByAddress = title === correction.url || title === cleanTitle(correction.url);
  return { ...correction, url, title: isNamedByAddress ? cleanTitle(url) : title };
}

/** Whether two texts are the same, in a time that does not tell how much of them is. */
function isSameText(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  }
  return difference === 0;
}

/** A correction as stored, and the proof it carries. */
interface Verified {
  correction: PageCorrection;
  proof: string;
}

/**
 * `value`, kept under article `key` without a proof by an earlier version, as setCorrection would
 * have taken it, or null where it would have refused it: any content script could write there.
 */
function adoptedCorrection(key: string, value: unknown): PageCorrection | null {
  try {
    const { input } = parseCallMessage({
      call: 'setCorrection',
      input: { key, correction: value },
    });
    return (input as { correction: PageCorrection | null }).correction;
  } catch {
    return null;
  }
}

/**
 * Corrections live in `local`, one entry per article, as the options page lists them. Every content
 * script can write there: each carries the proof of its key and fields under a key of `proofs`
 * that only the background reads, and one without (a forgery, or one copied from another article)
 * is not applied. On the first start of the version that made that key (`madeHere`), the update's
 * move proves those an earlier version kept.
 */
export function createStoredCorrections(
  local: LocalArea,
  proofs: Pick<OriginProofs, 'keyFor' | 'madeHere'>,
  revoked: RevokedProofs = createRevokedProofs(),
): StoredCorrections {
  let loadingProofKey: Promise<Uint8Array> | undefined;
  const proofOf = async (key: string, correction: PageCorrection): Promise<string> => {
    loadingProofKey ??= proofs.keyFor(CORRECTION_PROOFS_NAME).then(
      (proofKey) => fromBase64(proofKey)!,
      (error: unknown) => {
        // Unreadable now: this use fails, the next one reads again.
        loadingProofKey = undefined;
        throw error;
      },
    );
    return toBase64(hmacSha256(await loadingProofKey, provenText(key, correction)));
  };
  /** `value`, stored under article `key`, as a correction and its proof, or null where unproven. */
  const verifiedCorrection = async (key: string, value: unknown): Promise<Verified | null> => {
    const correction = parseCorrection(value);
    if (!correction) return null;
    const { proof } = value as { proof?: unknown };
    if (typeof proof !== 'string') return null;
    return isSameText(proof, await proofOf(key, correction)) ? { correction, proof } : null;
  };
  /** The items of `local` that are corrections, each with its proof where it is one. */
  const verifiedItems = async (
    items: Record<string, unknown>,
  ): Promise<Record<string, Verified>> => {
    const verified: Record<string, Verified> = {};
    for (const [name, value] of Object.entries(items)) {
      if (!name.startsWith(CORRECTION_KEY_PREFIX)) continue;
      const found = await verifiedCorrection(name.slice(CORRECTION_KEY_PREFIX.length), value);
      if (found) verified[name] = found;
    }
    return verified;
  };
  /** The items of `local` that are corrections, as an earlier version kept them (adoptedCorrection). */
  const adoptedItems = (items: Record<string, unknown>): Record<string, PageCorrection> => {
    const adopted: Record<string, PageCorrection> = {};
    for (const [name, value] of Object.entries(items)) {
      if (!name.startsWith(CORRECTION_KEY_PREFIX)) continue;
      const correction = adoptedCorrection(name.slice(CORRECTION_KEY_PREFIX.length), value);
      if (correction) adopted[name] = correction;
    }
    return adopted;
  };
  /**
   * The proofs this worker found not revoked, or wrote: a page load where a correction exists
   * reads the proof database once a worker, not once a page. Only `set` and `rekey` revoke.
   */
  const knownLive = new Set<string>();
  /**
   * The proofs of corrections removed whose revocation could not be written (the proof database
   * full or unreadable): revoked for this worker, and written with the next revision.
   */
  const owedRevocations = new Set<string>();
  /** The corrections of `verified` whose proof was not revoked (a copy written back). */
  const withoutRevoked = async (
    verified: Record<string, Verified>,
  ): Promise<Record<string, PageCorrection>> => {
    const unknown = Object.values(verified)
      .map(({ proof }) => proof)
      .filter((proof) => !knownLive.has(proof) && !owedRevocations.has(proof));
    const revokedNow = unknown.length > 0 ? await revoked.among(unknown) : new Set<string>();
    for (const proof of unknown) if (!revokedNow.has(proof)) knownLive.add(proof);
    const live: Record<string, PageCorrection> = {};
    for (const [name, { correction, proof }] of Object.entries(verified)) {
      if (!revokedNow.has(proof) && !owedRevocations.has(proof)) live[name] = correction;
    }
    return live;
  };
  /**
   * Revokes the proofs `before` (of the entries written over or removed) and those owed that are
   * not among `after` (those written), and reinstates those: a correction set again as it was
   * applies.
   */
  const revise = async (before: readonly (string | undefined)[], after: readonly string[]) => {
    const revoke = [...owedRevocations, ...before].filter(
      (proof): proof is string => !!proof && !after.includes(proof),
    );
    await revoked.revise({ revoke, reinstate: after });
    owedRevocations.clear();
    for (const proof of revoke) knownLive.delete(proof);
    for (const proof of after) knownLive.add(proof);
  };
  /**
   * Removes the correction under `name` (article `key`), revoking its proof where that can be
   * read and written now, else for this worker only: the reader's Forget never fails for want of
   * the proof database, whose loss costs at most a copy written back applying after a restart.
   */
  const remove = async (key: string, name: string) => {
    const before = await local
      .get(name)
      .then((items) => verifiedCorrection(key, items[name]))
      .catch(() => null);
    await revise([before?.proof], []).catch(() => {
      if (!before) return;
      owedRevocations.add(before.proof);
      knownLive.delete(before.proof);
    });
    await local.remove(name);
  };
  /** What `local` keeps under `name` for `correction`: without secrets, with its proof. */
  const stored = async (name: string, correction: PageCorrection) => {
    const kept = withoutSecrets(correction);
    return { ...kept, proof: await proofOf(name.slice(CORRECTION_KEY_PREFIX.length), kept) };
  };
  /**
   * Whether any correction is stored: read once per worker, then kept by `set`, through which
   * every correction is written (the popup's and the options page's, see setCorrection).
   */
  let anyCorrectionStored: Promise<boolean> | undefined;
  /**
   * The last write, settled. Writes go one after another and reads after them: the update's move
   * reads every correction and writes some back later, so that a correction the reader set or
   * removed meanwhile would be overwritten by the old one, and a page asking meanwhile (the update
   * injects open tabs at once) would find none under today's key.
   */
  let written: Promise<unknown> = Promise.resolve();
  const afterWrites = <T>(write: () => Promise<T>): Promise<T> => {
    const writing = written.then(write);
    written = writing.catch(() => {});
    return writing;
  };
  return {
    async get(key) {
      await written;
      const name = correctionStorageKey(key);
      const found = await verifiedCorrection(key, (await local.get(name))[name]);
      return found && ((await withoutRevoked({ [name]: found }))[name] ?? null);
    },
    set: (key, correction) =>
      afterWrites(async () => {
        const name = correctionStorageKey(key);
        if (!correction) {
          await remove(key, name);
          // It may have been the last one: counted again when next asked.
          anyCorrectionStored = undefined;
          return;
        }
        const [before, after] = await Promise.all([
          local.get(name).then((items) => verifiedCorrection(key, items[name])),
          stored(name, correction),
        ]);
        // Revoked before it goes: a worker stopped between leaves it unapplied, never a copy.
        await revise([before?.proof], [after.proof]);
        await local.set({ [name]: after });
        anyCorrectionStored = Promise.resolve(true);
      }),
    async list() {
      await written;
      return listCorrections(await withoutRevoked(await verifiedItems(await local.get(null))));
    },
    any() {
      anyCorrectionStored ??= local.get(null).then(
        (items) => Object.keys(items).some((name) => name.startsWith(CORRECTION_KEY_PREFIX)),
        () => {
          // Unreadable now: pages ask for their own correction, and the next question reads again.
          anyCorrectionStored = undefined;
          return true;
        },
      );
      return anyCorrectionStored;
    },
    rekey: () =>
      afterWrites(async () => {
        const adopted = await proofs.madeHere();
        const all = await local.get(null);
        const verified = await verifiedItems(all);
        const items = adopted ? adoptedItems(all) : await withoutRevoked(verified);
        const { set, remove } = rekeyCorrections(items, keyOfStoredCorrection);
        // Those kept without a proof by an earlier version are proven where they stay too.
        const staying = adopted ? Object.keys(items).filter((name) => !remove.includes(name)) : [];
        const toWrite: Record<string, PageCorrection & { proof: string }> = {};
        for (const name of staying) toWrite[name] = await stored(name, items[name]!);
        for (const [name, correction] of Object.entries(set)) {
          toWrite[name] = await stored(name, correction);
        }
        // Written before the old entries go: a worker stopped between leaves a copy, never none.
        if (Object.keys(toWrite).length > 0) await local.set(toWrite);
        // Those written over or moved away, revoked before they go.
        await revise(
          [...Object.keys(toWrite), ...remove].map((name) => verified[name]?.proof),
          Object.values(toWrite).map(({ proof }) => proof),
        );
        if (remove.length > 0) await local.remove(remove);
      }),
  };
}

/**
 * What an install or update (runtime.onInstalled's `reason`) does to the corrections: an update
 * of the extension moves them to today's keys. A failure is logged, never left unheard.
 */
export function rekeyCorrectionsOnUpdate(
  reason: string,
  corrections: Pick<StoredCorrections, 'rekey'>,
): void {
  if (reason !== 'update') return;
  corrections.rekey().catch((error: unknown) => {
    console.warn(`Moodmark could not move corrections to today's keys: ${String(error)}`);
  });
}
