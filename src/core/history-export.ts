import type { Vote } from '../protocol';

/** Marks a Moodmark export file; `version` changes whenever its shape does. */
export const EXPORT_FORMAT = 'moodmark-history';
export const EXPORT_VERSION = 1;

/** A JSON export: every stored field of every vote, newest first. */
export interface HistoryExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  /** When the file was written, epoch ms. */
  exportedAt: number;
  votes: Vote[];
}

/** The JSON export of `votes`: lossless, so importing it restores every field. */
export function writeHistoryJson(votes: readonly Vote[], now: number): string {
  const file: HistoryExport = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now,
    votes: votes.map((vote) => ({
      key: vote.key,
      url: vote.url,
      title: vote.title,
      site: vote.site,
      reaction: vote.reaction,
      createdAt: vote.createdAt,
      updatedAt: vote.updatedAt,
    })),
  };
  // One vote per line: compact for 100,000 votes, yet readable and diffable.
  const { votes: list, ...header } = file;
  const head = JSON.stringify(header).slice(0, -1);
  return `${head},"votes":[\n${list.map((vote) => JSON.stringify(vote)).join(',\n')}\n]}\n`;
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
 * The CSV export of `votes` for spreadsheets: one row per vote, times as ISO 8601 (UTC),
 * CRLF line ends and a byte-order mark so spreadsheet programs read it as UTF-8.
 */
export function writeHistoryCsv(votes: readonly Vote[]): string {
  const rows = votes.map((vote) =>
    [
      vote.reaction,
      vote.title,
      vote.url,
      vote.site,
      new Date(vote.createdAt).toISOString(),
      new Date(vote.updatedAt).toISOString(),
    ]
      .map(csvCell)
      .join(','),
  );
  return `\uFEFF${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
