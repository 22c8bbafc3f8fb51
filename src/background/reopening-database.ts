import type { DatabaseEvents } from './database';

/**
 * Opens a database lazily and shares the one connection until it fails to open or closes.
 * `open` is called again on the next use after either, so a database the browser closed or
 * deleted (storage cleared), or an open that gave up, never leaves the background stuck: the
 * worker may be stopped at any time, so nothing lives here that is not in IndexedDB.
 */
export function createReopeningDatabase<T>(
  open: (events: DatabaseEvents) => Promise<T>,
): () => Promise<T> {
  let database: Promise<T> | undefined;
  return () => {
    if (database) return database;
    const opening: Promise<T> = open({
      onClosed: () => {
        if (database === opening) database = undefined;
      },
    }).catch((error: unknown) => {
      if (database === opening) database = undefined;
      throw error;
    });
    database = opening;
    return opening;
  };
}
