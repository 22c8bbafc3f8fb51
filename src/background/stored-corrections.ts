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
import type { OriginProofs } from './origin-proof';
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
  /** `value`, stored under article `key`, as a correction, or null where it is none or unproven. */
  const provenCorrection = async (key: string, value: unknown): Promise<PageCorrection | null> => {
    const correction = parseCorrection(value);
    if (!correction) return null;
    const { proof } = value as { proof?: unknown };
    if (typeof proof !== 'string') return null;
    return isSameText(proof, await proofOf(key, correction)) ? correction : null;
  };
  /** The items of `local` that are corrections, each proven (or taken as `adopted` is). */
  const provenItems = async (
    items: Record<string, unknown>,
    adopted: boolean,
  ): Promise<Record<string, PageCorrection>> => {
    const proven: Record<string, PageCorrection> = {};
    for (const [name, value] of Object.entries(items)) {
      if (!name.startsWith(CORRECTION_KEY_PREFIX)) continue;
      const key = name.slice(CORRECTION_KEY_PREFIX.length);
      const correction = adopted
        ? adoptedCorrection(key, value)
        : await provenCorrection(key, value);
      if (correction) proven[name] = correction;
    }
    return proven;
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
      return provenCorrection(key, (await local.get(name))[name]);
    },
    set: (key, correction) =>
      afterWrites(async () => {
        const name = correctionStorageKey(key);
        if (correction) await local.set({ [name]: await stored(name, correction) });
        else await local.remove(name);
        // A removal may have taken the last one: counted again when next asked.
        anyCorrectionStored = correction ? Promise.resolve(true) : undefined;
      }),
    async list() {
      await written;
      return listCorrections(await provenItems(await local.get(null), false));
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
        const items = await provenItems(await local.get(null), adopted);
        const { set, remove } = rekeyCorrections(items, keyOfStoredCorrection);
        // Those kept without a proof by an earlier version are proven where they stay too.
        const staying = adopted ? Object.keys(items).filter((name) => !remove.includes(name)) : [];
        const toWrite: Record<string, unknown> = {};
        for (const name of staying) toWrite[name] = await stored(name, items[name]!);
        for (const [name, correction] of Object.entries(set)) {
          toWrite[name] = await stored(name, correction);
        }
        // Written before the old entries go: a worker stopped between leaves a copy, never none.
        if (Object.keys(toWrite).length > 0) await local.set(toWrite);
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
