import { isFailureKind, type FailureKind } from './core/failure-kind';
import {
  parseCorrection,
  type KeyedCorrection,
  type PageCorrection,
  type ToolbarCorrection,
} from './core/page-corrections';
import { isReaction, type Reaction } from './core/reactions';
import type { ReactionCounts } from './core/summarize-mood';
import {
  cleanTitle,
  keptDeclaredAddresses,
  keptPageUrl,
  MAX_KEY_LENGTH,
  MAX_PAGE_URL_INPUT,
  MAX_URL_LENGTH,
  parseVote,
  withLanguage,
  type Vote,
} from './core/vote';

export {
  MAX_DECLARED_ADDRESSES,
  MAX_KEY_LENGTH,
  MAX_PAGE_URL_INPUT,
  MAX_TITLE_INPUT,
  MAX_TITLE_LENGTH,
  MAX_URL_LENGTH,
  cleanTitle,
} from './core/vote';
export type { Vote };
export { FAILURE_KINDS, type FailureKind } from './core/failure-kind';

/** A position in the history: the last vote already shown. */
export interface HistoryCursor {
  updatedAt: number;
  key: string;
}

/** The reader's reaction to one article, or null when there is none. */
export interface VoteState {
  key: string;
  reaction: Reaction | null;
}

/** What the background's answers about a content script's own page carry to it. */
export interface PageProof {
  /**
   * To a content script outside private windows, its page's proof key: a vote it keeps aside in
   * `storage.local` carries the proof of its call under it (core/pending-vote-proof.ts), for the
   * background to apply it (background/pending-votes.ts). Never written there itself. Given with
   * the site's switch, each vote and their failures too (CallReply), so that a toolbar whose
   * reaction could not be read proves its votes all the same.
   */
  proofKey?: string;
}

/** The reader's reaction to the article in a tab, and whether the toolbar is off on its site. */
export interface ArticleState extends VoteState, PageProof {
  /** True when the reader turned the toolbar off for this site: show nothing. */
  siteDisabled: boolean;
}

/** What one page of history is drawn from. */
export interface HistoryQuery {
  /** Page size, 1 to MAX_HISTORY_PAGE. */
  limit: number;
  /** The last entry already shown, to load the next page. */
  after?: HistoryCursor | undefined;
  /** Text typed in the search box: every word must start a word of the title or site. */
  query?: string | undefined;
  /** Only votes with this reaction. */
  reaction?: Reaction | undefined;
}

/** Counts for the popup's filter chips and mood chart. */
export interface HistoryStats {
  /** All votes per reaction (kept in a counts record, not counted on demand). */
  counts: ReactionCounts;
  /** Votes last set within the 7 days before now, per reaction. */
  last7Days: ReactionCounts;
  /** Votes last set within the 30 days before now, per reaction. */
  last30Days: ReactionCounts;
}

/** The toolbar switch for one site. */
export interface SiteState {
  /**
   * The site, as the list of sites turned off names it (core/same-site.ts, listedSiteOf): the
   * host without www. or m., unless that leaves a public suffix (`www.gov.uk`). A tab matches it
   * against its whole host (core/site-list.ts, isCoveredBy).
   */
  site: string;
  disabled: boolean;
}

/** The toolbar switch for the site of a page, and what a content script needs before it looks. */
export interface PageSiteState extends SiteState, PageProof {
  /**
   * Whether the reader corrected the detector on any page: where none is stored, a content script
   * need not read its page's addresses nor ask for its page's correction (getCorrection).
   */
  anyCorrection: boolean;
}

/** What an import did; the four numbers add up to the records in the file. */
export interface ImportReport {
  added: number;
  /** Stored votes replaced by a newer one from the file. */
  updated: number;
  /** Votes in the file that were not newer than the stored ones (or repeated in the file). */
  unchanged: number;
  /** Records that failed validation. */
  rejected: number;
  /** Of the rejected, those otherwise valid but changed more than a day after the import's time. */
  rejectedFutureDated: number;
  /** Of the rejected, those otherwise valid whose address is on another site than their key. */
  rejectedOtherSite: number;
}

export type { ReactionCounts };

/** The article a toolbar was placed for, as the content script saw it then. */
export interface ArticleRef {
  /**
   * The page's address when the toolbar was placed (the background derives the article's
   * identity from it). From a content script it must be on its own page's origin. Up to
   * MAX_PAGE_URL_INPUT characters: the background reads it as keptPageUrl does, refusing an
   * address still longer than MAX_URL_LENGTH without its tracking parameters.
   */
  url: string;
  /**
   * The addresses the page declares for itself (canonical link, og:url, JSON-LD), in order, at
   * most MAX_DECLARED_ADDRESSES; the first on the page's site by the Public Suffix List is the key.
   */
  declaredUrls?: string[] | undefined;
}

/** The tab an extension page's call about an article is for (the popup's "this page"). */
export interface TabRef {
  /**
   * The tab the article is in, named by an extension page only: the background asks the browser
   * whether it is a private window's, whose reactions stay out of the history. A content script's
   * tab is the sender's, never named here (the background refuses a call that names one).
   */
  tabId?: number | undefined;
}

/** What a call's envelope carries beside its input. */
export interface CallContext {
  /**
   * The call's operation id (see nextOperationId), the same on every retry: a write whose id
   * is older than that of the last write to the same article is not applied.
   */
  op?: number | undefined;
}

/**
 * Calls the background worker answers. Every input is validated at runtime before use, and
 * each call answers only the senders CALL_AUDIENCE names.
 */
export type BackgroundCalls = {
  /**
   * The reader's current reaction to the article at `url`, and whether its site is off. From a
   * content script, also sets its tab's toolbar button badge. In a private window's tab (the
   * content script's, or the one an extension page names in `tabId`), the private reaction.
   */
  getReaction(input: ArticleRef & TabRef): Promise<ArticleState>;
  /**
   * Sets, switches or clears (reaction: null) the reader's reaction to one article. For a private
   * window's tab (the content script's, or `tabId`), only in memory, never in the history.
   * Open tabs of the same kind of window, private or normal, hear of the change
   * (ContentCalls.voteChanged). Not applied when a write with a later operation id
   * (CallContext.op) reached the article first.
   */
  setReaction(
    input: ArticleRef & TabRef & { title: string; reaction: Reaction | null; lang?: string },
  ): Promise<VoteState & PageProof>;
  /**
   * The toolbar in the calling tab now shows `reaction` (null: none), after a notice changed it:
   * the toolbar button's badge for that tab follows. The tab is the sender's, never named here.
   */
  reactionShown(input: { reaction: Reaction | null }): Promise<Record<string, never>>;
  /**
   * The calling tab's content script found an article (or the reader asked for the toolbar):
   * run `toolbar.js` in its frame. Resolves once the script has run.
   */
  toolbarWanted(input: Record<string, never>): Promise<Record<string, never>>;
  /**
   * The calling tab's content script is about to look at its page: run `detector.js` in its
   * frame, for that one look. Resolves once the script has run.
   */
  detectorWanted(input: Record<string, never>): Promise<Record<string, never>>;
  /**
   * One page of history, newest first, optionally narrowed by `query` and `reaction`;
   * `after` is the last entry already shown, to load the next page.
   */
  listHistory(input: HistoryQuery): Promise<Vote[]>;
  /** Per-reaction counts: all time, last 7 days and last 30 days. */
  getHistoryStats(input: Record<string, never>): Promise<HistoryStats>;
  /**
   * Changes (or removes, reaction: null) the stored vote `key` from the popup, keeping its
   * title and address. Resolves with the exact record before (what undo puts back) and the one
   * stored after, null where there is none; broadcasts voteChanged. A removed vote is kept
   * aside for a while (lastRemoval), so that undo works after the popup closed and reopened.
   * Ordered by operation id as setReaction.
   */
  editVote(input: {
    key: string;
    reaction: Reaction | null;
  }): Promise<{ before: Vote | null; after: Vote | null }>;
  /**
   * Puts back a vote exactly as it was (undo of a removal), unless a newer one exists; ordered
   * by operation id as setReaction.
   */
  restoreVote(input: { vote: Vote }): Promise<VoteState>;
  /**
   * The vote the popup removed last, while it can still be undone (for a few minutes, until
   * the next removal, and until its article is voted on again); else null.
   */
  lastRemoval(input: Record<string, never>): Promise<{ vote: Vote | null }>;
  /** Removes every vote. The popup asks the reader to confirm first. */
  clearHistory(input: Record<string, never>): Promise<{ removed: number }>;
  /**
   * One page of the whole history for an export, in article key order: up to `limit` (at most
   * MAX_EXPORT_PAGE) votes with keys after `after`. The popup asks page after page, with the
   * last key it got, until a page comes back short, and writes the file from the pages.
   */
  exportHistory(input: { after?: string | undefined; limit: number }): Promise<{ votes: Vote[] }>;
  /**
   * Merges vote records read from an export file (a batch of at most MAX_IMPORT_BATCH, as the
   * popup streams the file) into the history by article key: the newer `updatedAt` wins. Each
   * record is validated; invalid ones are counted as rejected. The popup checks the whole file
   * is an export before it sends the first batch, so a file that is not changes nothing.
   */
  importHistory(input: { votes: unknown[] }): Promise<ImportReport>;
  /**
   * Whether the toolbar is off for the site of `url`: the popup's switch for the active tab, and
   * the first question a content script asks about its own page (on a site turned off, it does
   * nothing more).
   */
  getSiteState(input: { url: string }): Promise<PageSiteState>;
  /**
   * Turns the toolbar off (or on again) for the site of `url`; open tabs of that site follow
   * at once (ContentCalls.siteToggled).
   */
  setSiteDisabled(input: { url: string; disabled: boolean }): Promise<SiteState>;
  /** Every site where the toolbar is off, in alphabetical order (the options page's list). */
  listDisabledSites(input: Record<string, never>): Promise<{ sites: string[] }>;
  /**
   * The reader's correction of the detector on the article at `url` (core/page-corrections),
   * null where there is none. A content script asks it once per article, so that it touches
   * no storage API itself: binding one costs every page milliseconds in Firefox.
   */
  getCorrection(input: ArticleRef): Promise<{ toolbar: ToolbarCorrection | null }>;
  /**
   * Stores the reader's correction for article `key`, or forgets it (null): from the popup and
   * the options page. Open tabs of the article follow at once (ContentCalls.correctionChanged).
   */
  setCorrection(input: {
    key: string;
    correction: PageCorrection | null;
  }): Promise<Record<string, never>>;
  /**
   * Every correction the background made, newest first (the options page's list): one written
   * into `storage.local` by other hands carries no proof, does not apply, and is not listed.
   */
  listCorrections(input: Record<string, never>): Promise<{ corrections: KeyedCorrection[] }>;
};

export type CallName = keyof BackgroundCalls;

/**
 * Who may make a call: `extension`, only the extension's own pages (popup, options);
 * `tab`, only a content script, about its own tab; `any`, both (a content script only about
 * the page it runs in, from which the background derives the article).
 */
export type CallAudience = 'extension' | 'tab' | 'any';

/**
 * Least privilege: content scripts run in every page, so they get only the calls about the
 * article in their own tab; the history, its files and the site list answer extension pages.
 */
export const CALL_AUDIENCE: { readonly [M in CallName]: CallAudience } = {
  getReaction: 'any',
  setReaction: 'any',
  reactionShown: 'tab',
  toolbarWanted: 'tab',
  detectorWanted: 'tab',
  listHistory: 'extension',
  getHistoryStats: 'extension',
  editVote: 'extension',
  restoreVote: 'extension',
  lastRemoval: 'extension',
  clearHistory: 'extension',
  exportHistory: 'extension',
  importHistory: 'extension',
  getSiteState: 'any',
  setSiteDisabled: 'extension',
  listDisabledSites: 'extension',
  getCorrection: 'any',
  setCorrection: 'extension',
  listCorrections: 'extension',
};
export type CallInput<M extends CallName> = Parameters<BackgroundCalls[M]>[0];
export type CallResult<M extends CallName> = Awaited<ReturnType<BackgroundCalls[M]>>;

/** A call as it travels between contexts. */
export interface CallMessage<M extends CallName = CallName> {
  call: M;
  input: CallInput<M>;
  /** The call's operation id (CallContext.op); every call from callBackground has one. */
  op?: number | undefined;
}

/**
 * Replies are data, never thrown across contexts: messages are serialized. A failure's `kind` is
 * what the reader is told, in the page's language; `error` is English, for developers only.
 * `invalid`: the call was refused as invalid (InvalidMessageError), and sent again would be
 * refused again. `proofKey`: a failed answer to a content script about its page carries its
 * proof key too (PageProof), so that a page whose questions all failed keeps its votes aside.
 */
export type CallReply<T> =
  | { ok: true; value: T }
  | ({ ok: false; error: string; kind: FailureKind; invalid?: true | undefined } & PageProof);

/** The longest history page one call may ask for. */
export const MAX_HISTORY_PAGE = 500;
/** Longest search text the background looks at. */
export const MAX_QUERY_CHARS = 200;
/** The most votes one exportHistory call returns. */
export const MAX_EXPORT_PAGE = 5_000;
/** The most vote records one importHistory call takes. */
export const MAX_IMPORT_BATCH = 2_000;

export class InvalidMessageError extends Error {
  override name = 'InvalidMessageError';
}

function fail(reason: string): never {
  throw new InvalidMessageError(reason);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkHttpUrl(value: unknown, field: string, maxLength = MAX_URL_LENGTH): string {
  if (typeof value !== 'string') fail(`${field} must be a string`);
  if (value.length > maxLength) fail(`${field} is longer than ${maxLength} characters`);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    fail(`${field} is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    fail(`${field} must be an http or https URL`);
  }
  // Measured as parsed too: the key is made from that, where each raw `é` is six characters.
  if (parsed.href.length > maxLength) fail(`${field} is longer than ${maxLength} characters`);
  return value;
}

/** A page's address, as keptPageUrl reads it: a newsletter's link comes down to the article's. */
function checkPageUrl(value: unknown, field: string): string {
  const kept = keptPageUrl(checkHttpUrl(value, field, MAX_PAGE_URL_INPUT));
  if (kept === null) {
    fail(
      `${field} is longer than ${MAX_URL_LENGTH} characters even without its tracking parameters`,
    );
  }
  return kept;
}

function checkArticleRef(input: Record<string, unknown>): ArticleRef {
  const url = checkPageUrl(input.url, 'url');
  if (!Array.isArray(input.declaredUrls)) return { url };
  // A bad declared address is the page's mistake, not the reader's: it is left out.
  const declaredUrls = keptDeclaredAddresses(input.declaredUrls);
  return declaredUrls.length > 0 ? { url, declaredUrls } : { url };
}

function checkTabRef(input: Record<string, unknown>): TabRef {
  const { tabId } = input;
  if (tabId === undefined) return {};
  if (!Number.isSafeInteger(tabId) || (tabId as number) < 0) {
    fail('tabId must be a whole number ≥ 0');
  }
  return { tabId: tabId as number };
}

/**
 * The address of a page whose site is asked about, read by its head where longer than
 * MAX_PAGE_URL_INPUT: that names the same host (and an AMP cache's publisher, at the start of its
 * path). Refused, a page that made its address longer (history.replaceState) would be taken for
 * one on a site turned on, and get the toolbar where the reader turned it off.
 */
function checkSiteUrl(value: unknown): string {
  const head = typeof value === 'string' ? value.slice(0, MAX_PAGE_URL_INPUT) : value;
  return checkHttpUrl(head, 'url', MAX_PAGE_URL_INPUT);
}

function checkEmpty(input: Record<string, unknown>): Record<string, never> {
  if (Object.keys(input).length > 0) fail('input must be {}');
  return {};
}

const validators: { [M in CallName]: (input: Record<string, unknown>) => CallInput<M> } = {
  getReaction: (input) => ({ ...checkArticleRef(input), ...checkTabRef(input) }),
  setReaction(input) {
    const ref = { ...checkArticleRef(input), ...checkTabRef(input) };
    if (typeof input.title !== 'string') fail('title must be a string');
    if (input.reaction !== null && !isReaction(input.reaction)) fail('unknown reaction');
    // The page's language tag, as the page wrote it: a bad one costs the reader no vote.
    return withLanguage(
      { ...ref, title: cleanTitle(input.title), reaction: input.reaction },
      input.lang,
    );
  },
  reactionShown(input) {
    if (input.reaction !== null && !isReaction(input.reaction)) fail('unknown reaction');
    return { reaction: input.reaction };
  },
  toolbarWanted: checkEmpty,
  detectorWanted: checkEmpty,
  listHistory(input) {
    const { limit, after } = input;
    if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > MAX_HISTORY_PAGE) {
      fail(`limit must be an integer from 1 to ${MAX_HISTORY_PAGE}`);
    }
    const query: HistoryQuery = { limit: limit as number };
    if (after !== undefined) {
      if (
        !isPlainObject(after) ||
        !Number.isFinite(after.updatedAt) ||
        typeof after.key !== 'string'
      ) {
        fail('after must be { updatedAt: number, key: string }');
      }
      query.after = {
        updatedAt: after.updatedAt as number,
        key: after.key.slice(0, MAX_KEY_LENGTH),
      };
    }
    if (input.query !== undefined) {
      if (typeof input.query !== 'string') fail('query must be a string');
      query.query = input.query.slice(0, MAX_QUERY_CHARS);
    }
    if (input.reaction !== undefined) {
      if (!isReaction(input.reaction)) fail('unknown reaction');
      query.reaction = input.reaction;
    }
    return query;
  },
  getHistoryStats: checkEmpty,
  editVote(input) {
    const key = checkHttpUrl(input.key, 'key', MAX_KEY_LENGTH);
    if (input.reaction !== null && !isReaction(input.reaction)) fail('unknown reaction');
    return { key, reaction: input.reaction };
  },
  lastRemoval: checkEmpty,
  restoreVote(input) {
    const vote = parseVote(input.vote);
    if (!vote) fail('vote is not a valid stored vote');
    return { vote };
  },
  clearHistory: checkEmpty,
  exportHistory(input) {
    const { limit, after } = input;
    if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > MAX_EXPORT_PAGE) {
      fail(`limit must be an integer from 1 to ${MAX_EXPORT_PAGE}`);
    }
    if (after !== undefined && typeof after !== 'string') fail('after must be a string');
    return { limit: limit as number, after: after?.slice(0, MAX_KEY_LENGTH) };
  },
  importHistory(input) {
    if (!Array.isArray(input.votes)) fail('votes must be a list');
    if (input.votes.length > MAX_IMPORT_BATCH) {
      fail(`votes must hold at most ${MAX_IMPORT_BATCH} records`);
    }
    return { votes: input.votes as unknown[] };
  },
  // Only the host is read: a page too long to keep a vote for still follows its site's switch.
  getSiteState(input) {
    return { url: checkSiteUrl(input.url) };
  },
  setSiteDisabled(input) {
    if (typeof input.disabled !== 'boolean') fail('disabled must be a boolean');
    return { url: checkSiteUrl(input.url), disabled: input.disabled };
  },
  listDisabledSites: checkEmpty,
  getCorrection: checkArticleRef,
  setCorrection(input) {
    const key = checkHttpUrl(input.key, 'key', MAX_KEY_LENGTH);
    if (input.correction === null) return { key, correction: null };
    const correction = parseCorrection(input.correction);
    if (!correction)
      fail('correction must be { toolbar: "show" | "hide", title, url, setAt } or null');
    return {
      key,
      correction: {
        ...correction,
        title: cleanTitle(correction.title),
        url: checkHttpUrl(correction.url, 'correction.url'),
      },
    };
  },
  listCorrections: checkEmpty,
};

/**
 * Checks an incoming message against the protocol and returns it typed, with inputs cleaned.
 * Throws InvalidMessageError, with a reason a developer can act on, for anything else; an
 * operation id later than any context could have made by `now` (epoch ms) too.
 */
export function parseCallMessage(message: unknown, now: number = Date.now()): CallMessage {
  if (!isPlainObject(message)) fail('message must be an object');
  const { call, input } = message;
  if (typeof call !== 'string' || !Object.hasOwn(validators, call)) {
    // Named by its type unless text: an object without a prototype cannot be made into text.
    fail(`unknown call: ${typeof call === 'string' ? call.slice(0, 40) : typeof call}`);
  }
  if (!isPlainObject(input)) fail('input must be an object');
  const { op } = message;
  if (op !== undefined && (!Number.isSafeInteger(op) || (op as number) < 0)) {
    fail('op must be a whole number ≥ 0');
  }
  // Written, a later id would outrank every real call's to its article until forgotten.
  if (op !== undefined && (op as number) > now * 1000 + MAX_OPERATION_ID_AHEAD_MICROS) {
    fail('op is later than any operation id made by now');
  }
  const validate = validators[call as CallName] as (input: Record<string, unknown>) => unknown;
  const parsed = { call: call as CallName, input: validate(input) } as CallMessage;
  if (op !== undefined) parsed.op = op as number;
  return parsed;
}

let lastOperationId = 0;

/**
 * How far a context's ids may run ahead of the clock, in microseconds: calls within one
 * millisecond count on from it. Further ahead, the clock was set back.
 */
const MAX_ID_LEAD_MICROS = 1_000_000;
/**
 * How far ahead of the receiver's clock an operation id may be, in microseconds: its context's
 * lead (MAX_ID_LEAD_MICROS), and as much again for a context's clock that reads ahead of the
 * receiver's (Firefox rounds and may jitter a page's clock).
 */
const MAX_OPERATION_ID_AHEAD_MICROS = 2 * MAX_ID_LEAD_MICROS;

/**
 * A new operation id: the time of the call in microseconds since the epoch, increasing
 * strictly within a context unless the clock was set back by more than MAX_ID_LEAD_MICROS
 * (see below). Ids from different contexts of one browser compare by when their
 * calls were made, so the later of two writes keeps its place: all read the wall clock. A page's
 * own clock (performance.timeOrigin + now()) stops while the computer sleeps, and a tab opened
 * before a sleep would date its writes in the past, losing them to any written since. After the
 * clock was set back, ids start again from it: counted on from the last, a tab open then would
 * date its writes ahead, and every other context's change to its article would be refused.
 */
export function nextOperationId(): number {
  const micros = Date.now() * 1000;
  const lead = lastOperationId + 1 - micros;
  lastOperationId = lead > 0 && lead <= MAX_ID_LEAD_MICROS ? lastOperationId + 1 : micros;
  return lastOperationId;
}

/**
 * How many sends a call gets in all, the first included (so one fewer retries), while its
 * message is lost in transit (e.g. the worker stopped).
 */
export const CALL_ATTEMPTS = 5;
/** Wait before the first retry; doubled for each further one. */
export const CALL_RETRY_DELAY_MS = 100;

export class CallError extends Error {
  override name = 'CallError';
  /** No answer came (the worker could not be reached), rather than a refusal with a reason. */
  readonly unanswered: boolean;
  /** Refused by the background as invalid (CallReply.invalid): sent again, it would be again. */
  readonly invalid: boolean;
  /**
   * Why the background failed (CallReply.kind), for the reader; when no answer came, `unknown`,
   * or `extension-gone` where the extension has left the calling page (ExtensionGoneError).
   */
  readonly kind: FailureKind;
  /** The page's proof key the failure's reply carried (CallReply), if any. */
  readonly proofKey: string | undefined;

  constructor(
    message: string,
    {
      unanswered = false,
      invalid = false,
      kind = 'unknown',
      proofKey,
    }: { unanswered?: boolean; invalid?: boolean; kind?: FailureKind; proofKey?: string } = {},
  ) {
    super(message);
    this.unanswered = unanswered;
    this.invalid = invalid;
    this.kind = kind;
    this.proofKey = proofKey;
  }
}

/**
 * Whether `error` is the background's refusal of a call as invalid (an address too long to keep,
 * say): a call that cannot succeed, not to be asked again as a failure may be.
 */
export function isInvalidCall(error: unknown): boolean {
  return error instanceof CallError && error.invalid;
}

export type SendMessage = (message: CallMessage) => Promise<unknown>;

/**
 * What a {@link SendMessage} throws once the extension has left its context: updated, turned off
 * or removed while the page stayed open (Chrome keeps its content script running, cut off: its
 * `runtime.id` is gone and each send throws "Extension context invalidated."). No send from
 * this context will reach the background again, so callBackground does not retry.
 */
export class ExtensionGoneError extends Error {
  override name = 'ExtensionGoneError';
}

/**
 * Calls the background through `send` (runtime.sendMessage in an extension). Every call in the
 * protocol is idempotent, so a message lost in transit is sent again, with the same operation
 * id `op`, so that a retried write that arrives after a newer one does not overwrite it; an
 * error reply is not sent again, nor a call from a page the extension has left (`send` threw
 * ExtensionGoneError), which fails at once as `extension-gone`.
 */
export async function callBackground<M extends CallName>(
  send: SendMessage,
  call: M,
  input: CallInput<M>,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((done) => setTimeout(done, ms)),
  op: number = nextOperationId(),
): Promise<CallResult<M>> {
  const message = { call, input, op } as CallMessage;
  let lastError: unknown;
  for (let attempt = 0; attempt < CALL_ATTEMPTS; attempt++) {
    if (attempt > 0) await sleep(CALL_RETRY_DELAY_MS * 2 ** (attempt - 1));
    let reply: unknown;
    try {
      reply = await send(message);
    } catch (error) {
      if (error instanceof ExtensionGoneError) {
        throw new CallError(`the extension is gone from this page: ${error.message}`, {
          unanswered: true,
          kind: 'extension-gone',
        });
      }
      lastError = error;
      continue;
    }
    if (!isPlainObject(reply) || typeof reply.ok !== 'boolean') {
      lastError = new CallError('no reply from the background');
      continue;
    }
    if (reply.ok) return reply.value as CallResult<M>;
    // A kind this version does not know (or none) is told as the generic failure.
    const kind = isFailureKind(reply.kind) ? reply.kind : 'unknown';
    const proofKey = typeof reply.proofKey === 'string' ? reply.proofKey : undefined;
    throw new CallError(String(reply.error), { invalid: reply.invalid === true, kind, proofKey });
  }
  throw new CallError(
    `the background did not answer: ${lastError instanceof Error ? lastError.message : String(lastError)}`,
    { unanswered: true },
  );
}

/**
 * Calls the background sends to content scripts (tabs.sendMessage to every tab), its changes to
 * the extension's pages too (runtime.sendMessage). Each one is a notice, validated on receipt like
 * any message; a tab without the content script ignores it.
 */
export type ContentCalls = {
  /** The reader turned the toolbar off (disabled) or on again for `site`. */
  siteToggled(input: SiteState): void;
  /** The reaction to article `key` changed (null: removed), in the popup or another tab. */
  voteChanged(input: VoteState): void;
  /** Many votes changed at once (clear all, import): ask for the article's reaction again. */
  historyChanged(input: Record<string, never>): void;
  /** The reader pressed the "focus the toolbar" shortcut (manifest `commands`) in this tab. */
  focusToolbar(input: Record<string, never>): void;
  /** The reader's correction of article `key` changed: a tab showing it looks at its page again. */
  correctionChanged(input: { key: string }): void;
};

export type ContentCallName = keyof ContentCalls;

/** A notice as it travels from the background to a content script. */
export type ContentMessage = {
  [M in ContentCallName]: { notice: M; input: Parameters<ContentCalls[M]>[0] };
}[ContentCallName];

const contentValidators: {
  [M in ContentCallName]: (input: Record<string, unknown>) => Parameters<ContentCalls[M]>[0];
} = {
  siteToggled(input) {
    if (typeof input.site !== 'string' || typeof input.disabled !== 'boolean') {
      fail('siteToggled needs { site: string, disabled: boolean }');
    }
    return { site: input.site, disabled: input.disabled };
  },
  voteChanged(input) {
    if (typeof input.key !== 'string') fail('key must be a string');
    if (input.reaction !== null && !isReaction(input.reaction)) fail('unknown reaction');
    return { key: input.key, reaction: input.reaction };
  },
  historyChanged: () => ({}),
  focusToolbar: () => ({}),
  correctionChanged(input) {
    if (typeof input.key !== 'string') fail('key must be a string');
    return { key: input.key };
  },
};

/** Checks a background → content notice and returns it typed; throws InvalidMessageError. */
export function parseContentMessage(message: unknown): ContentMessage {
  if (!isPlainObject(message)) fail('message must be an object');
  const { notice, input } = message;
  if (typeof notice !== 'string' || !Object.hasOwn(contentValidators, notice)) {
    fail(`unknown notice: ${String(notice).slice(0, 40)}`);
  }
  if (!isPlainObject(input)) fail('input must be an object');
  const validate = contentValidators[notice as ContentCallName] as (
    input: Record<string, unknown>,
  ) => unknown;
  return { notice, input: validate(input) } as ContentMessage;
}
/** What a content script tells the popup about its page (ContentRequests.describePage). */
export interface PageReport {
  /** The page's address (as ArticleRef.url). */
  url: string;
  /** The addresses the page declares for itself (see ArticleRef), from which the key comes. */
  declaredUrls?: string[] | undefined;
  /** The article's title as the in-page toolbar stores it. */
  title: string;
  /** Whether a toolbar shows in the page now (placed, and not turned off). */
  toolbarShown: boolean;
  /** The language the page declares around its story (Vote.lang), where it declares one. */
  lang?: string | undefined;
}

/**
 * Requests the popup sends to the content script of the tab it was opened on
 * (tabs.sendMessage, which activeTab allows); each resolves with an answer.
 */
export type ContentRequests = {
  /** The page's address, canonical link and title, and whether its toolbar shows. */
  describePage(input: Record<string, never>): Promise<PageReport>;
};

/** A request as it travels from the popup to a content script. */
export type ContentRequestMessage = {
  [M in keyof ContentRequests]: { request: M; input: Parameters<ContentRequests[M]>[0] };
}[keyof ContentRequests];

/** Whether `message` is a request for the content script (rather than a notice); checks its shape. */
export function isContentRequest(message: unknown): message is ContentRequestMessage {
  return (
    isPlainObject(message) &&
    message.request === 'describePage' &&
    isPlainObject(message.input) &&
    Object.keys(message.input).length === 0
  );
}

/**
 * A content script's answer to describePage, checked, its address as the background keeps it
 * (keptPageUrl); null when it is not one, or its address is too long to keep.
 */
export function parsePageReport(value: unknown): PageReport | null {
  if (!isPlainObject(value) || typeof value.toolbarShown !== 'boolean') return null;
  const url = keptPageUrl(value.url);
  if (url === null) return null;
  const title = typeof value.title === 'string' ? cleanTitle(value.title) : '';
  const report: PageReport = { url, title, toolbarShown: value.toolbarShown };
  if (Array.isArray(value.declaredUrls)) {
    const declared = keptDeclaredAddresses(value.declaredUrls);
    if (declared.length > 0) report.declaredUrls = declared;
  }
  return withLanguage(report, value.lang);
}
