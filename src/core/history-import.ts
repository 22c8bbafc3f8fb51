import { siteOf } from './article-url';
import { EXPORT_FORMAT, EXPORT_VERSION } from './history-export';
import { parseVote, type Vote } from './vote';

/** Most votes one file may hold; far above any reader's history. */
export const MAX_IMPORT_VOTES = 10_000_000;
/** Longest string anywhere in a file; titles are capped lower, URLs rejected above MAX_URL_LENGTH. */
export const MAX_IMPORT_STRING_CHARS = 10_000;
/** Longest one vote record (or one value of the file's header) may be, in characters. */
export const MAX_IMPORT_RECORD_CHARS = 100_000;
/** How far in the future a time may lie (clocks differ a little between machines). */
export const MAX_CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;
/** Most UTF-16 code units of an unreadable file's version a refusal names. */
const MAX_VERSION_SHOWN = 20;
/** Export versions this reader knows (every one export has written). */
const READABLE_VERSIONS: readonly unknown[] = [EXPORT_VERSION];

/** Keys that would change an object's prototype if a careless merge copied them. */
const HOSTILE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Why a file cannot be imported: the popup words each reason in the reader's language. */
export type ImportRefusal =
  | 'encoding'
  | 'not-json'
  | 'truncated'
  | 'not-export'
  | 'version'
  | 'hostile-key'
  | 'too-long'
  | 'too-many';

/**
 * A file that cannot be imported at all: `reason`, with `detail` where the reason names
 * something (the version, the key, the limit, the line), and the reason in English as its
 * message.
 */
export class ImportError extends Error {
  override name = 'ImportError';
  constructor(
    readonly reason: ImportRefusal,
    message: string,
    readonly detail: string | number = '',
  ) {
    super(message);
  }
}

/**
 * A file whose bytes are not text in the encoding it is read in: saved again in a legacy one
 * (Windows-1252, as an older editor's "ANSI"), where read as UTF-8 its accents would be lost.
 */
export const notText = () => new ImportError('encoding', 'the file is not UTF-8 text');
/** Where a file stops being JSON: the line, for the reader who edited it by hand to find. */
const notJson = (line: number) =>
  new ImportError('not-json', `the file is not valid JSON (line ${line})`, line);
/** All that was read is an export's beginning: a download or copy stopped part way. */
const endsEarly = () => new ImportError('truncated', 'the file ends early');
const notExport = () => new ImportError('not-export', 'the file is not a Moodmark export');
const noVotes = () => new ImportError('not-export', 'the file has no list of votes');
const hostileKey = (key: string) =>
  new ImportError('hostile-key', `the file contains the key "${key}"`, key);
const tooLongText = () =>
  new ImportError(
    'too-long',
    `the file contains a text longer than ${MAX_IMPORT_STRING_CHARS}`,
    MAX_IMPORT_STRING_CHARS,
  );
const tooLongRecord = () =>
  new ImportError(
    'too-long',
    `the file has a record longer than ${MAX_IMPORT_RECORD_CHARS}`,
    MAX_IMPORT_RECORD_CHARS,
  );

/** The encodings an export file is read in. */
export type FileEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * The encoding of the file that starts with the bytes `head` (its first two, or fewer): UTF-16
 * where its byte order mark says so (an editor's "Unicode", Windows PowerShell's `>`), else UTF-8,
 * which export writes.
 */
export function fileEncoding(head: Uint8Array): FileEncoding {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/**
 * Reads an export file piece by piece, as it streams in, without holding more of it than one
 * vote record: `push` each piece of text in order, then `end`. Reads every layout export has
 * written (version 1 indented, and one vote per line), the header before the votes.
 */
export interface HistoryFileReader {
  /**
   * Reads the next piece of the file; returns the vote records completed in it, parsed from
   * JSON but not yet validated (see parseImportedVotes). Throws ImportError as soon as the file
   * shows it is not an export (bad JSON, another format or version, prototype-pollution keys,
   * oversized strings or records, too many votes).
   */
  push(text: string): unknown[];
  /** The file ended: throws ImportError unless it was a whole export ('truncated' if cut off). */
  end(): void;
}

type Mode =
  | 'start'
  | 'first-key'
  | 'key'
  | 'colon'
  | 'value'
  | 'after-value'
  | 'first-vote'
  | 'vote'
  | 'after-vote'
  | 'end';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const BOM = 0xfeff;

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** A JSON value being read, perhaps across pieces of the file. */
interface Capture {
  /** What the value is: an object key, a header value or one vote record. */
  kind: 'key' | 'header' | 'vote';
  /** Its text from earlier pieces. */
  text: string;
  depth: number;
  inString: boolean;
  escaped: boolean;
  /** A number or literal, which ends at the first character that is not part of it. */
  primitive: boolean;
  /** Not scanned yet: its first character is the one that began it. */
  fresh: boolean;
  /** The line it starts on. */
  line: number;
}

/** Below this, a character may not stand in a JSON string as it is (RFC 8259, section 7). */
const FIRST_STRING_CHARACTER = 0x20;

/** `text` parsed, refusing hostile keys and long strings; `line` is where it starts. */
function parseJson(text: string, line: number): unknown {
  try {
    return JSON.parse(text, (key, value: unknown) => {
      if (HOSTILE_KEYS.has(key)) throw hostileKey(key);
      if (typeof value === 'string' && value.length > MAX_IMPORT_STRING_CHARS) {
        throw tooLongText();
      }
      return value;
    });
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw notJson(line);
  }
}

/** A reader for one export file (see HistoryFileReader). */
export function createHistoryFileReader(): HistoryFileReader {
  let mode: Mode = 'start';
  let capture: Capture | undefined;
  let key = '';
  /** The header's format and version, the fields the reader checks. */
  const header: { format?: unknown; version?: unknown } = {};
  let sawVotes = false;
  let votes = 0;
  /** The line (from 1) of the piece being read that `nextBreak` ends. */
  let line = 1;
  /** Where in the piece being read the next line break not yet counted is (-1: none). */
  let nextBreak = -1;

  /**
   * The line of `text[i]`, `text` being the piece being read, for a refusal to name. Asked in the
   * order the piece is read, it counts each line break once.
   */
  function lineAt(text: string, i: number): number {
    while (nextBreak !== -1 && nextBreak < i) {
      line++;
      nextBreak = text.indexOf('\n', nextBreak + 1);
    }
    return line;
  }

  /** Index just past the end of the captured value in `text`, or -1 when it goes on. */
  function scan(text: string, from: number, value: Capture): number {
    for (let i = from; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (value.inString) {
        // A line break in a string: a quote left out or one too many, as an edit by hand leaves.
        // Told here, on its line; read on, the file's next quote would seem to close the string.
        if (code < FIRST_STRING_CHARACTER) throw notJson(lineAt(text, i));
        if (value.escaped) value.escaped = false;
        else if (code === BACKSLASH) value.escaped = true;
        else if (code === QUOTE) {
          value.inString = false;
          if (value.depth === 0) return i + 1;
        }
      } else if (value.primitive) {
        if (code === COMMA || code === CLOSE_ARRAY || code === CLOSE_OBJECT || isWhitespace(code))
          return i;
      } else if (code === QUOTE) value.inString = true;
      else if (code === OPEN_OBJECT || code === OPEN_ARRAY) value.depth++;
      else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
        value.depth--;
        if (value.depth === 0) return i + 1;
      }
    }
    return -1;
  }

  function begin(kind: Capture['kind'], code: number, line: number): Capture {
    return {
      kind,
      text: '',
      depth: code === OPEN_OBJECT || code === OPEN_ARRAY ? 1 : 0,
      inString: code === QUOTE,
      escaped: false,
      primitive: code !== QUOTE && code !== OPEN_OBJECT && code !== OPEN_ARRAY,
      fresh: true,
      line,
    };
  }

  /** Takes a whole value: a key, a header value or a vote record (added to `records`). */
  function finish(value: Capture, text: string, records: unknown[]): void {
    if (text.length > MAX_IMPORT_RECORD_CHARS) {
      throw tooLongRecord();
    }
    const parsed = parseJson(text, value.line);
    if (value.kind === 'key') {
      key = parsed as string;
      if (HOSTILE_KEYS.has(key)) throw hostileKey(key);
      mode = 'colon';
    } else if (value.kind === 'header') {
      // Only what is checked is held: a hostile file's millions of other fields would fill memory.
      if (key === 'format' || key === 'version') header[key] = parsed;
      mode = 'after-value';
    } else {
      if (++votes > MAX_IMPORT_VOTES) {
        const message = `the file has more than ${MAX_IMPORT_VOTES} votes`;
        throw new ImportError('too-many', message, MAX_IMPORT_VOTES);
      }
      records.push(parsed);
      mode = 'after-vote';
    }
  }

  function startVotes(): void {
    if (sawVotes) throw new ImportError('not-export', 'the file has two lists of votes');
    checkHeader();
    sawVotes = true;
  }

  function checkHeader(): void {
    if (header.format !== EXPORT_FORMAT) throw notExport();
    if (!READABLE_VERSIONS.includes(header.version)) {
      // Its head, for the reader: without half a character where it was cut. An object as JSON:
      // String() throws on one whose toString is not a function.
      const { version: given } = header;
      const version = (
        typeof given === 'object' && given !== null ? JSON.stringify(given) : String(given)
      )
        .slice(0, MAX_VERSION_SHOWN)
        .replace(/[\ud800-\udbff]$/, '');
      throw new ImportError('version', `unsupported export version ${version}`, version);
    }
  }

  /** Moves the structure on by one character outside any value, on line `line`. */
  function step(code: number, line: number): void {
    switch (mode) {
      case 'start':
        if (code === OPEN_OBJECT) mode = 'first-key';
        else throw notExport();
        return;
      case 'first-key':
      case 'key':
        if (code === CLOSE_OBJECT && mode === 'first-key') mode = 'end';
        else if (code === QUOTE) capture = begin('key', code, line);
        else throw notJson(line);
        return;
      case 'colon':
        if (code === COLON) mode = 'value';
        else throw notJson(line);
        return;
      case 'value':
        if (key === 'votes') {
          if (code !== OPEN_ARRAY) throw noVotes();
          startVotes();
          mode = 'first-vote';
        } else {
          capture = begin('header', code, line);
        }
        return;
      case 'after-value':
        if (code === COMMA) mode = 'key';
        else if (code === CLOSE_OBJECT) mode = 'end';
        else throw notJson(line);
        return;
      case 'first-vote':
      case 'vote':
        if (code === CLOSE_ARRAY && mode === 'first-vote') mode = 'after-value';
        else if (code === COMMA || code === CLOSE_ARRAY || code === COLON) throw notJson(line);
        else capture = begin('vote', code, line);
        return;
      case 'after-vote':
        if (code === COMMA) mode = 'vote';
        else if (code === CLOSE_ARRAY) mode = 'after-value';
        else throw notJson(line);
        return;
      case 'end':
        throw notJson(line);
    }
  }

  return {
    push(text) {
      const records: unknown[] = [];
      nextBreak = text.indexOf('\n');
      let i = 0;
      try {
        while (i < text.length) {
          if (capture) {
            // A string or a container is scanned after its first character; a primitive from it.
            const from = capture.fresh && !capture.primitive ? i + 1 : i;
            capture.fresh = false;
            const end = scan(text, from, capture);
            if (end === -1) {
              capture.text += text.slice(i);
              if (capture.text.length > MAX_IMPORT_RECORD_CHARS) {
                throw tooLongRecord();
              }
              return records;
            }
            const value = capture;
            capture = undefined;
            finish(value, value.text + text.slice(i, end), records);
            i = end;
            continue;
          }
          const code = text.charCodeAt(i);
          if (!isWhitespace(code) && !(code === BOM && mode === 'start')) {
            step(code, lineAt(text, i));
            // A value starts at this character: scan it from here.
            if (capture) continue;
          }
          i++;
        }
        return records;
      } finally {
        // The lines left in the piece, counted before the next piece's.
        lineAt(text, text.length);
      }
    },
    end() {
      if (mode === 'end' && !capture) {
        if (!sawVotes) {
          checkHeader();
          throw noVotes();
        }
        return;
      }
      if (mode === 'start') throw notExport();
      throw endsEarly();
    },
  };
}

export interface ParsedImport {
  /** Valid votes, one per article key (the newest when the records repeat a key). */
  votes: Vote[];
  /** Records that failed validation and are skipped. */
  rejected: number;
  /** Of the rejected, those otherwise valid but changed later than `now` allows. */
  futureDated: number;
  /** Of the rejected, those otherwise valid but refused by the caller's `accepts`. */
  refused: number;
  /** Older copies of an article the records list more than once, skipped. */
  duplicates: number;
}

/**
 * Validates vote records read from a file (a batch of them): each must be a valid vote last
 * changed no later than `now` allows (MAX_CLOCK_SKEW_MS) that `accepts` (the background's checks
 * that need more than core has); of the copies of one article the newest is kept. The others are
 * counted, not thrown.
 * Each is filed under `keyOf(key, url)`: the background's storedArticleKey, the key today's rules
 * give what was stored under `key` for the page at `url`, as the database's upgrades move stored
 * votes. A backup made before such an update keeps the old keys: imported as they are, its
 * articles would be listed twice. Passed in, as `accepts` is: it needs the Public Suffix List,
 * which would otherwise load in the popup with this file.
 */
export function parseImportedVotes(
  records: readonly unknown[],
  now: number,
  accepts: (vote: Vote) => boolean = () => true,
  keyOf: (key: string, url: string) => string = (key) => key,
): ParsedImport {
  const byKey = new Map<string, Vote>();
  let rejected = 0;
  let futureDated = 0;
  let refused = 0;
  for (const record of records) {
    // The change is checked, not the creation: a vote created while the clock ran days ahead and
    // changed since is created then (parseVote), and its export would otherwise never import.
    const parsed = parseVote(record);
    const vote = parsed && withKeyOfToday(parsed, keyOf);
    if (!vote || vote.updatedAt > now + MAX_CLOCK_SKEW_MS) {
      rejected++;
      if (vote) futureDated++;
      continue;
    }
    // Before copies are compared: a later copy refused would otherwise take the valid one with it.
    if (!accepts(vote)) {
      rejected++;
      refused++;
      continue;
    }
    const seen = byKey.get(vote.key);
    if (!seen || vote.updatedAt > seen.updatedAt) byKey.set(vote.key, vote);
  }
  return {
    votes: [...byKey.values()],
    rejected,
    futureDated,
    refused,
    duplicates: records.length - rejected - byKey.size,
  };
}

/** `vote` under `keyOf(key, url)`, its site read from that as parseVote reads it. */
function withKeyOfToday(vote: Vote, keyOf: (key: string, url: string) => string): Vote {
  const key = keyOf(vote.key, vote.url);
  return key === vote.key ? vote : { ...vote, key, site: siteOf(new URL(key).hostname) };
}

export type MergeOutcome = 'added' | 'updated' | 'unchanged';

/** What merging `incoming` over the stored vote does: the newer `updatedAt` wins; a tie keeps. */
export function mergeOutcome(existing: Vote | undefined, incoming: Vote): MergeOutcome {
  if (!existing) return 'added';
  return incoming.updatedAt > existing.updatedAt ? 'updated' : 'unchanged';
}
