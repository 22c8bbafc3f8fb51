import { isReaction, type Reaction } from './core/reactions';

/** Longest article URL the background accepts (browsers handle ~2 MB, but no article needs more). */
export const MAX_URL_LENGTH = 2048;
/** Longest title kept; longer titles are cut on the way in, not rejected. */
export const MAX_TITLE_LENGTH = 500;

/** One stored reaction, as the background returns it. Times are epoch milliseconds. */
export interface Vote {
  /** The article's identity: its normalized URL. */
  key: string;
  url: string;
  title: string;
  site: string;
  reaction: Reaction;
  createdAt: number;
  updatedAt: number;
}

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

export interface ArticleRef {
  /** The page's address (the background derives the article's identity from it). */
  url: string;
  /** The canonical address the page declares, if any; used only when it is on the same site. */
  canonicalUrl?: string | undefined;
}

/** Calls the background worker answers. Every input is validated at runtime before use. */
export type BackgroundCalls = {
  /** The reader's current reaction to the article at `url`. */
  getReaction(input: ArticleRef): Promise<VoteState>;
  /** Sets, switches or clears (reaction: null) the reader's reaction to one article. */
  setReaction(input: ArticleRef & { title: string; reaction: Reaction | null }): Promise<VoteState>;
  /** History, newest first; `after` is the last entry already shown, to load the next page. */
  listHistory(input: { limit: number; after?: HistoryCursor | undefined }): Promise<Vote[]>;
};

export type CallName = keyof BackgroundCalls;
export type CallInput<M extends CallName> = Parameters<BackgroundCalls[M]>[0];
export type CallResult<M extends CallName> = Awaited<ReturnType<BackgroundCalls[M]>>;

/** A call as it travels between contexts. */
export interface CallMessage<M extends CallName = CallName> {
  call: M;
  input: CallInput<M>;
}

/** Replies are data, never thrown across contexts: messages are serialized. */
export type CallReply<T> = { ok: true; value: T } | { ok: false; error: string };

/** The longest history page one call may ask for. */
export const MAX_HISTORY_PAGE = 500;

export class InvalidMessageError extends Error {
  override name = 'InvalidMessageError';
}

function fail(reason: string): never {
  throw new InvalidMessageError(reason);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkHttpUrl(value: unknown, field: string): string {
  if (typeof value !== 'string') fail(`${field} must be a string`);
  if (value.length > MAX_URL_LENGTH) fail(`${field} is longer than ${MAX_URL_LENGTH} characters`);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    fail(`${field} is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    fail(`${field} must be an http or https URL`);
  }
  return value;
}

function checkArticleRef(input: Record<string, unknown>): ArticleRef {
  const url = checkHttpUrl(input.url, 'url');
  if (input.canonicalUrl === undefined) return { url };
  // A bad canonical link is the page's mistake, not the reader's: fall back to the page URL.
  try {
    return { url, canonicalUrl: checkHttpUrl(input.canonicalUrl, 'canonicalUrl') };
  } catch {
    return { url };
  }
}

/** Collapses whitespace and control characters and caps the length of a page-supplied title. */
export function cleanTitle(value: string): string {
  const collapsed = value.replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, ' ').trim();
  return Array.from(collapsed).slice(0, MAX_TITLE_LENGTH).join('');
}

const validators: { [M in CallName]: (input: Record<string, unknown>) => CallInput<M> } = {
  getReaction: checkArticleRef,
  setReaction(input) {
    const ref = checkArticleRef(input);
    if (typeof input.title !== 'string') fail('title must be a string');
    if (input.reaction !== null && !isReaction(input.reaction)) fail('unknown reaction');
    return { ...ref, title: cleanTitle(input.title), reaction: input.reaction };
  },
  listHistory(input) {
    const { limit, after } = input;
    if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > MAX_HISTORY_PAGE) {
      fail(`limit must be an integer from 1 to ${MAX_HISTORY_PAGE}`);
    }
    if (after === undefined) return { limit: limit as number };
    if (
      !isPlainObject(after) ||
      !Number.isFinite(after.updatedAt) ||
      typeof after.key !== 'string'
    ) {
      fail('after must be { updatedAt: number, key: string }');
    }
    return {
      limit: limit as number,
      after: { updatedAt: after.updatedAt as number, key: after.key.slice(0, MAX_URL_LENGTH) },
    };
  },
};

/**
 * Checks an incoming message against the protocol and returns it typed, with inputs cleaned.
 * Throws InvalidMessageError, with a reason a developer can act on, for anything else.
 */
export function parseCallMessage(message: unknown): CallMessage {
  if (!isPlainObject(message)) fail('message must be an object');
  const { call, input } = message;
  if (typeof call !== 'string' || !Object.hasOwn(validators, call)) {
    fail(`unknown call: ${String(call).slice(0, 40)}`);
  }
  if (!isPlainObject(input)) fail('input must be an object');
  const validate = validators[call as CallName] as (input: Record<string, unknown>) => unknown;
  return { call: call as CallName, input: validate(input) } as CallMessage;
}

/** How often a call is retried when the message is lost in transit (e.g. the worker stopped). */
export const CALL_ATTEMPTS = 5;
/** Wait before the first retry; doubled for each further one. */
export const CALL_RETRY_DELAY_MS = 100;

export class CallError extends Error {
  override name = 'CallError';
}

export type SendMessage = (message: CallMessage) => Promise<unknown>;

/**
 * Calls the background through `send` (runtime.sendMessage in an extension). Every call in the
 * protocol is idempotent, so a message lost in transit is sent again; an error reply is not.
 */
export async function callBackground<M extends CallName>(
  send: SendMessage,
  call: M,
  input: CallInput<M>,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((done) => setTimeout(done, ms)),
): Promise<CallResult<M>> {
  let lastError: unknown;
  for (let attempt = 0; attempt < CALL_ATTEMPTS; attempt++) {
    if (attempt > 0) await sleep(CALL_RETRY_DELAY_MS * 2 ** (attempt - 1));
    let reply: unknown;
    try {
      reply = await send({ call, input } as CallMessage);
    } catch (error) {
      lastError = error;
      continue;
    }
    if (!isPlainObject(reply) || typeof reply.ok !== 'boolean') {
      lastError = new CallError('no reply from the background');
      continue;
    }
    if (reply.ok) return reply.value as CallResult<M>;
    throw new CallError(String(reply.error));
  }
  throw new CallError(
    `the background did not answer: ${lastError instanceof Error ? lastError.message : String(lastError)}`,
  );
}
