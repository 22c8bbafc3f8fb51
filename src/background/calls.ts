import { articleKey, storedArticleKey } from '../core/article-key';
import { withoutAnchor } from '../core/article-url';
import {
  isPublicSuffix,
  isVoteOnOneSite,
  listedSiteOf,
  normalizeArticleUrlByList,
  trustedHostOfPage,
} from '../core/same-site';
import {
  correctionStorageKey,
  listCorrections,
  type KeyedCorrection,
  type PageCorrection,
} from '../core/page-corrections';
import { isReaction, type Reaction } from '../core/reactions';
import {
  InvalidMessageError,
  MAX_KEY_LENGTH,
  parseCallMessage,
  type ArticleRef,
  type CallContext,
  type CallInput,
  type CallName,
  type CallReply,
  type CallResult,
  type ContentMessage,
  type FailureKind,
  type TabRef,
  type Vote,
} from '../protocol';
import { MAX_CLOCK_SKEW_MS, parseImportedVotes } from '../core/history-import';
import { keptPageUrl, withoutCredentials } from '../core/vote';
import { authorizeCall, RefusedCallError, type Caller } from './authorize-call';
import { DETECTOR_SCRIPT, TOOLBAR_SCRIPT, type InjectedScript } from './injected-scripts';
import { createMemorySessionArea, createTabArticles, type TabArticles } from './tab-articles';
import {
  clearVotes,
  countReactionsSince,
  DatabaseBlockedError,
  DatabaseSlowError,
  editVote,
  findDisabledSite,
  isSiteDisabled,
  isSupersededBy,
  listDisabledSites,
  listVotes,
  mergeVotes,
  readReactionCounts,
  readUndoableRemoval,
  readVote,
  readVotePage,
  restoreVote,
  setSiteDisabled,
  writeVote,
  type VoteDatabase,
} from './database';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The error a call answers when the browser refused a write for lack of space (IndexedDB's
 * QuotaExceededError), for developers: the reader is told in the page's language, from the
 * reply's kind (`storage-full`).
 */
export const STORAGE_FULL_ERROR =
  "the browser's storage is full, so this was not saved. Free up disk space, then try again.";

/** Whether `error`, or the error it wraps (an upgrade's, see openVoteDatabase), is for want of space. */
function isQuotaError(error: unknown): boolean {
  const { name, cause } = (error ?? {}) as { name?: unknown; cause?: unknown };
  return (
    name === 'QuotaExceededError' ||
    (cause as { name?: unknown } | null)?.name === 'QuotaExceededError'
  );
}

/** What a failed call tells a developer: the error's own message, or why storage refused it. */
function describeFailure(error: unknown): string {
  if (isQuotaError(error)) return STORAGE_FULL_ERROR;
  return error instanceof Error ? error.message : String(error);
}

/** Why a call failed, as the reader is to be told it (CallReply.kind). */
function failureKindOf(error: unknown): FailureKind {
  if (isQuotaError(error)) return 'storage-full';
  if (error instanceof DatabaseBlockedError) return 'database-blocked';
  if (error instanceof DatabaseSlowError) return 'database-slow';
  if (error instanceof InvalidMessageError || error instanceof RefusedCallError) return 'refused';
  return 'unknown';
}

/** Whether `b` holds the same value as `a` in each of a vote's fields. */
function isSameVote(a: Vote, b: Vote | null): boolean {
  return b !== null && (Object.keys(a) as (keyof Vote)[]).every((field) => a[field] === b[field]);
}

/** Sends a notice to every content script and extension page (background/broadcast.ts). */
export type Broadcast = (message: ContentMessage, windows?: WindowKind) => void;

/** Which tabs a notice is for: those of private (incognito) windows, of normal ones, or all. */
export type WindowKind = 'private' | 'normal' | 'all';

/** Values by article key, each set or removed (null) as a whole. */
interface KeyedStore<T> {
  get(key: string): Promise<T | null>;
  /** Sets the value of `key`, or removes it (null). */
  set(key: string, value: T | null): Promise<void>;
}

/** A private window's reaction to one article, and the call that set it. */
export interface PrivateVote {
  /** null: taken back, kept while its operation id orders a retried write. */
  reaction: Reaction | null;
  /** The operation id of the call that set it (CallContext.op), when it had one. */
  op?: number;
  /** When the background stored it, epoch ms. */
  writtenAt: number;
}

/**
 * The reactions given in private windows, by article key: never in the history. The extension
 * keeps them in memory only (`storage.session`, which outlives a stopped worker but not the
 * browser: session-private-votes.ts) and empties them when the last private window closes
 * (endPrivateSession, from index.ts).
 */
export interface PrivateVotes extends KeyedStore<PrivateVote> {
  /** Forgets every private reaction. */
  clear(): Promise<void>;
}

/** A private vote as `storage.session` gave it back, or null for anything else. */
export function parsePrivateVote(value: unknown): PrivateVote | null {
  if (typeof value !== 'object' || value === null) return null;
  const { reaction, op, writtenAt } = value as Record<string, unknown>;
  if (reaction !== null && !isReaction(reaction)) return null;
  if (!Number.isSafeInteger(writtenAt)) return null;
  const vote: PrivateVote = { reaction, writtenAt: writtenAt as number };
  if (Number.isSafeInteger(op)) vote.op = op as number;
  return vote;
}

/** The reader's corrections of the detector, by article key (`storage.local` in the extension). */
export interface CorrectionStore extends KeyedStore<PageCorrection> {
  /** Whether any correction is stored. */
  any(): Promise<boolean>;
  /** Every correction stored (proven, where the store proves them), with its key, newest first. */
  list(): Promise<KeyedCorrection[]>;
}

/** A store in a Map: for tests, and wherever nothing should outlive the object. */
function createMemoryStore<T>(): KeyedStore<T> & {
  any(): Promise<boolean>;
  clear(): Promise<void>;
  entries(): Promise<[string, T][]>;
} {
  const values = new Map<string, T>();
  return {
    any: async () => values.size > 0,
    entries: async () => [...values],
    clear: async () => values.clear(),
    get: async (key) => values.get(key) ?? null,
    async set(key, value) {
      if (value !== null) values.set(key, value);
      else values.delete(key);
    },
  };
}

export const createMemoryPrivateVotes: () => PrivateVotes = createMemoryStore;
export function createMemoryCorrections(): CorrectionStore {
  const store = createMemoryStore<PageCorrection>();
  return {
    ...store,
    list: async () =>
      listCorrections(
        Object.fromEntries(
          (await store.entries()).map(([key, correction]) => [
            correctionStorageKey(key),
            correction,
          ]),
        ),
      ),
  };
}

/** What the background does to a tab, or asks the browser about it, beyond answering a call. */
export interface TabActions {
  /**
   * Shows a reaction (null: none) on the toolbar button for tab `tabId`; given `pageUrl`, only
   * while the tab still shows that page.
   */
  showBadge(tabId: number, reaction: Reaction | null, pageUrl?: string): void;
  /** Shows no reaction on the toolbar button for every tab of `windows`' kind. */
  clearBadges(windows: WindowKind): void;
  /**
   * Runs `file` in the top frame of tab `tabId` (in document `documentId` only, when given);
   * resolves once it has run.
   */
  injectScript(tabId: number, file: InjectedScript, documentId?: string): Promise<void>;
  /** Whether tab `tabId` is in a private (incognito) window; rejects when there is no such tab. */
  isPrivateTab(tabId: number): Promise<boolean>;
}

const NO_TAB_ACTIONS: TabActions = {
  showBadge: () => {},
  clearBadges: () => {},
  injectScript: () => Promise.reject(new Error('no tabs here')),
  isPrivateTab: () => Promise.reject(new Error('no tabs here')),
};

/** What a call's envelope carried, and what the background itself adds to a call it makes. */
export interface HandlerContext extends CallContext {
  /**
   * When the reader gave the vote, epoch ms, for a setReaction call applied after it was made
   * (a pending vote: pending-votes.ts): the history dates it so. Never from a message.
   */
  votedAt?: number;
}

/**
 * The background's handler for each call: the validated input, who called (decided from the
 * sender by identifyCaller, and allowed by authorizeCall, before the handler runs; in-process
 * calls default to EXTENSION_CALLER), and what else the envelope carried (the operation id).
 */
export type CallHandlers = {
  [M in CallName]: (
    input: CallInput<M>,
    caller?: Caller,
    context?: HandlerContext,
  ) => Promise<CallResult<M>>;
};

/** The background's calls, and what it does itself that must keep their order. */
export type BackgroundCallHandlers = CallHandlers & {
  /**
   * Forgets every private reaction, when the last private window closed: after each private
   * write of a call that came before, however long it takes to land (none may outlive the
   * private session), and before any that comes after (a new private window's).
   */
  endPrivateSession(): Promise<void>;
};

/** The caller of in-process calls (tests, the background itself): as trusted as the popup. */
export const EXTENSION_CALLER: Caller = { kind: 'extension' };

function keyOf(ref: ArticleRef): string {
  const key = articleKey(ref.url, ref.declaredUrls);
  // parseCallMessage has already checked that url is http(s): a host passing for an AMP viewer.
  if (!key) throw new InvalidMessageError('url is not an article address');
  // Nor this (see MAX_KEY_LENGTH); stored, a longer key could not be edited or removed.
  if (key.length > MAX_KEY_LENGTH) throw new InvalidMessageError('url makes too long a key');
  return key;
}

/**
 * The key of the page at `pageUrl` by its own address alone, as the popup keys a page no content
 * script answers in; null where that is `key`, the article's, or no key a correction is kept under.
 */
function ownKeyOf(pageUrl: string, key: string): string | null {
  const own = articleKey(pageUrl);
  return own && own !== key && own.length <= MAX_KEY_LENGTH ? own : null;
}

/**
 * The corrections of the page at `pageUrl` other than the one under `key`: the one under its own
 * address (the popup's, made before the toolbar ran there), and those made on it under an
 * article's key (the toolbar's, or the popup's once it answered), this one's or an earlier one's.
 */
function otherCorrectionsOfPage(
  stored: readonly KeyedCorrection[],
  pageUrl: string,
  key: string,
): string[] {
  const own = articleKey(pageUrl);
  if (!own) return [];
  const isOfPage = (other: KeyedCorrection) => other.key === own || articleKey(other.url) === own;
  return stored.filter((other) => other.key !== key && isOfPage(other)).map(({ key }) => key);
}

/**
 * The address the history links to: the page's own as it is kept (keptPageUrl: without its
 * tracking parameters where it is too long with them), without an anchor (a hash-routed app's
 * route stays) and without the credentials it may carry, which exports would otherwise hold.
 */
function linkOf(ref: ArticleRef): string {
  const kept = keptPageUrl(ref.url);
  // parseCallMessage has already kept it so; an in-process call may not have.
  if (kept === null) throw new InvalidMessageError('url is too long to keep');
  return withoutAnchor(new URL(withoutCredentials(kept)).href);
}

/**
 * The site the toolbar switch acts on for a tab at `url` (already checked to be http(s)): the
 * publisher's only where its key is (trustedHostOfPage).
 */
function siteOfPage(url: string): string {
  return listedSiteOf(trustedHostOfPage(url));
}

/** The site a vote under article key `key` is listed and searched by: the key's, as keyed. */
function siteOfKey(key: string): string {
  return listedSiteOf(new URL(key).hostname);
}

/**
 * The key today's rules give a vote a backup or an earlier version kept under `key` for the page
 * at `url` (storedArticleKey), its host keyed as the background keys it (parseVote leaves it).
 */
function keyOfKeptVote(key: string, url: string): string {
  return storedArticleKey(normalizeArticleUrlByList(key) ?? key, url);
}

/**
 * The background's answers to every call in the protocol, over one database. `broadcast`
 * tells open tabs about changes to votes and sites; `tabs` acts on the calling tab, and says
 * whether the tab an extension page names is a private window's.
 */
export function createBackgroundCalls(
  openDatabase: () => Promise<VoteDatabase>,
  now: () => number = Date.now,
  broadcast: Broadcast = () => {},
  tabs: TabActions = NO_TAB_ACTIONS,
  privateVotes: PrivateVotes = createMemoryPrivateVotes(),
  corrections: CorrectionStore = createMemoryCorrections(),
  tabArticles: TabArticles = createTabArticles(createMemorySessionArea()),
): BackgroundCallHandlers {
  const { showBadge } = tabs;
  const voteChanged = (key: string, reaction: Reaction | null, windows: WindowKind = 'normal') =>
    broadcast({ notice: 'voteChanged', input: { key, reaction } }, windows);
  /**
   * Whether a call about an article is for a private window's tab: a content script's own tab as
   * the sender shows it, or the tab an extension page names (authorizeCall refuses a content
   * script that names one), as the browser shows it.
   */
  const isPrivate = async (caller: Caller, { tabId }: TabRef): Promise<boolean> => {
    if (caller.kind === 'tab') return caller.incognito;
    return tabId !== undefined && (await tabs.isPrivateTab(tabId));
  };
  /**
   * The article the popup names by its tab's address alone (Firefox's Reader View, where no
   * content script runs), with the addresses the page there declared to its toolbar: one key.
   */
  const withDeclaredUrls = async <T extends ArticleRef & TabRef>(input: T, tabId: number) => {
    const declaredUrls = await tabArticles.recall(tabId, input.url);
    return declaredUrls ? { ...input, declaredUrls } : input;
  };
  /** Only a call that names a tab waits for its note: others keep their place in line. */
  const asDeclared = <T extends ArticleRef & TabRef>(input: T): T | Promise<T> =>
    input.tabId === undefined || input.declaredUrls ? input : withDeclaredUrls(input, input.tabId);
  /**
   * Shows `reaction` on the badge of the tab a call is about: a content script's own while it
   * shows the article's page (the reader may have left it while the call was answered; the
   * sender's address is the one the page loaded at, before any move of an app), or the one the
   * popup names, where no content script may run to set it (Reader View, a PDF, a tab opened
   * before Moodmark was installed).
   */
  const showBadgeOf = (
    caller: Caller,
    { tabId, url }: TabRef & ArticleRef,
    reaction: Reaction | null,
  ): void => {
    if (caller.kind === 'tab') showBadge(caller.tabId, reaction, url);
    else if (tabId !== undefined) showBadge(tabId, reaction);
  };
  /**
   * Private writes one at a time, in the order their calls came: each reads the operation id the
   * one before it stored, and the end of the private session waits for those before it.
   */
  let privateWrites: Promise<unknown> = Promise.resolve();
  /**
   * Corrections set one at a time, in the order their calls came: each removes the page's other
   * corrections, which at once would include the one set by the other call.
   */
  let correctionWrites: Promise<unknown> = Promise.resolve();
  /**
   * Sets a private reaction as writeVote sets a stored one: not when a call with a later
   * operation id `op` set it first. Resolves to the reaction kept and whether it stood aside.
   */
  const setPrivateVote = (key: string, reaction: Reaction | null, op: number | undefined) => {
    const write = privateWrites.then(async () => {
      const last = await privateVotes.get(key);
      const time = now();
      if (last && op !== undefined && isSupersededBy(last, op, time)) {
        return { reaction: last.reaction, superseded: true };
      }
      // A removal keeps its id, so that a retried earlier call does not set the reaction again.
      const next: PrivateVote | null =
        reaction === null && op === undefined ? null : { reaction, writtenAt: time };
      if (next && op !== undefined) next.op = op;
      await privateVotes.set(key, next);
      return { reaction, superseded: false };
    });
    privateWrites = write.catch(() => {});
    return write;
  };
  return {
    endPrivateSession() {
      const clear = privateWrites.then(() => privateVotes.clear());
      privateWrites = clear.catch(() => {});
      return clear;
    },
    async getReaction(named, caller = EXTENSION_CALLER) {
      const input = await asDeclared(named);
      const key = keyOf(input);
      // Not a private window's page: its addresses are not kept past its window.
      if (caller.kind === 'tab' && !caller.incognito)
        void tabArticles.remember(caller.tabId, input);
      const inPrivateTab = await isPrivate(caller, input);
      const db = await openDatabase();
      const [reaction, siteDisabled] = await Promise.all([
        (inPrivateTab ? privateVotes.get(key) : readVote(db, key)).then(
          (vote) => vote?.reaction ?? null,
        ),
        isSiteDisabled(db, trustedHostOfPage(input.url)),
      ]);
      // The tab's first message: its badge needs no second one (none where the toolbar is off).
      showBadgeOf(caller, input, siteDisabled ? null : reaction);
      return { key, reaction, siteDisabled };
    },
    async setReaction(named, caller = EXTENSION_CALLER, { op, votedAt } = {}) {
      const declared = asDeclared(named);
      // Awaited only where a note is read: a content script's call keeps its place in line.
      const input = declared instanceof Promise ? await declared : declared;
      const key = keyOf(input);
      // A content script's own tab is known at once: its private write then takes its place in
      // line as the call comes, ahead of an end of the private session heard after it.
      if (caller.kind === 'tab' ? caller.incognito : await isPrivate(caller, input)) {
        const { reaction, superseded } = await setPrivateVote(key, input.reaction, op);
        showBadgeOf(caller, input, reaction);
        if (!superseded) voteChanged(key, reaction, 'private');
        return { key, reaction };
      }
      const site = siteOfKey(key);
      const { stored, superseded } = await writeVote(
        await openDatabase(),
        {
          key,
          url: linkOf(input),
          title: input.title,
          site,
          reaction: input.reaction,
          lang: input.lang,
        },
        now(),
        op,
        votedAt,
      );
      const reaction = stored?.reaction ?? null;
      showBadgeOf(caller, input, reaction);
      if (!superseded) voteChanged(key, reaction);
      return { key, reaction };
    },
    async reactionShown({ reaction }, caller = EXTENSION_CALLER) {
      if (caller.kind === 'tab') showBadge(caller.tabId, reaction);
      return {};
    },
    async toolbarWanted(_input, caller = EXTENSION_CALLER) {
      if (caller.kind !== 'tab')
        throw new InvalidMessageError('only a tab can ask for the toolbar');
      await tabs.injectScript(caller.tabId, TOOLBAR_SCRIPT, caller.documentId);
      return {};
    },
    async detectorWanted(_input, caller = EXTENSION_CALLER) {
      if (caller.kind !== 'tab')
        throw new InvalidMessageError('only a tab can ask for the detector');
      await tabs.injectScript(caller.tabId, DETECTOR_SCRIPT, caller.documentId);
      return {};
    },
    async listHistory(input) {
      return listVotes(await openDatabase(), input);
    },
    async getHistoryStats() {
      const db = await openDatabase();
      const time = now();
      const [counts, last7Days, last30Days] = await Promise.all([
        readReactionCounts(db),
        countReactionsSince(db, time - 7 * DAY_MS),
        countReactionsSince(db, time - 30 * DAY_MS),
      ]);
      return { counts, last7Days, last30Days };
    },
    async editVote(input, _caller, { op } = {}) {
      const { before, after, superseded } = await editVote(
        await openDatabase(),
        input.key,
        input.reaction,
        now(),
        op,
      );
      if (before && !superseded) voteChanged(input.key, after?.reaction ?? null);
      return { before: before ?? null, after };
    },
    async restoreVote({ vote: given }, _caller, { op } = {}) {
      // Its host as keyed here: parseVote, without the Public Suffix List, leaves it as given.
      const key = normalizeArticleUrlByList(given.key) ?? given.key;
      const vote = { ...given, key, site: siteOfKey(key) };
      const db = await openDatabase();
      // The removal kept aside is the reader's own vote, dated ahead where the clock ran ahead.
      if (
        vote.updatedAt > now() + MAX_CLOCK_SKEW_MS &&
        !isSameVote(vote, await readUndoableRemoval(db, now()))
      ) {
        throw new InvalidMessageError('vote.updatedAt is in the future');
      }
      if (!isVoteOnOneSite(vote))
        throw new InvalidMessageError('vote.url is not on the site of vote.key');
      const { stored, superseded } = await restoreVote(db, vote, now(), op);
      if (!superseded) voteChanged(vote.key, stored?.reaction ?? null);
      return { key: vote.key, reaction: stored?.reaction ?? null };
    },
    async lastRemoval() {
      return { vote: await readUndoableRemoval(await openDatabase(), now()) };
    },
    async clearHistory(_input, _caller, { op } = {}) {
      const removed = await clearVotes(await openDatabase(), now(), op);
      // Toolbars ask again and set their tab's badge, but a tab where the reader reacted from the
      // popup has none to: no normal window's tab has a reaction now. Private ones keep theirs.
      tabs.clearBadges('normal');
      broadcast({ notice: 'historyChanged', input: {} });
      return { removed };
    },
    async exportHistory({ after, limit }) {
      return { votes: await readVotePage(await openDatabase(), after, limit) };
    },
    async importHistory({ votes: records }) {
      // Checked and keyed here, not in core/history-import.ts, which the popup loads: the Public Suffix
      // List stays in the background.
      const parsed = parseImportedVotes(records, now(), isVoteOnOneSite, keyOfKeptVote);
      const votes = parsed.votes.map((vote) => ({ ...vote, site: siteOfKey(vote.key) }));
      const report = await mergeVotes(await openDatabase(), votes);
      if (report.added + report.updated > 0) broadcast({ notice: 'historyChanged', input: {} });
      return {
        added: report.added,
        updated: report.updated,
        unchanged: report.unchanged + parsed.duplicates,
        rejected: parsed.rejected,
        rejectedFutureDated: parsed.futureDated,
        rejectedOtherSite: parsed.refused,
      };
    },
    async getSiteState({ url }) {
      const site = siteOfPage(url);
      // Named by the entry that turned it off, which the reader may have typed as a domain above.
      // Looked for by the whole host, as tabs match the switch's notices and turning on removes
      // entries: one an earlier version kept with its `m.` keeps the toolbar off there too.
      const [entry, anyCorrection] = await Promise.all([
        openDatabase().then((db) => findDisabledSite(db, trustedHostOfPage(url))),
        corrections.any(),
      ]);
      return { site: entry ?? site, disabled: entry !== null, anyCorrection };
    },
    async setSiteDisabled({ url, disabled }) {
      const site = siteOfPage(url);
      // An entry `co.uk` would turn off every site under it; one already kept can still go.
      if (disabled && isPublicSuffix(site)) {
        throw new RefusedCallError(`${site} is a public suffix, not one site`);
      }
      const db = await openDatabase();
      // Listed beside the domain that turns it off, a subdomain would stay off once that goes.
      const coveringEntry = disabled ? await findDisabledSite(db, site) : null;
      if (coveringEntry !== null && coveringEntry !== site) {
        return { site: coveringEntry, disabled };
      }
      // Turned on by its whole host name: an entry an earlier version kept with its `m.` goes too.
      const listed = disabled ? site : trustedHostOfPage(url);
      const removed = await setSiteDisabled(db, listed, disabled, now());
      for (const entry of disabled ? [site] : removed) {
        broadcast({ notice: 'siteToggled', input: { site: entry, disabled } });
      }
      return { site, disabled };
    },
    async listDisabledSites() {
      return { sites: await listDisabledSites(await openDatabase()) };
    },
    async getCorrection(input) {
      const key = keyOf(input);
      // The popup keys a page no content script answers in (open before the install) by the
      // tab's address alone: the correction it made there is the page's too, once the toolbar
      // runs and goes by the address the page declares. Of two, the reader's later one wins.
      const own = ownKeyOf(input.url, key);
      const [article, page] = await Promise.all([
        corrections.get(key),
        own ? corrections.get(own) : null,
      ]);
      const found =
        article && page ? (page.setAt > article.setAt ? page : article) : (article ?? page);
      return { toolbar: found?.toolbar ?? null };
    },
    setCorrection({ key, correction }) {
      const write = correctionWrites.then(async () => {
        // One per page, the latest: another made on the page under another key would be listed
        // too, and apply again once this one goes. Forget goes ahead where the one forgotten
        // cannot be read (its proof unreadable), the page's others, unlisted then too, left.
        const pageUrl = (correction ?? (await corrections.get(key).catch(() => null)))?.url;
        await corrections.set(key, correction);
        broadcast({ notice: 'correctionChanged', input: { key } });
        if (pageUrl === undefined) return {};
        for (const other of otherCorrectionsOfPage(await corrections.list(), pageUrl, key)) {
          await corrections.set(other, null);
          broadcast({ notice: 'correctionChanged', input: { key: other } });
        }
        return {};
      });
      correctionWrites = write.catch(() => {});
      return write;
    },
    async listCorrections() {
      return { corrections: await corrections.list() };
    },
  };
}

/**
 * A call's failure `failure`, with the proof key of the calling page (pending-votes.ts,
 * withPendingVotes): its reply tells the failure and carries the key.
 */
export class FailureWithProofKey extends Error {
  override name = 'FailureWithProofKey';

  constructor(
    readonly failure: unknown,
    readonly proofKey: string,
  ) {
    super(describeFailure(failure));
  }
}

/**
 * Validates one incoming message, checks that `caller` may make it, and runs it. Never throws: a
 * malformed message, a refused one or a failed call comes back as `{ ok: false, error }`, and
 * neither a malformed nor a refused message reaches the database. `onRefused` hears of refusals.
 */
export async function answerMessage(
  calls: CallHandlers,
  message: unknown,
  caller: Caller = EXTENSION_CALLER,
  onRefused: (error: RefusedCallError) => void = () => {},
): Promise<CallReply<unknown>> {
  try {
    const parsed = parseCallMessage(message);
    authorizeCall(caller, parsed);
    const method = calls[parsed.call] as (
      input: unknown,
      caller: Caller,
      context: CallContext,
    ) => Promise<unknown>;
    return { ok: true, value: await method(parsed.input, caller, { op: parsed.op }) };
  } catch (thrown) {
    const error = thrown instanceof FailureWithProofKey ? thrown.failure : thrown;
    if (error instanceof RefusedCallError) onRefused(error);
    const failure = {
      ok: false,
      error: describeFailure(error),
      kind: failureKindOf(error),
      ...(thrown instanceof FailureWithProofKey && { proofKey: thrown.proofKey }),
    } as const;
    // Told apart, so that a content script does not ask again what cannot be answered.
    if (error instanceof InvalidMessageError) return { ...failure, invalid: true };
    return failure;
  }
}
