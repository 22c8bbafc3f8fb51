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
      const lines = votes.map((vote) => escapeBidiControls(JSON.stringify(voteFields(vote))));
      const separator = first ? '' : ',\n';
      first = false;
      return separator + lines.join(',\n');
    },
    tail: '\n]}\n',
  };
}

/**
 * The controls that embed, override or isolate a direction (U+202A–U+202E, U+2066–U+2069).
 * A page's title may hold one unclosed (a right-to-left override): written as it is, an editor
 * would lay out the rest of its vote's line backwards (Trojan Source, CVE-2021-42574).
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/** `json` with each direction control written as its `\uXXXX` escape: the same JSON value. */
function escapeBidiControls(json: string): string {
  return json.replace(BIDI_CONTROLS, (control) => `\\u${control.charCodeAt(0).toString(16)}`);
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
  return `"${safe.replaceAll('"', '""')}"`;
}

export const CSV_COLUMNS = ['reaction', 'title', 'url', 'site', 'created', 'updated'] as const;

/**
 * The CSV export for spreadsheets: one row per vote, times as ISO 8601 (UTC), CRLF line ends
 * and a byte-order mark so spreadsheet programs read it as UTF-8.
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
              new Date(vote.createdAt).toISOString(),
              new Date(vote.updatedAt).toISOString(),
            ]
              .map(csvCell)
              .join(',') + '\r\n',
        )
        .join('');
    },
    tail: '',
  };
}
