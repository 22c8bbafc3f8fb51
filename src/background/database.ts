import {
  openDB,
  unwrap,
  wrap,
  type DBSchema,
  type IDBPDatabase,
  type IDBPIndex,
  type IDBPObjectStore,
  type IDBPTransaction,
  type StoreNames,
} from 'idb';
import { storedArticleKey } from '../core/article-key';
import { listedSiteOf, normalizeArticleUrlByList } from '../core/same-site';
import { mergeOutcome, type MergeOutcome } from '../core/history-import';
import type { Reaction } from '../core/reactions';
import { coveringSites, isCoveredBy } from '../core/site-list';
import {
  hostTermBounds,
  isIndexedQueryWord,
  matchesQuery,
  parseQuery,
  queryTermPrefix,
  searchTerms,
  termBounds,
  termPrefix,
  termStartBounds,
  termTime,
  type SearchTerm,
} from '../core/search-terms';
import { emptyCounts, type ReactionCounts } from '../core/summarize-mood';
import {
  cleanTitle,
  isStoredTime,
  readStoredVote,
  withLanguage,
  withoutLinkCredentials,
} from '../core/vote';
import type { HistoryQuery, Vote } from '../protocol';

// The only module that opens IndexedDB (the history's database, and the one origin-proof.ts keeps
// its key in): every other context asks the background.

/**
 * The IndexedDB database that holds the origin-proof key (origin-proof.ts), beside the history's
 * rather than in it: clearing, exporting or importing the history leaves it alone.
 */
export const PROOF_DATABASE_NAME = 'moodmark-proof';

/** The name of the proof database's one record: the secret and when it was made. */
const SECRET_RECORD = 'origin-proof';

interface StoredSecret {
  /** 32 random bytes. */
  secret: Uint8Array<ArrayBuffer>;
  /** When it was made, epoch ms. */
  madeAt: number;
}

interface ProofDB extends DBSchema {
  keys: { key: typeof SECRET_RECORD; value: StoredSecret };
  /**
   * (v2) The votes kept aside that were applied or done with, by [operation id, proof]: any
   * content script can copy one from `storage.local` and write it back later.
   */
  applied: { key: [number, string]; value: true };
  /**
   * (v3) The proofs of corrections removed or replaced, each with its place in the order they
   * were revoked in: any content script can copy a correction from `storage.local` and write it
   * back later.
   */
  revoked: { key: string; value: { order: number }; indexes: { order: number } };
}

/**
 * The proof database's version: 2 added the votes kept aside that were applied (`applied`), 3
 * the proofs of corrections removed or replaced (`revoked`).
 */
export const PROOF_DATABASE_VERSION = 3;

/** The proof database `name`, created or brought up to PROOF_DATABASE_VERSION. */
function openProofDatabase(name: string): Promise<IDBPDatabase<ProofDB>> {
  return openDB<ProofDB>(name, PROOF_DATABASE_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) db.createObjectStore('keys');
      if (oldVersion < 2) db.createObjectStore('applied');
      if (oldVersion < 3) db.createObjectStore('revoked').createIndex('order', 'order');
    },
  });
}

/**
 * How many applied votes kept aside the proof database remembers: the latest by operation id
 * (the time of the click). A reader never leaves that many waiting, so one clicked before all
 * of them is taken as applied (wasVoteApplied).
 */
export const APPLIED_VOTES_KEPT = 1_000;

/** A vote kept aside as the proof database remembers it: its call's operation id and proof. */
export interface AppliedVote {
  op: number;
  proof: string;
}

/** Remembers `votes` as applied in the proof database `name`, letting go of the earliest. */
export async function rememberAppliedVotes(
  votes: readonly AppliedVote[],
  name: string = PROOF_DATABASE_NAME,
): Promise<void> {
  if (votes.length === 0) return;
  const db = await openProofDatabase(name);
  try {
    const tx = db.transaction('applied', 'readwrite');
    for (const { op, proof } of votes) unawaited(tx.store.put(true, [op, proof]));
    const excess = (await tx.store.count()) - APPLIED_VOTES_KEPT;
    if (excess > 0) {
      const earliest = await tx.store.getAllKeys(null, excess);
      unawaited(tx.store.delete(IDBKeyRange.upperBound(earliest.at(-1)!)));
    }
    await tx.done;
  } finally {
    db.close();
  }
}

/**
 * Whether the vote kept aside `vote` was applied, as the proof database `name` remembers: it is
 * there, or clicked no later than the earliest there once the earliest were let go, while that
 * earliest is not ahead of `now` (epoch ms): remembered while the clock ran ahead, it would
 * refuse every vote until time caught up.
 */
export async function wasVoteApplied(
  { op, proof }: AppliedVote,
  name: string = PROOF_DATABASE_NAME,
  now: () => number = Date.now,
): Promise<boolean> {
  const db = await openProofDatabase(name);
  try {
    const store = db.transaction('applied').store;
    const [found, count, [earliest]] = await Promise.all([
      store.count([op, proof]),
      store.count(),
      store.getAllKeys(null, 1),
    ]);
    return (
      found > 0 ||
      (count >= APPLIED_VOTES_KEPT &&
        earliest !== undefined &&
        op <= earliest[0] &&
        // Operation ids are microseconds.
        earliest[0] <= now() * 1000)
    );
  } finally {
    db.close();
  }
}

/**
 * How many revoked proofs of corrections the proof database remembers: the latest revoked. A
 * correction may stay for years, so none is taken as revoked for its age; only the reader's
 * extension pages remove or replace corrections, and ten thousand of those take a reader years.
 */
export const REVOKED_PROOFS_KEPT = 10_000;

/**
 * Remembers each proof in `revoke` as revoked in the proof database `name` (its correction was
 * removed or replaced), letting go of the earliest revoked, and forgets each in `reinstate` (its
 * correction set again as it was).
 */
export async function reviseRevokedProofs(
  { revoke, reinstate }: { revoke: readonly string[]; reinstate: readonly string[] },
  name: string = PROOF_DATABASE_NAME,
): Promise<void> {
  if (revoke.length === 0 && reinstate.length === 0) return;
  const db = await openProofDatabase(name);
  try {
    const tx = db.transaction('revoked', 'readwrite');
    const byOrder = tx.store.index('order');
    for (const proof of reinstate) unawaited(tx.store.delete(proof));
    // An order of its own, not a time: a clock set back lets go of none too early.
    let order = ((await byOrder.openCursor(null, 'prev'))?.value.order ?? 0) + 1;
    for (const proof of revoke) unawaited(tx.store.put({ order: order++ }, proof));
    const excess = (await tx.store.count()) - REVOKED_PROOFS_KEPT;
    if (excess > 0) {
      for (const earliest of await byOrder.getAllKeys(null, excess)) {
        unawaited(tx.store.delete(earliest));
      }
    }
    await tx.done;
  } finally {
    db.close();
  }
}

/** The proofs among `proofs` that the proof database `name` remembers as revoked. */
export async function revokedProofsAmong(
  proofs: readonly string[],
  name: string = PROOF_DATABASE_NAME,
): Promise<Set<string>> {
  if (proofs.length === 0) return new Set();
  const db = await openProofDatabase(name);
  try {
    const store = db.transaction('revoked').store;
    const counts = await Promise.all(proofs.map((proof) => store.count(proof)));
    return new Set(proofs.filter((_, i) => counts[i]! > 0));
  } finally {
    db.close();
  }
}

function isStoredSecret(value: unknown): value is StoredSecret {
  const { secret, madeAt } = (value ?? {}) as Partial<StoredSecret>;
  return ArrayBuffer.isView(secret) && secret.byteLength === 32 && Number.isFinite(madeAt);
}

/**
 * The secret kept in the proof database `name`, made (at `now`) where there is none or it is
 * unreadable (no proof made with such a one could be checked anyway); `madeHere` where this read
 * made it. One transaction: of two backgrounds reading at once (an update's overlap), the second
 * finds the secret the first made.
 */
export async function readOrMakeSecret(
  name: string = PROOF_DATABASE_NAME,
  now: () => number = Date.now,
): Promise<StoredSecret & { madeHere: boolean }> {
  const db = await openProofDatabase(name);
  try {
    const write = db.transaction('keys', 'readwrite');
    const stored = await write.store.get(SECRET_RECORD);
    if (isStoredSecret(stored)) {
      await write.done;
      return { ...stored, madeHere: false };
    }
    const made = { secret: crypto.getRandomValues(new Uint8Array(32)), madeAt: now() };
    await write.store.put(made, SECRET_RECORD);
    await write.done;
    return { ...made, madeHere: true };
  } finally {
    db.close();
  }
}

/** The IndexedDB database that holds the history, the sites turned off and their upkeep. */
export const DATABASE_NAME = 'moodmark';
/** The schema's version; upgradeSchema brings a database of any older one up to it. */
export const DATABASE_VERSION = 23;

/** The key of the one record in `stats` that holds the all-time votes per reaction. */
const COUNTS_KEY = 'reaction-counts';
/** The key of the one record in `removed`: the vote the popup removed last. */
const LAST_REMOVAL_KEY = 'last';
/**
 * The key in `operations` of the last clear of the history, which orders every article's writes:
 * not an address, so no article's.
 */
const CLEARED_KEY = 'cleared';

/**
 * How long the vote the popup removed last stays undoable (kept aside in `removed`, also
 * after the popup closed), unless another removal replaces it first; then it is purged.
 */
export const UNDO_KEEP_MS = 10 * 60 * 1000;
/**
 * How long the operation id of the last write to an article is remembered. A retried call
 * arrives within seconds (callBackground gives up after CALL_ATTEMPTS); after this the record
 * is purged.
 */
export const OPERATION_MEMORY_MS = 10 * 60 * 1000;

/**
 * With a reaction filter and a search together, a reaction with at most this many votes is
 * scanned whole (checking the words in memory) rather than scanning the word index for it.
 */
const SMALL_REACTION_VOTES = 5_000;

/**
 * How long opening may wait to start: a connection at an older version (another of the
 * extension's pages, or an older version of the extension still running) that does not close
 * keeps an upgrade, and every open queued behind it, waiting. The upgrade itself is not timed.
 */
export const OPEN_BLOCKED_TIMEOUT_MS = 10_000;

/**
 * A search of only one- and two-letter words reads this many votes, newest first, for its
 * page; when they hold too few matches, the letters are rare and their terms are read instead.
 */
const SHORT_QUERY_SCAN_VOTES = 1_000;

/**
 * A host query whose host terms hold fewer votes than this reads them all at once, wherever they
 * lie in time; one with more has so many that its words' range, read newest first, fills a page.
 */
const HOST_VOTES_READ_WHOLE = 1_000;

/** Rows read per IndexedDB request when a filter may skip some (doubled while it does). */
const SCAN_BATCH = 100;
/** Terms of each short query word read to find the rarest (listByWordStart). */
const RAREST_WORD_PROBE = 1_000;
/** The most rows one scan request reads. */
const MAX_SCAN_BATCH = 3_200;

/**
 * A vote's copy in the search store, with its search terms (see core/search-terms). Kept apart
 * from `votes` so that reading votes (history pages, export) never carries the terms along.
 */
export type SearchEntry = Vote & { terms: SearchTerm[] };

export interface MoodmarkDB extends DBSchema {
  votes: {
    key: string;
    value: Vote;
    indexes: {
      /** Newest first, by when the reaction was last set; the key breaks ties. */
      'by-updated': [number, string];
      /** One reaction's votes, newest first. */
      'by-reaction': [Reaction, number];
      /** (v2) One reaction's votes, newest first, the key breaking ties as in by-updated. */
      'by-reaction-updated': [Reaction, number, string];
    };
  };
  /** (v2) Every vote again, with search terms; written in the same transaction as `votes`. */
  search: {
    key: string;
    value: SearchEntry;
    indexes: {
      /** (multiEntry) Entries whose title or site has a word starting with a prefix, newest first. */
      'by-term': SearchTerm;
    };
  };
  /** (v2) Running totals, updated in the same transaction as every vote write. */
  stats: {
    key: typeof COUNTS_KEY;
    value: ReactionCounts;
  };
  /** (v2) Sites where the reader turned the toolbar off. */
  sites: {
    key: string;
    value: { site: string; disabledAt: number };
  };
  /** (v4) The operation id of the last write to each article, for OPERATION_MEMORY_MS. */
  operations: {
    key: string;
    value: LastOperation;
    indexes: {
      /** Oldest first, to purge. */
      'by-written': number;
    };
  };
  /** (v4) The vote the popup removed last, for UNDO_KEEP_MS. */
  removed: {
    key: typeof LAST_REMOVAL_KEY;
    value: Removal;
  };
}

/** The last write to an article that carried an operation id. */
export interface LastOperation {
  key: string;
  /** The call's operation id (see protocol.ts, nextOperationId). */
  op: number;
  /** When the background wrote it, epoch ms. */
  writtenAt: number;
}

/** A vote the popup removed, kept aside so that it can be put back. */
export interface Removal {
  vote: Vote;
  removedAt: number;
  /**
   * Its article was voted on again since (in a tab, or the popup's "this page"), whether or not
   * that vote still stands: undo would put back a reaction the reader has since replaced.
   */
  votedAgain?: true;
  /**
   * An import brought its article back since (none was stored then), and it was not voted on
   * again: undo puts it back over that copy where it is the newer, as the import would have.
   */
  importedSince?: true;
}

export type VoteDatabase = IDBPDatabase<MoodmarkDB>;
type WriteStore = 'votes' | 'search' | 'stats' | 'operations' | 'removed';
type WriteTransaction = IDBPTransaction<MoodmarkDB, WriteStore[], 'readwrite'>;
/** The stores a vote write touches, in one transaction. */
const WRITE_STORES: WriteStore[] = ['votes', 'search', 'stats', 'operations', 'removed'];

/** The vote's search entry, with terms matching its current title, site and time. */
export function toSearchEntry(vote: Vote): SearchEntry {
  return { ...toVote(vote), terms: searchTerms(vote.title, vote.site, vote.updatedAt) };
}

/** The vote without storage-only fields. */
function toVote(stored: Vote): Vote {
  const { key, url, title, site, reaction, createdAt, updatedAt, lang } = stored;
  const vote = { key, url, title, site, reaction, createdAt, updatedAt };
  return lang === undefined ? vote : { ...vote, lang };
}

export interface DatabaseEvents {
  /** The connection is gone: the browser closed it (storage cleared) or a newer version needs it. */
  onClosed?(): void;
  /** How long an open may wait to start; defaults to OPEN_BLOCKED_TIMEOUT_MS. */
  blockedTimeoutMs?: number;
}

/** Opening gave up: a connection at an older version kept it waiting (see openVoteDatabase). */
export class DatabaseBlockedError extends Error {
  constructor() {
    super(
      'The history could not be opened: another Moodmark window is still using an older ' +
        'version of it. Close other Moodmark pages (or restart the browser) and try again.',
    );
    this.name = 'DatabaseBlockedError';
  }
}

/**
 * Opening gave up: it took too long, though nothing said it was blocked (a busy disk; see
 * openVoteDatabase).
 */
export class DatabaseSlowError extends Error {
  constructor() {
    super('The history took too long to open. Try again in a moment.');
    this.name = 'DatabaseSlowError';
  }
}

/**
 * How many opens of each database (by name) the browser told were blocked and are still waiting:
 * an open queued behind one of them waits as long, but is never told so itself.
 */
const blockedOpens = new Map<string, number>();

/** Counts one more (`change` 1) or one fewer (-1) blocked open of the database `name`. */
function countBlockedOpen(name: string, change: 1 | -1): void {
  const count = (blockedOpens.get(name) ?? 0) + change;
  if (count > 0) blockedOpens.set(name, count);
  else blockedOpens.delete(name);
}

/**
 * Opens (creating or upgrading) the vote database. Each upgrade step runs once, in order,
 * and is never edited once released: a new schema is a new step.
 *
 * Rejects when the open has neither finished nor begun its upgrade within `blockedTimeoutMs`,
 * rather than waiting forever: with DatabaseBlockedError where an older connection blocks it
 * (this open's, or one it is queued behind, was told so), else with DatabaseSlowError. A
 * connection that opens after that is closed at once, so the next call simply opens again.
 */
export function openVoteDatabase(
  name = DATABASE_NAME,
  { onClosed, blockedTimeoutMs = OPEN_BLOCKED_TIMEOUT_MS }: DatabaseEvents = {},
): Promise<VoteDatabase> {
  let gaveUp = false;
  let blocked = false;
  let upgradeFailure: unknown;
  let upgrading: UpgradeTransaction | undefined;
  let giveUp: (error: Error) => void = () => {};
  const blockedTooLong = new Promise<never>((_resolve, reject) => (giveUp = reject));
  // Started at once rather than on `blocked`: an open queued behind a blocked one is never told.
  const timer = setTimeout(() => {
    gaveUp = true;
    giveUp(
      blocked || blockedOpens.has(name) ? new DatabaseBlockedError() : new DatabaseSlowError(),
    );
  }, blockedTimeoutMs);
  const opening = openDB<MoodmarkDB>(name, DATABASE_VERSION, {
    blocked() {
      if (blocked) return;
      blocked = true;
      countBlockedOpen(name, 1);
    },
    blocking(_currentVersion, _blockedVersion, event) {
      // A newer version of the extension is waiting to upgrade: step aside for it.
      (event.target as IDBDatabase).close();
      onClosed?.();
    },
    terminated() {
      onClosed?.();
    },
    upgrade(db, oldVersion, _newVersion, transaction) {
      clearTimeout(timer);
      upgrading = transaction;
      // The open rejects with the failure; the transaction's own rejection says nothing more.
      transaction.done.catch(() => {});
      // idb does not wait for an async upgrade: a step failing after its first await would let
      // the version change commit half done. Aborted, the database stays as it was.
      upgradeSchema(db, oldVersion, transaction).catch((error: unknown) => {
        upgradeFailure = error;
        try {
          transaction.abort();
        } catch {
          // Ended already: aborted by a request that failed, whose error the open reports.
        }
      });
    },
  });
  // Settled, it no longer holds up the opens queued behind it.
  const unblocked = () => {
    if (blocked) countBlockedOpen(name, -1);
  };
  void opening.then(unblocked, unblocked);
  const settled = opening.then(
    (db) => {
      clearTimeout(timer);
      if (gaveUp) db.close();
      return db;
    },
    (error: unknown) => {
      clearTimeout(timer);
      const failure = upgrading ? failureOf(upgrading, upgradeFailure) : undefined;
      if (failure === undefined) throw error;
      throw new Error(`The history could not be upgraded: ${String(failure)}`, { cause: failure });
    },
  );
  return Promise.race([settled, blockedTooLong]);
}

/**
 * Why `tx` failed: the error of the request that aborted it (QuotaExceededError where the disk
 * is full, also when found at commit) where there is one, else `error`. The requests still pending
 * then fail with an AbortError that says nothing of the cause, and a failed request the code did
 * not await has no one else to tell it.
 */
function failureOf(tx: { readonly error: DOMException | null }, error: unknown): unknown {
  return tx.error ?? error;
}

/**
 * Leaves the failure of a request not awaited (the transaction runs it in order, without a round
 * trip) to its transaction, which the failure aborts and whose awaiter is told (failureOf); its
 * own rejection would go unheard.
 */
function unawaited(request: Promise<unknown>): void {
  request.catch(() => {});
}

/** The upgrade steps from `oldVersion` to DATABASE_VERSION, in one version change. */
async function upgradeSchema(
  db: IDBPDatabase<MoodmarkDB>,
  oldVersion: number,
  transaction: UpgradeTransaction,
): Promise<void> {
  if (oldVersion < 1) {
    const votes = db.createObjectStore('votes', { keyPath: 'key' });
    votes.createIndex('by-updated', ['updatedAt', 'key']);
    votes.createIndex('by-reaction', ['reaction', 'updatedAt']);
  }
  if (oldVersion < 2) {
    // Search entries for every vote, and the per-reaction counts, from the votes kept so far.
    const votes = transaction.objectStore('votes');
    votes.createIndex('by-reaction-updated', ['reaction', 'updatedAt', 'key']);
    const search = db.createObjectStore('search', { keyPath: 'key' });
    search.createIndex('by-term', 'terms', { multiEntry: true });
    const stats = db.createObjectStore('stats');
    db.createObjectStore('sites', { keyPath: 'site' });
    const counts = emptyCounts();
    for (let cursor = await votes.openCursor(); cursor; cursor = await cursor.continue()) {
      if (Object.hasOwn(counts, cursor.value.reaction)) counts[cursor.value.reaction] += 1;
      indexForSearch(search, cursor.value);
    }
    await stats.put(counts, COUNTS_KEY);
  }
  if (oldVersion < 3) {
    // One term per word instead of one per prefix length.
    await rebuildSearch(db, transaction);
  }
  if (oldVersion < 4) {
    // Operation ids of recent writes, and the removal the popup can undo: both start empty.
    const operations = db.createObjectStore('operations', { keyPath: 'key' });
    operations.createIndex('by-written', 'writtenAt');
    db.createObjectStore('removed');
  }
  // Words keep their marks (Hindi, Thai) and a Turkish İ is an i (version 5); each character
  // of a Chinese, Japanese or Thai run starts a word, and long words have a second term (6):
  // terms as searchTerms makes them now (step 3 already wrote them so when it ran here).
  if (oldVersion >= 3 && oldVersion < 6) await rebuildSearch(db, transaction);
  // Words are folded (version 9: Zürich as zurich, ＡＢＣ as abc), which changes the terms of
  // titles with accents or compatibility forms only; an internationalized site's name has the
  // words the reader sees too (10: bücher beside xn--bcher-kva); Arabic letter variants and
  // digits are folded (13: أزمة ٢٠٢٤ as ازمه 2024); invisible characters no longer part a word
  // (14: a soft hyphen's news\u00adpaper as newspaper); a word with an apostrophe inside has its
  // parts joined too (16: O'Brien as obrien), Hebrew's geresh and ´ ` ′ read as one (17); an
  // emoji's or an ideograph's variation selector neither starts nor parts a word (19: ⚡️Breaking);
  // each end of a site's host and of a host written in a title is a term (22: `.news7.example`),
  // and of its part after a hyphen (23: `gpt-3.5` as `3.5` too).
  if (oldVersion >= 6 && oldVersion < 23) await refreshSearchTerms(transaction);
  // Keys as normalized now (version 7: stacked www.m., /amp/amp, :443;
  // 8: more tracking parameters, escapes in upper case, a host's final dot, Google's AMP viewer
  // `google.com/amp/s/…`; 10: a session in the address, more share and campaign parameters;
  // 12: a directory's index.html, Bing's AMP cache; 15: `&amp;` in a feed's link, more campaign
  // families (oly_, vero_, WT.), Forbes' ?sh=, escaped letters in a path, Bing's AMP viewer). A
  // later change to keys adds a version that runs this again.
  if (oldVersion >= 1 && oldVersion < 15) await rekeyVotes(transaction, normalizedKey);
  // Keys as articleKey makes them now for the vote's page, its key as what the page declared
  // (version 18: a section, a date archive, a server's default page, a home in a language or a
  // blog's root cut short of `?p=` that a template declared on every story no longer files
  // them all under one key: the vote goes to the key of the page it was given on; 19: more share
  // and newsletter parameters, HubSpot's and share links' ids, a directory's index.php, a wiki's
  // media viewer, a mobile host inside a site as its desktop host; 20: a page read through
  // Google Translate's proxy as its publisher's, an AMP viewer's host as the key names it; 21: a
  // variant label left off only where a site remains before the public suffix, so a user's
  // `m.github.io` and `www.github.io` are two sites, `www.gov.uk` not `gov.uk`).
  if (oldVersion >= 1 && oldVersion < 21) await rekeyVotes(transaction, pageArticleKey);
  // Versions 1 to 20 kept an index of votes by site that nothing read: each write kept it up.
  if (oldVersion >= 1 && oldVersion < 21) dropIndex(transaction.objectStore('votes'), 'by-site');
  // 0.1.0 kept a page's credentials (user:pass@) in a vote's link, and in the title of a page
  // without one, which it named by that link (version 11). Last, so it reads the votes as kept.
  if (oldVersion >= 1 && oldVersion < 11) await dropLinkCredentials(transaction);
}

/**
 * Drops, in an upgrade, the credentials 0.1.0 kept in links (withoutLinkCredentials) from each
 * vote, its search entry (a copy of the vote, with the terms of its title) and the removal kept
 * aside for undo. Only those that kept some are written.
 */
async function dropLinkCredentials(transaction: UpgradeTransaction): Promise<void> {
  const removed = transaction.objectStore('removed');
  const removal = await removed.get(LAST_REMOVAL_KEY);
  if (removal && typeof removal.vote?.url === 'string') {
    const vote = withoutLinkCredentials(removal.vote);
    if (vote !== removal.vote) await removed.put({ ...removal, vote }, LAST_REMOVAL_KEY);
  }
  const votes = transaction.objectStore('votes');
  const search = transaction.objectStore('search');
  for (let cursor = await votes.openCursor(); cursor; cursor = await cursor.continue()) {
    // A damaged record's link that is not text is no address to read.
    if (typeof cursor.value.url !== 'string') continue;
    const vote = withoutLinkCredentials(cursor.value);
    if (vote === cursor.value) continue;
    unawaited(cursor.update(vote));
    let entry: SearchEntry;
    try {
      entry = toSearchEntry(vote);
    } catch {
      // A title too damaged to index has no entry (indexForSearch); none may keep the old link.
      unawaited(search.delete(vote.key));
      continue;
    }
    unawaited(search.put(entry));
  }
}

/** Deletes `store`'s index `name`, where it has one (a damaged profile's store may not). */
function dropIndex(
  store: { indexNames: DOMStringList; deleteIndex(name: string): void },
  name: string,
): void {
  if (store.indexNames.contains(name)) store.deleteIndex(name);
}

/** A stored vote's key as normalized now, its host as the background keys it. */
function normalizedKey({ key }: Pick<Vote, 'key'>): string | null {
  return normalizeArticleUrlByList(key);
}

/** A stored vote's key as articleKey makes it now for the page it was given on (its `url`). */
function pageArticleKey({ key, url }: Pick<Vote, 'key' | 'url'>): string {
  return typeof key === 'string' && typeof url === 'string' ? storedArticleKey(key, url) : key;
}

/**
 * Moves each vote stored under a key `keyOf` no longer gives to the key it gives now, where the
 * newer of two votes for one article wins, keeping the counts record in step; and the removal
 * kept aside for undo with them.
 */
async function rekeyVotes(
  transaction: UpgradeTransaction,
  keyOf: (vote: Pick<Vote, 'key' | 'url'>) => string | null,
): Promise<void> {
  await rekeyRemoval(transaction, keyOf);
  const votes = transaction.objectStore('votes');
  const search = transaction.objectStore('search');
  const moved: { from: string; vote: Vote }[] = [];
  for (let cursor = await votes.openCursor(); cursor; cursor = await cursor.continue()) {
    const key = keyOf(cursor.value);
    if (key && key !== cursor.value.key) {
      const site = listedSiteOf(new URL(key).hostname);
      moved.push({ from: cursor.value.key, vote: { ...toVote(cursor.value), key, site } });
    }
  }
  if (!moved.length) return;
  const stats = transaction.objectStore('stats');
  const counts: ReactionCounts = { ...emptyCounts(), ...(await stats.get(COUNTS_KEY)) };
  // All leave their old keys first: where one moves onto a key another moves off (a one-word
  // story below its section, a story filed under that one's key), the one leaving is not taken
  // for the same article, nor the one arriving deleted with it.
  for (const { from } of moved) {
    unawaited(votes.delete(from));
    unawaited(search.delete(from));
  }
  for (const { vote } of moved) {
    const existing = await votes.get(vote.key);
    // Two votes for one article now: one of them leaves the counts.
    const kept = mergeOutcome(existing, vote) === 'unchanged' ? existing! : vote;
    const dropped = existing && (kept === vote ? existing : vote);
    if (dropped && Object.hasOwn(counts, dropped.reaction)) counts[dropped.reaction] -= 1;
    if (kept === vote) {
      unawaited(votes.put(vote));
      indexForSearch(search, vote);
    }
  }
  await stats.put(counts, COUNTS_KEY);
}

/**
 * Moves the removal kept aside to the key its article has now, as rekeyVotes moves votes. Under
 * the old key, undo was offered though the article had a vote again (moved to the new key), the
 * vote sent back (its key normalized) went over that newer one, and the removal, never matched,
 * stayed on offer. One whose key no longer makes an article key is dropped: undo could never
 * put it back.
 */
async function rekeyRemoval(
  transaction: UpgradeTransaction,
  keyOf: (vote: Pick<Vote, 'key' | 'url'>) => string | null,
): Promise<void> {
  const removed = transaction.objectStore('removed');
  const removal = await removed.get(LAST_REMOVAL_KEY);
  const from: unknown = removal?.vote?.key;
  if (!removal || typeof from !== 'string') return;
  const key = keyOf(removal.vote);
  if (!key) {
    await removed.delete(LAST_REMOVAL_KEY);
  } else if (key !== from) {
    const site = listedSiteOf(new URL(key).hostname);
    await removed.put({ ...removal, vote: { ...removal.vote, key, site } }, LAST_REMOVAL_KEY);
  }
}

/**
 * Puts a stored vote's search entry, in an upgrade. A record too damaged to index (a title that
 * is not text, from a damaged profile) is left out of search rather than failing the upgrade.
 */
function indexForSearch(
  search: IDBPObjectStore<MoodmarkDB, StoreNames<MoodmarkDB>[], 'search', 'versionchange'>,
  vote: Vote,
): void {
  let entry: SearchEntry;
  try {
    entry = toSearchEntry(vote);
  } catch {
    return;
  }
  unawaited(search.put(entry));
}

type UpgradeTransaction = IDBPTransaction<MoodmarkDB, StoreNames<MoodmarkDB>[], 'versionchange'>;

/**
 * Rebuilds the search store from the votes, in an upgrade: dropping the store is one range delete,
 * where rewriting would delete each term. A cursor, not getAll(): the votes are read one at a
 * time, never all held at once.
 */
async function rebuildSearch(
  db: IDBPDatabase<MoodmarkDB>,
  transaction: UpgradeTransaction,
): Promise<void> {
  db.deleteObjectStore('search');
  const search = db.createObjectStore('search', { keyPath: 'key' });
  search.createIndex('by-term', 'terms', { multiEntry: true });
  const votes = transaction.objectStore('votes');
  for (let cursor = await votes.openCursor(); cursor; cursor = await cursor.continue()) {
    indexForSearch(search, cursor.value);
  }
}

/**
 * Rewrites, in an upgrade, the search entries whose terms searchTerms now makes otherwise. Where
 * a change of words leaves most titles' terms as they were, that writes far less than
 * `rebuildSearch`: a rebuild of 50,000 votes is minutes of writes on a slow machine.
 */
async function refreshSearchTerms(transaction: UpgradeTransaction): Promise<void> {
  const search = transaction.objectStore('search');
  for (let cursor = await search.openCursor(); cursor; cursor = await cursor.continue()) {
    let entry: SearchEntry;
    try {
      entry = toSearchEntry(cursor.value);
    } catch {
      continue;
    }
    const stored: unknown = cursor.value.terms;
    const unchanged =
      Array.isArray(stored) &&
      stored.length === entry.terms.length &&
      entry.terms.every((term, i) => term === stored[i]);
    if (!unchanged) unawaited(cursor.update(entry));
  }
}

export interface VoteInput {
  key: string;
  url: string;
  title: string;
  site: string;
  reaction: Reaction | null;
  /** The article's language, where its page declares one (Vote.lang). */
  lang?: string;
}

async function readCountsIn(tx: WriteTransaction): Promise<ReactionCounts> {
  return { ...emptyCounts(), ...(await tx.objectStore('stats').get(COUNTS_KEY)) };
}

/** Replaces the vote under `key` (null: deletes it), keeping the counts record in step. */
function replaceVote(
  tx: WriteTransaction,
  counts: ReactionCounts,
  existing: Vote | undefined,
  next: Vote | null,
  key: string,
): Promise<unknown> {
  // A reaction a damaged profile stored was never counted (see the upgrade to version 2).
  if (existing && Object.hasOwn(counts, existing.reaction)) counts[existing.reaction] -= 1;
  if (!next) {
    if (!existing) return Promise.resolve();
    return Promise.all([tx.objectStore('votes').delete(key), tx.objectStore('search').delete(key)]);
  }
  counts[next.reaction] += 1;
  const vote = toVote(next);
  // Made before any request: a title it throws on would leave the vote's put queued, its promise
  // rejected by the abort that follows with nothing to hear it.
  const entry = toSearchEntry(vote);
  return Promise.all([tx.objectStore('votes').put(vote), tx.objectStore('search').put(entry)]);
}

/**
 * What a write's operation id says about it: the first write with that id to its article
 * (`new`), a retry of one already applied (`repeat`: its reply was lost), or one that must
 * stand aside (`superseded`) for a later id that landed first.
 */
type OperationClaim = 'new' | 'repeat' | 'superseded';

/**
 * Whether a write with operation id `op` to `key` may go ahead: not when a write with a later
 * id landed first (a retried call arriving after a newer one). Records `op` when it may.
 * A write without an id is not ordered, and always goes ahead.
 */
async function claimOperation(
  tx: WriteTransaction,
  key: string,
  op: number | undefined,
  now: number,
): Promise<OperationClaim> {
  if (op === undefined) return 'new';
  const operations = tx.objectStore('operations');
  const [last, cleared] = await Promise.all([operations.get(key), operations.get(CLEARED_KEY)]);
  if (isSupersededBy(last, op, now) || isSupersededBy(cleared, op, now)) return 'superseded';
  unawaited(operations.put({ key, op, writtenAt: now }));
  return last?.op === op && last.writtenAt >= now - OPERATION_MEMORY_MS ? 'repeat' : 'new';
}

/** Whether an operation written at `writtenAt` is still remembered at `now` (OPERATION_MEMORY_MS). */
function isRemembered({ writtenAt }: { writtenAt: number }, now: number): boolean {
  return writtenAt >= now - OPERATION_MEMORY_MS && writtenAt <= now;
}

/**
 * Whether a write with operation id `op` at `now` must stand aside for `last`, the last write to
 * its article that carried an id: a later id, still remembered (OPERATION_MEMORY_MS).
 */
export function isSupersededBy(
  last: { op?: number | undefined; writtenAt: number } | null | undefined,
  op: number,
  now: number,
): boolean {
  if (last?.op === undefined || last.writtenAt < now - OPERATION_MEMORY_MS) return false;
  // One written "later than now" dates from before the clock was set back: forgotten too.
  return last.writtenAt <= now && last.op > op;
}

/** Purges operation ids and a removal kept aside longer than they are needed. */
async function purgeExpired(tx: WriteTransaction, now: number): Promise<void> {
  const byWritten = tx.objectStore('operations').index('by-written');
  const expired = IDBKeyRange.upperBound(now - OPERATION_MEMORY_MS, true);
  for (let cursor = await byWritten.openCursor(expired); cursor; cursor = await cursor.continue()) {
    unawaited(cursor.delete());
  }
  const removal = await tx.objectStore('removed').get(LAST_REMOVAL_KEY);
  if (removal && removal.removedAt < now - UNDO_KEEP_MS) {
    await tx.objectStore('removed').delete(LAST_REMOVAL_KEY);
  }
}

/**
 * `stored` with times it can be listed, exported and put back by undo with: a time a damaged
 * profile kept as something other than a number takes the vote's other time, or else `now`.
 * Rewritten with it, the vote would drop out of the history (an invalid time is not indexed)
 * and be refused when its export is imported, or its removal undone.
 */
function withValidTimes(stored: Vote, now: number): Vote {
  const { createdAt, updatedAt } = stored;
  if (isStoredTime(createdAt) && isStoredTime(updatedAt)) return stored;
  const created = isStoredTime(createdAt) ? createdAt : isStoredTime(updatedAt) ? updatedAt : now;
  return {
    ...stored,
    createdAt: created,
    updatedAt: isStoredTime(updatedAt) ? updatedAt : created,
  };
}

/**
 * `stored` as a change reads it: its times as withValidTimes has them, and a link, title or site
 * a damaged profile kept as something other than text as readStoredVote reads them, as the
 * history lists it. Kept so, a title that is not text fails the search entry of any change, and
 * the removal kept aside would be refused by undo. As stored where it reads as no vote (a
 * reaction not among the seven): it is replaced or removed all the same.
 */
function readForChange(stored: Vote, now: number): Vote {
  const timed = withValidTimes(toVote(stored), now);
  return readStoredVote(timed) ?? timed;
}

/**
 * The time a change at `now` to `existing` is stored with: after the vote it replaces, whose
 * times an import lets lie up to MAX_CLOCK_SKEW_MS ahead of this clock. Stamped earlier, the
 * change would be created after it was updated (refused by import and undo) and lose to the
 * older vote when its file is imported again. `createdAt` also repairs votes stored so before.
 */
function changeTime(existing: Vote | undefined, now: number): number {
  return existing ? Math.max(now, existing.createdAt, existing.updatedAt + 1) : now;
}

/**
 * Runs `write` in a new transaction over the stores a vote write touches, aborting it when `write`
 * throws: requests it queued before the throw would otherwise commit without the rest (a vote
 * changed, its search entry and counts not) while the caller reports a failure.
 *
 * Strict durability: the change is flushed to disk before the transaction completes and the reader
 * is told it is saved. Chrome 121 and later default to relaxed, completing while the change may
 * sit in the OS's buffers a few seconds, lost to a crash or power cut; see
 * https://developer.chrome.com/blog/indexeddb-durability-mode-now-defaults-to-relaxed
 * One flush per call: an import batch (up to MAX_IMPORT_BATCH votes) is one transaction.
 */
async function inWriteTransaction<T>(
  db: VoteDatabase,
  write: (tx: WriteTransaction) => Promise<T>,
): Promise<T> {
  const tx = db.transaction(WRITE_STORES, 'readwrite', { durability: 'strict' });
  // `write` awaits it, but a request failing rejects it at once, before `write` may be waiting;
  // and where `write` throws, its rejection says nothing more than the error thrown.
  tx.done.catch(() => {});
  try {
    return await write(tx);
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Ended already (committed, or aborted by a failed request): nothing is left to commit.
    }
    throw failureOf(tx, error);
  }
}

/** What a write did: the vote stored after it, and whether a newer write made it stand aside. */
export interface WriteResult<T> {
  stored: T;
  /** True when a write with a later operation id had landed first: nothing changed. */
  superseded: boolean;
}

/**
 * Sets, switches or clears the vote for `input.key` in one transaction with its counts, so
 * concurrent writers never interleave. `op`, the call's operation id, keeps a retried call
 * from overwriting a newer one, ordered at `now` whatever `votedAt` says. `votedAt`, when the
 * reader gave a vote applied later (a pending vote), dates it in the history: never after `now`,
 * nor before the vote it replaces (changeTime). Returns the stored vote, or null when there is
 * none.
 */
export async function writeVote(
  db: VoteDatabase,
  input: VoteInput,
  now: number,
  op?: number,
  votedAt?: number,
): Promise<WriteResult<Vote | null>> {
  const dated = isStoredTime(votedAt) ? Math.min(votedAt, now) : now;
  return inWriteTransaction(db, async (tx) => {
    const [found, counts, [claim, removal]] = await Promise.all([
      tx.objectStore('votes').get(input.key),
      readCountsIn(tx),
      // Purged first: a purge running beside the claim could delete the id it records, and an
      // expired removal read beside it would be written back below.
      purgeExpired(tx, now).then(() =>
        Promise.all([
          claimOperation(tx, input.key, op, now),
          tx.objectStore('removed').get(LAST_REMOVAL_KEY),
        ]),
      ),
    ]);
    const existing = found && readForChange(found, now);
    if (claim === 'superseded') {
      await tx.done;
      return { stored: existing ? toVote(existing) : null, superseded: true };
    }
    // A page that no longer declares its language (a later app state) keeps the one it did.
    const lang = input.lang ?? existing?.lang;
    const stored: Vote | null =
      input.reaction === null
        ? null
        : {
            key: input.key,
            url: input.url,
            // A page without a title is named by its address, cut as a title is.
            title: input.title || existing?.title || cleanTitle(input.url),
            site: input.site,
            reaction: input.reaction,
            createdAt: existing?.createdAt ?? dated,
            updatedAt: changeTime(existing, dated),
            ...(lang === undefined ? {} : { lang }),
          };
    await replaceVote(tx, counts, existing, stored, input.key);
    await tx.objectStore('stats').put(counts, COUNTS_KEY);
    // Also when this takes the new vote back: the removal is no longer the reader's last word.
    if (removal?.vote.key === input.key && !removal.votedAgain) {
      unawaited(tx.objectStore('removed').put({ ...removal, votedAgain: true }, LAST_REMOVAL_KEY));
    }
    await tx.done;
    return { stored, superseded: false };
  });
}

/**
 * Changes the reaction of the stored vote `key` (null removes it, keeping it aside for undo
 * for UNDO_KEEP_MS), keeping its title and address; `op` as for writeVote. Returns the vote
 * before and after; both undefined/null when there was none.
 */
export async function editVote(
  db: VoteDatabase,
  key: string,
  reaction: Reaction | null,
  now: number,
  op?: number,
): Promise<{ before: Vote | undefined; after: Vote | null; superseded: boolean }> {
  return inWriteTransaction(db, async (tx) => {
    const [existing, counts, [claim, removal]] = await Promise.all([
      tx.objectStore('votes').get(key),
      readCountsIn(tx),
      // Read after the purge, as in writeVote: an expired removal would be written back below.
      purgeExpired(tx, now).then(() =>
        Promise.all([
          claimOperation(tx, key, op, now),
          tx.objectStore('removed').get(LAST_REMOVAL_KEY),
        ]),
      ),
    ]);
    const before = existing && readForChange(existing, now);
    if (claim === 'superseded') {
      await tx.done;
      return { before, after: before ?? null, superseded: true };
    }
    if (
      claim === 'repeat' &&
      !existing &&
      reaction === null &&
      removal?.vote.key === key &&
      !removal.votedAgain
    ) {
      // This removal again, its first reply lost: it answers as that one did, with the vote
      // removed, so that the popup still offers to undo it.
      await tx.done;
      return { before: removal.vote, after: null, superseded: false };
    }
    if (before && reaction === before.reaction) {
      // The reaction it has (the popup's picker opens on it): kept as set then. Dated now, an old
      // reaction would move to today in the history and the mood, though nothing changed.
      await tx.done;
      return { before, after: before, superseded: false };
    }
    const after =
      before && reaction ? { ...before, reaction, updatedAt: changeTime(before, now) } : null;
    if (before) {
      await replaceVote(tx, counts, before, after, key);
      await tx.objectStore('stats').put(counts, COUNTS_KEY);
      if (!after) {
        await tx.objectStore('removed').put({ vote: before, removedAt: now }, LAST_REMOVAL_KEY);
      } else if (removal?.vote.key === key && !removal.votedAgain) {
        // A vote an import brought back, changed: the reader's word since, as writeVote's.
        unawaited(
          tx.objectStore('removed').put({ ...removal, votedAgain: true }, LAST_REMOVAL_KEY),
        );
      }
    }
    await tx.done;
    return { before, after, superseded: false };
  });
}

/**
 * The vote the popup removed last, if it was removed within UNDO_KEEP_MS before `now` and
 * the article was not voted on again since (even if that vote was taken back); null otherwise.
 * Its times are repaired as a change's are (withValidTimes): an earlier version kept a damaged
 * profile's aside as they were, and undo, given them back, would be refused.
 */
export async function readUndoableRemoval(db: VoteDatabase, now: number): Promise<Vote | null> {
  const tx = db.transaction(['removed', 'votes']);
  const removal = await tx.objectStore('removed').get(LAST_REMOVAL_KEY);
  if (!removal || removal.votedAgain || removal.removedAt < now - UNDO_KEEP_MS) return null;
  const current = await tx.objectStore('votes').count(removal.vote.key);
  return current === 0 ? withValidTimes(removal.vote, now) : null;
}

/**
 * Puts back a removed vote exactly as it was (undo), unless a newer vote for its article
 * exists (any vote stored since the removal kept aside for it, one an import brought back only
 * where its time is later: Removal.importedSince), the article was voted on again
 * since and that vote taken back (Removal.votedAgain), or a write with a later
 * operation id `op` landed since; that removal is then done with. Returns the vote stored for
 * the article after.
 */
export async function restoreVote(
  db: VoteDatabase,
  vote: Vote,
  now: number,
  op?: number,
): Promise<WriteResult<Vote | null>> {
  return inWriteTransaction(db, async (tx) => {
    const [existing, counts, claim, removal, cleared] = await Promise.all([
      tx.objectStore('votes').get(vote.key),
      readCountsIn(tx),
      purgeExpired(tx, now).then(() => claimOperation(tx, vote.key, op, now)),
      tx.objectStore('removed').get(LAST_REMOVAL_KEY),
      tx.objectStore('operations').get(CLEARED_KEY),
    ]);
    const current = existing ? toVote(existing) : null;
    // Clear all forgets the removal it finds kept, and cannot be undone: a vote from before it,
    // not kept since, was removed before it (another popup's Undo, pressed late).
    const removedBeforeClear =
      removal?.vote.key !== vote.key &&
      cleared !== undefined &&
      isRemembered(cleared, now) &&
      vote.updatedAt <= cleared.writtenAt;
    if (claim === 'superseded' || removedBeforeClear) {
      await tx.done;
      return { stored: current, superseded: true };
    }
    let stored = current;
    // A vote there now was stored after this removal took the one being put back: it is the newer,
    // whatever the clock (set back since) dated it, unless an import brought it (the newer by
    // time wins, as in the import). None there after one was, the reader took it back: that
    // stands too.
    const votedSinceRemoval =
      removal?.vote.key === vote.key &&
      (removal.votedAgain === true || (existing !== undefined && !removal.importedSince));
    if (!votedSinceRemoval && mergeOutcome(existing, vote) !== 'unchanged') {
      await replaceVote(tx, counts, existing, vote, vote.key);
      await tx.objectStore('stats').put(counts, COUNTS_KEY);
      stored = toVote(vote);
    }
    if (removal?.vote.key === vote.key) await tx.objectStore('removed').delete(LAST_REMOVAL_KEY);
    await tx.done;
    return { stored, superseded: false };
  });
}

export type MergeReport = Record<MergeOutcome, number>;

/**
 * Stored votes a range read looks for, at most, per vote asked for: an export's batch, in key
 * order, holds a key range where only the votes stored since lie between its keys.
 */
const RANGE_READ_PER_VOTE = 2;

/**
 * The stored vote under each of `votes`' keys (undefined where none), read in `tx`. A batch of an
 * export file comes in key order (exportHistory pages so): one read of the range between its
 * first and last keys costs far less than a read per key, which took a seventh of an import's
 * time in Chromium. A batch in another order (seeding, a file another program wrote), or whose
 * range holds many more votes (a small file merged into a long history), is read key by key.
 */
async function readStoredVotes(
  tx: WriteTransaction,
  votes: readonly Vote[],
): Promise<(Vote | undefined)[]> {
  const store = tx.objectStore('votes');
  const readEach = () => Promise.all(votes.map((vote) => store.get(vote.key)));
  const inKeyOrder = votes.every((vote, i) => i === 0 || votes[i - 1]!.key < vote.key);
  if (votes.length < 2 || !inKeyOrder) return readEach();
  const limit = votes.length * RANGE_READ_PER_VOTE;
  const range = IDBKeyRange.bound(votes[0]!.key, votes.at(-1)!.key);
  const inRange = await store.getAll(range, limit);
  if (inRange.length === limit) return readEach();
  const byKey = new Map(inRange.map((vote) => [vote.key, vote]));
  return votes.map((vote) => byKey.get(vote.key));
}

/**
 * Merges `votes` into the history in one transaction: a vote is added when its key is new and
 * replaces a stored one (or an earlier copy in `votes`) only when its `updatedAt` is later.
 * Used by import and seeding.
 */
export async function mergeVotes(db: VoteDatabase, votes: readonly Vote[]): Promise<MergeReport> {
  const report: MergeReport = { added: 0, updated: 0, unchanged: 0 };
  return inWriteTransaction(db, async (tx) => {
    // Every request is queued at once: a transaction runs them in order, without a round trip each.
    const [counts, removal, existing] = await Promise.all([
      readCountsIn(tx),
      tx.objectStore('removed').get(LAST_REMOVAL_KEY),
      readStoredVotes(tx, votes),
    ]);
    // The removal kept aside, unless already marked (Removal.importedSince, votedAgain).
    const unmarked = removal && !removal.votedAgain && !removal.importedSince ? removal : null;
    let bringsBackRemoved = false;
    // What each key holds as the merge goes on: a second copy of one article meets the first.
    const merged = new Map<string, Vote>();
    votes.forEach((vote, i) => {
      const stored = existing[i];
      // Its time as a change reads it (withValidTimes); with none, it is older than any vote in a
      // file: kept, it would stay out of the history with every import of its backup "unchanged".
      const before = merged.get(vote.key) ?? (stored && withValidTimes(stored, 0));
      const outcome = mergeOutcome(before, vote);
      report[outcome] += 1;
      if (outcome === 'unchanged') return;
      if (!stored && vote.key === unmarked?.vote.key) bringsBackRemoved = true;
      // A file an earlier version wrote declares no language: the article keeps the one it has,
      // as a later write that declares none does (writeVote).
      const next = vote.lang === undefined ? withLanguage(vote, before?.lang) : vote;
      merged.set(vote.key, next);
      // Its failure is left to the transaction (unawaited): kept in a list to await at the end,
      // the writes before a vote that throws would reject unheard.
      unawaited(replaceVote(tx, counts, before, next, vote.key));
    });
    unawaited(tx.objectStore('stats').put(counts, COUNTS_KEY));
    // Else undo, seeing a vote there, would take it for the reader's own since and keep it,
    // though it may be older than the one removed (an older backup).
    if (unmarked && bringsBackRemoved) {
      unawaited(
        tx.objectStore('removed').put({ ...unmarked, importedSince: true }, LAST_REMOVAL_KEY),
      );
    }
    await tx.done;
    return report;
  });
}

/**
 * Removes every vote (and the removal kept aside) but those written after the clear, and sets the
 * counts to the votes kept; returns how many votes it removed. The clear's operation id `op` (else
 * one made at `now`) orders it as any write: a vote whose article's last write has a later id was
 * given after the reader cleared (its call landing first), and stays. The id is remembered as
 * each article's last: a call given before it (a page's retry, an undo) would otherwise land after
 * it, and bring its vote back into the history just cleared.
 */
export async function clearVotes(db: VoteDatabase, now: number, op?: number): Promise<number> {
  const clearOp = op ?? now * 1000;
  return inWriteTransaction(db, async (tx) => {
    const votes = tx.objectStore('votes');
    const search = tx.objectStore('search');
    const [count, remembered] = await Promise.all([
      votes.count(),
      tx
        .objectStore('operations')
        .index('by-written')
        .getAll(IDBKeyRange.lowerBound(now - OPERATION_MEMORY_MS)),
    ]);
    const keys = remembered
      .filter((last) => last.key !== CLEARED_KEY && isSupersededBy(last, clearOp, now))
      .map((last) => last.key);
    // Read before the stores are cleared, and put back as they were.
    const [kept, entries] = await Promise.all([
      Promise.all(keys.map((key) => votes.get(key))),
      Promise.all(keys.map((key) => search.get(key))),
    ]);
    // A removal kept aside goes too: clearing everything cannot be undone.
    await Promise.all([
      votes.clear(),
      search.clear(),
      tx.objectStore('removed').clear(),
      tx.objectStore('operations').put({ key: CLEARED_KEY, op: clearOp, writtenAt: now }),
    ]);
    const counts = emptyCounts();
    for (const vote of kept) {
      if (!vote) continue;
      unawaited(votes.put(vote));
      // A reaction a damaged profile stored was never counted (see replaceVote).
      if (Object.hasOwn(counts, vote.reaction)) counts[vote.reaction] += 1;
    }
    for (const entry of entries) if (entry) unawaited(search.put(entry));
    await tx.objectStore('stats').put(counts, COUNTS_KEY);
    await tx.done;
    return count - kept.filter(Boolean).length;
  });
}

/**
 * The vote stored for article `key`, as readStoredVote reads it: undefined where there is none,
 * or its record reads as no vote (a reaction not among the seven), which stays stored.
 */
export async function readVote(db: VoteDatabase, key: string): Promise<Vote | undefined> {
  return readStoredVote(await db.get('votes', key)) ?? undefined;
}

/** All-time votes per reaction, from the counts record (no scan). */
export async function readReactionCounts(db: VoteDatabase): Promise<ReactionCounts> {
  return { ...emptyCounts(), ...(await db.get('stats', COUNTS_KEY)) };
}

/** Votes per reaction last set at or after `since`, counted over the reaction index. */
export async function countReactionsSince(
  db: VoteDatabase,
  since: number,
): Promise<ReactionCounts> {
  const index = db.transaction('votes').store.index('by-reaction');
  const counts = emptyCounts();
  await Promise.all(
    (Object.keys(counts) as Reaction[]).map(async (reaction) => {
      counts[reaction] = await index.count(
        IDBKeyRange.bound([reaction, since], [reaction, Infinity]),
      );
    }),
  );
  return counts;
}

/**
 * Up to `limit` votes in article key order, with keys after `after` (from the first when
 * undefined): one page of an export. Key order, not time, so that a vote changed while the
 * pages are read is still read once (in one version or the other). A record that reads as no
 * vote (readStoredVote) is passed over and the page filled from beyond it: a short page ends
 * the export.
 */
export async function readVotePage(
  db: VoteDatabase,
  after: string | undefined,
  limit: number,
): Promise<Vote[]> {
  const page: Vote[] = [];
  let from = after;
  for (;;) {
    const wanted = limit - page.length;
    const range = from === undefined ? null : IDBKeyRange.lowerBound(from, true);
    const records = await db.getAll('votes', range, wanted);
    for (const record of records) {
      const vote = readStoredVote(record);
      if (vote) page.push(vote);
    }
    const last = records.at(-1);
    if (records.length < wanted || page.length === limit || !last) return page;
    from = last.key;
  }
}

/** An index as the raw IndexedDB API has it (idb does not wrap getAllRecords). */
type RawIndex = IDBIndex & {
  getAllRecords?(options: {
    query?: IDBKeyRange | null;
    count?: number;
    direction?: IDBCursorDirection;
  }): IDBRequest<{ key: IDBValidKey; primaryKey: IDBValidKey; value: unknown }[]>;
};

/**
 * Reads `index` over `range` newest first (direction "prev"), handing each value to `take`
 * until it returns false or the range ends. Where the browser has getAllRecords (Chrome 141,
 * Firefox 144) rows come `batch` at a time in one request each; else through a cursor.
 */
async function scanNewest<T>(
  index: RawIndex,
  range: IDBKeyRange | null,
  batch: number,
  take: (value: T) => boolean,
): Promise<void> {
  if (!index.getAllRecords) {
    let cursor = await wrap(index).openCursor(range, 'prev');
    while (cursor && take(cursor.value as T)) cursor = await cursor.continue();
    return;
  }
  let last: { key: IDBValidKey; primaryKey: IDBValidKey } | undefined;
  let size = batch;
  for (;;) {
    // Continue at the last row read, inclusive: rows sharing its index key (sorted by primary
    // key, descending) may not all have fit into the batch.
    const query = last ? upTo(range, last.key) : range;
    const records = await wrap(index.getAllRecords({ query, count: size, direction: 'prev' }));
    let progressed = false;
    for (const record of records) {
      if (
        last &&
        indexedDB.cmp(record.key, last.key) === 0 &&
        indexedDB.cmp(record.primaryKey, last.primaryKey) >= 0
      ) {
        continue;
      }
      progressed = true;
      if (!take(record.value as T)) return;
    }
    const end = records.at(-1);
    if (records.length < size || !end) return;
    last = { key: end.key, primaryKey: end.primaryKey };
    // A batch of nothing but already-read rows means one index key has more rows than fit.
    size = progressed ? Math.min(size * 2, MAX_SCAN_BATCH) : size * 2;
  }
}

/** `range` with its upper end moved down to `key`, inclusive. */
function upTo(range: IDBKeyRange | null, key: IDBValidKey): IDBKeyRange {
  if (!range || range.lower === undefined) return IDBKeyRange.upperBound(key);
  return IDBKeyRange.bound(range.lower, key, range.lowerOpen, false);
}

/**
 * One page of history, newest first (by `updatedAt`, then key), after `after` when given.
 *
 * Every path reads an index backwards and stops after `limit` matches, so the cost follows the
 * page, not the history: no filter → votes by-updated; a reaction → votes by-reaction-updated;
 * a search → search by-term on the longest word's prefix, other words and the reaction checked
 * per row (or, for a reaction with few votes, that reaction's index with the words checked).
 * A search of only one- and two-letter words has no term range of its own: it reads up to
 * SHORT_QUERY_SCAN_VOTES votes by-updated (or by reaction), checking the words per row, which
 * common letters fill a page from; rare ones ("qz") are then found through the terms of every
 * word starting with the rarest of them (listByWordStart), few by being rare.
 */
export async function listVotes(
  db: VoteDatabase,
  { limit, after, query, reaction }: HistoryQuery,
): Promise<Vote[]> {
  const words = parseQuery(query ?? '');
  const tx = db.transaction(['votes', 'search', 'stats']);
  const votes = tx.objectStore('votes');

  let index: RawIndex;
  let range: IDBKeyRange | null;
  let batch = limit;
  const byReaction = (r: Reaction) => {
    index = unwrap(votes.index('by-reaction-updated'));
    range = IDBKeyRange.bound(
      [r],
      after ? [r, after.updatedAt, after.key] : [r, []],
      false,
      after !== undefined,
    );
  };
  const byUpdated = () => {
    index = unwrap(votes.index('by-updated'));
    range = after ? IDBKeyRange.upperBound([after.updatedAt, after.key], true) : null;
  };
  // A host's votes from the ends of their sites' hosts: a host without votes reads none, not
  // every vote with a word starting as its name. One end (the host, its subdomains' votes among
  // its own) is one range, newest first, read as a word's; several are read whole, at once.
  const hostBounds = words.map(hostTermBounds).find((bounds) => bounds !== null);
  let hostEnd: string | undefined;
  if (hostBounds) {
    const terms = tx.objectStore('search').index('by-term');
    const ends = await hostEndsIn(terms, hostBounds);
    if (ends.length === 0) return [];
    if (ends.length === 1) hostEnd = ends[0];
    else {
      const entries = await Promise.all(
        hostBounds.map((bounds) =>
          terms.getAll(IDBKeyRange.bound(...bounds), HOST_VOTES_READ_WHOLE),
        ),
      );
      if (entries.every((read) => read.length < HOST_VOTES_READ_WHOLE)) {
        return pageOf(entries.flat(), words, { limit, after, reaction });
      }
    }
  }
  // The longest query word the term index can narrow by (words come longest first).
  const indexed = hostEnd === undefined ? words.find(isIndexedQueryWord) : undefined;
  if (words.length > 0) batch = Math.max(limit, SCAN_BATCH);
  // A reaction with few votes is read whole, checking the words, rather than every reaction's
  // votes under the term.
  const isSmallReaction =
    indexed !== undefined &&
    reaction !== undefined &&
    ((await tx.objectStore('stats').get(COUNTS_KEY))?.[reaction] ?? 0) <= SMALL_REACTION_VOTES;
  if (hostEnd !== undefined) {
    const [lower, upper] = termBounds(hostEnd, after?.updatedAt);
    index = unwrap(tx.objectStore('search').index('by-term'));
    range = IDBKeyRange.bound(lower, upper, false, after === undefined);
  } else if (indexed !== undefined && !isSmallReaction) {
    const [lower, upper] = termBounds(queryTermPrefix(indexed), after?.updatedAt);
    index = unwrap(tx.objectStore('search').index('by-term'));
    range = IDBKeyRange.bound(lower, upper, false, after === undefined);
  } else if (reaction) {
    byReaction(reaction);
  } else {
    // No words, or only ones shorter than the stored prefixes, which start so many titles
    // that checking votes newest first fills a page soon.
    byUpdated();
  }

  const page: Vote[] = [];
  const isShortQuery = indexed === undefined && hostEnd === undefined && words.length > 0;
  const maxRows = isShortQuery ? SHORT_QUERY_SCAN_VOTES : Infinity;
  let rows = 0;
  await scanNewest<unknown>(index!, range!, batch, (stored) => {
    // A record a damaged profile (or a later version) kept that reads as no vote is left out.
    const vote = readStoredVote(stored);
    // The term index ends at after.updatedAt inclusive; votes with that time come in
    // descending key order, so those at or above after.key were on earlier pages.
    const seen = after && vote && vote.updatedAt === after.updatedAt && vote.key >= after.key;
    if (vote && !seen && (!reaction || vote.reaction === reaction) && matchesQuery(vote, words)) {
      page.push(vote);
    }
    return page.length < limit && ++rows < maxRows;
  });
  if (page.length === limit || rows < maxRows) return page;
  return listByWordStart(tx, words, { limit, after, reaction });
}

/**
 * A page for a query of only short words (`words`) from the terms of every word starting with
 * the rarest of them, read whole: for rare letters, the few votes that have them, wherever they
 * lie in time, without reading the votes between.
 */
async function listByWordStart(
  tx: IDBPTransaction<MoodmarkDB, ('votes' | 'search' | 'stats')[], 'readonly'>,
  words: readonly string[],
  { limit, after, reaction }: Omit<HistoryQuery, 'query'>,
): Promise<Vote[]> {
  const candidates = new Map<string, number>();
  const index = tx.objectStore('search').index('by-term');
  // The word that starts the fewest terms: "ha q" reads the few votes with a word in "q", not
  // every one with a word in "ha" (seconds at 50,000 votes), as "q ha" did. Counted only up to
  // a cap: counting all of a common word's terms costs nearly as much as reading them.
  const ranges = words.map((word) => IDBKeyRange.bound(...termStartBounds(word)));
  const sizes = await Promise.all(
    ranges.map(async (range) => (await index.getAllKeys(range, RAREST_WORD_PROBE)).length),
  );
  for (
    let cursor = await index.openKeyCursor(ranges[sizes.indexOf(Math.min(...sizes))]);
    cursor;
    cursor = await cursor.continue()
  ) {
    candidates.set(cursor.primaryKey, termTime(cursor.key));
  }
  const newestFirst = [...candidates]
    .filter(([key, time]) => isAfter(time, key, after))
    .sort(([keyA, timeA], [keyB, timeB]) => historyOrder(timeA, keyA, timeB, keyB));
  const store = tx.objectStore('search');
  const page: Vote[] = [];
  // A page's worth of reads queued at once: the transaction runs them without a round trip each.
  for (let from = 0; from < newestFirst.length && page.length < limit; from += limit) {
    const batch = newestFirst.slice(from, from + limit).map(([key]) => store.get(key));
    for (const stored of await Promise.all(batch)) {
      const vote = stored && readStoredVote(stored);
      if (vote && (!reaction || vote.reaction === reaction) && matchesQuery(vote, words)) {
        page.push(vote);
        if (page.length === limit) break;
      }
    }
  }
  return page;
}

/**
 * The distinct ends of hosts (host terms without their time) within `bounds`, up to two: one
 * request an end, as each skips the terms of the end before.
 */
async function hostEndsIn(
  terms: IDBPIndex<MoodmarkDB, ('votes' | 'search' | 'stats')[], 'search', 'by-term', 'readonly'>,
  bounds: readonly [lower: string, upper: string][],
): Promise<string[]> {
  const ends = new Set<string>();
  for (const [lower, upper] of bounds) {
    let cursor = await terms.openKeyCursor(IDBKeyRange.bound(lower, upper));
    while (cursor && ends.size < 2) {
      const end = termPrefix(cursor.key);
      ends.add(end);
      cursor = await cursor.continue(termBounds(end)[1]);
    }
  }
  return [...ends];
}

/**
 * The page of `stored` (search entries, a vote maybe more than once) matching `words`, newest
 * first, after `after` when given.
 */
function pageOf(
  stored: readonly unknown[],
  words: readonly string[],
  { limit, after, reaction }: Omit<HistoryQuery, 'query'>,
): Vote[] {
  const matching = new Map<string, Vote>();
  for (const each of stored) {
    const vote = readStoredVote(each);
    if (
      vote &&
      isAfter(vote.updatedAt, vote.key, after) &&
      (!reaction || vote.reaction === reaction) &&
      matchesQuery(vote, words)
    ) {
      matching.set(vote.key, vote);
    }
  }
  return [...matching.values()]
    .sort((a, b) => historyOrder(a.updatedAt, a.key, b.updatedAt, b.key))
    .slice(0, limit);
}

/** The history's order: newest first, then by key, last first (as the indexes read backwards). */
function historyOrder(timeA: number, keyA: string, timeB: number, keyB: string): number {
  return timeB - timeA || (keyA < keyB ? 1 : -1);
}

/** Whether a vote set at `time` under `key` comes after `after` in the history's order. */
function isAfter(time: number, key: string, after: HistoryQuery['after']): boolean {
  return !after || time < after.updatedAt || (time === after.updatedAt && key < after.key);
}

/**
 * The entry of the list of sites turned off that keeps the toolbar off on `site`: the site itself
 * or a domain above it (`example.com` for `news.example.com`); null where the toolbar is on.
 */
export async function findDisabledSite(db: VoteDatabase, site: string): Promise<string | null> {
  return (await listedCovering(db.transaction('sites').store, site))[0] ?? null;
}

/** The entries of the list of sites in `sites` that cover `site`, its own first. */
async function listedCovering(
  sites: { count(key: string): Promise<number> },
  site: string,
): Promise<string[]> {
  const candidates = coveringSites(site);
  const counts = await Promise.all(candidates.map((candidate) => sites.count(candidate)));
  return candidates.filter((_, index) => counts[index]! > 0);
}

/** Whether the reader turned the toolbar off on `site` or a domain above it. */
export async function isSiteDisabled(db: VoteDatabase, site: string): Promise<boolean> {
  return (await findDisabledSite(db, site)) !== null;
}

/**
 * Turns the toolbar off (`disabled`) on `site`, which takes the place of the entries it covers;
 * or on again there, which removes every entry that covers it, the domains above it included.
 * Resolves to the entries removed by turning it on.
 */
export async function setSiteDisabled(
  db: VoteDatabase,
  site: string,
  disabled: boolean,
  now: number,
): Promise<string[]> {
  const tx = db.transaction('sites', 'readwrite');
  if (disabled) {
    // A subdomain listed beside its domain would keep nothing off that the domain does not, and
    // turning it on again (which removes the entries covering it) would take the domain too.
    const covered = (await tx.store.getAllKeys()).filter(
      (entry) => entry !== site && isCoveredBy(entry, site),
    );
    await Promise.all([
      ...covered.map((entry) => tx.store.delete(entry)),
      tx.store.put({ site, disabledAt: now }),
      tx.done,
    ]);
    return [];
  }
  const removed = await listedCovering(tx.store, site);
  await Promise.all([...removed.map((entry) => tx.store.delete(entry)), tx.done]);
  return removed;
}

/** Every site where the toolbar is off, in alphabetical order. */
export async function listDisabledSites(db: VoteDatabase): Promise<string[]> {
  return db.getAllKeys('sites');
}
