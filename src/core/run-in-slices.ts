/** How {@link runInSlices} reads the time and gives the page its turn. */
export interface SliceHost {
  /** A monotonic clock in milliseconds (`performance.now` in a page). */
  now(): number;
  /** Resolves once the page has had its turn: `scheduler.yield()` where present, else a task. */
  yieldToPage(): Promise<void>;
}

export interface RunInSlicesOptions {
  /** Longest a slice works before yielding to the page. Defaults to {@link SLICE_MS}. */
  sliceMs?: number;
  /** Work time (summed over slices) after which the run gives up. Defaults to {@link WORK_BUDGET_MS}. */
  budgetMs?: number;
  /** Checked after each yield: an aborted run stops there (the page navigated, the watcher stopped). */
  signal?: { readonly aborted: boolean };
  /**
   * Told of each slice's start and end (host clock), for measuring, and the work it counts
   * toward the budget ({@link countedWork}).
   */
  onSlice?: (start: number, end: number, counted: number) => void;
}

/**
 * How long one slice may work. A frame is 16 ms and browsers report tasks over 50 ms as long;
 * under 5 ms leaves the page most of every frame even with the step that overruns the check.
 */
export const SLICE_MS = 4;
/** Work a run may take in all before it gives up on the page (about 30 frames' worth of slices). */
export const WORK_BUDGET_MS = 500;
/**
 * Most a slice counts toward a budget: one frame. A slice that lasts longer lost the thread
 * partway (a busy machine, a background tab among many loading at once): its steps are a few
 * hundred nodes each, so a heavy page shows as many slices, not as long ones.
 */
export const MAX_COUNTED_SLICE_MS = 16;

/**
 * The work a slice from `start` to `end` counts toward a budget. Only the clock is known here, not
 * the thread's own time: a slice stretched by a loaded machine must not make a light page look heavy.
 */
function countedWork(start: number, end: number): number {
  return Math.min(end - start, MAX_COUNTED_SLICE_MS);
}

/** What a run ended with: the steps' result, or why it stopped without one. */
export type SlicedResult<T> =
  { finished: true; value: T } | { finished: false; reason: 'budget' | 'aborted' };

/**
 * Drives `steps` (a generator that yields often, e.g. every few dozen elements it reads) in
 * slices of at most `sliceMs`, yielding to the page between slices, until it returns. Stops
 * early, closing the generator, when the work time passes `budgetMs` or `signal` is aborted.
 */
export async function runInSlices<T>(
  steps: Generator<unknown, T>,
  host: SliceHost,
  { sliceMs = SLICE_MS, budgetMs = WORK_BUDGET_MS, signal, onSlice }: RunInSlicesOptions = {},
): Promise<SlicedResult<T>> {
  let worked = 0;
  for (;;) {
    const start = host.now();
    let step = steps.next();
    while (!step.done && host.now() - start < sliceMs) step = steps.next();
    const end = host.now();
    const counted = countedWork(start, end);
    onSlice?.(start, end, counted);
    if (step.done) return { finished: true, value: step.value };
    worked += counted;
    if (worked >= budgetMs) {
      steps.return(undefined as T);
      return { finished: false, reason: 'budget' };
    }
    await host.yieldToPage();
    if (signal?.aborted) {
      steps.return(undefined as T);
      return { finished: false, reason: 'aborted' };
    }
  }
}

/** Runs `steps` to its end at once, for callers (tests, benchmarks) that need no slices. */
export function drain<T>(steps: Generator<unknown, T>): T {
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}
