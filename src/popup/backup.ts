import { createHistoryExport, CSV_COLUMNS, type ExportFormat } from '../core/history-export';
import { createHistoryFileReader, fileEncoding, notText } from '../core/history-import';
import { parseVote } from '../core/vote';
import {
  MAX_EXPORT_PAGE,
  MAX_IMPORT_BATCH,
  type CallInput,
  type CallResult,
  type ImportReport,
} from '../protocol';

/** The background calls a backup makes. */
export type BackupCall = <M extends 'exportHistory' | 'importHistory'>(
  name: M,
  input: CallInput<M>,
) => Promise<CallResult<M>>;

/** How far a backup has come, from 0 to 1. */
export type Progress = (fraction: number) => void;

export interface BackupOptions {
  /** Told how far the export, or the import's reading of the file, has come. */
  progress?: Progress;
  /** Votes per exportHistory call (default and most: MAX_EXPORT_PAGE). */
  pageSize?: number;
  /** Records per importHistory call (default and most: MAX_IMPORT_BATCH). */
  batchSize?: number;
}

const MIME_TYPES: Record<ExportFormat, string> = {
  json: 'application/json;charset=utf-8',
  csv: 'text/csv;charset=utf-8',
};

/**
 * Writes the whole history into a file, page by page: each page of votes the background reads
 * becomes a Blob part (held by the browser, not in this page's memory), and the next page is
 * asked for while one is written. `total` is how many votes there are, for `progress`.
 */
export async function exportHistoryFile(
  call: BackupCall,
  format: ExportFormat,
  now: number,
  total: number,
  { progress = () => {}, pageSize = MAX_EXPORT_PAGE }: BackupOptions = {},
): Promise<{ file: Blob; count: number }> {
  const writer = createHistoryExport(format, now);
  const parts: Blob[] = [new Blob([writer.head])];
  let count = 0;
  let next = call('exportHistory', { limit: pageSize });
  for (;;) {
    const { votes } = await next;
    const last = votes.at(-1);
    const more = votes.length === pageSize && last !== undefined;
    if (more) next = call('exportHistory', { after: last.key, limit: pageSize });
    if (votes.length > 0) parts.push(new Blob([writer.page(votes)]));
    count += votes.length;
    progress(total > 0 ? Math.min(1, count / total) : 1);
    if (!more) break;
  }
  parts.push(new Blob([writer.tail]));
  return { file: new Blob(parts, { type: MIME_TYPES[format] }), count };
}

/** How Moodmark's CSV export starts, past its byte order mark (see createHistoryExport). */
const CSV_EXPORT_HEAD = CSV_COLUMNS.join(',');
/** The byte order mark the CSV export starts with, for spreadsheets to read it as UTF-8. */
const BYTE_ORDER_MARK_BYTES = 3;

/**
 * Whether `file` is Moodmark's CSV export, written for spreadsheets: an import refuses it as not
 * an export, and the reader who kept it as a backup is told to import the JSON one instead.
 */
export async function isCsvExport(file: Blob): Promise<boolean> {
  const head = await file.slice(0, BYTE_ORDER_MARK_BYTES + CSV_EXPORT_HEAD.length).text();
  return head.replace(/^\uFEFF/, '').startsWith(CSV_EXPORT_HEAD);
}

/** Bytes that tell a file's encoding (fileEncoding): a UTF-16 byte order mark. */
const ENCODING_MARK_BYTES = 2;

/**
 * Reads `file` as text piece by piece (UTF-8, or UTF-16 after its byte order mark), telling
 * `progress` the share of bytes read. Throws ImportError ('encoding') at bytes that are not text
 * in its encoding.
 */
async function readText(
  file: Blob,
  take: (text: string) => void | Promise<void>,
  progress: Progress,
): Promise<void> {
  const head = new Uint8Array(await file.slice(0, ENCODING_MARK_BYTES).arrayBuffer());
  // Decoded as it streams: a character split between two pieces is completed by the next.
  // Fatal: read on, a legacy encoding's accents would be imported as U+FFFD into every title.
  const decoder = new TextDecoder(fileEncoding(head), { fatal: true });
  const decode = (bytes?: Uint8Array) => {
    try {
      return decoder.decode(bytes, { stream: bytes !== undefined });
    } catch {
      // At the end, only a character begun and not finished: a file cut off part way, which
      // the reader tells as such (ending early, or text after the end).
      if (bytes === undefined) return '\uFFFD';
      throw notText();
    }
  };
  const reader = file.stream().getReader();
  let bytes = 0;
  progress(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    await take(decode(value));
    progress(file.size > 0 ? bytes / file.size : 1);
  }
  await take(decode());
}

/**
 * An import that failed after the file was checked: the batches merged before `failure` stay in
 * the history, and `report` tells what they did.
 */
export class ImportStoppedError extends Error {
  override name = 'ImportStoppedError';
  constructor(
    readonly failure: unknown,
    readonly report: ImportReport,
  ) {
    super(`import stopped: ${failure instanceof Error ? failure.message : String(failure)}`);
  }
}

/**
 * Imports an export file of any size, streaming it twice: first to check that the whole file
 * is an export (an ImportError then, and nothing changes), then to send its votes to the
 * background a batch at a time, one batch merged while the next is read. `progress` follows the
 * first read; `importing` the records merged (or refused), so it tells 1 only once all are.
 * Resolves with what the batches did, added up; a failure after the check rejects with
 * ImportStoppedError, which tells what was merged before it.
 */
export async function importHistoryFile(
  call: BackupCall,
  file: Blob,
  importing: Progress = () => {},
  { progress: checking = () => {}, batchSize = MAX_IMPORT_BATCH }: BackupOptions = {},
): Promise<ImportReport> {
  const check = createHistoryFileReader();
  let records = 0;
  await readText(file, (text) => void (records += check.push(text).length), checking);
  check.end();

  const report: ImportReport = {
    added: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    rejectedFutureDated: 0,
    rejectedOtherSite: 0,
  };
  /** Records the background has merged or either side refused. */
  const settled = () => report.added + report.updated + report.unchanged + report.rejected;
  // Told as batches are merged, not as the file is read: reading runs a batch or two ahead, so
  // its end would say 100% while the last merges go on, and a reader might close the popup.
  const tellImporting = () => importing(records > 0 ? settled() / records : 1);
  const send = async (votes: unknown[]) => {
    const done = await call('importHistory', { votes });
    report.added += done.added;
    report.updated += done.updated;
    report.unchanged += done.unchanged;
    report.rejected += done.rejected;
    report.rejectedFutureDated += done.rejectedFutureDated;
    report.rejectedOtherSite += done.rejectedOtherSite;
    tellImporting();
  };
  const reader = createHistoryFileReader();
  let batch: unknown[] = [];
  let sending: Promise<void> = Promise.resolve();
  const flush = async () => {
    await sending;
    sending = send(batch);
    // Awaited before the next batch or at the end; marked handled meanwhile.
    sending.catch(() => {});
    batch = [];
  };
  importing(0);
  try {
    await readText(
      file,
      async (text) => {
        for (const record of reader.push(text)) {
          // Sent as votes, without a file's other fields: a batch stays far under the browser's
          // message limit (Chrome's 64 MiB) however large the file's records are.
          const vote = parseVote(record);
          if (!vote) {
            report.rejected += 1;
            continue;
          }
          batch.push(vote);
          if (batch.length === batchSize) await flush();
        }
      },
      () => {},
    );
    reader.end();
    if (batch.length > 0) await flush();
    await sending;
  } catch (failure) {
    // A batch still being merged when reading failed is counted once it is in.
    await sending.catch(() => {});
    throw new ImportStoppedError(failure, { ...report });
  }
  // Also where no batch was sent: every record was refused here.
  importing(1);
  return report;
}
