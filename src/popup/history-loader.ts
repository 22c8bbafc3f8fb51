import type { Reaction } from '../core/reactions';
import type { HistoryCursor, Vote } from '../protocol';

/** What the list shows: votes matching both (an empty query and no reaction: everything). */
export interface HistoryFilter {
  query: string;
  reaction: Reaction | undefined;
}

export interface HistoryLoaderOptions {
  /**
   * Up to `limit` votes for `filter`, newest first, after `after`. The loader asks for one more
   * than a page: that one, not shown, tells it that more follow.
   */
  fetchPage(
    filter: HistoryFilter,
    after: HistoryCursor | undefined,
    limit: number,
  ): Promise<Vote[]>;
  /** The first page for a (new) filter: replace what is shown. */
  showFirstPage(votes: Vote[], filter: HistoryFilter, complete: boolean): void;
  /** A further page: append it. */
  showNextPage(votes: Vote[], complete: boolean): void;
  showError(error: unknown): void;
  /**
   * A further page failed to load (the list shown stays as it is): offer to try again, which
   * `loadMore` does. Without it, `showError`.
   */
  showNextPageError?(error: unknown): void;
  /** Called with true when a request starts and false when its result is shown. */
  setBusy?(busy: boolean): void;
  pageSize: number;
  /**
   * The most votes `fetchPage` may be asked for at once (the background's limit; default: a page
   * and one). A list kept as shown (`reload` with `keepShown`) is read again in requests this
   * large, not page by page: a round trip each 40 rows made an Undo 2,000 rows down slow.
   */
  maxFetch?: number;
  /** How long typing must pause before a search runs. */
  debounceMs: number;
}

export interface HistoryLoader {
  readonly filter: HistoryFilter;
  /** Whether every matching vote is shown. */
  readonly complete: boolean;
  /** Changes the filter; the list follows after `debounceMs` (`immediately`: at once). */
  setFilter(change: Partial<HistoryFilter>, immediately?: boolean): void;
  /**
   * Loads the first page for the current filter again; with `keepShown`, as many pages as it
   * takes to reach the last vote shown before (reading at most a page more than were shown),
   * all shown at once, so that a reader far down a long list keeps their place.
   */
  reload(options?: { keepShown?: boolean }): Promise<void>;
  /**
   * Shows a change at one place of the list without reading the list again (a reload as far down
   * as shown took 40 requests with 20,000 rows loaded): reads up to `limit` votes after `after`
   * (undefined: from the top) for the filter shown, and hands them to `show`, which draws the
   * change where they place it and returns the votes it added to the list, or undefined where
   * they do not show it (then the list is read again, as far down as shown). Where the list shown
   * is not yet the filter's (a reload or search on its way), or a reload is asked for meanwhile,
   * that reload shows the change instead. `settled` waits for it.
   */
  showAt(
    after: HistoryCursor | undefined,
    limit: number,
    show: (votes: Vote[]) => Vote[] | undefined,
  ): Promise<void>;
  /** Resolves once no reload is on its way (the latest one's end), at once when none is. */
  readonly settled: Promise<void>;
  /**
   * Loads the next page, unless one is loading or everything is shown; after one failed, the
   * same page again.
   */
  loadMore(): Promise<void>;
}

/**
 * Pages through the history for the popup. Each filter change starts a new generation; replies
 * to an older one are dropped, so a slow answer for "fe" never replaces the one for "fer".
 */
export function createHistoryLoader(options: HistoryLoaderOptions): HistoryLoader {
  let filter: HistoryFilter = { query: '', reaction: undefined };
  let generation = 0;
  let cursor: HistoryCursor | undefined;
  /**
   * The last vote of the list shown, which `cursor` leaves while a reload is on its way: a reload
   * asked for meanwhile keeps the list down to it too, and a failed one pages on from it.
   */
  let shownLast: HistoryCursor | undefined;
  let complete = false;
  /** How many votes the list was given since its first page. */
  let shownCount = 0;
  /** The generation whose first page the list shows. */
  let shownGeneration: number | undefined;
  /** The generation whose next page is loading: an older one's must not hold up a newer one's. */
  let loadingMore: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const cursorOf = (votes: Vote[]): HistoryCursor | undefined => {
    const last = votes.at(-1);
    return last && { updatedAt: last.updatedAt, key: last.key };
  };

  /**
   * One page of what `fetchPage` answered, and whether more follow: known from the vote past the
   * page, so that a list of exactly a page is complete and never asks for an empty one.
   */
  const fetchPage = async (
    asked: HistoryFilter,
    after: HistoryCursor | undefined,
    count = options.pageSize,
  ) => {
    const fetched = await options.fetchPage(asked, after, count + 1);
    return { page: fetched.slice(0, count), more: fetched.length > count };
  };
  /** Votes read in one request where more than a page is wanted (one more asks whether more follow). */
  const fetchChunk = Math.max(options.pageSize, (options.maxFetch ?? 0) - 1);

  /** Whether `vote` comes before `cursor` in the list (newest first, then by key, descending). */
  const isBefore = (vote: HistoryCursor, cursor: HistoryCursor) =>
    vote.updatedAt > cursor.updatedAt ||
    (vote.updatedAt === cursor.updatedAt && vote.key > cursor.key);

  /** The latest reload, and its generation: one it overtook resolves once it is done. */
  let latestReload: { generation: number; done: Promise<void> } | undefined;

  /**
   * What an overtaken reload resolves with: the newer reload's end, so that its caller finds the
   * list it asked for drawn (an Undo focusing the row it brought back); at once where the newer
   * has not started (a search still being typed).
   */
  const newerReload = (): Promise<void> =>
    latestReload?.generation === generation ? latestReload.done : Promise.resolve();

  function reload(options: { keepShown?: boolean } = {}): Promise<void> {
    const done = reloadNow(options);
    // Its generation was taken as it started, before its first wait.
    latestReload = { generation, done };
    return done;
  }

  async function reloadNow({ keepShown = false }: { keepShown?: boolean }): Promise<void> {
    clearTimeout(timer);
    const mine = ++generation;
    const asked = filter;
    // A filter changed since has no last vote shown: its list starts again at the top.
    const shownThrough = keepShown ? shownLast : undefined;
    // Votes that came in above (an import) move the place down: past as many rows as were shown,
    // and a page, it is given up rather than every row above it read and drawn.
    const keepAtMost = shownCount + options.pageSize;
    // The list shown until the new first page comes is not one to page on from.
    cursor = undefined;
    options.setBusy?.(true);
    try {
      let { page, more } = await fetchPage(asked, undefined);
      const votes = [...page];
      let last = cursorOf(page);
      while (
        shownThrough &&
        last &&
        more &&
        isBefore(last, shownThrough) &&
        votes.length < keepAtMost
      ) {
        if (mine !== generation) return newerReload();
        const count = Math.min(fetchChunk, keepAtMost - votes.length);
        ({ page, more } = await fetchPage(asked, last, count));
        votes.push(...page);
        last = cursorOf(page);
      }
      if (mine !== generation) return newerReload();
      // A request larger than a page may bring rows past the last one shown: they come with
      // the next page, as before, so that the list shows the rows it showed.
      const past = shownThrough ? votes.findIndex((vote) => isBefore(shownThrough, vote)) : -1;
      if (past > 0) {
        votes.length = past;
        more = true;
      }
      cursor = cursorOf(votes);
      shownLast = cursor;
      complete = !more;
      shownCount = votes.length;
      shownGeneration = mine;
      options.showFirstPage(votes, asked, complete);
    } catch (error) {
      if (mine !== generation) return newerReload();
      // Still shown, the list pages on as before: its next page loads when its end is reached.
      cursor = shownLast;
      options.showError(error);
    } finally {
      if (mine === generation) options.setBusy?.(false);
    }
  }

  function showAt(
    after: HistoryCursor | undefined,
    limit: number,
    show: (votes: Vote[]) => Vote[] | undefined,
  ): Promise<void> {
    if (shownGeneration !== generation) return reload({ keepShown: true });
    const mine = generation;
    const done = (async () => {
      options.setBusy?.(true);
      try {
        const votes = await options.fetchPage(filter, after, limit);
        if (mine !== generation) return newerReload();
        const added = show(votes);
        if (!added) return reload({ keepShown: true });
        shownCount += added.length;
        // A vote put at the end of a list shown whole is the one a reload reads down to.
        for (const vote of added) {
          if (!shownLast || isBefore(shownLast, vote)) shownLast = cursor = cursorOf([vote]);
        }
      } catch {
        // The list shown stays; read again, it shows the change, or why it could not be read.
        if (mine !== generation) return newerReload();
        return reload({ keepShown: true });
      } finally {
        if (mine === generation) options.setBusy?.(false);
      }
    })();
    latestReload = { generation: mine, done };
    return done;
  }

  async function loadMore(): Promise<void> {
    if (complete || loadingMore === generation || !cursor) return;
    const mine = generation;
    loadingMore = mine;
    try {
      const { page, more } = await fetchPage(filter, cursor);
      if (mine !== generation) return;
      cursor = cursorOf(page) ?? cursor;
      shownLast = cursor;
      complete = !more;
      shownCount += page.length;
      options.showNextPage(page, complete);
    } catch (error) {
      if (mine !== generation) return;
      if (options.showNextPageError) options.showNextPageError(error);
      else options.showError(error);
    } finally {
      if (loadingMore === mine) loadingMore = undefined;
    }
  }

  return {
    get filter() {
      return filter;
    },
    get complete() {
      return complete;
    },
    get settled() {
      return latestReload?.done ?? Promise.resolve();
    },
    setFilter(change, immediately = false) {
      filter = { ...filter, ...change };
      // Invalidate now: a page still loading for the old filter must not be appended.
      generation++;
      cursor = undefined;
      shownLast = undefined;
      clearTimeout(timer);
      if (immediately) void reload();
      else timer = setTimeout(() => void reload(), options.debounceMs);
    },
    reload,
    showAt,
    loadMore,
  };
}
