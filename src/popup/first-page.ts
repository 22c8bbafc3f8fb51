import type { Vote } from '../protocol';

/** Rows per page: enough to fill the popup once and a bit, so the first screen is one call. */
export const PAGE_SIZE = 40;

declare global {
  interface Window {
    /** The first page of the whole history, asked for by popup-head.js; see takeFirstPage. */
    moodmarkFirstPage?: Promise<Vote[]> | undefined;
  }
}

/**
 * Sends the first-page request (the unfiltered history, newest first) and leaves its answer on
 * `page` for the main script. popup.html runs this from its head, so the background is already
 * reading while the main bundle is fetched, parsed and run. It asks for a row more than a page,
 * as the history loader does: that row tells whether more follow.
 */
export function requestFirstPage(
  page: Window,
  listHistory: (query: { limit: number }) => Promise<Vote[]>,
): void {
  const answer = listHistory({ limit: PAGE_SIZE + 1 });
  // Whoever takes the page sees a failure; until then it is not an unhandled rejection.
  answer.catch(() => {});
  page.moodmarkFirstPage = answer;
}

/**
 * The page requestFirstPage asked for, once: undefined when it was taken already or never
 * asked (the head script failed), so the caller asks the background itself.
 */
export function takeFirstPage(page: Window): Promise<Vote[]> | undefined {
  const answer = page.moodmarkFirstPage;
  page.moodmarkFirstPage = undefined;
  return answer;
}
