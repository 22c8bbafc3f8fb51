import { CALL_AUDIENCE, type CallMessage } from '../protocol';

/** What the background knows of a message's sender (runtime.MessageSender's fields it reads). */
export interface MessageSender {
  id?: string | undefined;
  url?: string | undefined;
  frameId?: number | undefined;
  /** The sending document's id (Chrome, Firefox 153): a frame's id outlives its page. */
  documentId?: string | undefined;
  tab?: { id?: number | undefined; incognito?: boolean | undefined } | undefined;
}

/**
 * Who is calling, as the background decided from the sender, never from the message:
 * one of the extension's own pages (popup, options), or the content script of one tab.
 */
export type Caller =
  | { kind: 'extension' }
  | {
      kind: 'tab';
      tabId: number;
      /**
       * The address the content script's page loaded at (the sender's, not the message's): both
       * browsers keep it through an app's moves (history.pushState), so it names the page's
       * origin, not the article it shows now.
       */
      pageUrl: string;
      /** A private (incognito) window's tab: its votes stay out of the permanent history. */
      incognito: boolean;
      /** The content script's document, where the browser names it: what to inject into. */
      documentId?: string;
    };

/** A message the background refuses to answer for its sender; the reason says why. */
export class RefusedCallError extends Error {
  override name = 'RefusedCallError';
  /**
   * The kind of refusal, without what the caller wrote into the message (an address): the
   * message where it names nothing of the caller's.
   */
  readonly reason: string;

  constructor(message: string, reason: string = message) {
    super(message);
    this.reason = reason;
  }
}

/**
 * What to do with each refusal: `warn` about it, once per kind (RefusedCallError.reason) in this
 * worker, since a hostile page may repeat one without end, and a compromised content script vary
 * the address it names in it.
 */
export function createRefusalLog(warn: (text: string) => void): (error: RefusedCallError) => void {
  const logged = new Set<string>();
  return (error) => {
    if (logged.has(error.reason)) return;
    logged.add(error.reason);
    warn(`Moodmark refused a call: ${error.message}`);
  };
}

/** The origin of an http(s) URL, or null. */
function originOf(url: string): string | null {
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/**
 * Who sent a message, or a RefusedCallError: `extensionOrigin` is the extension's own
 * (`runtime.getURL('')`), `extensionId` its id. A page of the extension is an extension caller
 * wherever it is shown (the popup in a tab has a `tab` too); a content script is known by its tab
 * and an http(s) page in the tab's top frame, the only frame the manifest injects it into.
 */
export function identifyCaller(
  sender: MessageSender,
  extensionId: string,
  extensionOrigin: string,
): Caller {
  if (sender.id !== extensionId) throw new RefusedCallError('the sender is not this extension');
  const url = sender.url ?? '';
  // A prefix, not URL.origin: the origin of a non-special scheme (moz-extension:) may be "null".
  const ownPrefix = extensionOrigin.endsWith('/') ? extensionOrigin : `${extensionOrigin}/`;
  if (url.startsWith(ownPrefix)) return { kind: 'extension' };
  const tabId = sender.tab?.id;
  const isWeb = /^https?:\/\//i.test(url) && originOf(url) !== null;
  if (tabId === undefined || tabId < 0 || !isWeb || (sender.frameId ?? 0) !== 0) {
    throw new RefusedCallError('the sender is neither a page of the extension nor a tab');
  }
  const caller: Caller = {
    kind: 'tab',
    tabId,
    pageUrl: url,
    incognito: sender.tab?.incognito === true,
  };
  if (typeof sender.documentId === 'string') caller.documentId = sender.documentId;
  return caller;
}

/**
 * Whether `caller` may make the call in `message` (already validated), as CALL_AUDIENCE says;
 * throws a RefusedCallError naming the call and the reason otherwise. A content script may ask
 * only about the page it runs in: the article's address must be on the sender's own origin (an
 * SPA changes its address within one origin; the canonical it declares is checked later, by the
 * Public Suffix List, when the key is derived), and may not name a tab (TabRef): its own tab, and
 * whether that is a private window's, come from the sender.
 */
export function authorizeCall(caller: Caller, message: CallMessage): void {
  const audience = CALL_AUDIENCE[message.call];
  if (caller.kind === 'extension') {
    if (audience === 'tab') {
      throw new RefusedCallError(`${message.call} answers only a content script, for its own tab`);
    }
    return;
  }
  if (audience === 'extension') {
    throw new RefusedCallError(`${message.call} answers only the extension's own pages`);
  }
  const input = message.input as { url?: unknown; tabId?: unknown };
  if (input.tabId !== undefined) {
    throw new RefusedCallError(`${message.call}: only the extension's own pages name a tab`);
  }
  const pageOrigin = originOf(caller.pageUrl);
  if (typeof input.url === 'string' && (!pageOrigin || originOf(input.url) !== pageOrigin)) {
    throw new RefusedCallError(
      `${message.call}: ${originOf(input.url)} is not the calling page's origin (${originOf(caller.pageUrl)})`,
      `${message.call}: an address on another origin than the calling page's`,
    );
  }
}
