import { localDay } from './local-day';
import type { Vote } from './vote';

/** Marks a Moodmark export file; `version` changes whenever its shape does. */
export const EXPORT_FORMAT = 'moodmark-history';
export const EXPORT_VERSION = 1;

/** A JSON export: every stored field of every vote, by article key. */
export interface HistoryExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  /** When the file was written, epoch ms. */
  exportedAt: number;
  votes: Vote[];
}

export type ExportFormat = 'json' | 'csv';

/**
 * An export file written in pieces: `head`, then `page(votes)` for each page of the history
 * in turn, then `tail`. Joined in that order they are the whole file, so a history of any size
 * is written without ever holding all of it, or its text, at once.
 */
export interface HistoryExportWriter {
  readonly head: string;
  /** The text of the next votes (after those of every earlier call). */
  page(votes: readonly Vote[]): string;
  readonly tail: string;
}

/**
 * The writer of an export file: JSON (lossless: importing it restores every field, one vote
 * per line) or CSV (for spreadsheets). `now` is the export's time, written into the JSON.
 */
export function createHistoryExport(format: ExportFormat, now: number): HistoryExportWriter {
  return format === 'json' ? jsonExport(now) : csvExport();
}

function jsonExport(now: number): HistoryExportWriter {
  const header: Omit<HistoryExport, 'votes'> = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now,
  };
  let first = true;
  return {
    head: `${JSON.stringify(header).slice(0, -1)},"votes":[\n`,
    page(votes) {
      if (votes.length === 0) return '';
      // One vote per line: compact for 100,000 votes, yet readable and diffable.
      const lines = votes.map((vote) => escapeLineBreaking(JSON.stringify(voteFields(vote))));
      const separator = first ? '' : ',\n';
      first = false;
      return separator + lines.join(',\n');
    },
    tail: '\n]}\n',
  };
}

/**
 * What could break a vote's line as an editor shows it: the controls that embed, override or
 * isolate a direction (U+202A–U+202E, U+2066–U+2069), as one left unclosed in a page's title (a
 * right-to-left override) lays out the rest of the line backwards (Trojan Source,
 * CVE-2021-42574); and NEL, U+2028 and U+2029, valid raw in JSON but new lines to editors (in
 * an address imported as a crafted file wrote it: titles are cleaned of them).
 */
const LINE_BREAKING = /[\u0085\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `json` with each {@link LINE_BREAKING} character as its `\uXXXX` escape: the same value. */
function escapeLineBreaking(json: string): string {
  return json.replace(
    LINE_BREAKING,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Exactly the stored fields, in a fixed order; `lang` only where the vote has one. */
function voteFields(vote: Vote): Vote {
  const fields: Vote = {
    key: vote.key,
    url: vote.url,
    title: vote.title,
    site: vote.site,
    reaction: vote.reaction,
    createdAt: vote.createdAt,
    updatedAt: vote.updatedAt,
  };
  return vote.lang === undefined ? fields : { ...fields, lang: vote.lang };
}

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell, always quoted (RFC 4180: inner quotes doubled), with a leading `'` added when
 * the text would otherwise start a formula, so `=HYPERLINK(…)` in a title stays text.
 */
export function csvCell(value: string | number): string {
  const text = String(value);
  const safe = typeof value === 'string' && FORMULA_START.test(text) ? `'${text}` : text;
  return `"${closeDirectionControls(safe).replaceAll('"', '""')}"`;
}

/** Controls that open an embedding or override (LRE, RLE, LRO, RLO), each closed by a PDF. */
const EMBEDDING_OPENERS = '\u202a\u202b\u202d\u202e';
/** Controls that open an isolate (LRI, RLI, FSI), each closed by a PDI. */
const ISOLATE_OPENERS = '\u2066\u2067\u2068';
const PDF = '\u202c';
const PDI = '\u2069';
const DIRECTION_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

/**
 * `text` with the direction controls it leaves open closed at its end, paired as Unicode's
 * bidi algorithm (UAX #9) pairs them: CSV has no escapes, and an override left open in a title
 * would lay out the rest of its row backwards in an editor (Trojan Source).
 */
function closeDirectionControls(text: string): string {
  if (!DIRECTION_CONTROL.test(text)) return text;
  const closers: string[] = [];
  for (const character of text) {
    if (EMBEDDING_OPENERS.includes(character)) closers.push(PDF);
    else if (ISOLATE_OPENERS.includes(character)) closers.push(PDI);
    else if (character === PDF && closers[closers.length - 1] === PDF) closers.pop();
    // A PDI closes the last isolate open, and the embeddings opened inside it.
    else if (character === PDI && closers.includes(PDI)) closers.splice(closers.lastIndexOf(PDI));
  }
  return text + closers.reverse().join('');
}

export const CSV_COLUMNS = ['reaction', 'title', 'url', 'site', 'created', 'updated'] as const;

/**
 * `time` as the reader's clock showed it, `YYYY-MM-DD HH:MM:SS`: spreadsheet programs read this
 * form as a date and time, where Excel keeps ISO 8601's `…T…Z` as text; and in UTC a vote of the
 * evening would be dated a day off the history's. The JSON export keeps the exact time.
 */
function spreadsheetTime(time: number): string {
  const date = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${localDay(time)} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/**
 * The CSV export for spreadsheets: one row per vote, times in local time (spreadsheetTime), CRLF
 * line ends and a byte-order mark so spreadsheet programs read it as UTF-8.
 */
function csvExport(): HistoryExportWriter {
  return {
    head: `\uFEFF${CSV_COLUMNS.join(',')}\r\n`,
    page(votes) {
      return votes
        .map(
          (vote) =>
            [
              vote.reaction,
              vote.title,
              vote.url,
              vote.site,
              spreadsheetTime(vote.createdAt),
              spreadsheetTime(vote.updatedAt),
            ]
              .map(csvCell)
              .join(',') + '\r\n',
        )
        .join('');
    },
    tail: '',
  };
}
