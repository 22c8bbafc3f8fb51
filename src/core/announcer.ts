/**
 * How long a live region stays empty before words go back in: emptied and refilled within a
 * frame, it has not changed for screen readers (NVDA and JAWS in Chrome), which stay silent on a
 * repeated message. Angular's LiveAnnouncer waits as long for the same reason:
 * https://github.com/angular/components/blob/main/src/cdk/a11y/live-announcer/live-announcer.ts
 */
export const REPEAT_DELAY_MS = 100;

/**
 * Puts `message` in live region `region` after `delayMs` (default 0), the last call for a region
 * winning. An empty message empties the region at once.
 */
export type Announce = (region: HTMLElement, message: string, delayMs?: number) => void;

/** What an announcer keeps of one region. */
interface RegionState {
  /** The message on its way, if one is. */
  timer?: ReturnType<typeof setTimeout>;
  /** When it was last emptied of words, on the announcer's clock. */
  emptiedAt: number;
}

/**
 * An {@link Announce} that has screen readers speak a message again when it is repeated: a region
 * that holds the same words, or is waited on (`delayMs`), is emptied first, and words go in only
 * once it has been empty for REPEAT_DELAY_MS, however soon the next call comes. Other words
 * replace those shown at once. `now` is a monotonic clock in milliseconds (`performance.now`).
 * With `clearAfterMs`, words are taken out again that long after they went in (for words a page
 * must not read for long); without it, they stay until the next call.
 */
export function createAnnouncer(
  now: () => number,
  { clearAfterMs }: { clearAfterMs?: number } = {},
): Announce {
  const regions = new WeakMap<HTMLElement, RegionState>();
  return (region, message, delayMs = 0) => {
    const state = regions.get(region) ?? { emptiedAt: -Infinity };
    regions.set(region, state);
    clearTimeout(state.timer);
    if (region.textContent && (!message || delayMs > 0 || region.textContent === message)) {
      region.textContent = '';
      state.emptiedAt = now();
    }
    if (!message) return;
    const show = () => {
      region.textContent = message;
      if (clearAfterMs === undefined) return;
      state.timer = setTimeout(() => {
        region.textContent = '';
        state.emptiedAt = now();
      }, clearAfterMs);
    };
    const wait = region.textContent
      ? 0
      : Math.max(delayMs, state.emptiedAt + REPEAT_DELAY_MS - now());
    if (wait > 0) state.timer = setTimeout(show, wait);
    else show();
  };
}
