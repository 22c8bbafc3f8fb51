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
  /** Told what an import's batches merged so far did (added up), after each (runNotedImport). */
  saved?: (report: ImportReport) => void;
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
  {
    progress: checking = () => {},
    batchSize = MAX_IMPORT_BATCH,
    saved = () => {},
  }: BackupOptions = {},
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
    saved({ ...report });
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

/** What an import that may be cut off had saved: kept where the next extension page finds it. */
export interface ImportUnderWay {
  /** The file's name, as the reader chose it. */
  file: string;
  /** Votes its merged batches added and updated (a batch still being merged may add more). */
  added: number;
  updated: number;
}

/** The storage key (extension pages' localStorage) of the import under way. */
export const IMPORT_UNDER_WAY_KEY = 'moodmark-import-under-way';
/** The Web Lock an import holds in whichever extension page runs it (the popup, Firefox's tab). */
export const IMPORT_LOCK = 'moodmark-import';

/**
 * Runs `run`, the import of the file named `file`, noting in `storage` what its batches saved
 * (`run` is given the function to tell it after each) until it ends. A popup closes as the reader
 * clicks outside it, and a large file takes tens of seconds to merge (50,000 votes: 35 s in
 * Chromium); closed, it runs no more code, so the next page tells the reader from the note
 * (takeStoppedImport). Holds IMPORT_LOCK, so that a page opened meanwhile leaves the note of an
 * import going on elsewhere. A note that cannot be written (storage turned off) is not kept.
 */
export async function runNotedImport<T>(
  storage: Storage | null,
  file: string,
  run: (saved: (report: ImportReport) => void) => Promise<T>,
  locks: LockManager | undefined = navigator.locks,
): Promise<T> {
  const note = ({ added, updated }: Pick<ImportReport, 'added' | 'updated'>) => {
    const underWay: ImportUnderWay = { file, added, updated };
    try {
      storage?.setItem(IMPORT_UNDER_WAY_KEY, JSON.stringify(underWay));
    } catch {
      // Full or refused: the import goes on, untold if its page closes.
    }
  };
  const noted = async () => {
    note({ added: 0, updated: 0 });
    try {
      return await run(note);
    } finally {
      try {
        storage?.removeItem(IMPORT_UNDER_WAY_KEY);
      } catch {
        // Refused as the note was: the import's own result is what the reader is told.
      }
    }
  };
  return locks ? locks.request(IMPORT_LOCK, noted) : noted();
}

/**
 * The import a closed page left unfinished (see runNotedImport), taken from `storage` so that it
 * is told once; null when there is none, or it is still going on in another page.
 */
export async function takeStoppedImport(
  storage: Storage | null,
  locks: LockManager | undefined = navigator.locks,
): Promise<ImportUnderWay | null> {
  if (!storage?.getItem(IMPORT_UNDER_WAY_KEY)) return null;
  const take = () => {
    const underWay = readImportUnderWay(storage.getItem(IMPORT_UNDER_WAY_KEY));
    storage.removeItem(IMPORT_UNDER_WAY_KEY);
    return underWay;
  };
  if (!locks) return take();
  return locks.request(IMPORT_LOCK, { ifAvailable: true }, (lock) => (lock ? take() : null));
}

function readImportUnderWay(text: string | null): ImportUnderWay | null {
  try {
    const { file, added, updated } = JSON.parse(text ?? '') as Record<string, unknown>;
    const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
    if (typeof file === 'string' && isCount(added) && isCount(updated)) {
      return { file, added, updated };
    }
  } catch {
    // Not a note this version wrote: nothing to tell.
  }
  return null;
}
