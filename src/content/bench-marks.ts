/**
 * Reports a stretch of the content script's own work, from `start` (a `performance.now()` time)
 * to now, as the performance measure `moodmark:<what>`, which `npm run bench:content` reads from
 * the page. Call it only under `if (__BENCH_MARKS__)`: the release compiles it away, so pages
 * never see these entries.
 */
export function reportWork(what: string, start: number): void {
  performance.measure(`moodmark:${what}`, { start, end: performance.now() });
}
