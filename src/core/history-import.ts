import { MAX_IMPORT_CHARS, parseVote, type Vote } from '../protocol';
import { EXPORT_FORMAT, EXPORT_VERSION } from './history-export';

/** Most votes one file may hold; far above any reader's history. */
export const MAX_IMPORT_VOTES = 1_000_000;
/** Longest string anywhere in a file; titles are capped lower, URLs rejected above MAX_URL_LENGTH. */
export const MAX_IMPORT_STRING_CHARS = 10_000;
/** How far in the future a time may lie (clocks differ a little between machines). */
export const MAX_CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

/** Keys that would change an object's prototype if a careless merge copied them. */
const HOSTILE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A file that cannot be imported at all; nothing is written. */
export class ImportError extends Error {
  override name = 'ImportError';
}

export interface ParsedImport {
  /** Valid votes, one per article key (the newest when a file repeats a key). */
  votes: Vote[];
  /** Records that failed validation and are skipped. */
  rejected: number;
  /** Older copies of an article the file lists more than once, skipped. */
  duplicates: number;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses and validates an export file. Throws ImportError for a file that is not one (bad JSON,
 * another format or version, too large, prototype-pollution keys, oversized strings), so a
 * hostile file changes nothing; otherwise returns the valid votes and counts the rest.
 */
export function parseHistoryImport(text: string, now: number): ParsedImport {
  if (text.length > MAX_IMPORT_CHARS) {
    throw new ImportError(`the file is larger than ${MAX_IMPORT_CHARS / 1024 / 1024} MB`);
  }
  let root: unknown;
  try {
    root = JSON.parse(text, (key, value: unknown) => {
      if (HOSTILE_KEYS.has(key)) throw new ImportError(`the file contains the key "${key}"`);
      if (typeof value === 'string' && value.length > MAX_IMPORT_STRING_CHARS) {
        throw new ImportError(`the file contains a text longer than ${MAX_IMPORT_STRING_CHARS}`);
      }
      return value;
    });
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError('the file is not valid JSON');
  }
  if (!isPlainObject(root) || root.format !== EXPORT_FORMAT) {
    throw new ImportError('the file is not a Moodmark export');
  }
  if (root.version !== EXPORT_VERSION) {
    throw new ImportError(`unsupported export version ${String(root.version).slice(0, 20)}`);
  }
  if (!Array.isArray(root.votes)) throw new ImportError('the file has no list of votes');
  if (root.votes.length > MAX_IMPORT_VOTES) {
    throw new ImportError(`the file has more than ${MAX_IMPORT_VOTES} votes`);
  }
  const byKey = new Map<string, Vote>();
  let rejected = 0;
  for (const record of root.votes) {
    const vote = parseVote(record, now + MAX_CLOCK_SKEW_MS);
    if (!vote) {
      rejected++;
      continue;
    }
    const seen = byKey.get(vote.key);
    if (!seen || vote.updatedAt > seen.updatedAt) byKey.set(vote.key, vote);
  }
  return {
    votes: [...byKey.values()],
    rejected,
    duplicates: root.votes.length - rejected - byKey.size,
  };
}

export type MergeOutcome = 'added' | 'updated' | 'unchanged';

/** What merging `incoming` over the stored vote does: the newer `updatedAt` wins; a tie keeps. */
export function mergeOutcome(existing: Vote | undefined, incoming: Vote): MergeOutcome {
  if (!existing) return 'added';
  return incoming.updatedAt > existing.updatedAt ? 'updated' : 'unchanged';
}
